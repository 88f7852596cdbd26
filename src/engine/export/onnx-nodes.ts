/**
 * ONNX export, node emission: the nodes (and the constants and weight initializers they read) that
 * write one leaf layer, as exporters write it (SiLU as Sigmoid then Mul, rsqrt as Sqrt then
 * Reciprocal, channel shuffle as Reshape → Transpose → Reshape, …). The model walk, the blocks and
 * the graph/protobuf assembly are in onnx.ts, whose writer this code reaches through `NodeSink`.
 */
import type { Shape } from '../format/model';
import { pairOf, type Pair } from '../format/model';
import type { Params } from '../layers/kind';
import { AttrType } from '../import/onnx/schema';
import { float, int, ints, str, type Attr } from './onnx-attrs';
import { say } from '../messages';
import { tensorNodes } from './onnx-nodes-tensor';

export type { Attr } from './onnx-attrs';
export { int } from './onnx-attrs';
/** The ONNX operator of each unary op (pow and rsqrt are written apart). */
const UNARY_ONNX: Readonly<Record<string, string>> = {
  exp: 'Exp',
  log: 'Log',
  sqrt: 'Sqrt',
  reciprocal: 'Reciprocal',
  abs: 'Abs',
  neg: 'Neg',
  erf: 'Erf',
  sin: 'Sin',
  cos: 'Cos',
  atan: 'Atan',
  floor: 'Floor',
  ceil: 'Ceil',
  round: 'Round',
  sign: 'Sign',
  softplus: 'Softplus',
};
const pad4 = (p: unknown): number[] => {
  const [h, w] = pairOf((p ?? 0) as Pair);
  return [h, w, h, w];
};

/** A Constant node's `value`: float ones of `dims`. */
function onesTensor(dims: number[]): Attr {
  const n = dims.reduce((a, b) => a * b, 1);
  const raw = new Uint8Array(new Float32Array(n).fill(1).buffer);
  return { name: 'value', type: AttrType.TENSOR, t: { dims, data_type: 1, raw_data: raw } };
}

/** What node emission needs of the graph writer (onnx.ts): initializers, nodes, warnings. */
export interface NodeSink {
  readonly warnings: string[];
  /** The batch the file is written for (a learned tensor is expanded to it). */
  readonly batch: number;
  /** Values of one copy whatever the batch (learned tensors, [1, …]): expanded where batches must match. */
  readonly unbatched: Set<string>;
  /** Values of booleans (comparisons): cast to float where a kind other than compare or where reads them. */
  readonly bools: Set<string>;
  /** The outputs of a Split already written, by its input and parts (chunk layers taking pieces of one value). */
  readonly splits: Map<string, string[]>;
  /** A weight initializer of `dims` (no data, or zeros); returns its name. */
  weight(base: string, dims: number[]): string;
  /** A constant with values (float32 or int64); returns its name. */
  constant(base: string, values: number[], type: 'float' | 'int64', dims?: number[]): string;
  /** A zero point of `count` zeros of an integer type; returns its name. */
  zeroPoint(dtype: string, count: number): string;
  /** Adds a node; returns its output names. */
  op(opType: string, inputs: string[], base: string, attribute?: Attr[], outputs?: number, name?: string): string[];
}

/** One leaf layer written through `w`; returns its output value, or "!reason". */
export function leafNodes(
  w: NodeSink,
  type: string,
  p: Params,
  x: string,
  inp: Shape,
  out: Shape,
  label: string,
  name: string | undefined,
  ins: readonly (readonly [string, Shape])[],
): string {
  const one = (opType: string, attrs: Attr[] = [], extra: string[] = []) =>
    w.op(opType, [x, ...extra], label, attrs, 1, name)[0];
  const [C, H, W] = inp;
  const window = (kernel: Pair, stride: Pair | undefined, padding: unknown) => {
    const [kh, kw] = pairOf(kernel);
    const attrs = [ints('kernel_shape', [kh, kw]), ints('strides', pairOf(stride ?? kernel))];
    return padding === 'same' ? [...attrs, str('auto_pad', 'SAME_UPPER')] : [...attrs, ints('pads', pad4(padding))];
  };
  switch (type) {
    case 'conv2d':
    case 'convtranspose2d': {
      const g = p.groups as number;
      const [kh, kw] = pairOf(p.kernel as Pair);
      const o = p.out as number;
      const wDims = type === 'conv2d' ? [o, C / g, kh, kw] : [C, o / g, kh, kw];
      const ins = [w.weight(`${label}.weight`, wDims), ...(p.bias ? [w.weight(`${label}.bias`, [o])] : [])];
      const attrs = [
        ...window(p.kernel as Pair, p.stride as Pair, p.padding),
        ints('dilations', pairOf(p.dilation as Pair)),
        int('group', g),
      ];
      if (type === 'convtranspose2d') attrs.push(ints('output_padding', pairOf(p.output_padding as Pair)));
      return one(type === 'conv2d' ? 'Conv' : 'ConvTranspose', attrs, ins);
    }
    case 'linear': {
      const o = p.out as number;
      const i = inp[inp.length - 1];
      if (inp.length === 1) {
        const ins = [w.weight(`${label}.weight`, [o, i]), ...(p.bias ? [w.weight(`${label}.bias`, [o])] : [])];
        return one('Gemm', [int('transB', 1)], ins);
      }
      // On more dims, as torch.onnx writes nn.Linear: MatMul by the [I, O] weight on the last
      // dim, then Add of the bias vector (read back as one linear layer).
      if (!p.bias) return one('MatMul', [], [w.weight(`${label}.weight`, [i, o])]);
      const y = w.op('MatMul', [x, w.weight(`${label}.weight`, [i, o])], label)[0];
      return w.op('Add', [y, w.weight(`${label}.bias`, [o])], label, [], 1, name)[0];
    }
    case 'reshape':
      // A leading 0 copies the batch (allowzero unset).
      return one('Reshape', [], [w.constant('shape', [0, ...(p.shape as number[])], 'int64')]);
    case 'permute':
      return one('Transpose', [
        ints(
          'perm',
          (p.dims as number[]).map((d) => (d < 0 ? d + inp.length + 1 : d)),
        ),
      ]);
    case 'batchnorm2d':
      if (!p.affine) w.warnings.push(say('export.bnAffine', { label }));
      return one(
        'BatchNormalization',
        [],
        ['scale', 'bias', 'mean', 'var'].map((k) => w.weight(`${label}.${k}`, [C])),
      );
    case 'layernorm': {
      // Over the last k dims (axis −k: tokens, channels-last, nn.LayerNorm([C, H, W])), or on [C, H, W] over the
      // channels as torchvision's LayerNorm2d computes it: permute to channels-last, LayerNormalization over C,
      // permute back (ONNX needs Scale over the dims from the axis on, so axis 1 with a [C] Scale is no valid file).
      const k = (p.dims as number | undefined) ?? 1;
      const channels = k === 1 && inp.length === 3 && p.last !== true;
      const dims = k > 1 ? inp.slice(-k) : [channels ? C : inp[inp.length - 1]];
      // Scale is required: without affine, a Constant node of ones and no B, as torch.onnx writes it.
      const ins = p.affine
        ? [w.weight(`${label}.weight`, dims), w.weight(`${label}.bias`, dims)]
        : [w.op('Constant', [], `${label}.ones`, [onesTensor(dims)])[0]];
      if (!channels) return one('LayerNormalization', [int('axis', -k)], ins);
      const nhwc = w.op('Transpose', [x], label, [ints('perm', [0, 2, 3, 1])])[0];
      const normed = w.op('LayerNormalization', [nhwc, ...ins], label, [int('axis', -1)])[0];
      return w.op('Transpose', [normed], label, [ints('perm', [0, 3, 1, 2])], 1, name)[0];
    }
    case 'lrn':
      return one('LRN', [
        int('size', p.size as number),
        float('alpha', p.alpha as number),
        float('beta', p.beta as number),
        float('bias', p.k as number),
      ]);
    case 'maxpool2d':
    case 'avgpool2d': {
      const attrs = [
        ...window(p.kernel as Pair, p.stride as Pair | undefined, p.padding),
        int('ceil_mode', p.ceil ? 1 : 0),
        // Dilations (MaxPool opset ≥ 10, AveragePool ≥ 19); written only when set, so other files stay as they were.
        ...(p.dilation !== undefined && p.dilation !== 1 ? [ints('dilations', pairOf(p.dilation as Pair))] : []),
      ];
      return one(
        type === 'maxpool2d' ? 'MaxPool' : 'AveragePool',
        type === 'avgpool2d' ? [...attrs, int('count_include_pad', 1)] : attrs,
      );
    }
    case 'adaptiveavgpool2d':
    case 'adaptivemaxpool2d': {
      const max = type === 'adaptivemaxpool2d';
      if (out[1] === 1 && out[2] === 1) return one(max ? 'GlobalMaxPool' : 'GlobalAveragePool');
      if (H % out[1] || W % out[2]) return '!' + say('export.noFixedWindow', { h: H, w: W, oh: out[1], ow: out[2] });
      w.warnings.push(say('export.adaptiveFixed', { label, h: out[1], w: out[2] }));
      const k: [number, number] = [H / out[1], W / out[2]];
      return one(max ? 'MaxPool' : 'AveragePool', window(k, k, 0));
    }
    case 'flatten':
      if (out.length !== 1)
        return '!' + say('export.flatten2d', { start: String(p.start), end: String(p.end), n: out.length });
      return one('Flatten', [int('axis', 1)]);
    case 'relu':
      return one('Relu');
    case 'relu6':
      return one('Clip', [], [w.constant('zero', [0], 'float', []), w.constant('six', [6], 'float', [])]);
    case 'leakyrelu':
      return one('LeakyRelu', [float('alpha', p.negative_slope as number)]);
    case 'prelu': {
      const k = p.num_parameters as number;
      return one('PRelu', [], [w.weight(`${label}.weight`, k === 1 ? [1] : [k, 1, 1])]);
    }
    case 'elu':
      return one('Elu', [float('alpha', p.alpha as number)]);
    case 'sigmoid':
      return one('Sigmoid');
    case 'tanh':
      return one('Tanh');
    case 'hardswish':
      return one('HardSwish');
    case 'hardsigmoid':
      return one('HardSigmoid', [float('alpha', 1 / 6), float('beta', 0.5)]);
    case 'silu':
      return w.op('Mul', [x, w.op('Sigmoid', [x], label)[0]], label, [], 1, name)[0];
    case 'gelu': {
      // One node where the model says so, and for the tanh form (torch.onnx writes it as one node at opset 20).
      if (p.fused || p.approximate === 'tanh')
        return one('Gelu', p.approximate === 'tanh' ? [str('approximate', 'tanh')] : []);
      // As torch.onnx (opset 17) writes nn.GELU, the form the onnx-tool convention counts (7 per
      // element; one Gelu node is 34): x · (1 + erf(x / √2)) · ½. The importer reads it back as gelu.
      const c = (k: string, v: number) => w.constant(k, [v], 'float', []);
      const scaled = w.op('Div', [x, c('sqrt2', Math.SQRT2)], label)[0];
      const plus = w.op('Add', [w.op('Erf', [scaled], label)[0], c('one', 1)], label)[0];
      const times = w.op('Mul', [x, plus], label, [], 1, name)[0];
      return w.op('Mul', [times, c('half', 0.5)], label)[0];
    }
    case 'mean': {
      // ReduceMean (opset 18+): the axes are an input; dims as written count the batch as 0.
      const full = inp.length + 1;
      const axes = (p.dims as number[]).map((d) => (d < 0 ? d + full : d));
      return one('ReduceMean', [int('keepdims', p.keepdim ? 1 : 0)], [w.constant('axes', axes, 'int64')]);
    }
    case 'clamp': {
      // Clip (opset ≥ 11): bounds as inputs, '' for the one left out.
      const bound = (k: string) => (p[k] === undefined ? '' : w.constant(k, [p[k] as number], 'float', []));
      return one('Clip', [], [bound('min'), bound('max')]);
    }
    case 'softmax':
    case 'logsoftmax':
      return one(type === 'softmax' ? 'Softmax' : 'LogSoftmax', [
        int('axis', (p.dim as number) < 0 ? (p.dim as number) + inp.length + 1 : (p.dim as number)),
      ]);
    case 'hardmax':
      return one('Hardmax', [
        int('axis', (p.dim as number) < 0 ? (p.dim as number) + inp.length + 1 : (p.dim as number)),
      ]);
    case 'lpnorm': {
      const axis = (p.dim as number) < 0 ? (p.dim as number) + inp.length + 1 : (p.dim as number);
      if (p.clamp === false) return one('LpNormalization', [int('axis', axis), int('p', Number(p.p ?? '2'))]);
      // F.normalize as torch.onnx writes it: the norm kept as a dim, clamped to eps, x divided by it.
      const reduce = p.p === '1' ? 'ReduceL1' : 'ReduceL2';
      const norm = w.op(reduce, [x, w.constant('axes', [axis], 'int64')], label, [int('keepdims', 1)])[0];
      const clamped = w.op('Clip', [norm, w.constant('eps', [1e-12], 'float', [])], label)[0];
      return w.op('Div', [x, clamped], label, [], 1, name)[0];
    }
    case 'dropout':
      return one('Dropout', [], [w.constant('ratio', [p.p as number], 'float', [])]);
    case 'identity':
      // The node it was read from (a Clip without bounds, a Max / Min of one input): the same count again.
      // A no-op Reduce* is written as one again: an empty axes list, noop_with_empty_axes (opset 18+).
      if (typeof p.onnx_op === 'string' && p.onnx_op.startsWith('Reduce'))
        return one(p.onnx_op, [int('noop_with_empty_axes', 1)], [w.constant('axes', [], 'int64')]);
      return one(p.onnx_op && p.onnx_op !== 'none' ? (p.onnx_op as string) : 'Identity');
    case 'shapeops': // an imported file's shape arithmetic (onnx-tool counts it): nothing to compute
      return one('Identity');
    case 'layerscale':
      return one('Mul', [], [w.weight(`${label}.gamma`, [C, 1, 1])]);
    case 'upsample': {
      // ONNX Resize modes: nearest, linear (1-D, bilinear, trilinear), cubic.
      const m = p.mode as string;
      const mode = str('mode', m === 'nearest' ? 'nearest' : m === 'bicubic' ? 'cubic' : 'linear');
      // Sizes of the spatial axes only (Resize's axes, opset 18): the batch, symbolic or not, is left as it is.
      const axes = ints(
        'axes',
        out.slice(1).map((_d, i) => i + 2),
      );
      if (p.size !== undefined)
        return one('Resize', [mode, axes], ['', '', w.constant('sizes', out.slice(1), 'int64')]);
      const s = p.scale as number;
      return one('Resize', [mode], ['', w.constant('scales', [1, 1, ...inp.slice(1).map(() => s)], 'float')]);
    }
    case 'channelshuffle': {
      const g = p.groups as number;
      const split = w.op('Reshape', [x, w.constant('shape', [0, g, C / g, H, W], 'int64')], label)[0];
      const t = w.op('Transpose', [split], label, [ints('perm', [0, 2, 1, 3, 4])], 1, name)[0];
      return w.op('Reshape', [t, w.constant('shape', [0, C, H, W], 'int64')], label)[0];
    }
    case 'chunk': {
      const n = p.chunks as number;
      const size = Math.ceil(C / n);
      const parts: number[] = [];
      for (let from = 0; from < C; from += size) parts.push(Math.min(size, C - from));
      // One Split per value and parts, however many chunk layers take its pieces (YOLO's C2f takes both):
      // as torch.onnx writes x.chunk(2), so the file reads back with one Split, not one per piece.
      const key = `${x}|${parts.join(',')}`;
      let outs = w.splits.get(key);
      if (!outs) {
        outs = w.op('Split', [x, w.constant('split', parts, 'int64')], label, [int('axis', 1)], parts.length, name);
        w.splits.set(key, outs);
      }
      return outs[p.index as number] ?? '!chunk index out of range';
    }
    case 'conv1d':
    case 'conv3d':
    case 'convtranspose1d':
    case 'convtranspose3d': {
      const r = inp.length - 1;
      const list = (v: unknown, d: number): number[] =>
        typeof v === 'number'
          ? Array<number>(r).fill(v)
          : r === 3 && (v as number[]).length === 1
            ? Array<number>(3).fill((v as number[])[0])
            : ((v as number[] | undefined) ?? Array<number>(r).fill(d));
      const k = list(p.kernel, 1);
      const g = p.groups as number;
      const o = p.out as number;
      if (p.padding === 'same') return '!' + say('export.conv1dSame');
      const pads = list(p.padding, 0);
      const t = type.startsWith('convtranspose');
      // Conv W [O, I/g, k…]; ConvTranspose W [I, O/g, k…] with its output_padding.
      const wDims = t ? [C, o / g, ...k] : [o, C / g, ...k];
      const ins = [w.weight(`${label}.weight`, wDims), ...(p.bias ? [w.weight(`${label}.bias`, [o])] : [])];
      const extra = t ? [ints('output_padding', list(p.output_padding, 0))] : [];
      return one(
        t ? 'ConvTranspose' : 'Conv',
        [
          ints('kernel_shape', k),
          ints('strides', list(p.stride, 1)),
          ints('pads', [...pads, ...pads]),
          ints('dilations', list(p.dilation, 1)),
          int('group', g),
          ...extra,
        ],
        ins,
      );
    }
    case 'maxpool1d':
    case 'avgpool1d':
    case 'maxpool3d':
    case 'avgpool3d': {
      const r = inp.length - 1;
      const list = (v: unknown): number[] =>
        typeof v === 'number'
          ? Array<number>(r).fill(v)
          : (v as number[]).length === 1
            ? Array<number>(r).fill((v as number[])[0])
            : (v as number[]);
      const k = list(p.kernel);
      const pads = list(p.padding ?? 0);
      const max = type.startsWith('max');
      const attrs = [
        ints('kernel_shape', k),
        ints('strides', list(p.stride ?? p.kernel)),
        ints('pads', [...pads, ...pads]),
        int('ceil_mode', p.ceil ? 1 : 0),
        // Dilations (MaxPool opset ≥ 10, AveragePool ≥ 19) written only when set.
        ...(p.dilation !== undefined && list(p.dilation).some((d) => d !== 1)
          ? [ints('dilations', list(p.dilation))]
          : []),
        ...(max ? [] : [int('count_include_pad', 1)]),
      ];
      return one(max ? 'MaxPool' : 'AveragePool', attrs);
    }
    case 'unary': {
      // rsqrt has no ONNX operator: Sqrt, then Reciprocal (read back as those two unary layers).
      const op = p.op as string;
      if (op === 'rsqrt') return w.op('Reciprocal', [w.op('Sqrt', [x], label)[0]], label, [], 1, name)[0];
      if (op === 'pow')
        return one('Pow', [], [w.constant('exponent', [(p.exponent as number | undefined) ?? 2], 'float', [])]);
      return one(UNARY_ONNX[op]);
    }
    case 'quantize': {
      // Scale 1 and zero point 0 (calibration sets them; no count depends on their values), one
      // per channel along axis 1 with per_channel. int16 is QuantizeLinear's type from opset 21.
      // A blocked scale has x's shape, the batch dim included: no file that runs at any batch holds it.
      if (Number(p.block_size ?? 0) > 0) return '!' + say('export.quantizeBlocked');
      const count = p.per_channel ? C : 1;
      const scale = w.constant(
        'scale',
        Array.from({ length: count }, () => 1),
        'float',
        count > 1 ? [count] : [],
      );
      const zero = w.zeroPoint(p.dtype as string, count);
      if (p.dtype === 'int16') w.warnings.push(say('export.int16', { label }));
      const op = p.mode === 'dequantize' ? 'DequantizeLinear' : 'QuantizeLinear';
      return one(op, count > 1 ? [int('axis', 1)] : [], [scale, zero]);
    }
    case 'instancenorm':
      if (!p.affine) w.warnings.push(say('export.instanceAffine', { label }));
      return one('InstanceNormalization', [], [w.weight(`${label}.scale`, [C]), w.weight(`${label}.B`, [C])]);
    default:
      return tensorNodes(w, type, p, ins, out, label, name);
  }
}
