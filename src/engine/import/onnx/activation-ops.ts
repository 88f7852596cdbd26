/**
 * ONNX activations onto their kinds (onnx/docs/Operators.md): Relu, Clip as ReLU6 / clamp,
 * LeakyRelu, PRelu (slopes per channel or broadcast from the last dim), Elu, Sigmoid, Tanh,
 * HardSwish, HardSigmoid, Gelu. Split from ops.ts.
 */
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { say } from '../../messages';

const attr = (n: OnnxNode, k: string) => n.attrs.get(k);
const float = (n: OnnxNode, k: string, d: number) => attr(n, k)?.f ?? d;
/** Rounds a float32 attribute (0.01 is stored as 0.00999999978) to 7 significant digits. */
const f32 = (v: number) => Number(v.toPrecision(7));

/**
 * Clip(0, 6) is ReLU6; any other bounds the clamp kind (one bound left out is none; an infinite one
 * too). Bounds are attributes before opset 11, inputs after (an empty name: no bound). Clip(0, ∞) is
 * a clamp too, not a ReLU: the file's Clip is what onnx-tool counts (ClipNode, 2 per element). No
 * bound at all is an identity that names its Clip (onnx-tool's ClipNode still counts it).
 */
function clip(n: OnnxNode, ctx: OpContext): Mapped {
  const bound = (k: 'min' | 'max', at: number): number | undefined | null => {
    const a = attr(n, k)?.f;
    if (a !== undefined && a !== null) return a;
    if (!n.inputs[at]) return undefined;
    const v = ctx.constant(n.inputs[at])?.values;
    return v?.length === 1 ? v[0] : null;
  };
  const lo = bound('min', 1);
  const hi = bound('max', 2);
  if (lo === null || hi === null) return { unsupported: 'Clip with computed bounds (only constant ones)' };
  if (lo === 0 && hi === 6) return { layers: [{ type: 'relu6' }] };
  const fin = (v: number | undefined) =>
    v !== undefined && Number.isFinite(v) && Math.abs(v) < 1e38 ? f32(v) : undefined;
  const [min, max] = [fin(lo), fin(hi)];
  if (min === undefined && max === undefined)
    return { layers: [{ type: 'identity', onnx_op: 'Clip' }], warning: say('why.clipNoBounds') };
  return { layers: [{ type: 'clamp', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }] };
}

export function activationOp(n: OnnxNode, ctx: OpContext): Mapped {
  switch (n.opType) {
    case 'Relu':
      return { layers: [{ type: 'relu' }] };
    case 'Clip':
      return clip(n, ctx);
    case 'LeakyRelu':
      return { layers: [{ type: 'leakyrelu', negative_slope: f32(float(n, 'alpha', 0.01)) }] };
    case 'PRelu': {
      // A slope fed at run time (a graph input of known shape) is the layer's weight all the same.
      const fed = ctx.valueShape?.(n.inputs[1]);
      const slope = ctx.constant(n.inputs[1]) ?? (fed && !fed.batched ? { dims: [...fed.shape] } : undefined);
      const count = slope ? slope.dims.reduce((a, b) => a * b, 1) : 1;
      // The slope broadcasts numpy-style: [C, 1, 1] (or [C] on [N, C]) is one per channel, as
      // torch writes it; any other shape (Keras-style [N, T, C] with slopes [C]) is kept as is.
      const dims = slope?.dims.slice() ?? [];
      const rank = ctx.shape?.length ?? 0;
      while (dims.length > rank && dims[0] === 1) dims.shift();
      const c = ctx.shape?.[0];
      // PyTorch's legacy exporter wrote nn.PReLU(C)'s slope as [C] whatever the rank, which ONNX's
      // broadcasting would align with the last dim: read as per channel where that does not fit.
      const legacy = dims.length === 1 && dims[0] === c && ctx.shape?.[rank - 1] !== c;
      const perChannel = legacy || (dims.length === rank && dims[0] === c && dims.slice(1).every((d) => d === 1));
      if (count === 1 || perChannel || !rank) return { layers: [{ type: 'prelu', num_parameters: count }] };
      return { layers: [{ type: 'prelu', num_parameters: count, slopes: dims }] };
    }
    case 'Elu':
      return { layers: [{ type: 'elu', alpha: f32(float(n, 'alpha', 1)) }] };
    case 'Sigmoid':
      return { layers: [{ type: 'sigmoid' }] };
    case 'Tanh':
      return { layers: [{ type: 'tanh' }] };
    case 'HardSwish':
      return { layers: [{ type: 'hardswish' }] };
    case 'HardSigmoid':
      return { layers: [{ type: 'hardsigmoid' }] };
    case 'Gelu':
      // One node (opset 20): onnx-tool counts it as such (the gelu kind's `fused`).
      return {
        layers: [
          { type: 'gelu', fused: true, ...(attr(n, 'approximate')?.s === 'tanh' ? { approximate: 'tanh' } : {}) },
        ],
      };
    default:
      return { unsupported: 'no layer kind for this operator' };
  }
}
