/**
 * A graph that computes nothing from its input: every output folds to a constant (ONNX's node
 * tests `shape*`: Shape of a fixed-shape input; `constant`: a Constant node and no input at all).
 * Not refused: each output is a stored constant of its shape (a `parameter` row, a buffer: onnx-tool
 * profiles such a graph as 0 operations, and so does every convention here), and a graph with no
 * input gets a placeholder input [1] that nothing reads, said in a notice.
 */
import type { GraphNode } from '../graph';
import type { OnnxGraph, OnnxTensor } from './decode';
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
