/**
 * ONNX operator → model layers (operator semantics from the ONNX operator docs, onnx/docs/
 * Operators.md). Each mapper reads the node's attributes and its constant inputs (weights give
 * channel counts: Conv W is [O, I/g, kh, kw], ConvTranspose W is [I, O/g, kh, kw], Gemm B is
 * [O, I] with transB = 1) and answers with layers, a join, or why it cannot be mapped.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode, OnnxTensor } from './decode';
import { einsumOp, gather, gatherElements, padOp, reduceOp, resize, sliceOp, split, squeezeOp } from './ops-shape';
import { unaryOp } from './unary-ops';
import { activationOp } from './activation-ops';
import { quantizeOp } from './quant-ops';
import { mathOp } from './math-ops';
import { conv, pool } from './window-ops';
import { attr, float, int, ints } from './attrs';
import { say } from '../../messages';

export type Mapped =
  /** `all`: the (first) layer takes every data input of the node (sub, div, matmul of two tensors). */
  | {
      readonly layers: LayerSpec[];
      readonly warning?: string;
      readonly all?: boolean;
      /**
       * Data inputs the layer holds as its own tensors, not as inputs it follows (a blocked quantize's
       * fed scale and zero point, its buffers): no model inputs, and not 'left out' unread (builder.held).
       */
      readonly held?: readonly string[];
    }
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
  /**
   * A graph input read as a run-time constant (no batch of its own; values known only when run): its
   * shape and the element type (TensorProto.DataType) the file states; undefined for anything else.
   */
  fedInput?(name: string): { readonly shape: readonly number[]; readonly type?: number } | undefined;
  /** The element type (TensorProto.DataType) a graph input states, batched or not; undefined for other values. */
  inputType?(name: string): number | undefined;
  /** True for a value the file stores as an initializer (not a Constant node or a folded value). */
  stored?(name: string): boolean;
}

/** Rounds float32 attribute values (0.2 is stored as 0.200000003) to 7 significant digits. */
const f32 = (v: number) => Number(v.toPrecision(7));

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
    case 'GatherElements':
      return gatherElements(n, ctx);
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
