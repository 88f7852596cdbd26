/** Node order for the ONNX importer (the main graph and control flow's subgraphs alike). */
import type { OnnxGraph } from './decode';

/**
 * The nodes in an order where every input is computed before it is read. ONNX requires it, but
 * some exporters (onnxmltools) write nodes out of order; file order is kept where it is valid.
 */
export function topological(g: OnnxGraph): OnnxGraph['nodes'] {
  const made = new Set<string>([...g.inputs.map((i) => i.name), ...g.initializers.keys()]);
  const producers = new Set<string>(g.nodes.flatMap((n) => n.outputs));
  const ready = (n: OnnxGraph['nodes'][number]) => n.inputs.every((v) => !v || made.has(v) || !producers.has(v));
  if (g.nodes.every((n) => (ready(n) ? (n.outputs.forEach((o) => made.add(o)), true) : false))) return g.nodes;
  made.clear();
  for (const v of [...g.inputs.map((i) => i.name), ...g.initializers.keys()]) made.add(v);
  const out: OnnxGraph['nodes'] = [];
  let pending = g.nodes.slice();
  while (pending.length) {
    const next = pending.filter((n) => !ready(n));
    const done = pending.filter(ready);
    if (!done.length) return [...out, ...pending]; // a cycle: left for the builder to report
    for (const n of done) {
      out.push(n);
      n.outputs.forEach((o) => made.add(o));
    }
    pending = next;
  }
  return out;
}
