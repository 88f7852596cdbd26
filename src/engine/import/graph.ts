/**
 * The importers' common intermediate form — a dataflow graph (ONNX nodes, Caffe layers) —
 * and its conversion into the model format's nested blocks.
 *
 * Every node reads data values and writes one. A `layers` node has one data input and stands
 * for a chain of model layers (empty = pass-through); a join node (`add`, `mul`, `concat`)
 * merges the branches that forked from one value. `toLayers` walks the graph from the input
 * value: a value with one consumer continues the chain; a value with several consumers opens
 * a fork, which closes at its immediate post-dominator (the first node all paths from the fork
 * pass through). That node's inputs name the branches, each converted recursively between the
 * fork and that input. `add` becomes a residual block, `mul` a scale block (x · body(x), or
 * silu / hardswish when the body is exactly a sigmoid / hard sigmoid), `concat` a concat block.
 * Graphs that are not nested forks (e.g. DenseNet's concatenation of all earlier outputs in
 * one node) are reported with the node where conversion stopped.
 */
import type { LayerSpec } from '../format/model';
import { say } from '../messages';

export type JoinOp = 'add' | 'mul' | 'concat';

export interface GraphNode {
  /** What the node is called in the source file, for messages. */
  readonly label: string;
  /** Display name for the layer or block made from this node, when the source names it. */
  readonly name?: string;
  readonly op: 'layers' | JoinOp;
  /** Model layers for a `layers` node (empty = pass-through). */
  readonly layers?: readonly LayerSpec[];
  /** Data inputs (value names); constants and weights are not listed. */
  readonly inputs: readonly string[];
  readonly output: string;
}

export interface DataflowGraph {
  /** Nodes in topological order (every input is produced earlier or is the graph input). */
  readonly nodes: readonly GraphNode[];
  readonly input: string;
  readonly output: string;
}

export type Structured = { ok: true; layers: LayerSpec[]; dropped: number } | { ok: false; error: string };

class Converter {
  private readonly producer = new Map<string, number>();
  private readonly consumers = new Map<string, number[]>();
  /** Memo of "which nodes after a floor can reach this value", per floor and stop value. */
  private readonly ancestorsOf = new Map<string, Set<number>>();

  constructor(private readonly g: DataflowGraph) {
    g.nodes.forEach((n, i) => {
      this.producer.set(n.output, i);
      for (const v of n.inputs) {
        const list = this.consumers.get(v) ?? [];
        list.push(i);
        this.consumers.set(v, list);
      }
    });
  }

  /** Index of the node computing `value`; -1 for the graph input (and any value no node computes). */
  private at(value: string): number {
    return this.producer.get(value) ?? -1;
  }

  /**
   * Nodes after node `floor` (an index; -1: all) from which `stop` can be reached, its producer
   * included. The nodes are in topological order, so nothing at or before the producer of a
   * value can read it: a region from that value needs only the nodes after it. Without the floor
   * every block of a residual chain collected all the nodes before it, a set per block: 20,000
   * blocks made 4·10⁸ set entries and ran out of memory (issue 21).
   */
  ancestors(stop: string, floor = -1): Set<number> {
    const key = `${floor}\u0000${stop}`;
    let set = this.ancestorsOf.get(key);
    if (set) return set;
    set = new Set<number>();
    const todo = [stop];
    while (todo.length) {
      const p = this.producer.get(todo.pop() as string);
      if (p === undefined || p <= floor || set.has(p)) continue;
      set.add(p);
      for (const v of this.g.nodes[p].inputs) todo.push(v);
    }
    this.ancestorsOf.set(key, set);
    return set;
  }

  private users(value: string, region: Set<number>): number[] {
    return (this.consumers.get(value) ?? []).filter((i) => region.has(i));
  }

  /** First node every path from `from` to the region's end passes through. */
  private closingNode(from: string, region: Set<number>): number | null {
    const first = this.users(from, region);
    let pending = first.length;
    const reached = new Set([from]);
    // A loop, not Math.min(...first): spreading a value's 200,000 readers overflows the stack.
    const start = first.reduce((a, b) => Math.min(a, b), Infinity);
    for (let i = start; i < this.g.nodes.length; i++) {
      if (!region.has(i)) continue;
      const n = this.g.nodes[i];
      const k = n.inputs.filter((v) => reached.has(v)).length;
      if (k === 0) continue;
      pending -= k;
      if (pending === 0) return k === n.inputs.length ? i : null;
      reached.add(n.output);
      pending += this.users(n.output, region).length;
    }
    return null;
  }

  /**
   * A node that lies on more than one branch between `from` and the join's inputs. Nested blocks
   * would compute it once per branch, so such graphs are refused rather than over-counted.
   */
  private sharedNode(from: string, inputs: readonly string[]): number | null {
    // Only nodes after `from`'s producer can lie between it and the join. A node before it that is
    // not its ancestor (a side input) feeding a branch makes the branch walk fail instead (chain).
    const floor = this.at(from);
    const seen = new Set<number>();
    for (const v of new Set(inputs)) {
      if (v === from) continue;
      for (const i of this.ancestors(v, floor)) {
        if (seen.has(i)) return i;
        seen.add(i);
      }
    }
    return null;
  }

  /** Layers computing `stop` from `start`. */
  chain(start: string, stop: string, depth: number): LayerSpec[] | string {
    if (depth > 30) return 'blocks are nested too deeply';
    const region = this.ancestors(stop, this.at(start));
    const out: LayerSpec[] = [];
    let cur = start;
    while (cur !== stop) {
      const users = this.users(cur, region);
      if (users.length === 0) return `no path from ${cur} to ${stop}`;
      const single = users.length === 1 ? this.g.nodes[users[0]] : null;
      if (single && single.op === 'layers' && single.inputs.length === 1) {
        out.push(...(single.layers ?? []));
        cur = single.output;
        continue;
      }
      const at = single && single.inputs.every((v) => v === cur) ? users[0] : this.closingNode(cur, region);
      if (at === null) {
        const near = this.g.nodes[users.reduce((a, b) => Math.min(a, b), Infinity)];
        return `the branches after "${near.label}" do not merge in one node (not expressible as nested blocks)`;
      }
      const join = this.g.nodes[at];
      if (join.op === 'layers') return `"${join.label}" takes several inputs but is not an add, multiply or concat`;
      const shared = this.sharedNode(cur, join.inputs);
      if (shared !== null)
        return `"${this.g.nodes[shared].label}" feeds several branches that merge at "${join.label}" (a reused output, as in DenseNet): not expressible as nested blocks`;
      const branches: LayerSpec[][] = [];
      for (const v of join.inputs) {
        const b = v === cur ? [] : this.chain(cur, v, depth + 1);
        if (typeof b === 'string') return b;
        branches.push(b);
      }
      const block = blockFor(join, branches);
      if (typeof block === 'string') return block;
      out.push(block);
      cur = join.output;
    }
    return out;
  }
}

const isOnly = (layers: LayerSpec[], type: string) => layers.length === 1 && layers[0].type === type;

function blockFor(join: GraphNode, branches: LayerSpec[][]): LayerSpec | string {
  const b = blockShape(join, branches);
  if (typeof b === 'string' || !join.name) return b;
  const { type, ...rest } = b;
  return { type, name: join.name, ...rest };
}

function blockShape(join: GraphNode, branches: LayerSpec[][]): LayerSpec | string {
  if (join.op === 'concat') return { type: 'concat', branches };
  if (branches.length !== 2) return `"${join.label}" ${join.op}s ${branches.length} inputs; only 2 are supported`;
  if (join.op === 'add') {
    const [a, b] = branches;
    // The non-empty branch is the body; when both have layers the first input is the body.
    if (a.length === 0 && b.length === 0) return { type: 'residual', body: [] };
    if (a.length === 0) return { type: 'residual', body: b };
    if (b.length === 0) return { type: 'residual', body: a };
    return { type: 'residual', body: a, shortcut: b };
  }
  const gate = branches[0].length === 0 ? branches[1] : branches[1].length === 0 ? branches[0] : null;
  // x · f(x) where f was not mapped (listed in the warnings) still loads: the multiply is kept.
  if (gate && gate.length === 0) return { type: 'scale', body: [] };
  if (!gate)
    return `"${join.label}" multiplies two computed tensors; only x · f(x) (squeeze-excite, SiLU) is supported`;
  // x · sigmoid(x) is SiLU and x · hardsigmoid(x) is hard swish (how exporters write them).
  if (isOnly(gate, 'sigmoid')) return { type: 'silu' };
  if (isOnly(gate, 'hardsigmoid')) return { type: 'hardswish' };
  return { type: 'scale', body: gate };
}

/** Converts a dataflow graph into a layer list. Never throws. */
export function toLayers(g: DataflowGraph): Structured {
  try {
    if (g.input === g.output) return { ok: true, layers: [], dropped: countDropped(g, new Set()) };
    const c = new Converter(g);
    const reach = c.ancestors(g.output);
    if (!reach.size) return { ok: false, error: say('file.outputNotComputed', { output: g.output }) };
    const r = c.chain(g.input, g.output, 0);
    if (typeof r === 'string') return { ok: false, error: r };
    return { ok: true, layers: r, dropped: countDropped(g, reach) };
  } catch (err) {
    return { ok: false, error: say('file.cannotConvertGraph', { error: (err as Error).message }) };
  }
}

/** Computing nodes that do not lead to the output (auxiliary heads, unused branches). */
function countDropped(g: DataflowGraph, reach: Set<number>): number {
  let n = 0;
  g.nodes.forEach((node, i) => {
    // Unused pieces of a split (a chunk is a view) are not computation worth reporting.
    if (!reach.has(i) && (node.op !== 'layers' || (node.layers ?? []).some((l) => l.type !== 'chunk'))) n++;
  });
  return n;
}
