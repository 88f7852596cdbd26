/**
 * Each Caffe layer type the importer maps (src/engine/import/caffe/layers.ts), on small nets written
 * here: the kind it becomes, the shape Caffe gives it (from the layer's own source: crop_layer.cpp,
 * slice_layer.cpp, reshape_layer.cpp, prior_box_layer.cpp, interp_layer.cpp …) and, where Netscope
 * has a case for the type, its count from analyzer.coffee.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel, type Row } from '../../../src/engine/evaluate';
import { importPrototxt } from '../../../src/engine/import/prototxt';

const net = (body: string, dims = [1, 4, 8, 8]) =>
  `name: "t"\ninput: "data"\ninput_shape { ${dims.map((d) => `dim: ${d}`).join(' ')} }\n${body}`;
const layer = (name: string, type: string, bottoms: string | string[], tops: string | string[], extra = '') =>
  `layer { name: "${name}" type: "${type}" ${[bottoms]
    .flat()
    .map((b) => `bottom: "${b}"`)
    .join(' ')} ${[tops]
    .flat()
    .map((t) => `top: "${t}"`)
    .join(' ')} ${extra} }\n`;
const conv = (name: string, bottom: string, out: number, extra = '') =>
  layer(name, 'Convolution', bottom, name, `convolution_param { num_output: ${out} kernel_size: 1 ${extra} }`);

function load(text: string) {
  const r = importPrototxt(text, 't.prototxt');
  if (!r.ok) throw new Error(r.error);
  const result = evaluateModel(r.model, { conventions: ['netscope', 'exact'] });
  expect(result.rows.filter((x) => x.error).map((x) => `${x.name}: ${x.error}`)).toEqual([]);
  const rows = (name: string): Row[] => result.rows.filter((x) => x.name === name || x.name?.startsWith(`${name}.`));
  const row = (name: string): Row => {
    const r0 = rows(name);
    expect(r0.length, `rows of ${name}`).toBeGreaterThan(0);
    return r0[r0.length - 1];
  };
  return { ...r, result, rows, row };
}

describe('Caffe layer types → layer kinds', () => {
  it('ConvolutionDepthwise: one group per input channel', () => {
    const { row } = load(
      net(
        layer('dw', 'ConvolutionDepthwise', 'data', 'dw', 'convolution_param { num_output: 4 kernel_size: 3 pad: 1 }'),
      ),
    );
    expect(row('dw').params_).toMatchObject({ groups: 4 });
    // 3·3 · 8·8 · 4 · 4 / 4 (Netscope's convolution formula with group = C).
    expect(row('dw').counts[0]).toBe(2304n);
    expect(row('dw').params).toBe(4n * 9n + 4n);
  });

  it('ShuffleChannel: a channel shuffle; Slice: one view per top at slice_point or in equal parts', () => {
    const { row, rows } = load(
      net(
        layer('sh', 'ShuffleChannel', 'data', 'sh', 'shuffle_channel_param { group: 2 }') +
          layer('sl', 'Slice', 'sh', ['a', 'b'], 'slice_param { slice_point: 1 }') +
          layer('eq', 'Slice', 'data', ['c', 'd'], 'slice_param { axis: 2 }') +
          conv('ca', 'a', 2) +
          conv('cb', 'b', 2) +
          conv('cc', 'c', 2) +
          conv('cd', 'd', 2),
      ),
    );
    expect(row('sh').type).toBe('channelshuffle');
    expect(rows('sl').map((r) => r.output)).toEqual([
      [1, 8, 8],
      [3, 8, 8],
    ]);
    expect(rows('eq').map((r) => r.output)).toEqual([
      [4, 4, 8],
      [4, 4, 8],
    ]);
  });

  it('Crop: to the second bottom’s H×W from axis 2, at offset (FCN)', () => {
    const { row, rows } = load(
      net(
        layer('up', 'Deconvolution', 'data', 'up', 'convolution_param { num_output: 4 kernel_size: 4 stride: 2 }') +
          layer('crop', 'Crop', ['up', 'data'], 'crop', 'crop_param { axis: 2 offset: 5 }'),
      ),
    );
    expect(row('up').output).toEqual([4, 18, 18]);
    expect(rows('crop').map((r) => [r.type, r.params_?.dim, r.params_?.start, r.params_?.end])).toEqual([
      ['slice', 2, 5, 13],
      ['slice', 3, 5, 13],
    ]);
    expect(row('crop').output).toEqual([4, 8, 8]);
    expect(row('crop').counts[0]).toBe(0n); // Netscope's crop: no computation
  });

  it('Eltwise: SUM, PROD, MAX (maximum), SUM with coefficients 1, −1 (sub) and others (scalar multiplies)', () => {
    const two = (n: string, op: string, extra = '') =>
      layer(n, 'Eltwise', ['a', 'b'], n, `eltwise_param { operation: ${op} ${extra} }`);
    const { row, rows } = load(
      net(
        conv('a', 'data', 4) +
          conv('b', 'data', 4) +
          two('max', 'MAX') +
          two('prod', 'PROD') +
          two('diff', 'SUM', 'coeff: 1 coeff: -1') +
          two('mix', 'SUM', 'coeff: 0.5 coeff: 2') +
          layer('cat', 'Concat', ['max', 'prod', 'diff', 'mix'], 'cat'),
      ),
    );
    expect(row('max').type).toBe('maximum');
    expect(row('prod').type).toBe('mul');
    expect(row('diff').type).toBe('sub');
    expect(rows('mix').map((r) => [r.type, r.params_?.scalar])).toEqual([
      ['mul', 0.5],
      ['mul', 2],
      ['add', undefined],
    ]);
    // Netscope counts every Eltwise as SUM: add = numel = 256 (it never reads the operation).
    for (const n of ['max', 'prod', 'diff']) expect(row(n).counts[0]).toBe(256n);
  });

  it('Axpy (SENet): a · X + Y as the squeeze-excite multiply and the shortcut add', () => {
    const { model, rows } = load(
      net(
        conv('x', 'data', 4) +
          layer('gp', 'Pooling', 'x', 'gp', 'pooling_param { pool: AVE global_pooling: true }') +
          conv('fc', 'gp', 4) +
          layer('sig', 'Sigmoid', 'fc', 'fc') +
          layer('axpy', 'Axpy', ['fc', 'x', 'data'], 'axpy'),
      ),
    );
    expect(model.layers.map((l) => l.type)).toEqual(['residual']);
    expect(rows('axpy').map((r) => r.type)).toEqual(['residual', 'scale']);
    // exact: one multiply and one add per element, 2 · 256.
    expect(rows('axpy').reduce((a, r) => a + r.counts[1], 0n)).toBe(512n);
  });

  it('Reshape (0 copies, −1 inferred), Flatten with axis, Permute (SSD heads)', () => {
    const { row } = load(
      net(
        layer('perm', 'Permute', 'data', 'perm', 'permute_param { order: 0 order: 2 order: 3 order: 1 }') +
          layer('flat', 'Flatten', 'perm', 'flat', 'flatten_param { axis: 1 }') +
          layer('rs', 'Reshape', 'flat', 'rs', 'reshape_param { shape { dim: 0 dim: -1 dim: 2 } }') +
          layer('f2', 'Flatten', 'data', 'f2', 'flatten_param { axis: 2 }'),
      ),
    );
    expect(row('perm').output).toEqual([8, 8, 4]);
    expect(row('flat').output).toEqual([256]);
    expect(row('rs').output).toEqual([128, 2]);
    expect(row('f2').output).toEqual([4, 64]);
  });

  it('Normalize (SSD): l2norm, Netscope’s lrn case with local_size 1 = 5 per element; PriorBox, DetectionOutput not counted with Caffe’s shapes', () => {
    const { row, result } = load(
      net(
        layer(
          'norm',
          'Normalize',
          'data',
          'norm',
          'norm_param { across_spatial: false channel_shared: false scale_filler { value: 20 } }',
        ) +
          layer(
            'pb',
            'PriorBox',
            ['norm', 'data'],
            'pb',
            'prior_box_param { min_size: 30 max_size: 60 aspect_ratio: 2 flip: true }',
          ) +
          layer('det', 'DetectionOutput', ['norm', 'pb'], 'det', 'detection_output_param { keep_top_k: 200 }'),
      ),
    );
    expect(row('norm').type).toBe('l2norm');
    expect(row('norm').params).toBe(4n);
    expect(row('norm').counts[0]).toBe(5n * 256n);
    // Aspect ratios 1, 2, 1/2 and one max size: 4 boxes per position, [2, 8·8·4·4].
    expect(row('pb').output).toEqual([2, 1024]);
    expect(row('det').output).toEqual([1, 200, 7]);
    expect(result.notCounted?.map((i) => result.rows[i].name)).toEqual(['pb', 'det']);
  });

  it('Interp (PSPNet, DeepLab): bilinear to height × width or by zoom_factor', () => {
    const { row } = load(
      net(
        layer('i1', 'Interp', 'data', 'i1', 'interp_param { height: 12 width: 10 }') +
          layer('i2', 'Interp', 'data', 'i2', 'interp_param { zoom_factor: 4 }'),
      ),
    );
    expect([row('i1').params_?.mode, row('i1').output]).toEqual(['bilinear', [4, 12, 10]]);
    // DeepLab's zoom: (in − 1)·(z − 1) + in = 7·3 + 8 = 29.
    expect(row('i2').output).toEqual([4, 29, 29]);
  });

  it('Upsample: YOLO-style by scale; SegNet-style with the pool mask to upsample_h × upsample_w', () => {
    const { row, warnings } = load(
      net(
        layer('pool', 'Pooling', 'data', ['pool', 'mask'], 'pooling_param { pool: MAX kernel_size: 2 stride: 2 }') +
          layer('un', 'Upsample', ['pool', 'mask'], 'un', 'upsample_param { scale: 2 upsample_h: 7 upsample_w: 8 }') +
          layer('up', 'Upsample', 'data', 'up', 'upsample_param { scale: 2 }'),
        [1, 4, 7, 8],
      ),
    );
    expect(row('un').output).toEqual([4, 7, 8]);
    expect(row('up').output).toEqual([4, 14, 16]);
    expect(warnings.join('\n')).toMatch(/un \(Upsample\): max-unpooling/);
  });

  it('BN (SegNet, PSPNet): an affine batch norm; BatchNorm + Scale: one affine batchnorm2d row', () => {
    const { row, rows } = load(
      net(
        layer('bn', 'BN', 'data', 'bn', 'bn_param { bn_mode: INFERENCE }') +
          layer('b2', 'BatchNorm', 'bn', 'bn') +
          layer('s2', 'Scale', 'bn', 'bn', 'scale_param { bias_term: true }'),
      ),
    );
    expect(row('bn').params_).toMatchObject({ affine: true });
    expect(row('b2').params_).toMatchObject({ affine: true });
    expect(rows('s2')).toEqual([]);
  });

  it('Power: scale and shift as scalar multiply and add, a power as the unary kind', () => {
    const { rows, result } = load(
      net(
        layer('p1', 'Power', 'data', 'p1', 'power_param { scale: 0.5 shift: 1 }') +
          layer('p2', 'Power', 'p1', 'p2', 'power_param { power: 2 }'),
      ),
    );
    expect(rows('p1').map((r) => [r.type, r.params_?.scalar])).toEqual([
      ['mul', 0.5],
      ['add', 1],
    ]);
    expect(rows('p2').map((r) => [r.type, r.params_?.op, r.params_?.exponent])).toEqual([['unary', 'pow', 2]]);
    expect(result.notCounted).toEqual([]);
  });

  it('AbsVal, BNLL (softplus), Exp and Log (base e, with scale and shift) as the unary kind', () => {
    const { rows, result } = load(
      net(
        layer('a', 'AbsVal', 'data', 'a') +
          layer('b', 'BNLL', 'a', 'b') +
          layer('e', 'Exp', 'b', 'e', 'exp_param { scale: 2 }') +
          layer('l', 'Log', 'e', 'l'),
      ),
    );
    expect(['a', 'b', 'l'].map((n) => rows(n).map((r) => r.params_?.op))).toEqual([['abs'], ['softplus'], ['log']]);
    expect(rows('e').map((r) => [r.type, r.params_?.op ?? r.params_?.scalar])).toEqual([
      ['mul', 2],
      ['unary', 'exp'],
    ]);
    expect(result.notCounted).toEqual([]);
  });

  it('V1 `layers {}`: SLICE and ELTWISE MAX (LightCNN’s max-feature-map)', () => {
    const { row } = load(
      `input: "data" input_dim: 1 input_dim: 1 input_dim: 8 input_dim: 8
       layers { name: "c" type: CONVOLUTION bottom: "data" top: "c" convolution_param { num_output: 4 kernel_size: 3 pad: 1 } }
       layers { name: "s" type: SLICE bottom: "c" top: "s1" top: "s2" slice_param { slice_dim: 1 } }
       layers { name: "m" type: ELTWISE bottom: "s1" bottom: "s2" top: "m" eltwise_param { operation: MAX } }`,
    );
    expect([row('m').type, row('m').output]).toEqual(['maximum', [2, 8, 8]]);
  });

  it('side outputs: every top nobody reads is an output (HED)', () => {
    const { result } = load(net(conv('a', 'data', 2) + conv('b', 'a', 3) + layer('sa', 'Sigmoid', 'a', 'sa')));
    expect(result.outputs.map((o) => o.shape)).toEqual([
      [3, 8, 8],
      [2, 8, 8],
    ]);
  });

  it('an Input layer with a shape per top; a net without any input size: assumed and said', () => {
    const a = load(
      `layer { name: "in" type: "Input" top: "x" input_param { shape { dim: 2 dim: 3 dim: 5 dim: 5 } } }\n${conv('c', 'x', 4)}`,
    );
    expect([a.model.input, a.model.batch]).toEqual([[3, 5, 5], 2]);
    const b = load(`layer { name: "d" type: "Data" top: "data" top: "label" }\n${conv('c', 'data', 4)}`);
    expect(b.model.input).toEqual([3, 224, 224]);
    expect(b.warnings.join('\n')).toMatch(/states no input size.*assumed/);
  });

  it('types no kind expresses are not-counted rows with Caffe’s shape (Python, ROIPooling, Reorg, Threshold …)', () => {
    const { result, row } = load(
      net(
        layer('py', 'Python', 'data', 'py', 'python_param { module: "m" layer: "L" }') +
          layer('rg', 'Reorg', 'py', 'rg', 'reorg_param { stride: 2 }') +
          layer('bl', 'Threshold', 'rg', 'bl'),
      ),
    );
    expect(row('rg').output).toEqual([16, 4, 4]);
    expect(result.notCounted?.map((i) => result.rows[i].name)).toEqual(['py', 'rg', 'bl']);
  });
});
