/**
 * Shape-tracking walk over a model's layer tree for the exporters that need each layer's input
 * shape (PyTorch code needs in_channels). Same semantics as the evaluator: parallel blocks run
 * their lists on the block's input, repeat runs its body `times` times.
 */
import type { LayerSpec, Model, Shape } from '../format/model';
import { checkModelHeader } from '../format/header';
import { isBlock, parseLayer, type AnyKind } from '../layers/registry';
import type { BlockKind } from '../layers/block';
import type { Params } from '../layers/kind';
import { say } from '../messages';

/** Why a layer with `from` stops a stack-only writer (PyTorch code, prototxt). */
export const GRAPH_EXPORT = say('export.graph');

export interface LeafVisit {
  readonly spec: LayerSpec;
  readonly kind: AnyKind;
  readonly params: Params;
  readonly input: Shape;
  readonly output: Shape;
  readonly path: string;
}

export interface BlockVisit<T> extends LeafVisit {
  readonly kind: BlockKind;
  /** Results of the child lists (parallel: one per list; repeat: one per iteration). */
  readonly lists: { key: string; items: T[] }[];
}

export interface Visitor<T> {
  leaf(v: LeafVisit): T;
  block(v: BlockVisit<T>): T;
}

export type WalkResult<T> = { ok: true; items: T[]; output: Shape } | { ok: false; error: string };

class Walk<T> {
  constructor(private readonly v: Visitor<T>) {}

  list(layers: readonly LayerSpec[], input: Shape, path: string): { items: T[]; output: Shape } {
    const items: T[] = [];
    let x = input;
    layers.forEach((spec, i) => {
      const r = this.layer(spec, x, `${path}[${i}]`);
      items.push(r.item);
      x = r.output;
    });
    return { items, output: x };
  }

  layer(spec: LayerSpec, input: Shape, path: string): { item: T; output: Shape } {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) throw new Error(parsed.error);
    if (spec.from !== undefined) throw new Error(say('file.named', { name: path, error: GRAPH_EXPORT }));
    if (spec.shares !== undefined)
      throw new Error(`${path} uses the weights of "${spec.shares}"; this writer would give it weights of its own`);
    const { kind, params } = parsed;
    if (!isBlock(kind)) {
      const r = kind.shape(params, input, [input]);
      if ('error' in r) throw new Error(`${path}: ${r.error}`);
      return { item: this.v.leaf({ spec, kind, params, input, output: r.output, path }), output: r.output };
    }
    const lists: { key: string; items: T[] }[] = [];
    const outs: Shape[] = [];
    if (kind.mode === 'repeat') {
      const body = kind.lists(spec)[0];
      let x = input;
      for (let t = 0; t < (params.times as number); t++) {
        const r = this.list(body.layers, x, `${path}#${t}.${body.key}`);
        lists.push({ key: `${body.key}#${t}`, items: r.items });
        x = r.output;
      }
      outs.push(x);
    } else {
      for (const l of kind.lists(spec)) {
        const r = l.layers.length ? this.list(l.layers, input, `${path}.${l.key}`) : { items: [], output: input };
        lists.push({ key: l.key, items: r.items });
        outs.push(r.output);
      }
    }
    const c = kind.combine(params, input, outs);
    if ('error' in c) throw new Error(`${path}: ${c.error}`);
    return { item: this.v.block({ spec, kind, params, input, output: c.output, path, lists }), output: c.output };
  }
}

/** Walks the model; a layer that cannot be shaped stops the walk with its message. Never throws. */
export function walkModel<T>(model: Model, visitor: Visitor<T>): WalkResult<T> {
  try {
    const h = checkModelHeader(model);
    if (h.error) return { ok: false, error: h.error };
    const r = new Walk(visitor).list(model.layers ?? [], h.input, 'layers');
    return { ok: true, ...r };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/**
 * One layer of a stack (a leaf, or a block with everything inside it) on a given input: the graph
 * writer (pytorch-graph.ts) writes each plain block of a graph model this way. Throws the layer's
 * message, as walkModel returns it.
 */
export function walkLayer<T>(
  spec: LayerSpec,
  input: Shape,
  path: string,
  visitor: Visitor<T>,
): { item: T; output: Shape } {
  return new Walk(visitor).layer(spec, input, path);
}
