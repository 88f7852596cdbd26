/**
 * Caffe prototxt import, checked against Netscope's own rules (dgschwend/netscope @8ae36d8,
 * src/analyzer.coffee, summarised in shared/reference/conventions.md §8): every expected count
 * below is that file's formula for the layer, worked out by hand for the fixture's shapes, and
 * compared with the `netscope` convention on the imported model. N = 2 in the main fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { fixture } from './helpers';

function load(file: string) {
  const r = importPrototxt(readFileSync(fixture(file), 'utf8'), file);
  if (!r.ok) throw new Error(r.error);
  return r;
}
const netscopeRows = (m: Model) => evaluateModel(m, { conventions: ['netscope'] });

// [layer name, netscope count, Caffe parameter count, analyzer.coffee case and the arithmetic]
const EVERY_LAYER: [string, number, number, string][] = [
  ['conv1', 884_736, 448, 'convolution: macc = 3·3 · 32·32 · 3 · 16 · 2 / 1; param 3·3·3·16 + 16'],
  ['bn1', 98_304, 32, 'batchnorm add + div = 2 · 32,768, + scale macc 32,768 (numel 2·16·32·32); γ, β = 2·16'],
  ['relu1', 32_768, 0, 'relu: comp = 32·32·16·2'],
  ['pool1', 73_728, 0, 'pooling MAX: out ceil((32 − 3)/2) + 1 = 16; comp = 16·16 · 3·3 · 16 · 2'],
  ['conv2', 1_179_648, 2_336, 'convolution: 3·3 · 16·16 · 16 · 32 · 2 / 2 (group 2); param 3·3·16·32/2 + 32'],
  ['prelu2', 16_384, 32, 'prelu: comp = 16·16·32·2; Caffe PReLU has one slope per channel'],
  ['add3', 16_384, 0, 'eltwise SUM: add = 16·16·32·2'],
  ['concat3', 0, 0, 'concat: no computation'],
  ['conv3a', 262_144, 528, 'convolution: 1·1 · 16·16 · 32 · 16 · 2; param 32·16 + 16'],
  ['relu3a', 8_192, 0, 'relu (negative_slope 0.1 is still Caffe ReLU): comp = 16·16·16·2'],
  ['conv3b', 2_359_296, 4_624, 'convolution: 3·3 · 16·16 · 32 · 16 · 2; param 3·3·32·16 + 16'],
  ['elu3b', 8_192, 0, 'elu: comp = 16·16·16·2'],
  ['norm3', 147_456, 0, 'lrn: macc 5·n + add n + exp n + div 2n, n = 16·16·32·2 = 16,384'],
  ['se_scale', 16_384, 0, 'scale (2 bottoms, dims of the first): macc = 16·16·32·2'],
  ['se_pool', 16_384, 0, 'pooling AVE global: add = 16·16 · 32 · 2'],
  ['se_fc1', 512, 264, 'convolution: 1·1 · 1·1 · 32 · 8 · 2; param 32·8 + 8'],
  ['se_relu', 16, 0, 'relu: comp = 1·1·8·2'],
  ['se_fc2', 512, 288, 'convolution: 1·1 · 1·1 · 8 · 32 · 2; param 8·32 + 32'],
  ['pool4', 16_384, 0, 'pooling AVE: out ceil((16 − 2)/2) + 1 = 8; add = 8·8 · 2·2 · 32 · 2'],
  ['deconv5', 1_048_576, 8_208, 'deconvolution: out 2·(8−1) + 4 − 2·1 = 16; macc = 32·16·16·16·(4/2)·(4/2)·2'],
  ['drop5', 8_192, 0, 'dropout: comp = 16·16·16·2'],
  ['ip6.flatten', 0, 0, 'innerproduct flattens implicitly (flatten: no computation)'],
  ['ip6', 81_920, 40_970, 'innerproduct: macc = 16·16 · 16 · 10 · 2; param 4096·10 + 10'],
  ['relu6', 20, 0, 'relu6: comp = 1·1·10·2'],
  ['prob', 60, 0, 'softmax: exp + add + div = 3 · 10 · 2'],
];

describe('netscope-every-layer.prototxt vs Netscope’s analyzer.coffee rules', () => {
  const { model, warnings } = load('netscope-every-layer.prototxt');
  const result = netscopeRows(model);
  const byName = new Map(result.rows.map((r) => [r.name, r]));

  it('imports without errors or warnings; input [3, 32, 32], batch 2', () => {
    expect(warnings).toEqual([]);
    expect(result.errors).toBe(0);
    expect(model.input).toEqual([3, 32, 32]);
    expect(model.batch).toBe(2);
  });

  it.each(EVERY_LAYER)('%s: netscope %i, params %i (%s)', (name, count, params) => {
    const row = byName.get(name);
    expect(row, `row ${name}`).toBeDefined();
    expect(row?.counts[0]).toBe(BigInt(count));
    expect(row?.params).toBe(BigInt(params));
  });

  it('every row is in the table, and the total is the sum of Netscope’s counters', () => {
    expect(result.rows.map((r) => r.name).sort()).toEqual(EVERY_LAYER.map((r) => r[0]).sort());
    expect(result.totals.counts[0]).toBe(BigInt(EVERY_LAYER.reduce((s, r) => s + r[1], 0)));
    expect(result.totals.counts[0]).toBe(6_276_192n);
  });

  it('recovers the blocks: residual(concat of two branches), then the squeeze-excite scale', () => {
    const types = model.layers.map((l) => l.type);
    expect(types).toEqual([
      'conv2d',
      'batchnorm2d',
      'relu',
      'maxpool2d',
      'conv2d',
      'prelu',
      'residual',
      'lrn',
      'scale',
      'avgpool2d',
      'convtranspose2d',
      'dropout',
      'flatten',
      'linear',
      'relu6',
      'softmax',
    ]);
    const res = model.layers[6] as unknown as { body: { type: string; branches: unknown[][] }[]; shortcut?: unknown };
    expect(res.body[0].type).toBe('concat');
    expect(res.body[0].branches.map((b) => b.length)).toEqual([2, 2]);
    expect(res.shortcut).toBeUndefined();
  });
});

// Caffe examples/mnist/lenet.prototxt (V1 syntax); counts from analyzer.coffee, N = 1.
const LENET: [string, number, string][] = [
  ['conv1', 288_000, 'convolution: 5·5 · 24·24 · 1 · 20'],
  ['pool1', 11_520, 'pooling MAX: 12·12 · 2·2 · 20'],
  ['flat', 0, 'flatten'],
  ['ip1', 1_440_000, 'innerproduct: 2880 · 500'],
  ['relu1', 500, 'relu: comp 500'],
  ['ip2', 5_000, 'innerproduct: 500 · 10'],
  ['loss', 30, 'softmax_loss counted as softmax: 3 · 10'],
];

describe('caffe-v1-lenet.prototxt: V1 `layers`, enum types, header input_dim', () => {
  const { model, warnings } = load('caffe-v1-lenet.prototxt');
  const rows = netscopeRows(model).rows;
  it('reads the header input and needs no implicit flatten after FLATTEN', () => {
    expect(warnings).toEqual([]);
    expect(model.input).toEqual([1, 28, 28]);
    expect(rows.map((r) => r.name)).toEqual(LENET.map((r) => r[0]));
  });
  it.each(LENET)('%s: %i (%s)', (name, count) => {
    expect(rows.find((r) => r.name === name)?.counts[0]).toBe(BigInt(count));
  });
});

const net = (body: string) => `name: "t"\ninput: "data"\ninput_shape { dim: 1 dim: 4 dim: 8 dim: 8 }\n${body}`;
const layer = (name: string, type: string, bottom: string, top: string, extra = '') =>
  `layer { name: "${name}" type: "${type}" bottom: "${bottom}" top: "${top}" ${extra} }\n`;

describe('prototxt: other layers, phases and data layers', () => {
  it('Data layer with crop_size (3 channels, batch 1 as Netscope assumes); TEST-only and Accuracy layers skipped', () => {
    const r = importPrototxt(
      `layer { name: "d" type: "Data" top: "data" top: "label" include { phase: TRAIN } transform_param { crop_size: 16 } }
       layer { name: "dt" type: "Data" top: "data" top: "label" include { phase: TEST } transform_param { crop_size: 99 } }
       ${layer('c', 'Convolution', 'data', 'c', 'convolution_param { num_output: 4 kernel_size: 3 bias_term: false }')}
       ${layer('bn', 'BatchNorm', 'c', 'c')}
       ${layer('s', 'Sigmoid', 'c', 'c')}
       ${layer('t', 'TanH', 'c', 't')}
       layer { name: "acc" type: "Accuracy" bottom: "t" bottom: "label" top: "acc" include { phase: TEST } }`,
    );
    expect(r.ok && r.model.input).toEqual([3, 16, 16]);
    if (!r.ok) return;
    expect(r.model.batch).toBe(1);
    expect(r.model.layers).toEqual([
      { type: 'conv2d', name: 'c', out: 4, kernel: 3, bias: false },
      { type: 'batchnorm2d', name: 'bn', affine: false },
      { type: 'sigmoid', name: 's' },
      { type: 'tanh', name: 't' },
    ]);
  });

  it('a lone Scale is a layer scale; Split fans out; Eltwise PROD is the squeeze-excite multiply', () => {
    const r = importPrototxt(
      net(
        layer('sc', 'Scale', 'data', 'sc') +
          `layer { name: "sp" type: "Split" bottom: "sc" top: "a" top: "b" }\n` +
          layer('g', 'Pooling', 'b', 'g', 'pooling_param { pool: AVE global_pooling: true }') +
          `layer { name: "m" type: "Eltwise" bottom: "a" bottom: "g" top: "m" eltwise_param { operation: PROD } }`,
      ),
    );
    expect(r.ok && r.model.layers).toEqual([
      { type: 'layerscale', name: 'sc' },
      { type: 'scale', name: 'm', body: [{ type: 'adaptiveavgpool2d', name: 'g', out: 1 }] },
    ]);
  });

  it('says where Netscope sizes a pooling differently (it never drops a window starting in the padding)', () => {
    // conv k2 on 8×8 → 7×7. Pool k2 s2 p1: Netscope ceil((7 + 2 − 2)/2) + 1 = 5 (analyzer.coffee);
    // PyTorch's ceil mode drops the 5th window, (5 − 1)·2 = 8 ≥ 7 + 1, and gives 4 (Caffe too, as p > 0).
    const pool = 'pooling_param { pool: MAX kernel_size: 2 stride: 2 pad: 1 }';
    const r = importPrototxt(
      net(
        layer('c', 'Convolution', 'data', 'c', 'convolution_param { num_output: 4 kernel_size: 2 }') +
          layer('p', 'Pooling', 'c', 'p', pool),
      ),
    );
    expect(r.ok && r.warnings).toEqual([
      "p: Netscope sizes this pooling 5×5; PyTorch's ceil mode gives 4×4, which is what is counted",
    ]);
  });

  it('an unknown layer type is a "not counted" row with its input\'s shape, listed in the warnings', () => {
    const r = importPrototxt(net(layer('p', 'Mystery', 'data', 'p') + layer('r', 'ReLU', 'p', 'p')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings).toEqual([
      'p (Mystery): layer type "Mystery" is not counted (no formula for it); its output is taken to have its input\'s shape',
    ]);
    expect(r.model.layers).toEqual([
      { type: 'opaque', name: 'p', op: 'Mystery' },
      { type: 'relu', name: 'r' },
    ]);
    expect(evaluateModel(r.model).notCounted).toEqual([0]);
  });

  it('a reused output (DenseNet-style) is imported as a graph, each layer counted once', () => {
    const conv = (n: string, b: string) =>
      layer(n, 'Convolution', b, n, 'convolution_param { num_output: 4 kernel_size: 1 }');
    const sum = (n: string, a: string, b: string) =>
      `layer { name: "${n}" type: "Eltwise" bottom: "${a}" bottom: "${b}" top: "${n}" }\n`;
    const r = importPrototxt(net(conv('A', 'data') + conv('B', 'data') + sum('C', 'A', 'B') + sum('D', 'C', 'A')));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.join('\n')).toMatch(/imported as a graph.*"A \(Convolution\)" feeds several branches/);
    expect(r.model.layers.map((l) => [l.type, l.id, l.from])).toEqual([
      ['conv2d', 'A', undefined],
      ['conv2d', 'B', 'data'],
      ['add', 'C', ['A', 'B']],
      ['add', 'D', ['C', 'A']], // D is the net's output (no layer reads it)
    ]);
    const result = evaluateModel(r.model, { conventions: ['netscope', 'exact'] });
    expect(result.errors).toBe(0);
    // Two 1×1 convs 4 → 4 with bias (20 parameters each), two Eltwise sums of 4·8·8 = 256 elements.
    expect(result.totals.params).toBe(40n);
    expect(result.totals.counts).toEqual([2n * 4n * 4n * 64n + 2n * 256n, 2n * (4n * 64n * 8n) + 2n * 256n]);
    expect(result.outputs).toEqual([{ name: 'D', shape: [4, 8, 8] }]);
  });

  it.each([
    ['a syntax error, with its line', 'layer {\n name: "x"\n type: ', /line 3/],
    ['no layers', 'name: "empty"', /has no layers/],
    ['an unterminated string', 'name: "abc', /unterminated string/],
  ])('%s gives a message', (_l, text, msg) => {
    const r = importPrototxt(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
