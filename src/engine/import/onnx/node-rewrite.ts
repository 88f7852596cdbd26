/**
 * Rewrites of an ONNX node's axes, perms and lists into their batch-first form (batch-axis.ts):
 * an attribute replaced, or a constant input replaced by a new constant the builder registers.
 */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from './decode';

const INT64 = 7;
const ints = (n: OnnxNode, k: string) => n.attrs.get(k)?.ints?.map(Number);
export const REDUCE = /^Reduce[A-Z]/;

/** Registers a constant a rewrite made. */
export type Define = (name: string, t: OnnxTensor) => void;
type Constant = (name: string | undefined) => OnnxTensor | undefined;

export function withAttr(n: OnnxNode, key: string, a: OnnxAttribute): OnnxNode {
  const attrs = new Map(n.attrs);
  attrs.set(key, a);
  return { ...n, attrs };
}

/** The node reading its input 0 as a Reshape to the constant `target`. */
export function asReshape(n: OnnxNode, define: Define, target: number[]): OnnxNode {
  const name = `${n.outputs[0]}:batch-first shape`;
  define(name, { dims: [target.length], dataType: INT64, values: target });
  return { ...n, opType: 'Reshape', inputs: [n.inputs[0], name], attrs: new Map() };
}

/** The node's axes list: an `axes` attribute or a constant input (Squeeze/Unsqueeze 1, Reduce* 1, Slice 3). */
export function axesOf(n: OnnxNode, constant: Constant): { axes: number[]; where: string | number } | null {
  if (!['Squeeze', 'Unsqueeze', 'Slice'].includes(n.opType) && !REDUCE.test(n.opType)) return null;
  const attr = ints(n, 'axes');
  if (attr) return { axes: attr, where: 'axes' };
  const at = n.opType === 'Slice' ? 3 : 1;
  const v = constant(n.inputs[at])?.values?.map(Number);
  if (v) return { axes: v, where: at };
  if (n.opType === 'Slice') {
    // No axes: the first len(starts) dims (an input from opset 10, an attribute before).
    const starts = constant(n.inputs[1])?.values ?? ints(n, 'starts');
    if (starts) return { axes: starts.map((_s, i) => i), where: n.inputs[1] ? at : 'axes' };
  }
  return null;
}

/** The node with its axes list (attribute `where`, or input number `where`) replaced by `list`. */
export function withList(n: OnnxNode, define: Define, where: string | number, list: number[]): OnnxNode {
  if (typeof where === 'string') return withAttr(n, where, { type: 7, ints: list });
  const name = `${n.outputs[0]}:batch-first ${n.opType === 'Slice' ? 'axes' : 'list'}`;
  define(name, { dims: [list.length], dataType: INT64, values: list });
  const inputs = n.inputs.slice();
  while (inputs.length <= where) inputs.push('');
  inputs[where] = name;
  return { ...n, inputs };
}

/**
 * The node with a list input `at` (or attribute `attr`: pads, scales) given its batch-first form
 * by `f`; the node as it is when the list is computed or `f` gives null.
 */
export function prefixed(
  n: OnnxNode,
  h: { constant: Constant; define: Define },
  at: number,
  attr: string | undefined,
  f: (v: number[]) => number[] | null,
): OnnxNode {
  const fromAttr = attr ? (n.attrs.get(attr)?.ints ?? n.attrs.get(attr)?.floats) : undefined;
  const v = (fromAttr ?? h.constant(n.inputs[at])?.values)?.map(Number);
  const next = v ? f(v) : null;
  if (!v || !next) return n;
  if (fromAttr && attr) return withAttr(n, attr, { type: n.attrs.get(attr)?.type ?? 7, ints: next, floats: next });
  const name = `${n.outputs[0]}:batch-first ${at}`;
  h.define(name, { dims: [next.length], dataType: h.constant(n.inputs[at])?.dataType ?? INT64, values: next });
  const inputs = n.inputs.slice();
  inputs[at] = name;
  return { ...n, inputs };
}
