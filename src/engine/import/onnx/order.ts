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
  // Kahn's algorithm, level by level: a level is every node whose inputs were all made before it,
  // in file order (what passes over the pending list gave, but without a pass per level: a file
  // listing a 100,000-node chain backwards took 100,000 passes).
  made.clear();
  for (const v of [...g.inputs.map((i) => i.name), ...g.initializers.keys()]) made.add(v);
  const missing = new Array<number>(g.nodes.length).fill(0);
  const waiting = new Map<string, number[]>();
  g.nodes.forEach((n, i) => {
    for (const v of new Set(n.inputs)) {
      if (!v || made.has(v) || !producers.has(v)) continue;
      missing[i]++;
      const list = waiting.get(v);
      if (list) list.push(i);
      else waiting.set(v, [i]);
    }
  });
  const placed = new Array<boolean>(g.nodes.length).fill(false);
  const out: OnnxGraph['nodes'] = [];
  let level = g.nodes.flatMap((_, i) => (missing[i] === 0 ? [i] : []));
  while (level.length) {
    const next: number[] = [];
    for (const i of level) {
      out.push(g.nodes[i]);
      placed[i] = true;
    }
    for (const i of level)
      for (const o of g.nodes[i].outputs) {
        if (made.has(o)) continue;
        made.add(o);
        for (const w of waiting.get(o) ?? []) if (--missing[w] === 0) next.push(w);
      }
    level = next.sort((a, b) => a - b);
  }
  // A cycle: the nodes on it (and after it) are left in file order for the builder to report.
  g.nodes.forEach((n, i) => placed[i] || out.push(n));
  return out;
}
