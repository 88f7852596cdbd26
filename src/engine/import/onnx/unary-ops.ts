/**
 * ONNX element-wise math operators → the `unary` kind (layers/unary.ts): Exp, Log, Sqrt,
 * Reciprocal, Abs, Neg, Erf, Sin, Cos, Atan, Floor, Ceil, Round, Sign, Softplus, and Pow by a
 * constant scalar exponent; ImageScaler as a multiply and an add. torch.onnx writes torch.rsqrt as Div(1, Sqrt(x)) and FlopLab's writer
 * as Sqrt then Reciprocal; either reads back as two layers. A lone Erf reaches here; the Erf of
 * GELU's exported pattern is taken by the importer's GELU matcher first (index.ts geluPart).
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';

/** ONNX operator → unary op (Pow apart: it needs its exponent). */
export const ONNX_UNARY: Readonly<Record<string, string>> = {
  Exp: 'exp',
  Log: 'log',
  Sqrt: 'sqrt',
  Reciprocal: 'reciprocal',
  Abs: 'abs',
  Neg: 'neg',
  Erf: 'erf',
  Sin: 'sin',
  Cos: 'cos',
  Atan: 'atan',
  Floor: 'floor',
  Ceil: 'ceil',
  Round: 'round',
  Sign: 'sign',
  Softplus: 'softplus',
};

/** Rounds a float32 exponent (0.3 is stored as 0.300000012) to 7 significant digits. */
const f32 = (v: number) => Number(v.toPrecision(7));

/**
 * ImageScaler (ai.onnx up to opset 9; CoreML and onnx-caffe2 exports such as Tiny YOLOv2):
 * y = scale · x + bias[c], scale and bias attributes. A multiply and an add per element (onnx-tool
 * counts ADD + MUL). One bias for every channel is the add's scalar; different biases per channel
 * have no kind here (not counted, said so).
 */
function imageScaler(n: OnnxNode): Mapped {
  const scale = n.attrs.get('scale')?.f ?? 1;
  const bias = n.attrs.get('bias')?.floats ?? [0];
  if (bias.some((b) => b !== bias[0])) return { unsupported: `a different bias per channel [${bias.join(', ')}]` };
  return {
    layers: [
      { type: 'mul', scalar: f32(scale) },
      { type: 'add', scalar: f32(bias[0]) },
    ] as LayerSpec[],
  };
}

/** One unary layer for an element-wise math node, or why it is not one. */
export function unaryOp(n: OnnxNode, ctx: OpContext): Mapped {
  if (n.opType === 'ImageScaler') return imageScaler(n);
  if (n.opType === 'Pow') {
    const base = ctx.constant(n.inputs[0]);
    const e = ctx.constant(n.inputs[1]);
    if (base || !e) return { unsupported: 'Pow with a computed exponent (only x ** constant)' };
    const count = e.dims.reduce((a, b) => a * b, 1);
    const v = e.values?.[0];
    if (count !== 1 || v === undefined || !Number.isFinite(v))
      return { unsupported: `Pow by a constant of ${count} values (only one exponent)` };
    return { layers: [{ type: 'unary', op: 'pow', exponent: f32(v) } as LayerSpec] };
  }
  const op = ONNX_UNARY[n.opType];
  if (!op) return { unsupported: 'no layer kind for this operator' };
  return { layers: [{ type: 'unary', op } as LayerSpec] };
}
