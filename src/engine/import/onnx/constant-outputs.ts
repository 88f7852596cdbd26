/**
 * A graph that computes nothing from its input: every output folds to a constant (ONNX's node
 * tests `shape*`: Shape of a fixed-shape input; `constant`: a Constant node and no input at all).
 * Not refused: each output is a stored constant of its shape (a `parameter` row, a buffer: onnx-tool
 * profiles such a graph as 0 operations, and so does every convention here), and a graph with no
 * input gets a placeholder input [1] that nothing reads, said in a notice.
 */
import type { GraphNode } from '../graph';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { say } from '../../messages';
import type { GraphInput } from './inputs';

/** The placeholder input of a graph with none. */
export const NO_INPUT: GraphInput = { name: '(no input)', shape: [1] };

export interface ConstantDeps {
  constant(name: string): OnnxTensor | undefined;
  push(node: GraphNode): void;
}

/** Adds a constant row per graph output that folded; returns their names (none if any cannot be one). */
export function constantOutputs(g: OnnxGraph, b: ConstantDeps): string[] {
  const tensors = g.outputs.map((o) => b.constant(o.name));
  if (!tensors.length || tensors.some((t) => !t || t.dims.some((d) => !(d >= 1)))) return [];
  return g.outputs.map((o, i) => {
    const dims = (tensors[i] as OnnxTensor).dims;
    b.push({
      label: `${o.name} (constant)`,
      op: 'layers',
      layers: [{ type: 'parameter', shape: dims.length ? dims : [1], buffer: true }],
      inputs: [],
      output: o.name,
    });
    return o.name;
  });
}

/**
 * Outputs that fold to an empty constant (ONNX's shape_start_greater_than_end: Shape with start > end
 * gives [0]), when no other output is: no row holds an empty tensor, so each is a not-counted row on
 * the first input (0 operations, said), instead of refusing the file.
 */
export function emptyConstantOutputs(
  g: OnnxGraph,
  b: ConstantDeps & { notCounted(n: OnnxNode, ins: readonly string[], why: string, out: string): void },
  lead: string,
): string[] {
  const producer = new Map(g.nodes.flatMap((n) => n.outputs.map((o) => [o, n] as const)));
  return g.outputs.flatMap((o) => {
    const t = b.constant(o.name);
    const n = producer.get(o.name);
    if (!t || !n || !t.dims.includes(0)) return [];
    b.notCounted(n, [lead], say('why.emptyConstant'), o.name);
    return [o.name];
  });
}

/**
 * Graph outputs that are a stored weight (an initializer, or an Identity of one) beside outputs computed
 * from the input: a parameter row each, so the weights count as the file stores them (FlopLab's own
 * export writes a learned tensor that no layer reads this way, as YOLO's DFL weight). Constants
 * computed from shapes stay left out, said in a notice (index.ts).
 */
export function storedOutputs(g: OnnxGraph, b: ConstantDeps, taken: ReadonlySet<string>): string[] {
  const producer = new Map(g.nodes.map((n) => [n.outputs[0], n]));
  return g.outputs.flatMap((o) => {
    if (taken.has(o.name)) return [];
    const n = producer.get(o.name);
    const source = n && n.opType === 'Identity' ? n.inputs[0] : o.name;
    const t = g.initializers.get(source);
    if (!t || !t.dims.length || t.dims.some((d) => !(d >= 1))) return [];
    // A leading 1 is the batch of one that exporters give a learned tensor ([1, 197, 768]).
    const shape = t.dims.length > 1 && t.dims[0] === 1 ? t.dims.slice(1) : t.dims;
    b.push({
      label: `${o.name} (weight)`,
      op: 'layers',
      layers: [{ type: 'parameter', shape }],
      inputs: [],
      output: o.name,
    });
    return [o.name];
  });
}
