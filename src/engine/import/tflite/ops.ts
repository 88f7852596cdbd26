/**
 * TFLite operator → model layers, in FlopLab's channels-first layout (layout.ts). Operator
 * semantics are TensorFlow Lite's builtin ops (tensorflow/lite/kernels; schema.fbs for the
 * options): CONV_2D weights are [O, kh, kw, I] (groups = C / I), DEPTHWISE_CONV_2D weights
 * [1, kh, kw, C·multiplier], TRANSPOSE_CONV takes (output_shape, weights [O, kh, kw, I], input,
 * bias?), FULLY_CONNECTED weights [O, I]. SAME padding that TF splits unevenly becomes a pad
 * layer before the window op, so every output size equals the file's. A fused activation is a
 * layer after the op. Each mapper answers with layers, a join, or why it cannot be mapped (the
 * builder then keeps the op as a "not counted" row with the file's output shape).
 */
import type { LayerSpec } from '../../format/model';
import type { TfliteOp, TfliteTensor } from './decode';
import { f32, fileAxis, flAxis, numel, pair, samePadding, type Layout } from './layout';
import { gather, pad, reduce, resize, slice, split, transpose, view } from './ops-shape';

export type Mapped =
  /** Layers applied to `inputs` (data tensors; default: the op's data inputs, first one leading). */
  | { readonly layers: LayerSpec[]; readonly inputs?: readonly number[] }
  /** A join of the data inputs (add / mul / channel concat), then `then` layers. */
  | { readonly join: 'add' | 'mul' | 'concat'; readonly then: LayerSpec[] }
  /** A binary op with a constant operand of several elements: a parameter layer feeds it. */
  | { readonly constant: number; readonly constShape: number[]; readonly layers: LayerSpec[] }
  | { readonly unsupported: string };

export interface OpContext {
  readonly batch: number;
  tensor(i: number): TfliteTensor;
  /** Computed from the model inputs (not a weight, not shape arithmetic). */
  isData(i: number): boolean;
  /** The tensor's real file shape (batch first). */
  file(i: number): number[];
  /** Its FlopLab shape (layout.ts). */
  fl(i: number): number[];
  layout(i: number): Layout;
  /** Values of a small constant or of worked-out shape arithmetic. */
  values(i: number): number[] | undefined;
  /** The real file shape of output k, when the file or the shape arithmetic says it. */
  outFile(k: number): number[] | undefined;
}

const ACTIVATIONS: Readonly<Record<number, LayerSpec>> = {
  1: { type: 'relu' },
  2: { type: 'opaque', op: 'RELU_N1_TO_1' },
  3: { type: 'relu6' },
  4: { type: 'tanh' },
  5: { type: 'opaque', op: 'SIGN_BIT' },
};

/** fused_activation_function as a layer after the op (RELU_N1_TO_1 and SIGN_BIT: not counted). */
export const fusedActivation = (op: TfliteOp): LayerSpec[] => {
  const a = ACTIVATIONS[(op.options.fusedActivationFunction as number) ?? 0];
  return a ? [{ ...a }] : [];
};

const opt = (op: TfliteOp, k: string, d: number) => (op.options[k] as number | undefined) ?? d;

/** Pad layer (when SAME is uneven) and the window fields of a 2-D conv or pool. */
function window(op: TfliteOp, x: number[], kh: number, kw: number, conv: boolean) {
  const sh = opt(op, 'strideH', 1);
  const sw = opt(op, 'strideW', 1);
  const dh = conv ? opt(op, 'dilationHFactor', 1) : 1;
  const dw = conv ? opt(op, 'dilationWFactor', 1) : 1;
  const [, h, w] = x;
  const same = opt(op, 'padding', 0) === 0;
  const [t, b] = same ? samePadding(h, kh, sh, dh) : [0, 0];
  const [l, r] = same ? samePadding(w, kw, sw, dw) : [0, 0];
  const even = t === b && l === r;
  const pre: LayerSpec[] = even || (!t && !b && !l && !r) ? [] : [{ type: 'pad', pad: [l, r, t, b] }];
  const fields: Record<string, unknown> = {
    kernel: pair(kh, kw),
    stride: pair(sh, sw),
    padding: even ? pair(t, l) : 0,
  };
  if (dh !== 1 || dw !== 1) fields.dilation = pair(dh, dw);
  return { pre, fields };
}

function weights(ctx: OpContext, op: TfliteOp, k: number, rank: number): number[] | string {
  const i = op.inputs[k];
  if (i === undefined || i < 0) return 'no weights';
  if (ctx.isData(i)) return 'the weights are computed at run time';
  const s = ctx.tensor(i).shape;
  return s.length === rank ? s : `the weights are ${s.length}-D, expected ${rank}-D`;
}

const hasInput = (op: TfliteOp, k: number) => (op.inputs[k] ?? -1) >= 0;

function conv(op: TfliteOp, ctx: OpContext, x: number, depthwise: boolean): Mapped {
  const w = weights(ctx, op, 1, 4);
  if (typeof w === 'string') return { unsupported: w };
  const xs = ctx.fl(x);
  if (xs.length !== 3) return { unsupported: `a ${xs.length + 1}-D input (expected NHWC)` };
  const c = xs[0];
  const out = depthwise ? w[3] : w[0];
  const groups = depthwise ? c : c / w[3];
  if (!Number.isInteger(groups) || groups < 1) return { unsupported: `${c} input channels and weights [${w}]` };
  const { pre, fields } = window(op, xs, w[1], w[2], true);
  const spec: Record<string, unknown> = { type: 'conv2d', out, ...fields };
  if (groups !== 1) spec.groups = groups;
  spec.bias = hasInput(op, 2);
  return { layers: [...pre, spec as LayerSpec, ...fusedActivation(op)] };
}

/** Padding and output padding that give the file's output size (PyTorch's rule, dilation 1). */
function transposeConv(op: TfliteOp, ctx: OpContext): Mapped {
  const x = op.inputs[2];
  const w = weights(ctx, op, 1, 4);
  if (typeof w === 'string') return { unsupported: w };
  const out = ctx.outFile(0);
  if (!out || out.length !== 4) return { unsupported: 'the output size is not known' };
  const [, h, wi] = ctx.fl(x);
  const s = [opt(op, 'strideH', 1), opt(op, 'strideW', 1)];
  const k = [w[1], w[2]];
  const pads = [h, wi].map((n, i) => {
    const total = (n - 1) * s[i] + k[i] - out[i + 1];
    const p = Math.ceil(total / 2);
    return [p, 2 * p - total];
  });
  if (pads.some(([p]) => p < 0)) return { unsupported: `an output ${out[1]}×${out[2]} larger than the kernel covers` };
  const spec: Record<string, unknown> = {
    type: 'convtranspose2d',
    out: w[0],
    kernel: pair(k[0], k[1]),
    stride: pair(s[0], s[1]),
    padding: pair(pads[0][0], pads[1][0]),
  };
  if (pads[0][1] || pads[1][1]) spec.output_padding = pair(pads[0][1], pads[1][1]);
  spec.bias = hasInput(op, 3);
  return { layers: [spec as LayerSpec, ...fusedActivation(op)], inputs: [x] };
}

function pool(op: TfliteOp, ctx: OpContext, x: number, type: 'maxpool2d' | 'avgpool2d'): Mapped {
  const xs = ctx.fl(x);
  if (xs.length !== 3) return { unsupported: `a ${xs.length + 1}-D input (expected NHWC)` };
  // TF's average pool leaves padding out of the divisor; the count per window is the same.
  const { pre, fields } = window(op, xs, opt(op, 'filterHeight', 1), opt(op, 'filterWidth', 1), false);
  return { layers: [...pre, { type, ...fields } as LayerSpec, ...fusedActivation(op)] };
}

/**
 * FULLY_CONNECTED flattens its input to rows of I and keeps the rows (or, with keep_num_dims,
 * the leading dims). On a 4-D map with keep_num_dims it is a 1×1 convolution.
 */
function fullyConnected(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const w = weights(ctx, op, 1, 2);
  if (typeof w === 'string') return { unsupported: w };
  const [o, i] = w;
  const bias = hasInput(op, 2);
  const out = ctx.outFile(0);
  if (!out) return { unsupported: 'the output size is not known' };
  if (out.length === 4 && ctx.layout(x) === 'nhwc' && ctx.file(x).length === 4)
    return { layers: [{ type: 'conv2d', out: o, kernel: 1, bias }, ...fusedActivation(op)] };
  const target = [...ctx.fl(op.outputs[0]).slice(0, -1), i];
  const xs = ctx.fl(x);
  const pre: LayerSpec[] =
    xs.length === target.length && xs.every((d, k) => d === target[k])
      ? []
      : target.length === 1
        ? [{ type: 'flatten' }]
        : [{ type: 'reshape', shape: target }];
  const lin: LayerSpec = target.length > 1 ? { type: 'linear', out: o, in: i, bias } : { type: 'linear', out: o, bias };
  return { layers: [...pre, lin, ...fusedActivation(op)] };
}

const BINARY: Readonly<Record<string, 'add' | 'sub' | 'mul' | 'div'>> = {
  ADD: 'add',
  SUB: 'sub',
  MUL: 'mul',
  DIV: 'div',
};

/**
 * Element-wise ops. Two computed operands: add and multiply are joins (a residual, a squeeze-
 * excite scale), sub and div layers taking both. A constant operand of one element is the
 * layer's scalar (Keras's Rescaling, hard sigmoid's + 3 and / 6: no weights, as in Keras); a
 * per-channel constant multiplier is a layer scale; any other constant is a parameter layer.
 */
function binary(op: TfliteOp, ctx: OpContext, data: number[]): Mapped {
  const type = BINARY[op.code];
  const act = fusedActivation(op);
  if (data.length === 2) {
    const [a, b] = data.map((t) => ctx.fl(t));
    const equal = a.length === b.length && a.every((d, k) => d === b[k]);
    if (type === 'mul' || (type === 'add' && equal)) return { join: type, then: act };
    return { layers: [{ type }, ...act] };
  }
  const k = op.inputs.find((t) => t >= 0 && !ctx.isData(t));
  if (k === undefined) return { unsupported: 'no second operand' };
  const c = ctx.tensor(k);
  const n = numel(c.shape);
  if (n === 1) {
    const v = ctx.values(k)?.[0];
    if (v === undefined || !Number.isFinite(v)) return { unsupported: `a ${c.dtype} constant operand` };
    // c − x and c / x are written x − c and x / c here: the same count.
    return { layers: [{ type, scalar: f32(v) }, ...act] };
  }
  const x = ctx.fl(data[0]);
  const rank = ctx.file(data[0]).length;
  if (c.shape.length > rank) return { unsupported: `a constant of ${c.shape.length} dims on a ${rank}-D tensor` };
  // The constant broadcasts from the right, as in NumPy: pad it to the input's rank and read it
  // in the input's layout (a [C] bias of an NHWC map is [C, 1, 1]).
  const padded = [...Array<number>(rank - c.shape.length).fill(1), ...c.shape];
  const cs = padded.slice(1).length ? fileAxisShape(padded, rank, ctx.layout(data[0])) : [1];
  if (type === 'mul' && cs[0] === x[0] && cs.slice(1).every((d) => d === 1) && padded[0] === 1)
    return { layers: [{ type: 'layerscale' }, ...act] };
  if (padded[0] !== 1) return { unsupported: 'a constant that varies along the batch' };
  return { constant: k, constShape: cs, layers: [{ type }, ...act] };
}

/** A padded constant shape (batch first) in FlopLab order, batch left out. */
function fileAxisShape(padded: number[], rank: number, layout: Layout): number[] {
  const out: number[] = [];
  for (let d = 1; d < rank; d++) out.push(padded[fileAxis(d, rank, layout)]);
  return out;
}

function concat(op: TfliteOp, ctx: OpContext, data: number[]): Mapped {
  if (data.length !== op.inputs.filter((t) => t >= 0).length) return { unsupported: 'a constant piece' };
  const rank = ctx.file(data[0]).length;
  const dim = flAxis(opt(op, 'axis', 0), rank, ctx.layout(data[0]));
  if (dim === 0) return { unsupported: 'concatenation along the batch' };
  if (dim === 1 && data.length > 1) return { join: 'concat', then: fusedActivation(op) };
  return { layers: [{ type: 'cat', dim }, ...fusedActivation(op)] };
}

const UNARY: Readonly<Record<string, LayerSpec>> = {
  RELU: { type: 'relu' },
  RELU6: { type: 'relu6' },
  LOGISTIC: { type: 'sigmoid' },
  TANH: { type: 'tanh' },
  HARD_SWISH: { type: 'hardswish' },
  ELU: { type: 'elu' },
  GELU: { type: 'gelu' },
  // Element-wise math: the unary kind (TFLite's SQUARE is x ** 2).
  EXP: { type: 'unary', op: 'exp' },
  LOG: { type: 'unary', op: 'log' },
  SQRT: { type: 'unary', op: 'sqrt' },
  RSQRT: { type: 'unary', op: 'rsqrt' },
  ABS: { type: 'unary', op: 'abs' },
  NEG: { type: 'unary', op: 'neg' },
  SQUARE: { type: 'unary', op: 'pow', exponent: 2 },
  SIN: { type: 'unary', op: 'sin' },
  COS: { type: 'unary', op: 'cos' },
  FLOOR: { type: 'unary', op: 'floor' },
  CEIL: { type: 'unary', op: 'ceil' },
  ROUND: { type: 'unary', op: 'round' },
  SIGN: { type: 'unary', op: 'sign' },
};

/** TFLite integer tensor types → the quantize kind's `dtype`. */
const QUANT_DTYPES: Readonly<Record<string, string>> = { int8: 'int8', uint8: 'uint8', int16: 'int16' };

/**
 * QUANTIZE / DEQUANTIZE (tensorflow/lite/kernels/quantize.cc, dequantize.cc) → the quantize kind:
 * float → integer is mode quantize, integer → float mode dequantize, `dtype` the integer side's
 * type, `per_channel` when that tensor holds more than one scale (12 bytes each: float32 scale,
 * int64 zero point). A QUANTIZE of an integer tensor requantizes it between two scales (int8 → int8
 * in an int8-input model, int16 → int8): one quantize layer of the output's type, the rescale by
 * s_in / s_out in the divide's place (the input zero point's subtract is not counted), one row per
 * op as everywhere in this importer. A DEQUANTIZE of a float16 tensor is a cast: an identity row.
 */
function conversion(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const from = ctx.tensor(x);
  const to = ctx.tensor(op.outputs[0]);
  if (op.code === 'DEQUANTIZE' && !QUANT_DTYPES[from.dtype]) return { layers: [{ type: 'identity' }] };
  const quantize = op.code === 'QUANTIZE';
  const side = quantize ? to : from;
  const dtype = QUANT_DTYPES[side.dtype];
  if (!dtype) return { unsupported: `${op.code} ${quantize ? 'to' : 'from'} ${side.dtype} (only int8, uint8, int16)` };
  const layer = {
    type: 'quantize',
    mode: quantize ? 'quantize' : 'dequantize',
    ...(dtype !== 'int8' ? { dtype } : {}),
    ...(side.quantBytes > 12 ? { per_channel: true } : {}),
  } as LayerSpec;
  return { layers: [layer] };
}

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM (tensorflow/lite/kernels/unidirectional_sequence_lstm.cc): input
 * [B, T, I]; weights input→gate [H, I] ×4 (inputs 1–4) and recurrent [H, H] ×4 (5–8), one bias [H]
 * per gate (12–15): nn.LSTM(batch_first) with Keras's one bias per gate. Peepholes (9–11), CIFG (no
 * input gate), a projection (16–17), layer norm (20–23), time-major input or another activation
 * than tanh have no kind and stay not counted.
 */
function lstm(op: TfliteOp, ctx: OpContext, x: number): Mapped {
  const has = (k: number) => (op.inputs[k] ?? -1) >= 0;
  const weightsIn = [1, 2, 3, 4, 5, 6, 7, 8];
  if (!weightsIn.every((k) => has(k) && !ctx.isData(op.inputs[k]))) return { unsupported: 'CIFG or computed weights' };
  if ([9, 10, 11, 16, 17, 20, 21, 22, 23].some(has)) return { unsupported: 'peepholes, a projection or layer norm' };
  if (op.options.timeMajor || op.options.diagonalRecurrentTensors) return { unsupported: 'time-major or diagonal' };
  if (opt(op, 'fusedActivationFunction', 4) !== 4) return { unsupported: 'a cell activation other than tanh' };
  const biases = [12, 13, 14, 15].filter(has).length;
  if (biases !== 0 && biases !== 4) return { unsupported: `${biases} of 4 gate biases` };
  const [h] = ctx.tensor(op.inputs[5]).shape;
  if (ctx.file(x).length !== 3) return { unsupported: `a ${ctx.file(x).length}-D input (expected [B, T, I])` };
  return { layers: [{ type: 'lstm', hidden: h, bias: biases === 4, single_bias: true }], inputs: [x] };
}

/** Maps output `k` of an op whose data inputs are `data` (in input order). */
export function mapOp(op: TfliteOp, ctx: OpContext, data: number[], k = 0): Mapped {
  const x = data[0];
  const unary = UNARY[op.code];
  if (unary) return { layers: [{ ...unary }] };
  switch (op.code) {
    case 'CONV_2D':
      return conv(op, ctx, x, false);
    case 'DEPTHWISE_CONV_2D':
      return conv(op, ctx, x, true);
    case 'TRANSPOSE_CONV':
      return transposeConv(op, ctx);
    case 'FULLY_CONNECTED':
      return fullyConnected(op, ctx, x);
    case 'AVERAGE_POOL_2D':
      return pool(op, ctx, x, 'avgpool2d');
    case 'MAX_POOL_2D':
      return pool(op, ctx, x, 'maxpool2d');
    case 'ADD':
    case 'SUB':
    case 'MUL':
    case 'DIV':
      return binary(op, ctx, data);
    case 'CONCATENATION':
      return concat(op, ctx, data);
    case 'MEAN':
    case 'SUM':
    case 'REDUCE_MAX':
    case 'REDUCE_MIN':
      return reduce(op, ctx, x);
    case 'RESHAPE':
    case 'SQUEEZE':
    case 'EXPAND_DIMS':
      return view(op, ctx, x);
    case 'TRANSPOSE':
      return transpose(op, ctx, x);
    case 'PAD':
    case 'PADV2':
    case 'MIRROR_PAD':
      return pad(op, ctx, x);
    case 'RESIZE_BILINEAR':
    case 'RESIZE_NEAREST_NEIGHBOR':
      return resize(op, ctx);
    case 'SPLIT':
    case 'SPLIT_V':
      return split(op, ctx, x, k);
    case 'GATHER':
      return gather(op, ctx, data);
    case 'STRIDED_SLICE':
    case 'SLICE':
      return slice(op, ctx, x);
    case 'SOFTMAX': {
      // Over the last file axis: the channels of an NHWC map.
      const rank = ctx.file(x).length;
      return { layers: [{ type: 'softmax', dim: flAxis(-1, rank, ctx.layout(x)) }] };
    }
    case 'LEAKY_RELU':
      return { layers: [{ type: 'leakyrelu', negative_slope: f32(opt(op, 'alpha', 0.2)) }] };
    case 'PRELU': {
      const a = op.inputs[1];
      const n = a >= 0 && !ctx.isData(a) ? numel(ctx.tensor(a).shape) : 0;
      if (n !== 1 && n !== ctx.fl(x)[0]) return { unsupported: `${n} slopes (only 1 or one per channel)` };
      return { layers: [{ type: 'prelu', num_parameters: n }] };
    }
    case 'QUANTIZE':
    case 'DEQUANTIZE':
      return conversion(op, ctx, x);
    case 'UNIDIRECTIONAL_SEQUENCE_LSTM':
      return lstm(op, ctx, x);
    case 'MAXIMUM':
      // Of two computed tensors (max-feature-map); against a constant it has no kind.
      return data.length === 2 ? { layers: [{ type: 'maximum' }] } : { unsupported: 'a maximum with a constant' };
    case 'POW': {
      // x ** c with a constant scalar exponent; a computed exponent has no kind.
      const e = data.length === 1 && op.inputs[0] === x ? ctx.values(op.inputs[1]) : undefined;
      if (e?.length !== 1) return { unsupported: 'an exponent that is not one constant' };
      return { layers: [{ type: 'unary', op: 'pow', exponent: f32(e[0]) }] };
    }
    case 'BATCH_MATMUL': {
      if (op.options.adjX || op.options.adjY) return { unsupported: 'adjoint operands' };
      if (data.length === 2) return { layers: [{ type: 'matmul' }] };
      const w = weights(ctx, op, 1, 2);
      if (typeof w === 'string') return { unsupported: w };
      return { layers: [{ type: 'linear', out: w[1], in: w[0], bias: false }] };
    }
    default:
      return { unsupported: 'no layer kind for this operator' };
  }
}
