/**
 * Attention's q, k and v as exporters write timm's and torchvision's
 * `qkv.reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4).unbind(0)` (or `qkv[0]`, `qkv[1]`, `qkv[2]`):
 * a Transpose that puts an axis a in front of the batch (perm [a, 0, …]), read only by ops that
 * take one index i of that new first axis — Split into pieces of 1 each then Squeeze of axis 0
 * (TorchScript's unbind), Slice [i, i + 1) of axis 0 then Squeeze (the dynamo exporter's), or
 * Gather of a scalar index on axis 0 (indexing). Per index that is select(a, i) on the Transpose's
 * input, then the rest of the permutation: the batch stays first, so each of q, k, v is a row with
 * its shape, where the Transpose alone (moving the batch) has no kind. Neither form computes
 * anything. Semantics: onnx/docs/Operators.md (Transpose, Split, Slice, Squeeze, Gather).
 */
import type { LayerSpec, Shape } from '../../format/model';
import type { GraphNode } from '../graph';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { constantOf } from './fold';

export interface UnbindHost {
  constant(name: string | undefined): OnnxTensor | undefined;
  /** Shape of a data value, batch left out. */
  shape(value: string): Shape | null | undefined;
  push(node: GraphNode): void;
  /** The nodes of the graph that read a value; null when a graph output is that value too. */
  readers(value: string): readonly OnnxNode[] | null;
  /** The graph's nodes. */
  nodes(): readonly OnnxNode[];
}

/** A moved value (the Transpose's output) or one index of it still holding the leading axis of 1. */
interface Moved {
  /** The Transpose's input. */
  readonly from: string;
  /** The axis of `from` put first. */
  readonly axis: number;
  /** The permutation left once that axis is taken (batch first). */
  readonly rest: readonly number[];
  readonly index?: number;
}

const ints = (n: OnnxNode, k: string) => n.attrs.get(k)?.ints?.map(Number);

export class UnbindPatterns {
  private readonly moved = new Map<string, Moved>();

  constructor(private readonly host: UnbindHost) {}

  /** Constant nodes by output: the readers' axes and indices are looked at before their Constant is reached. */
  private ahead?: Map<string, OnnxTensor | undefined>;

  private constant(name: string | undefined): OnnxTensor | undefined {
    if (!name) return undefined;
    this.ahead ??= new Map(
      this.host.nodes().flatMap((c) => (c.opType === 'Constant' ? [[c.outputs[0], constantOf(c)]] : [])),
    );
    return this.host.constant(name) ?? this.ahead.get(name);
  }

  private listOf(n: OnnxNode, attr: string, input: number): number[] | undefined {
    return ints(n, attr) ?? this.constant(n.inputs[input])?.values?.map(Number);
  }

  private squeezesAxis0(n: OnnxNode): boolean {
    return n.opType === 'Squeeze' && this.listOf(n, 'axes', 1)?.join(',') === '0';
  }

  /** The index of axis 0 a reader takes (then squeezed where it keeps the axis), or null. */
  private pick(n: OnnxNode, size: number): number[] | null {
    const axis = Number(n.attrs.get('axis')?.i ?? 0);
    const kept = (outs: readonly string[]) =>
      outs.every((o) => {
        const readers = this.host.readers(o);
        return !!readers?.length && readers.every((r) => this.squeezesAxis0(r));
      });
    if (n.opType === 'Gather' && axis === 0) {
      const k = this.constant(n.inputs[1]);
      const i = k?.dims.length === 0 ? Number(k.values?.[0]) : NaN;
      return i >= 0 && i < size ? [i] : null;
    }
    if (n.opType === 'Split' && axis === 0 && n.outputs.length === size) {
      const split = this.listOf(n, 'split', 1);
      if (split && split.some((s) => s !== 1)) return null;
      return kept(n.outputs) ? n.outputs.map((_o, i) => i) : null;
    }
    if (n.opType === 'Slice') {
      const [s, e, a] = [this.listOf(n, 'starts', 1), this.listOf(n, 'ends', 2), this.listOf(n, 'axes', 3)];
      const step = this.constant(n.inputs[4])?.values?.map(Number) ?? [1];
      const i = s?.length === 1 && e?.[0] === s[0] + 1 && step[0] === 1 && (a ?? [0])[0] === 0 ? s[0] : NaN;
      return i >= 0 && i < size && kept(n.outputs.slice(0, 1)) ? [i] : null;
    }
    return null;
  }

  /** Takes the node when it is a step of the pattern; true when taken. */
  step(n: OnnxNode, x: string): boolean {
    const out = n.outputs[0];
    const perm = n.opType === 'Transpose' ? ints(n, 'perm') : undefined;
    if (perm && perm.length >= 3 && perm[0] !== 0 && perm[1] === 0) {
      const shape = this.host.shape(x);
      const size = shape?.length === perm.length - 1 ? shape[perm[0] - 1] : undefined;
      const readers = this.host.readers(out);
      if (!size || !readers?.length || readers.some((r) => r.inputs[0] !== out || !this.pick(r, size))) return false;
      const rest = perm.slice(1).map((d) => (d > perm[0] ? d - 1 : d));
      this.moved.set(out, { from: x, axis: perm[0], rest });
      this.host.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [x], output: out });
      return true;
    }
    const m = this.moved.get(x);
    if (!m) return false;
    if (m.index !== undefined) return this.squeezesAxis0(n) && this.take(n, m, m.index, out);
    const picks = this.pick(n, this.host.shape(m.from)?.[m.axis - 1] ?? 0) ?? [];
    if (n.opType === 'Gather') return picks.length === 1 && this.take(n, m, picks[0], out);
    // Split / Slice: each output keeps the leading axis of 1 until its Squeeze.
    picks.forEach((index, k) => {
      this.moved.set(n.outputs[k], { ...m, index });
      this.host.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [x], output: n.outputs[k] });
    });
    return picks.length > 0;
  }

  private take(n: OnnxNode, m: Moved, index: number, out: string): boolean {
    const named = n.name ? { name: n.name } : {};
    const layers = [{ type: 'select', dim: m.axis, index, ...named } as LayerSpec];
    if (m.rest.some((d, i) => d !== i)) layers.push({ type: 'permute', dims: [...m.rest], ...named } as LayerSpec);
    this.host.push({ label: n.name || n.opType, op: 'layers', layers, inputs: [m.from], output: out });
    return true;
  }
}

/**
 * The nodes that read each value, subgraphs' nodes included (an If branch reading a value counts
 * as a reader the patterns do not know, so they leave it alone); null for a graph output.
 */
export function readersOf(g: OnnxGraph): (value: string) => readonly OnnxNode[] | null {
  const map = new Map<string, OnnxNode[]>();
  const add = (nodes: readonly OnnxNode[]) => {
    for (const n of nodes) {
      for (const v of n.inputs) {
        const list = map.get(v);
        if (list) list.push(n);
        else map.set(v, [n]);
      }
      for (const a of n.attrs.values()) if (a.g) add(a.g.nodes);
    }
  };
  let built = false;
  const outputs = new Set(g.outputs.map((o) => o.name));
  return (value) => {
    if (!built) add(g.nodes);
    built = true;
    return outputs.has(value) ? null : (map.get(value) ?? []);
  };
}
