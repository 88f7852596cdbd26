/**
 * Sending models to the worker without losing object identity.
 *
 * The engine caches per layer object (parse results, and whole rows of unchanged layers), and the
 * editor keeps untouched layers identical across edits. postMessage, however, copies: every model
 * would arrive as all-new objects and no cache would ever hit. So the page gives each layer object
 * an id and sends a layer the worker already holds as `{ $ref: id }`; the worker rebuilds the model
 * from the layer objects it kept from the previous request, which are then the same objects as
 * last time. Only new or changed layers (and the lists holding them) cross in full.
 */
import type { LayerSpec, Model } from '../engine/format/model';
import { isBlock, kindOf } from '../engine/layers/registry';

export interface LayerRef {
  readonly $ref: number;
}
/** A layer as sent: a reference to one the worker holds, or the layer with an id and encoded lists. */
export type WireLayer = LayerRef | (LayerSpec & { readonly $id: number });
export interface WireModel extends Omit<Model, 'layers'> {
  readonly layers: readonly unknown[];
}

const isRef = (v: unknown): v is LayerRef =>
  typeof v === 'object' && v !== null && typeof (v as LayerRef).$ref === 'number';

/** Child-list field names of a layer (empty for leaves and unknown types). */
function listFields(layer: LayerSpec): readonly { name: string; nested: boolean }[] {
  const kind = typeof layer?.type === 'string' ? kindOf(layer.type) : undefined;
  return kind && isBlock(kind) ? kind.listFields : [];
}

function mapLists(layer: LayerSpec, fn: (list: readonly unknown[]) => unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...layer };
  for (const f of listFields(layer)) {
    const v = out[f.name];
    if (!Array.isArray(v)) continue;
    out[f.name] = f.nested ? v.map((b) => (Array.isArray(b) ? fn(b) : b)) : fn(v);
  }
  return out;
}

/** Calls `fn` on each layer object directly inside `layer`'s child lists. */
function forEachChild(layer: LayerSpec, fn: (child: LayerSpec) => void): void {
  for (const f of listFields(layer)) {
    const v = (layer as Record<string, unknown>)[f.name];
    if (!Array.isArray(v)) continue;
    const lists = f.nested ? v.filter(Array.isArray) : [v];
    for (const l of lists) for (const c of l as unknown[]) if (typeof c === 'object' && c !== null) fn(c as LayerSpec);
  }
}

/** Page side: one per worker (a new worker holds nothing). */
export class ModelEncoder {
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Ids of the layers of the last model sent: what the worker holds. */
  private held = new Set<number>();

  encode(model: Model): WireModel {
    const sent = new Set<number>();
    const list = (layers: readonly unknown[]): unknown[] => layers.map(layer);
    const layer = (l: unknown): unknown => {
      if (typeof l !== 'object' || l === null || Array.isArray(l)) return l; // the engine reports it
      let id = this.ids.get(l);
      if (id === undefined) this.ids.set(l, (id = this.nextId++));
      const known = this.held.has(id) || sent.has(id);
      sent.add(id);
      if (known) {
        // The worker keeps what this model still uses, nested layers included.
        this.markDescendants(l as LayerSpec, sent);
        return { $ref: id };
      }
      return { ...mapLists(l as LayerSpec, list), $id: id };
    };
    const layers = Array.isArray(model?.layers) ? list(model.layers) : model?.layers;
    this.held = sent;
    return { ...model, layers: layers as unknown[] };
  }

  private markDescendants(l: LayerSpec, sent: Set<number>): void {
    forEachChild(l, (c) => {
      const id = this.ids.get(c);
      if (id !== undefined) sent.add(id);
      this.markDescendants(c, sent);
    });
  }

  /** Forget what the worker holds (after a failed request): the next model is sent in full. */
  reset(): void {
    this.held = new Set();
  }
}

/** Worker side: rebuilds models, reusing the layer objects of the previous one. */
export class ModelDecoder {
  private held = new Map<number, LayerSpec>();
  private readonly idOf = new WeakMap<object, number>();

  decode(wire: WireModel): Model {
    const kept = new Map<number, LayerSpec>();
    const keep = (id: number, l: LayerSpec) => {
      kept.set(id, l);
      this.idOf.set(l, id);
      return l;
    };
    const list = (layers: readonly unknown[]): unknown[] => layers.map(layer);
    const layer = (w: unknown): unknown => {
      if (isRef(w)) {
        const l = this.held.get(w.$ref) ?? kept.get(w.$ref);
        if (!l) throw new Error(`model sync: layer ${w.$ref} is not held by the worker`);
        this.keepDescendants(l, kept);
        return keep(w.$ref, l);
      }
      if (typeof w !== 'object' || w === null || Array.isArray(w) || typeof (w as { $id?: unknown }).$id !== 'number')
        return w;
      const { $id, ...rest } = w as LayerSpec & { $id: number };
      return keep($id, mapLists(rest as LayerSpec, list) as LayerSpec);
    };
    const layers = Array.isArray(wire.layers) ? list(wire.layers) : wire.layers;
    this.held = kept;
    return { ...wire, layers } as Model;
  }

  private keepDescendants(l: LayerSpec, kept: Map<number, LayerSpec>): void {
    // Nested layers stay held through their parent; their ids are known from when they arrived.
    forEachChild(l, (c) => {
      const id = this.idOf.get(c);
      if (id !== undefined) kept.set(id, c);
      this.keepDescendants(c, kept);
    });
  }
}
