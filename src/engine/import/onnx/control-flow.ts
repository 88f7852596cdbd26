/**
 * ONNX control flow (onnx/docs/Operators.md: If, Loop, Scan). Their bodies are subgraphs that
 * read values of the enclosing graph by name.
 *
 * - If: the branch the condition selects is read like the rest of the graph (its nodes become
 *   rows), and its outputs become the If's. A condition known only when the model runs (silero
 *   VAD picks its 16 kHz or 8 kHz network from an input) cannot be decided here: the then-branch
 *   is counted and a notice says which branch was taken and how large the other is.
 * - Loop and Scan run their body a number of times that is data, or not known before running:
 *   one "not counted" row per output, with the shapes the file states, and everything the body
 *   reads from outside as its inputs, so what follows is still counted.
 */
import type { GraphNode } from '../graph';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { topological } from './order';
import { say } from '../../messages';

export const CONTROL_FLOW = new Set(['If', 'Loop', 'Scan']);

/** What of the builder control flow uses. */
export interface FlowHost {
  readonly g: OnnxGraph;
  readonly data: Set<string>;
  readonly consts: Map<string, OnnxTensor>;
  readonly warnings: string[];
  constant(name: string | undefined): OnnxTensor | undefined;
  node(n: OnnxNode): void;
  push(node: GraphNode): void;
  notCounted(n: OnnxNode, ins: readonly string[], why: string, out: string, k?: number): void;
  /** Values whose first dim merges the batch (batch-axis.ts): an If's output is its branch output's alias. */
  readonly lead: { readonly merged: Set<string> };
}

/** Values a subgraph (and the subgraphs inside it) reads from the graphs around it. */
export function outerReads(g: OnnxGraph, into = new Set<string>()): Set<string> {
  const own = new Set([...g.inputs.map((i) => i.name), ...g.initializers.keys(), ...g.nodes.flatMap((n) => n.outputs)]);
  const inner = new Set<string>();
  for (const n of g.nodes) {
    for (const v of n.inputs) if (v && !own.has(v)) into.add(v);
    for (const a of n.attrs.values()) if (a.g) outerReads(a.g, inner);
  }
  for (const v of inner) if (!own.has(v)) into.add(v);
  return into;
}

const countNodes = (g: OnnxGraph): number =>
  g.nodes.reduce((s, n) => s + 1 + [...n.attrs.values()].reduce((t, a) => t + (a.g ? countNodes(a.g) : 0), 0), 0);

export function controlFlow(h: FlowHost, n: OnnxNode): void {
  const label = n.name || n.opType;
  if (n.opType === 'If') return ifNode(h, n, label);
  const body = n.attrs.get('body')?.g;
  const reads = [...(body ? outerReads(body) : []), ...n.inputs].filter((v) => h.data.has(v));
  const ins = [...new Set(reads)].slice(0, 16);
  const why = `${n.opType === 'Loop' ? 'a loop' : 'a scan'} whose body runs a number of times known only when the model runs`;
  if (!ins.length) {
    h.warnings.push(say('file.constNotRead', { label, op: n.opType }));
    return;
  }
  n.outputs.forEach((out, k) => out && h.notCounted(n, ins, why, out, k));
}

function ifNode(h: FlowHost, n: OnnxNode, label: string) {
  const then = n.attrs.get('then_branch')?.g;
  const other = n.attrs.get('else_branch')?.g;
  if (!then || !other) {
    h.warnings.push(say('imp.ifBranches', { label }));
    return;
  }
  const cond = h.constant(n.inputs[0])?.values?.[0];
  const branch = cond === undefined || cond !== 0 ? then : other;
  if (cond === undefined) h.warnings.push(say('imp.ifRuntime', { label, a: countNodes(then), b: countNodes(other) }));
  // A branch's own constants and stated shapes join the graph's: names are unique model-wide.
  for (const [k, v] of branch.initializers) h.g.initializers.set(k, v);
  for (const [k, v] of branch.valueInfo) (h.g.valueInfo as Map<string, unknown>).set(k, v);
  for (const m of topological(branch)) h.node(m);
  branch.outputs.forEach((o, k) => {
    const out = n.outputs[k];
    if (!out) return;
    if (h.data.has(o.name)) {
      h.push({ label, op: 'layers', layers: [], inputs: [o.name], output: out });
      if (h.lead.merged.has(o.name)) h.lead.merged.add(out);
    } else {
      const c = h.constant(o.name);
      if (c) h.consts.set(out, c);
    }
  });
}
