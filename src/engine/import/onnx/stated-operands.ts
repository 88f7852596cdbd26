/**
 * Index operands fed at run time, taken from the shapes the file states. ONNX's node tests (and
 * some converters) feed a Reshape's target, a Squeeze's or a Reduce's axes, a Split's sizes, a
 * Tile's repeats, an Expand's shape or a Resize's sizes as graph inputs: their values are unknown when the file is
 * read, so the op could not be mapped (or a Reshape would be guessed). Where the file states the
 * node's input and output shapes (graph inputs and outputs, value_info), the operand follows from
 * them exactly: the target is the output's shape, the axes are where the dims differ, the sizes are
 * the outputs' sizes along the axis, the repeats the ratio, a Resize's sizes the output's dims (those
 * of its `axes`, in their order). It becomes a constant of the node, and
 * a notice names the nodes. Where a shape is not stated, the operand stays a run-time one.
 */
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { ELEMENTWISE } from './batch-axis-ops';

const INT64 = 7;
const REDUCE = /^Reduce[A-Z]/;
/** Operators whose output has their (first) input's shape: a stated shape holds on both sides. */
const SAME_SHAPE = new Set(
  'Abs Neg Exp Log Sqrt Reciprocal Relu Sigmoid Tanh Softplus Erf Floor Ceil Round Sign Sin Cos Identity Cast CastLike Not'.split(
    ' ',
  ),
);

type Dims = readonly number[];

/**
 * Axes of `long` that `short` lacks, `short` being `long` with some dims left out, aligned from the
 * front (`ones`: only dims of 1 may be left out). Where two readings fit (a 1 next to a 1), either
 * gives the same shape and count. Null if `short` is not so.
 */
function leftOut(long: Dims, short: Dims, ones: boolean): number[] | null {
  const axes: number[] = [];
  let j = 0;
  for (let i = 0; i < long.length; i++)
    if (j < short.length && long[i] === short[j]) j++;
    else if (!ones || long[i] === 1) axes.push(i);
    else return null;
  return j === short.length ? axes : null;
}

/** Reduce axes: for keepdims the dims reduced to 1, else the dims left out. */
function reduceAxes(input: Dims, output: Dims, keep: boolean): number[] | null {
  if (!keep) return leftOut(input, output, false);
  if (input.length !== output.length) return null;
  const axes = input.flatMap((d, i) => (output[i] === 1 && d !== 1 ? [i] : output[i] === d ? [] : [-1]));
  return axes.includes(-1) ? null : axes;
}

/** The operand (its input position and values) the node's stated shapes give, or null. */
function operand(n: OnnxNode, input: Dims | null, outputs: (Dims | null)[]): { at: number; values: number[] } | null {
  const out = outputs[0];
  const op = n.opType;
  if ((op === 'Reshape' || op === 'Expand') && out) return { at: 1, values: [...out] };
  if (!input) return null;
  if (op === 'Squeeze' && out) {
    const axes = leftOut(input, out, true);
    return axes ? { at: 1, values: axes } : null;
  }
  if (op === 'Unsqueeze' && out) {
    const axes = leftOut(out, input, true);
    return axes ? { at: 1, values: axes } : null;
  }
  if (op === 'Tile' && out && out.length === input.length && out.every((d, i) => d % input[i] === 0))
    return { at: 1, values: out.map((d, i) => d / input[i]) };
  if (REDUCE.test(op) && out) {
    const axes = reduceAxes(input, out, Number(n.attrs.get('keepdims')?.i ?? 1) !== 0);
    return axes?.length ? { at: 1, values: axes } : null;
  }
  if (op === 'Resize' && out && out.length === input.length) {
    // Resize-11+'s sizes (input 3): the output's dims, or with Resize-18's `axes` those axes' dims in
    // that order (Operators.md). roi and scales change no shape; the count is per output element.
    const r = input.length;
    const axes = n.attrs.get('axes')?.ints?.map((a) => (Number(a) < 0 ? Number(a) + r : Number(a)));
    if (axes?.some((a) => a < 0 || a >= r)) return null;
    const at = axes ?? out.map((_, i) => i);
    // Dims outside the axes are not resized: a stated output that changes one is no Resize's.
    if (out.some((d, i) => !at.includes(i) && d !== input[i])) return null;
    return { at: 3, values: at.map((a) => out[a]) };
  }
  if (op === 'Split' && outputs.length > 0 && outputs.every((o) => o?.length === input.length)) {
    const a = Number(n.attrs.get('axis')?.i ?? 0);
    const axis = a < 0 ? a + input.length : a;
    const sizes = outputs.map((o) => (o as Dims)[axis]);
    // Sizes that do not add up to the axis, or other dims that differ, are no split: left unknown.
    const fits = outputs.every((o) => (o as Dims).every((d, i) => i === axis || d === input[i]));
    return fits && sizes.reduce((x, y) => x + y, 0) === input[axis] ? { at: 1, values: sizes } : null;
  }
  return null;
}

/**
 * Stated shapes carried through the operators that keep a shape (Abs, Log, x · x …), both ways:
 * the expanded form of ReduceL1 (Abs → ReduceSum), ReduceLogSum (ReduceSum → Log) or ReduceSumSquare
 * (Mul(x, x) → ReduceSum) states the shapes around the pair only, not between.
 */
function spreadStated(nodes: readonly OnnxNode[], stated: Map<string, Dims>): void {
  const keeps = nodes.filter(
    (n) =>
      n.outputs.length >= 1 &&
      (SAME_SHAPE.has(n.opType) ||
        // x·x, x + x …: an element-wise op on one value twice (not Concat(x, x), Einsum(x, x), Gemm(x, x)).
        (ELEMENTWISE.has(n.opType) && n.inputs.length === 2 && n.inputs[0] === n.inputs[1] && n.inputs[0] !== '')),
  );
  for (let grown = true; grown;) {
    grown = false;
    for (const n of keeps) {
      const [x, y] = [n.inputs[0], n.outputs[0]];
      const d = stated.get(x) ?? stated.get(y);
      if (!d) continue;
      for (const v of [x, y])
        if (!stated.has(v)) {
          stated.set(v, d);
          grown = true;
        }
    }
  }
}

/**
 * The graph with such operands as constants (new initializers; the node reads them instead of the
 * graph input), and the names of the nodes changed.
 */
export function statedOperands(g: OnnxGraph): { graph: OnnxGraph; nodes: string[] } {
  const inputs = new Set(g.inputs.filter((v) => !g.initializers.has(v.name)).map((v) => v.name));
  const stated = new Map<string, Dims>();
  const known = (d: readonly (number | null)[] | null | undefined): Dims | null =>
    d && d.every((x) => x !== null && x >= 1) ? (d as number[]) : null;
  for (const v of [...g.inputs, ...g.outputs]) {
    const d = known(v.dims);
    if (d) stated.set(v.name, d);
  }
  for (const [name, dims] of g.valueInfo) {
    const d = known(dims);
    if (d) stated.set(name, d);
  }
  spreadStated(g.nodes, stated);
  const initializers = new Map(g.initializers);
  const changed: string[] = [];
  const replaced = new Set<string>();
  const nodes = g.nodes.map((n) => {
    // The index operand: input 1, a Resize's sizes input 3.
    const fed = n.inputs[n.opType === 'Resize' ? 3 : 1];
    if (!fed || !inputs.has(fed)) return n;
    const r = operand(
      n,
      stated.get(n.inputs[0]) ?? null,
      n.outputs.map((o) => stated.get(o) ?? null),
    );
    if (!r) return n;
    const name = `${n.outputs[0]}:stated ${n.opType} operand`;
    initializers.set(name, { dims: [r.values.length], dataType: INT64, values: r.values } satisfies OnnxTensor);
    const ins = n.inputs.slice();
    replaced.add(ins[r.at]);
    ins[r.at] = name;
    changed.push(n.name || n.outputs[0]);
    return { ...n, inputs: ins };
  });
  if (!changed.length) return { graph: g, nodes: [] };
  // An input whose values became the operand, now read by no node (nor a graph output), is no input any more.
  const read = new Set([...nodes.flatMap((n) => n.inputs), ...g.outputs.map((o) => o.name)]);
  const kept = g.inputs.filter((v) => !replaced.has(v.name) || read.has(v.name));
  return { graph: { ...g, nodes, initializers, inputs: kept }, nodes: changed };
}
