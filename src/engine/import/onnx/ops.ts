/**
 * ONNX operator → model layers (operator semantics from the ONNX operator docs, onnx/docs/
 * Operators.md). Each mapper reads the node's attributes and its constant inputs (weights give
 * channel counts: Conv W is [O, I/g, kh, kw], ConvTranspose W is [I, O/g, kh, kw], Gemm B is
 * [O, I] with transB = 1) and answers with layers, a join, or why it cannot be mapped.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode, OnnxTensor } from './decode';
import { einsumOp, gather, padOp, reduceOp, resize, sliceOp, split, squeezeOp } from './ops-shape';
import { unaryOp } from './unary-ops';
import { activationOp } from './activation-ops';
import { quantizeOp } from './quant-ops';
import { mathOp } from './math-ops';
import { say } from '../../messages';

export type Mapped =
  /** `all`: the (first) layer takes every data input of the node (sub, div, matmul of two tensors). */
  | { readonly layers: LayerSpec[]; readonly warning?: string; readonly all?: boolean }
  | { readonly join: 'add' | 'mul' | 'concat' }
  | { readonly unsupported: string };

export interface OpContext {
  /** Constant tensor behind an input name (initializer or Constant node), if any. */
  constant(name: string | undefined): OnnxTensor | undefined;
  /** Number of data (non-constant) inputs of the node. */
  readonly dataInputs: number;
  /** Rank of the first data input without the batch, where known. */
  readonly rank?: number | undefined;
  /** The batch of the graph input. */
  readonly batch?: number;
  /** Shape of the first data input without the batch, where known. */
  readonly shape?: readonly number[] | undefined;
  /** The file's ai.onnx opset (0 when it names none): defaults that changed across opsets. */
  readonly opset?: number;
  /**
   * Shape of another input: a run-time constant's full shape (batched false), or a data value's
   * shape without the batch it carries (batched true); undefined where unknown.
   */
  valueShape?(name: string): { readonly shape: readonly number[]; readonly batched: boolean } | undefined;
}

const attr = (n: OnnxNode, k: string) => n.attrs.get(k);
const int = (n: OnnxNode, k: string, d: number) => attr(n, k)?.i ?? d;
const ints = (n: OnnxNode, k: string) => attr(n, k)?.ints;
const float = (n: OnnxNode, k: string, d: number) => attr(n, k)?.f ?? d;
const str = (n: OnnxNode, k: string, d: string) => attr(n, k)?.s ?? d;
const pair = (h: number, w: number): number | [number, number] => (h === w ? h : [h, w]);
/** Rounds float32 attribute values (0.2 is stored as 0.200000003) to 7 significant digits. */
const f32 = (v: number) => Number(v.toPrecision(7));

/**
 * kernel/stride/padding/dilation of a 2-D windowed op. Padding the op cannot hold (asymmetric
 * pads [t, l, b, r], SAME_UPPER / SAME_LOWER with a stride, computed from the input size as ONNX
 * defines it) comes back as `prePad`, F.pad's [l, r, t, b], for a pad layer before the op: the
 * output size is then exactly the file's and the op's count is unchanged (it depends on the
 * output size). A pool's padding above half its (dilated) kernel, which ONNX allows and PyTorch's
 * pools do not, comes back as `prePad` too. Without a known input size SAME with a stride is
 * approximated, with a warning.
 */
function windowFields(
  n: OnnxNode,
  kernel: number[] | undefined,
  warn: string[],
  input?: readonly number[],
  pool = false,
): (Record<string, unknown> & { prePad?: number[] }) | string {
  if (!kernel || kernel.length !== 2) return `${n.opType} over ${kernel?.length ?? '?'} spatial dimensions (only 2-D)`;
  const strides = ints(n, 'strides') ?? [1, 1];
  const dil = ints(n, 'dilations') ?? [1, 1];
  const auto = str(n, 'auto_pad', 'NOTSET');
  let pads = ints(n, 'pads') ?? [0, 0, 0, 0];
  if (auto === 'VALID') pads = [0, 0, 0, 0];
  else if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
    if (input?.length === 3) {
      // ONNX: total = max((ceil(in / s) − 1)·s + (k − 1)·d + 1 − in, 0); SAME_UPPER puts the odd one at the end.
      const total = [0, 1].map((a) =>
        Math.max(
          (Math.ceil(input[a + 1] / strides[a]) - 1) * strides[a] + (kernel[a] - 1) * dil[a] + 1 - input[a + 1],
          0,
        ),
      );
      const small = total.map((t) => (auto === 'SAME_UPPER' ? Math.floor(t / 2) : Math.ceil(t / 2)));
      pads = [small[0], small[1], total[0] - small[0], total[1] - small[1]];
    } else {
      if (strides.some((v) => v !== 1)) warn.push(`${auto} padding with stride > 1 is approximated by half the kernel`);
      const half = [0, 1].map((a) => Math.floor((dil[a] * (kernel[a] - 1)) / 2));
      pads = [half[0], half[1], half[0], half[1]];
    }
  }
  const [t, l, b, r] = pads;
  const base = {
    kernel: pair(kernel[0], kernel[1]),
    stride: pair(strides[0], strides[1]),
    ...(dil[0] !== 1 || dil[1] !== 1 ? { dilation: pair(dil[0], dil[1]) } : {}),
  };
  const wide = pool && [t, l].some((v, a) => v > Math.floor((dil[a] * (kernel[a] - 1) + 1) / 2));
  if (t === b && l === r && !wide) return { ...base, padding: pair(t, l) };
  return { ...base, padding: 0, prePad: [l, r, t, b] };
}

/** The op's layers, after a pad layer when its padding is asymmetric (windowFields' prePad). */
function withPrePad(win: { prePad?: number[] }, spec: Record<string, unknown>): LayerSpec[] {
  const op: Record<string, unknown> = { ...spec };
  delete op.prePad;
  return win.prePad ? [{ type: 'pad', pad: win.prePad } as LayerSpec, op as LayerSpec] : [op as LayerSpec];
}

/**
 * kernel/stride/padding/dilation of a 1-D or 3-D window: numbers for 1-D (conv1d, pool1d), lists
 * for 3-D; asymmetric padding is rounded down with a warning, as in 2-D.
 */
function ndWindowFields(n: OnnxNode, kernel: number[], warn: string[]): Record<string, unknown> | string {
  const r = kernel.length;
  const strides = ints(n, 'strides') ?? kernel.map(() => 1);
  const dil = ints(n, 'dilations') ?? kernel.map(() => 1);
  const pads = ints(n, 'pads') ?? kernel.map(() => 0).concat(kernel.map(() => 0));
  const auto = str(n, 'auto_pad', 'NOTSET');
  if (auto !== 'NOTSET' && auto !== 'VALID') return `${n.opType} with ${auto} padding over ${r} spatial dims`;
  const padding = kernel.map((_k, i) => {
    const [a, b] = auto === 'VALID' ? [0, 0] : [pads[i], pads[i + r]];
    if ((a + b) % 2)
      warn.push(`asymmetric padding [${pads.join(', ')}] is rounded down to the same padding on both sides`);
    return Math.floor((a + b) / 2);
  });
  const one = (v: number[]) => (r === 1 ? v[0] : v);
  return {
    kernel: one(kernel),
    stride: one(strides),
    padding: one(padding),
    ...(dil.some((d) => d !== 1) ? { dilation: one(dil) } : {}),
  };
}

/** Conv over 1 or 3 spatial dims: conv1d / conv3d (transposed ones have no kind). */
function convNd(n: OnnxNode, w: { dims: number[] }, transposed: boolean): Mapped {
  const kernel = ints(n, 'kernel_shape')?.map(Number) ?? w.dims.slice(2);
  if (transposed) return { unsupported: `ConvTranspose over ${kernel.length} spatial dims (only 2-D)` };
  const warn: string[] = [];
  const win = ndWindowFields(n, kernel, warn);
  if (typeof win === 'string') return { unsupported: win };
  const spec = {
    type: kernel.length === 1 ? 'conv1d' : 'conv3d',
    out: w.dims[0],
    ...win,
    groups: int(n, 'group', 1),
    bias: !!n.inputs[2],
  };
  return { layers: [spec as LayerSpec], ...(warn.length ? { warning: warn.join('; ') } : {}) };
}

function conv(n: OnnxNode, ctx: OpContext, transposed: boolean): Mapped {
  const w = ctx.constant(n.inputs[1]);
  if (w && (w.dims.length === 3 || w.dims.length === 5)) return convNd(n, w, transposed);
  if (!w || w.dims.length !== 4) return { unsupported: 'the weight is not a constant 3-, 4- or 5-D tensor' };
  const warn: string[] = [];
  const win = windowFields(n, ints(n, 'kernel_shape') ?? w.dims.slice(2), warn, transposed ? undefined : ctx.shape);
  if (typeof win === 'string') return { unsupported: win };
  if (transposed && win.prePad)
    return { unsupported: `ConvTranspose with asymmetric pads [${(ints(n, 'pads') ?? []).join(', ')}]` };
  const groups = int(n, 'group', 1);
  const spec: Record<string, unknown> = {
    type: transposed ? 'convtranspose2d' : 'conv2d',
    out: transposed ? w.dims[1] * groups : w.dims[0],
    ...win,
    groups,
    bias: !!n.inputs[2],
  };
  if (transposed) {
    const op = ints(n, 'output_padding');
    if (op && op.some((v) => v)) spec.output_padding = pair(op[0], op[1]);
    if (win.padding === 'same') spec.padding = 0;
    if (ints(n, 'output_shape')) warn.push('output_shape is ignored; the size follows from stride and padding');
  }
  return { layers: withPrePad(win, spec), ...(warn.length ? { warning: warn.join('; ') } : {}) };
}

function pool(n: OnnxNode, type: 'maxpool2d' | 'avgpool2d', input?: readonly number[]): Mapped {
  const kernel = ints(n, 'kernel_shape')?.map(Number);
  if (kernel && (kernel.length === 1 || kernel.length === 3)) {
    const warn: string[] = [];
    const win = ndWindowFields(n, kernel, warn);
    if (typeof win === 'string') return { unsupported: win };
    // Of the 1-D and 3-D pools, only maxpool1d holds dilations.
    if (win.dilation && (type !== 'maxpool2d' || kernel.length !== 1)) return { unsupported: 'pooling with dilation' };
    const nd = `${type.slice(0, -2)}${kernel.length}d`;
    const spec = { type: nd, ...win, ...(int(n, 'ceil_mode', 0) ? { ceil: true } : {}) };
    return { layers: [spec as LayerSpec], ...(warn.length ? { warning: warn.join('; ') } : {}) };
  }
  const warn: string[] = [];
  const win = windowFields(n, ints(n, 'kernel_shape'), warn, input, true);
  if (typeof win === 'string') return { unsupported: win };
  // MaxPool has dilations since opset 10 (the maxpool2d kind's dilation); AveragePool only since 19, no kind.
  if (win.dilation && type !== 'maxpool2d') return { unsupported: 'average pooling with dilation' };
  const spec = { type, ...win, ...(int(n, 'ceil_mode', 0) ? { ceil: true } : {}) };
  return { layers: withPrePad(win, spec), ...(warn.length ? { warning: warn.join('; ') } : {}) };
}

/**
 * Reshape with a constant target keeping the batch first: the target's first entry is 0 (copy),
 * the batch itself, or −1 when the other entries hold one sample; 0 elsewhere copies the input's
 * dim (allowzero unset). [N, F] is a flatten. Anything that moves the batch has no kind.
 */
function reshape(ctx: OpContext, n: OnnxNode): Mapped {
  const target = ctx.constant(n.inputs[1])?.values?.map(Number);
  if (!target) return { layers: [{ type: 'flatten' }], warning: say('why.reshapeFlatten') };
  const input = ctx.shape;
  const zero = !int(n, 'allowzero', 0);
  const rest = target.slice(1).map((d, i) => (d === 0 && zero ? (input?.[i] ?? 0) : d));
  const per = input ? input.reduce((a, b) => a * b, 1) : undefined;
  const known = rest.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const keepsBatch =
    (target[0] === 0 && zero) ||
    (ctx.batch !== undefined && target[0] === ctx.batch && (per === undefined || rest.includes(-1) || known === per)) ||
    (target[0] === -1 && per !== undefined && !rest.includes(-1) && known === per);
  if (!keepsBatch || rest.some((d) => d < -1 || d === 0) || rest.filter((d) => d === -1).length > 1)
    return { unsupported: `reshape to [${target.join(', ')}] (it does not keep the batch first)` };
  if (rest.length === 1) return { layers: [{ type: 'flatten' }] };
  return { layers: [{ type: 'reshape', shape: rest }] };
}

/** The node with its inputs picked (a quantized op's data, weight and bias, in a float op's places). */
const quantized = (n: OnnxNode, at: number[]): OnnxNode => ({ ...n, inputs: at.map((i) => n.inputs[i] ?? '') });

/** Maps one node (output `output` for multi-output ops such as Split). */
export function mapOp(n: OnnxNode, ctx: OpContext, output = 0): Mapped {
  const c = (name: string) => ctx.constant(name);
  switch (n.opType) {
    case 'Conv':
      return conv(n, ctx, false);
    case 'QLinearConv':
    case 'ConvInteger':
      // The same convolution on integers: weights are input 3 (QLinearConv: x, x_scale, x_zp, w, …, B at 8) or 1.
      return conv(quantized(n, n.opType === 'QLinearConv' ? [0, 3, 8] : [0, 1]), ctx, false);
    case 'QLinearMatMul':
    case 'MatMulInteger': {
      const b = c(n.inputs[n.opType === 'QLinearMatMul' ? 3 : 1]);
      if (!b || b.dims.length !== 2) return { unsupported: 'the second operand is not a constant matrix' };
      return { layers: [{ type: 'linear', out: b.dims[1], in: b.dims[0], bias: false }] };
    }
    case 'QuantizeLinear':
    case 'DequantizeLinear':
      return quantizeOp(n, ctx);
    case 'Einsum':
      return einsumOp(n, ctx);
    case 'DepthToSpace':
    case 'SpaceToDepth': {
      // CRD and DCR orders differ only in which channel goes where: the same shape, no arithmetic.
      const factor = int(n, 'blocksize', 0);
      if (factor < 1) return { unsupported: 'no blocksize' };
      return { layers: [{ type: 'pixelshuffle', factor, ...(n.opType === 'SpaceToDepth' ? { inverse: true } : {}) }] };
    }
    case 'ConvTranspose':
      return conv(n, ctx, true);
    case 'Gemm': {
      const b = c(n.inputs[1]);
      if (!b || b.dims.length !== 2) return { unsupported: 'B is not a constant matrix' };
      if (int(n, 'transA', 0)) return { unsupported: 'transA = 1' };
      const out = int(n, 'transB', 0) ? b.dims[0] : b.dims[1];
      return { layers: [{ type: 'linear', out, bias: !!n.inputs[2] }] };
    }
    case 'MatMul': {
      if (ctx.dataInputs === 2) return { layers: [{ type: 'matmul' }], all: true };
      const b = c(n.inputs[1]);
      if (!b || b.dims.length !== 2) return { unsupported: 'the second operand is not a constant matrix' };
      // in_features said, so a MatMul on tokens or a channels-last map ([.., I]) applies to the last dim.
      return { layers: [{ type: 'linear', out: b.dims[1], in: b.dims[0], bias: false }] };
    }
    case 'BatchNormalization':
      // One operator for every rank: [N, C] / [N, C, L] is BatchNorm1d, [N, C, D, H, W] BatchNorm3d.
      return {
        layers: [
          {
            type:
              ctx.rank === 4 ? 'batchnorm3d' : ctx.rank !== undefined && ctx.rank < 3 ? 'batchnorm1d' : 'batchnorm2d',
          },
        ],
      };
    case 'Transpose': {
      const perm = ints(n, 'perm')?.map(Number);
      if (!perm || perm[0] !== 0) return { unsupported: 'a transpose without perm, or one that moves the batch' };
      return { layers: [{ type: 'permute', dims: perm }] };
    }
    case 'InstanceNormalization':
      // ONNX always carries scale and B (torch writes ones and zeros for affine=False): read as affine.
      return { layers: [{ type: 'instancenorm', affine: true }] };
    case 'LRN':
      return {
        layers: [
          {
            type: 'lrn',
            size: int(n, 'size', 5),
            alpha: f32(float(n, 'alpha', 0.0001)),
            beta: f32(float(n, 'beta', 0.75)),
            k: f32(float(n, 'bias', 1)),
          },
        ],
      };
    case 'Relu':
    case 'Clip':
    case 'LeakyRelu':
    case 'PRelu':
    case 'Elu':
    case 'Sigmoid':
    case 'Tanh':
    case 'HardSwish':
    case 'HardSigmoid':
    case 'Gelu':
      return activationOp(n, ctx);
    case 'Exp':
    case 'Log':
    case 'Sqrt':
    case 'Reciprocal':
    case 'Abs':
    case 'Neg':
    case 'Erf':
    case 'Sin':
    case 'Cos':
    case 'Atan':
    case 'Floor':
    case 'Ceil':
    case 'Round':
    case 'Sign':
    case 'Softplus':
    case 'ImageScaler':
      return unaryOp(n, ctx);
    case 'Dropout': {
      const ratio = attr(n, 'ratio')?.f ?? c(n.inputs[1])?.values?.[0];
      return { layers: [ratio === undefined ? { type: 'dropout' } : { type: 'dropout', p: f32(ratio) }] };
    }
    // Cast: a type conversion of data, no arithmetic (onnx-tool and onnxruntime's profiler count none).
    case 'Identity':
    case 'Cast':
    case 'CastLike':
      return { layers: [{ type: 'identity' }] };
    case 'MaxPool':
      return pool(n, 'maxpool2d', ctx.shape);
    case 'AveragePool':
      return pool(n, 'avgpool2d', ctx.shape);
    case 'GlobalAveragePool':
      return { layers: [{ type: 'adaptiveavgpool2d', out: 1 }] };
    case 'GlobalMaxPool':
      return { layers: [{ type: 'adaptivemaxpool2d', out: 1 }] };
    case 'Flatten':
      return int(n, 'axis', 1) === 1 ? { layers: [{ type: 'flatten' }] } : { unsupported: 'flatten axis ≠ 1' };
    case 'Reshape':
      return reshape(ctx, n);
    case 'Pad':
      return padOp(n, ctx);
    case 'Slice':
      return sliceOp(n, ctx);
    case 'Squeeze':
    case 'Unsqueeze':
      return squeezeOp(n, ctx);
    case 'Gather':
      return gather(n, ctx);
    case 'ReduceMean':
    case 'ReduceSum':
    case 'ReduceMax':
    case 'ReduceMin':
    case 'ReduceProd':
    case 'ReduceL1':
    case 'ReduceL2':
    case 'ReduceSumSquare':
    case 'ReduceLogSum':
    case 'ReduceLogSumExp':
      return reduceOp(n, ctx);
    case 'Sub':
    case 'Div':
      if (ctx.dataInputs === 2) return { layers: [{ type: n.opType.toLowerCase() }], all: true };
      return { unsupported: `${n.opType} of ${ctx.dataInputs} computed inputs` };
    case 'Resize':
    case 'Upsample':
      return resize(n, ctx);
    case 'Split':
      return split(n, ctx, output);
    case 'Concat': {
      // Channels (axis 1 of feature maps or features, or −1 of 2-D data) join as concat blocks; other
      // axes (tokens, boxes, dim 1 of a [1, B·d0, …] read as one sample) are cat layers.
      const axis = int(n, 'axis', 1);
      const maps = ctx.rank === undefined || ctx.rank === 1 || ctx.rank === 3;
      if ((axis === 1 && maps) || (axis === -1 && ctx.rank === 1)) return { join: 'concat' };
      if (axis === 0) return { unsupported: 'concat along the batch' };
      return { layers: [{ type: 'cat', dim: axis }], all: true };
    }
    case 'Add':
    case 'Sum':
      return ctx.dataInputs >= 2 ? { join: 'add' } : { unsupported: 'adding a constant' };
    case 'Mul':
      return ctx.dataInputs >= 2 ? { join: 'mul' } : { unsupported: 'multiplying by a constant' };
    default:
      // Max, Min, CumSum, Softmax, LogSoftmax, Pow (math-ops.ts); any other: no layer kind.
      return mathOp(n, ctx);
  }
}
