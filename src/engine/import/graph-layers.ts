/**
 * The importers' dataflow graph (graph.ts) written as a graph model: every node in order, each
 * layer taking its inputs by name (`from`) where they are not simply the previous layer's output,
 * and naming its output (`id`) where a later layer or the model's outputs need it. Used when the
 * forks do not nest as residual/concat blocks (Inception-v4's branches reusing one output, DenseNet's
 * concatenations of all earlier outputs, several heads); nothing is left out, so a branch nobody
 * consumes is still counted.
 */
import type { LayerRef, LayerSpec } from '../format/model';
import type { DataflowGraph, GraphNode } from './graph';

export interface GraphLayers {
  readonly layers: LayerSpec[];
  /** The name the model input must have (what the first layers refer to). */
  readonly input: string;
  /** The model's outputs, as ids. */
  readonly outputs: string[];
  /** Names the other model inputs must have (`others`, in order). */
  readonly others: string[];
}

const JOIN: Readonly<Record<Exclude<GraphNode['op'], 'layers'>, (from: LayerRef[]) => LayerSpec>> = {
  add: (from) => ({ type: 'add', from }),
  mul: (from) => ({ type: 'mul', from }),
  concat: (from) => ({ type: 'cat', dim: 1, from }),
};

/**
 * Value names as ids: 1–200 characters (an ONNX value may be named "" or at great length).
 * `display` gives the name a value has in the file (Caffe's blob name without the importer's
 * version suffix): reusing a name is right there, since a reference means the latest definition
 * before it, which is how Caffe resolves a blob written in place.
 */
function namer(display: (value: string) => string): (value: string) => string {
  const names = new Map<string, string>();
  return (value) => {
    let n = names.get(value);
    if (n === undefined) {
      const shown = display(value);
      n = shown.length >= 1 && shown.length <= 200 && shown !== '-1' ? shown : `value${names.size}`;
      names.set(value, n);
    }
    return n;
  };
}

export function toGraphLayers(
  g: DataflowGraph,
  outputs: readonly string[],
  display: (value: string) => string = (v) => v,
  others: readonly string[] = [],
): GraphLayers {
  const name = namer(display);
  // The model inputs are named first, so a layer never takes an input's name as its id.
  name(g.input);
  for (const o of others) name(o);
  // Pass-through nodes (no layers) make their output another name of their input.
  const alias = new Map<string, string>();
  const real = (v: string): string => {
    let x = v;
    for (let i = 0; i < 1000 && alias.has(x); i++) x = alias.get(x) as string;
    return x;
  };
  // First pass: which values are read by name (not as the previous layer's output).
  const emitted: Array<{ node: GraphNode; inputs: string[]; fromNeeded: boolean }> = [];
  const named = new Set<string>();
  let previous = g.input;
  for (const node of g.nodes) {
    const inputs = node.inputs.map(real);
    if (node.op === 'layers' && !(node.layers ?? []).length) {
      alias.set(node.output, inputs[0] ?? g.input);
      continue;
    }
    const fromNeeded = node.op !== 'layers' || inputs.length !== 1 || inputs[0] !== previous;
    if (fromNeeded) for (const v of inputs) if (v !== previous || node.op !== 'layers') named.add(v);
    emitted.push({ node, inputs, fromNeeded });
    previous = node.output;
  }
  // Outputs after the aliases are known: an output written by a pass-through (a bias Add folded
  // into the linear before it) is the value it passes on.
  for (const o of outputs) named.add(real(o));
  // Second pass: the layers, with `from` and `id` where they are needed.
  const layers: LayerSpec[] = [];
  previous = g.input;
  for (const { node, inputs, fromNeeded } of emitted) {
    const refs: LayerRef[] = inputs.map((v) => (v === previous && node.op === 'layers' ? -1 : name(v)));
    const from: LayerRef | LayerRef[] = refs.length === 1 ? refs[0] : refs;
    const list =
      node.op === 'layers'
        ? (node.layers as LayerSpec[]).map((l) => Object.assign({}, l))
        : [JOIN[node.op](refs as LayerRef[])];
    // A node without inputs (a constant tensor as a parameter) takes none.
    if (node.op === 'layers' && fromNeeded && refs.length) list[0] = Object.assign(list[0], { from });
    if (node.name !== undefined && node.op !== 'layers') list[0] = Object.assign(list[0], { name: node.name });
    if (named.has(node.output)) list[list.length - 1] = Object.assign(list[list.length - 1], { id: name(node.output) });
    layers.push(...list);
    previous = node.output;
  }
  return { layers, input: name(g.input), outputs: outputs.map((o) => name(real(o))), others: others.map(name) };
}
