/**
 * The model as a drawable graph (issue 16): nodes and edges derived from one evaluation, never
 * from a second count. Each evaluated layer instance (a `ModelResult` row) is a node; a parallel
 * block's combining op (the add of a residual, the cat of a concat, the multiply of a scale) is a
 * `join` node on its own row; the model's inputs and outputs are nodes of their own. Edges follow
 * the same wiring the evaluator used (run.ts): a layer reads the previous layer's output unless
 * its `from` names ids or inputs, resolved in evaluation order (the latest definition wins, so a
 * repeat body's ids name the current iteration); every list of a parallel block reads the block's
 * input; a repeat's iterations run in sequence; a training-only block (auxiliary head) hangs off
 * its input and passes the input on.
 *
 * Blocks are groups (`GraphGroup`): every node inside a block belongs to it, so the view can
 * collapse a block into one node carrying the block row's total (collapse.ts).
 */
import { modelInputs, refsOf, type LayerRef, type LayerSpec, type Model, type Shape } from '../format/model';
import { isBlock, kindOf } from '../layers/registry';
import { validFrom } from '../layers/quick-validate';
import type { ModelResult, Row } from '../rows';

export type GraphNodeKind = 'input' | 'layer' | 'join' | 'output';

export interface GraphNode {
  /** Unique and stable across edits of other layers: the row path, `in:<name>` or `out:<name>`. */
  readonly id: string;
  readonly kind: GraphNodeKind;
  /** Index of the node's row in `ModelResult.rows` (-1 for inputs and outputs). */
  readonly row: number;
  /** What the editor selects for this node (null for inputs and outputs). */
  readonly modelPath: string | null;
  /** The layer's name, else its type (and id, if any); an input's or output's name. */
  readonly label: string;
  readonly type: string;
  readonly shape: Shape | null;
  /** Innermost block the node is in (index into `groups`), -1 at the top level. A join is in its own block. */
  readonly group: number;
  readonly error: boolean;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  /** The tensor that flows (the source's output shape). */
  readonly shape: Shape | null;
}

export interface GraphGroup {
  /** The block row's path (the id its collapsed node takes). */
  readonly id: string;
  readonly row: number;
  readonly modelPath: string;
  readonly type: string;
  readonly label: string;
  /** The block's output shape (what its folded node shows). */
  readonly shape: Shape | null;
  readonly error: boolean;
  /** Enclosing block (index into `groups`), -1 at the top level. */
  readonly parent: number;
  /** How many layer and join nodes it holds, nested blocks' included. */
  size: number;
}

export interface GraphView {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly groups: readonly GraphGroup[];
}

/** A tensor: the node that produces it and its shape. */
interface Port {
  readonly node: string;
  readonly shape: Shape | null;
}

class Builder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly groups: GraphGroup[] = [];
  private readonly edgeKeys = new Set<string>();
  /** Ids and input names defined so far, as in graph-scope.ts. */
  readonly scope = new Map<string, Port>();
  private readonly byPath: Map<string, number>;

  constructor(readonly rows: readonly Row[]) {
    this.byPath = new Map(rows.map((r, i) => [r.path, i]));
  }

  node(kind: GraphNodeKind, id: string, row: number, label: string, type: string, shape: Shape | null, group: number) {
    const r = row >= 0 ? this.rows[row] : null;
    this.nodes.push({
      id,
      kind,
      row,
      modelPath: r ? r.modelPath : null,
      label,
      type,
      shape,
      group,
      error: r ? r.error !== undefined : false,
    });
    for (let g = group; g >= 0 && kind !== 'input' && kind !== 'output'; g = this.groups[g].parent)
      this.groups[g].size++;
  }

  edge(from: Port, to: string): void {
    const key = `${from.node}\u0000${to}`;
    if (this.edgeKeys.has(key)) return;
    this.edgeKeys.add(key);
    this.edges.push({ from: from.node, to, shape: from.shape });
  }

  /** A list of layers reading `input`; returns the list's output. */
  list(layers: readonly LayerSpec[], input: Port | null, prefix: string, group: number): Port | null {
    let x = input;
    for (let i = 0; i < layers.length; i++) x = this.entry(layers[i], x, `${prefix}[${i}]`, group);
    return x;
  }

  private entry(spec: LayerSpec, previous: Port | null, path: string, group: number): Port | null {
    const at = this.byPath.get(path);
    if (at === undefined) return null; // not evaluated (cannot happen for a result of this model)
    const row = this.rows[at];
    const ok = typeof spec === 'object' && spec !== null;
    const from = ok ? spec.from : undefined;
    let inputs: (Port | null)[];
    if (from !== undefined && validFrom(from))
      inputs = refsOf(spec).map((ref: LayerRef) => (ref === -1 ? previous : (this.scope.get(ref) ?? null)));
    else {
      const kind = ok ? kindOf(spec.type) : undefined;
      // A kind that takes no input (a learned tensor) ignores the previous layer's output.
      const none = kind && !isBlock(kind) && kind.arity && kind.arity[1] === 0;
      inputs = none ? [] : [previous];
    }
    const kind = ok ? kindOf(spec.type) : undefined;
    // A name, else the type with the id other layers read it by (an imported file's value name).
    const label = row.name || (row.id ? `${row.type} ${row.id}` : row.type);
    let out: Port | null;
    if (kind && isBlock(kind) && row.block && row.end > at + 1) {
      const g = this.groups.length;
      this.groups.push({
        id: row.path,
        row: at,
        modelPath: row.modelPath,
        type: row.type,
        label,
        shape: row.output,
        error: row.error !== undefined,
        parent: group,
        size: 0,
      });
      const input = inputs[0] ?? null;
      const lists = kind.lists(spec);
      if (kind.mode === 'repeat') {
        out = input;
        const body = lists[0];
        for (let t = 0; this.byPath.has(`${path}#${t}.${body.key}[0]`); t++)
          out = this.list(body.layers, out, `${path}#${t}.${body.key}`, g);
      } else {
        const outs = lists.map((l) => (l.layers.length ? this.list(l.layers, input, `${path}.${l.key}`, g) : input));
        if (kind.trainingOnly) out = input;
        else {
          this.node('join', row.path, at, label, row.type, row.output, g);
          for (const o of outs) if (o) this.edge(o, row.path);
          out = { node: row.path, shape: row.output };
        }
      }
    } else {
      this.node('layer', row.path, at, label, row.type, row.output, group);
      for (const p of inputs) if (p) this.edge(p, row.path);
      out = { node: row.path, shape: row.output };
    }
    if (ok && typeof spec.id === 'string' && spec.id && out) this.scope.set(spec.id, out);
    return out;
  }
}

/** The graph of a model as its evaluation `result` (of this very model) saw it. */
export function buildGraphView(model: Model, result: ModelResult): GraphView {
  const b = new Builder(result.rows);
  const inputs = modelInputs(model);
  let first: Port | null = null;
  for (const inp of inputs) {
    const id = `in:${inp.name}`;
    b.node('input', id, -1, inp.name, 'input', inp.shape, -1);
    const port = { node: id, shape: inp.shape };
    b.scope.set(inp.name, port);
    first ??= port;
  }
  const last = b.list(Array.isArray(model.layers) ? model.layers : [], first, 'layers', -1);
  const named = Array.isArray(model.outputs) && model.outputs.length > 0;
  for (const out of result.outputs) {
    const port = named ? (b.scope.get(out.name) ?? null) : last;
    const id = `out:${out.name}`;
    b.node('output', id, -1, out.name, 'output', out.shape, -1);
    if (port) b.edge(port, id);
  }
  return { nodes: b.nodes, edges: b.edges, groups: b.groups };
}
