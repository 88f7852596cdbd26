/**
 * A Keras model config (Functional or Sequential, Keras 1–3) → a flat list of layer calls.
 *
 * A Functional config lists layers, each with its `inbound_nodes`: one per call of the layer
 * (a layer called twice shares its weights). Keras 3 writes a node as {args, kwargs} with tensors
 * as {"class_name": "__keras_tensor__", "config": {"shape", "keras_history": [layer, node, i]}};
 * Keras 1/2 as a list of [layer, node, i, kwargs]. A tensor is named by its history: the layer
 * name, and "@node" / "#i" when not the first. Models used as layers (a Sequential feature
 * extractor inside a Functional model) are expanded in place, their layers named "outer/inner";
 * their inputs become the call's inputs and their outputs the call's outputs.
 */
import type { LayerKey } from './archive';
import { MinHeap } from './min-heap';
import { ImportLimitError, MAX_IMPORT_NODES } from '../result';
import { groupDigits } from '../../digits';

export type KShape = readonly (number | null)[];

export interface LayerEntry {
  readonly cls: string;
  readonly module: unknown;
  readonly registered: unknown;
  readonly cfg: Readonly<Record<string, unknown>>;
  /** Name shown on rows: nested models' names first, "outer/inner"; "(call k)" for a later call. */
  readonly name: string;
  /** The name of the layer's first call (a later call's weights are that one's). */
  readonly first: string;
  /** Where its weights are stored (archive.ts). */
  readonly keys: readonly LayerKey[];
}

export interface Call {
  readonly layer: LayerEntry;
  /** Which call of the layer (0 = the first). */
  readonly node: number;
  /** A later use of weights used before: a later call, or any call inside a nested model's later call. */
  readonly later: boolean;
  /** Data tensors read, in order (positional arguments, then keyword ones). */
  readonly inputs: readonly string[];
  /** Tensors written: index 0 always, more when later layers read them. */
  readonly outputs: readonly string[];
  /** Numbers among the arguments (`x + 3.0` in Keras 3, TFOpLambda's `y` in Keras 2), in order. */
  readonly scalars: readonly number[];
}

export interface FlatModel {
  readonly name: string;
  readonly inputs: readonly { readonly value: string; readonly name: string; readonly shape: KShape }[];
  readonly outputs: readonly string[];
  readonly calls: readonly Call[];
  /** Keras shapes of tensors as the file records them where they are read (Keras 3), batch left out. */
  readonly recorded: ReadonlyMap<string, KShape>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);
const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

/** keras/src/utils/naming.py to_snake_case: the key a Keras 3 weights file uses per class. */
export function snake(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

const valueName = (layer: string, node: number, tensor: number) =>
  `${layer}${node ? `@${node}` : ''}${tensor ? `#${tensor}` : ''}`;

interface Ref {
  readonly layer: string;
  readonly node: number;
  readonly tensor: number;
  readonly shape?: KShape;
}

/** Tensors in a node's args/kwargs (Keras 3), depth first. */
function refsV3(v: unknown, out: Ref[], depth = 0): void {
  if (depth > 8) return;
  if (Array.isArray(v)) return v.forEach((e) => refsV3(e, out, depth + 1));
  const o = obj(v);
  if (!o) return;
  const c = obj(o.config);
  if (o.class_name === '__keras_tensor__' && c && Array.isArray(c.keras_history)) {
    const [layer, node, tensor] = c.keras_history as [string, number, number];
    const shape = Array.isArray(c.shape) ? (c.shape as KShape).slice(1) : undefined;
    out.push({ layer: String(layer), node: Number(node) || 0, tensor: Number(tensor) || 0, shape });
    return;
  }
  for (const k of Object.keys(o)) refsV3(o[k], out, depth + 1);
}

/** Tensors in a Keras 1/2 node: [[layer, node, i, kwargs], …]; kwargs may hold more histories. */
function refsLegacy(node: unknown[], out: Ref[]): void {
  const entries = typeof node[0] === 'string' ? [node] : node;
  for (const e of entries) {
    if (!Array.isArray(e) || typeof e[0] !== 'string') continue;
    out.push({ layer: e[0], node: Number(e[1]) || 0, tensor: Number(e[2]) || 0 });
    const kw = obj(e[3]);
    if (kw)
      for (const v of Object.values(kw))
        if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'number')
          out.push({ layer: v[0], node: Number(v[1]) || 0, tensor: Number(v[2]) || 0 });
  }
}

function nodeRefs(node: unknown): Ref[] {
  const out: Ref[] = [];
  const o = obj(node);
  if (o && ('args' in o || 'kwargs' in o)) {
    refsV3(o.args, out);
    refsV3(o.kwargs, out);
  } else if (Array.isArray(node)) refsLegacy(node, out);
  return out;
}

/** Number arguments of a node: Keras 3 positional args; Keras 2 TFOpLambda's keyword `y`. */
function nodeScalars(node: unknown): number[] {
  const o = obj(node);
  if (o && Array.isArray(o.args)) return o.args.filter((a): a is number => typeof a === 'number');
  if (!Array.isArray(node)) return [];
  const entries = typeof node[0] === 'string' ? [node] : node;
  const kw = Array.isArray(entries[0]) ? obj(entries[0][3]) : null;
  return kw && typeof kw.y === 'number' ? [kw.y] : [];
}

/** [[name, node, i], …] or one [name, node, i] (Keras 3 writes a single input that way). */
function endpoints(v: unknown): Ref[] {
  if (!Array.isArray(v)) return [];
  const list = typeof v[0] === 'string' ? [v] : v;
  return list
    .filter((e): e is unknown[] => Array.isArray(e) && typeof e[0] === 'string')
    .map((e) => ({ layer: e[0] as string, node: Number(e[1]) || 0, tensor: Number(e[2]) || 0 }));
}

const inputShape = (cfg: Json): KShape | null => {
  const s = cfg.batch_shape ?? cfg.batch_input_shape;
  return Array.isArray(s) ? (s as KShape).slice(1) : null;
};

class Flattener {
  readonly calls: Call[] = [];
  readonly recorded = new Map<string, KShape>();
  /** Value name → the value it stands for (a nested model's input or output). */
  readonly alias = new Map<string, string>();
  /**
   * While a nested model's later call is expanded: its row-name prefix and the first call's
   * ("outer@1/" → "outer/"), innermost last, so inner layers name the rows whose weights they use.
   */
  private readonly laterPrefixes: [string, string][] = [];

  /** The name a layer's row has in the first expansion of every nested model around it. */
  private firstName(name: string): string {
    let n = name;
    for (let i = this.laterPrefixes.length - 1; i >= 0; i--) {
      const [later, first] = this.laterPrefixes[i];
      if (n.startsWith(later)) n = first + n.slice(later.length);
    }
    return n;
  }
  private depth = 0;

  resolve(v: string): string {
    let x = v;
    for (let i = 0; i < 64 && this.alias.has(x); i++) x = this.alias.get(x) as string;
    return x;
  }

  /** Weights-file keys for a model's layer list, in order (saving_lib.py's class-name counters). */
  private keysOf(layers: Json[]): LayerKey[] {
    const used = new Map<string, number>();
    return layers.map((l) => {
      const base = snake(String(l.class_name ?? ''));
      const n = used.get(base);
      used.set(base, n === undefined ? 0 : n + 1);
      const name = String(l.name ?? obj(l.config)?.name ?? '');
      return { name, auto: n === undefined ? base : `${base}_${n + 1}` };
    });
  }

  /**
   * Expands one model. `inputs` are the values fed to its inputs (null at the top: its InputLayers
   * become the model inputs). Returns its output values.
   */
  model(m: Json, prefix: string, outer: readonly LayerKey[], inputs: string[] | null): string[] {
    if (++this.depth > 16) throw new Error('models are nested more than 16 deep');
    try {
      const cfg = obj(m.config) ?? {};
      const layers = (Array.isArray(cfg.layers) ? cfg.layers : []).map(obj).filter((l): l is Json => l !== null);
      const keys = this.keysOf(layers).map((k) => [...outer, k]);
      return m.class_name === 'Sequential'
        ? this.sequential(cfg, layers, keys, prefix, inputs)
        : this.functional(cfg, layers, keys, prefix, inputs);
    } finally {
      this.depth--;
    }
  }

  readonly modelInputs: { value: string; name: string; shape: KShape }[] = [];

  private entry(l: Json, name: string, first: string, keys: LayerKey[]): LayerEntry {
    return {
      cls: String(l.class_name ?? '?'),
      module: l.module,
      registered: l.registered_name,
      cfg: obj(l.config) ?? {},
      name,
      first,
      keys,
    };
  }

  private sequential(cfg: Json, layers: Json[], keys: LayerKey[][], prefix: string, inputs: string[] | null): string[] {
    let cur: string;
    let start = 0;
    if (inputs) cur = inputs[0];
    else {
      const first = layers[0] ? (obj(layers[0].config) ?? {}) : {};
      const shape =
        inputShape(first) ?? (Array.isArray(cfg.build_input_shape) ? (cfg.build_input_shape as KShape).slice(1) : null);
      if (!shape) throw new Error('the Sequential model states no input shape (build it or give an Input)');
      const name = layers[0]?.class_name === 'InputLayer' ? String(first.name ?? 'input') : 'input';
      cur = prefix + name;
      this.modelInputs.push({ value: cur, name, shape });
    }
    if (layers[0]?.class_name === 'InputLayer') start = 1;
    for (let i = start; i < layers.length; i++) {
      const l = layers[i];
      const name = prefix + String(obj(l.config)?.name ?? l.name ?? `layer${i}`);
      cur = this.call(l, name, keys[i], 0, [cur], prefix, [])[0];
    }
    return [cur];
  }

  private functional(cfg: Json, layers: Json[], keys: LayerKey[][], prefix: string, inputs: string[] | null): string[] {
    const ins = endpoints(cfg.input_layers);
    if (inputs && inputs.length !== ins.length)
      throw new Error(`a nested model takes ${ins.length} inputs but is given ${inputs.length}`);
    const byName = new Map(layers.map((l, i) => [String(l.name ?? obj(l.config)?.name ?? ''), i]));
    ins.forEach((r, i) => {
      const v = prefix + valueName(r.layer, r.node, r.tensor);
      if (inputs) this.alias.set(v, inputs[i]);
      else {
        const l = layers[byName.get(r.layer) ?? -1];
        const shape = l ? inputShape(obj(l.config) ?? {}) : null;
        if (!shape) throw new Error(`input "${r.layer}" has no shape`);
        this.modelInputs.push({ value: v, name: r.layer, shape });
      }
    });
    // Calls in an order where every input is computed first: a layer's later calls may read
    // layers listed after it, as Keras's own from_config allows (functional.py process_node).
    const pending: { l: Json; i: number; node: number; refs: Ref[]; scalars: number[] }[] = [];
    layers.forEach((l, i) => {
      if (l.class_name === 'InputLayer') return;
      const nodes = Array.isArray(l.inbound_nodes) ? l.inbound_nodes : [];
      nodes.forEach((n, node) => pending.push({ l, i, node, refs: nodeRefs(n), scalars: nodeScalars(n) }));
    });
    // Always the first pending call whose inputs are all computed, as a scan from the start would
    // pick; found through counts of missing inputs and a heap of ready positions, since rescanning
    // made a 20,000-layer config listed backwards take 10 s (issue 21).
    const ready = new Set<string>(ins.map((r) => prefix + valueName(r.layer, r.node, 0)));
    const missing = pending.map(() => 0);
    const waiting = new Map<string, number[]>();
    pending.forEach((p, k) => {
      for (const v of new Set(p.refs.map((r) => prefix + valueName(r.layer, r.node, 0)))) {
        if (ready.has(v)) continue;
        missing[k]++;
        const list = waiting.get(v);
        if (list) list.push(k);
        else waiting.set(v, [k]);
      }
    });
    const heap = new MinHeap();
    missing.forEach((m, k) => m === 0 && heap.push(k));
    const done = pending.map(() => false);
    for (let at = heap.pop(); at !== undefined; at = heap.pop()) {
      done[at] = true;
      const { l, i, node, refs, scalars } = pending[at];
      for (const r of refs)
        if (r.shape) this.recorded.set(this.resolve(prefix + valueName(r.layer, r.node, r.tensor)), r.shape);
      const lname = String(l.name ?? obj(l.config)?.name ?? `layer${i}`);
      const outs = this.call(
        l,
        prefix + lname,
        keys[i],
        node,
        refs.map((r) => this.resolve(prefix + valueName(r.layer, r.node, r.tensor))),
        prefix,
        scalars,
      );
      const made = prefix + valueName(lname, node, 0);
      if (!outs.length || ready.has(made)) continue;
      ready.add(made);
      for (const k of waiting.get(made) ?? []) if (--missing[k] === 0) heap.push(k);
    }
    const stuck = pending.find((_, k) => !done[k]);
    if (stuck) throw new Error(`the layer graph has calls whose inputs are never computed (${stuck.l.name ?? '?'})`);
    return endpoints(cfg.output_layers).map((r) => this.resolve(prefix + valueName(r.layer, r.node, r.tensor)));
  }

  /** One call of a layer (a nested model is expanded). Returns the values it writes. */
  private call(
    l: Json,
    name: string,
    keys: LayerKey[],
    node: number,
    inputs: string[],
    prefix: string,
    scalars: number[],
  ): string[] {
    const lname = name.slice(prefix.length);
    const out0 = prefix + valueName(lname, node, 0);
    if (MODEL_CLASSES.has(String(l.class_name)) && Array.isArray(obj(l.config)?.layers)) {
      // A nested model called again uses the weights of its first call, layer by layer.
      if (node) this.laterPrefixes.push([`${name}@${node}/`, `${name}/`]);
      try {
        const inner = this.model(l, `${name}${node ? `@${node}` : ''}/`, keys, inputs);
        inner.forEach((v, t) => this.alias.set(prefix + valueName(lname, node, t), v));
        return inner;
      } finally {
        if (node) this.laterPrefixes.pop();
      }
    }
    const outputs = [out0];
    const first = this.firstName(name);
    const entry = this.entry(l, node ? `${name} (call ${node + 1})` : name, first, keys);
    // Checked as calls are made: a nested model called twice in a model called twice… doubles per level.
    if (this.calls.length >= MAX_IMPORT_NODES) {
      const most = groupDigits(MAX_IMPORT_NODES);
      throw new ImportLimitError(
        `the model has more than ${most} layer calls (nested models expanded); FlopLab imports at most ${most}`,
      );
    }
    this.calls.push({ layer: entry, node, later: node > 0 || first !== name, inputs, outputs, scalars });
    return outputs;
  }
}

/** Flattens the top-level config. Throws with a message when it is not a model config. */
export function flattenConfig(config: unknown): FlatModel {
  const top = obj(config);
  if (!top || typeof top.class_name !== 'string') throw new Error('the config is not a Keras model (no class_name)');
  if (!MODEL_CLASSES.has(top.class_name) && !Array.isArray(obj(top.config)?.layers))
    throw new Error(`the config is a ${top.class_name}, not a Functional or Sequential model`);
  const f = new Flattener();
  const outputs = f.model(top, '', [], null);
  if (!f.modelInputs.length) throw new Error('the model has no input');
  return {
    name: String(obj(top.config)?.name ?? ''),
    inputs: f.modelInputs,
    outputs,
    calls: f.calls,
    recorded: f.recorded,
  };
}

/** Later calls that read tensor i > 0 of a call (LSTM(return_state=True), custom layers) add outputs. */
export function extraOutputs(flat: FlatModel): Map<string, number> {
  const most = new Map<string, number>();
  for (const c of flat.calls)
    for (const v of c.inputs) {
      const m = /^(.*)#(\d+)$/.exec(v);
      if (m) most.set(m[1], Math.max(most.get(m[1]) ?? 0, Number(m[2])));
    }
  for (const v of flat.outputs) {
    const m = /^(.*)#(\d+)$/.exec(v);
    if (m) most.set(m[1], Math.max(most.get(m[1]) ?? 0, Number(m[2])));
  }
  return most;
}
