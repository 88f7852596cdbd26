/**
 * Shape arithmetic: the small integer tensors a converter computes from SHAPE(x) at run time
 * (Keras models keep the batch dynamic, so a Reshape's target is SHAPE → STRIDED_SLICE → PACK
 * or CONCATENATION). These ops are not part of the network; their values are worked out here
 * so that a RESHAPE or TRANSPOSE_CONV whose output size the file leaves open (−1 in
 * shape_signature) still gets its real shape. Anything not covered gives undefined, and the
 * op that needed the value says so.
 */
import type { TfliteOp } from './decode';

/** 1-D STRIDED_SLICE with begin/end masks (the form shape arithmetic uses). */
function stridedSlice(v: number[], begin: number[], end: number[], strides: number[], o: TfliteOp['options']) {
  if (begin.length !== 1 || (o.ellipsisMask as number) || (o.newAxisMask as number)) return undefined;
  const n = v.length;
  const s = strides[0] ?? 1;
  if (s === 0) return undefined;
  const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);
  const norm = (x: number) => (x < 0 ? x + n : x);
  let b = (o.beginMask as number) & 1 ? (s > 0 ? 0 : n - 1) : norm(begin[0]);
  let e = (o.endMask as number) & 1 ? (s > 0 ? n : -1) : norm(end[0]);
  if ((o.shrinkAxisMask as number) & 1) return [v[norm(begin[0])]];
  b = s > 0 ? clamp(b, 0, n) : clamp(b, -1, n - 1);
  e = s > 0 ? clamp(e, 0, n) : clamp(e, -1, n - 1);
  const out: number[] = [];
  for (let i = b; s > 0 ? i < e : i > e; i += s) out.push(v[i]);
  return out;
}

function elementwise(a: number[], b: number[], f: (x: number, y: number) => number) {
  if (a.length !== b.length && a.length !== 1 && b.length !== 1) return undefined;
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(f(a[a.length === 1 ? 0 : i], b[b.length === 1 ? 0 : i]));
  return out;
}

/**
 * Value of a shape-arithmetic op's first output, from its inputs' values (`values[i]` for
 * op.inputs[i]; for SHAPE, the input's shape). Undefined when not worked out here.
 */
export function shapeValue(op: TfliteOp, values: (number[] | undefined)[]): number[] | undefined {
  const [a, b, c, d] = values;
  switch (op.code) {
    case 'SHAPE':
    case 'CAST':
    case 'SQUEEZE':
    case 'RESHAPE':
    case 'EXPAND_DIMS':
      return a;
    case 'STRIDED_SLICE':
      return a && b && c && d ? stridedSlice(a, b, c, d, op.options) : undefined;
    case 'CONCATENATION':
    case 'PACK':
      // Axis 0 of 1-D pieces and scalars: the pieces one after the other.
      return values.every((v) => v !== undefined) ? (values as number[][]).flat() : undefined;
    case 'GATHER':
      return a && b && b.every((i) => i >= 0 && i < a.length) ? b.map((i) => a[i]) : undefined;
    case 'REDUCE_PROD':
      return a ? [a.reduce((x, y) => x * y, 1)] : undefined;
    case 'SUM':
      return a ? [a.reduce((x, y) => x + y, 0)] : undefined;
    case 'MUL':
      return a && b ? elementwise(a, b, (x, y) => x * y) : undefined;
    case 'ADD':
      return a && b ? elementwise(a, b, (x, y) => x + y) : undefined;
    case 'SUB':
      return a && b ? elementwise(a, b, (x, y) => x - y) : undefined;
    case 'FLOOR_DIV':
      return a && b && b.every((y) => y !== 0) ? elementwise(a, b, (x, y) => Math.floor(x / y)) : undefined;
    default:
      return undefined;
  }
}
