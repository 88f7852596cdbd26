/**
 * Layer calls (config.ts) → the dataflow graph the importers share (graph.ts), each call mapped
 * (map.ts) with its inputs in the layout its kind needs. Shapes are propagated with the kinds' own
 * shape rules, so the importer and the evaluation agree; where the file records a tensor's shape
 * (Keras 3), the two are compared and a difference is a warning. Where the file stores a layer's
 * weights, their element count is compared with the kind's parameters and buffers.
 */
import { opaqueOpName } from '../../layers/opaque';
import { evaluate } from '../../expr';
import type { LayerSpec, Shape } from '../../format/model';
import type { GraphNode } from '../graph';
import { chainSteps } from '../shape-track';
import type { WeightStore } from './archive';
import type { Call, FlatModel, KShape } from './config';
import { isKerasClass, mapLayer } from './map';
import { kerasOf, type Layout, type MapContext, type Val } from './map-util';
import { say } from '../../messages';
import { pushTo } from '../multimap';

/** The layers' weights (parameters + buffers, each and in all) and output shape, by the kinds' rules. */
function run(
  specs: readonly LayerSpec[],
  inputs: readonly Shape[],
): { shape: Shape; weights: number; each: number[] } | string {
  if (!specs.length) return { shape: inputs[0], weights: 0, each: [] };
  const steps = chainSteps(specs, inputs);
  if (typeof steps === 'string') return steps;
  const each = steps.map(({ kind, params, input, inputs: all, output }) => {
    const s = kind.symbols(params, input, output, 1, all);
    return Number(evaluate(kind.params, s)) + (kind.buffers ? Number(evaluate(kind.buffers, s)) : 0);
  });
  return { shape: steps[steps.length - 1].output, weights: each.reduce((a, b) => a + b, 0), each };
}

/** Characters the opaque kind's `op` allows (letters, digits, . : / @ + - space). */

const sameShape = (a: Shape, b: KShape) => a.length === b.length && b.every((d, i) => d === null || d === a[i]);

export interface Built {
  readonly nodes: GraphNode[];
  readonly outputs: Val[];
  readonly warnings: string[];
  /** Calls left as "not counted" rows, by class. */
  readonly unsupported: Map<string, string[]>;
  /** Later calls of layers called more than once (their weights are the first call's: `shares`). */
  readonly sharedCalls: number;
}

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly vals = new Map<string, Val>();
  readonly warnings: string[] = [];
  readonly unsupported = new Map<string, string[]>();
  sharedCalls = 0;
  private readonly converted = new Map<string, Val>();
  private readonly weightsOfLayer = new Map<string, number>();

  constructor(
    private readonly flat: FlatModel,
    private readonly weights: WeightStore | null,
  ) {}

  /** A value in the wanted layout, converting once per value (a permute node). */
  private as(v: Val, layout: Layout): Val {
    const r = v.shape?.length ?? 0;
    if (!v.shape || r < 2 || v.moved === (layout === 'moved')) return v;
    const key = `${v.id}~${layout}`;
    const done = this.converted.get(key);
    if (done) return done;
    // [.., C] → [C, ..] moves the last dim to the front (batch stays 0); and back.
    const dims =
      layout === 'moved'
        ? [0, r, ...Array.from({ length: r - 1 }, (_x, i) => i + 1)]
        : [0, ...Array.from({ length: r - 1 }, (_x, i) => i + 2), 1];
    const shape = layout === 'moved' ? [v.shape[r - 1], ...v.shape.slice(0, -1)] : [...v.shape.slice(1), v.shape[0]];
    const name = `${v.id} → ${layout === 'moved' ? 'channels first' : 'channels last'}`;
    this.nodes.push({
      label: name,
      op: 'layers',
      layers: [{ type: 'permute', name, dims }],
      inputs: [v.id],
      output: key,
    });
    const out: Val = { id: key, shape, moved: layout === 'moved' };
    this.converted.set(key, out);
    return out;
  }

  input(value: string, shape: Shape): Val {
    // Images ([H, W, C] and volumes) are held channels-first; sequences and vectors as they are.
    const moved = shape.length >= 3;
    const v: Val = { id: value, shape: moved ? [shape[shape.length - 1], ...shape.slice(0, -1)] : shape, moved };
    this.vals.set(value, v);
    return v;
  }

  private val(id: string): Val {
    return this.vals.get(id) ?? { id, shape: null, moved: false };
  }

  private note(cls: string, name: string, why: string) {
    const key = `${cls} (${why})`;
    pushTo(this.unsupported, key, name);
  }

  /** The name the first call of `c`'s layer gives the row that a later call names `name`. */
  private firstCall(c: Call, name: string | undefined): string {
    const n = name ?? c.layer.name;
    return n.startsWith(c.layer.name) ? c.layer.first + n.slice(c.layer.name.length) : c.layer.first;
  }

  /** Stored weights of a call's layer (once per layer), or null when the file does not say. */
  private stored(c: Call): number | null {
    const key = c.layer.keys.map((k) => k.name).join('/');
    if (this.weightsOfLayer.has(key)) return this.weightsOfLayer.get(key) as number;
    const n = this.weights?.count(c.layer.keys) ?? null;
    if (n !== null) this.weightsOfLayer.set(key, n);
    return n;
  }

  call(c: Call) {
    const inputs = c.inputs.map((v) => this.val(v));
    const used = inputs.slice();
    const ctx: MapContext = {
      inputs,
      as: (i, layout) => (used[i] = this.as(inputs[i], layout)),
    };
    const { cls, cfg, name } = c.layer;
    const keras = isKerasClass(c.layer.module, c.layer.registered);
    const m = inputs.length
      ? mapLayer({ cls, cfg, name, scalars: c.scalars }, ctx, keras, c.layer.module)
      : { unsupported: 'a layer without inputs' };
    const out = c.outputs[0];
    const recorded = this.flat.recorded.get(out);
    if ('unsupported' in m) return this.opaque(c, used, m.unsupported, m.kerasShape ?? recorded);
    if (m.only) used.splice(0, used.length, ...m.only.map((i) => used[i]));
    if (m.before) used[m.before.input] = this.before(used[m.before.input], m.before.specs, `${out}~${m.before.input}`);
    const shapes = used.map((v) => v.shape);
    const known = shapes.every((s): s is Shape => s !== null);
    let shape: Shape | null = null;
    let weights: number | null = null;
    if (m.join) {
      this.nodes.push({ label: name, name, op: m.join, inputs: used.map((v) => v.id), output: out });
      const join: LayerSpec =
        m.join === 'concat' ? { type: 'cat', dim: 1 } : { type: m.join === 'add' ? 'add' : 'mul' };
      const r = known ? run([join], shapes) : null;
      if (r && typeof r !== 'string') shape = r.shape;
    } else {
      const r = known ? run(m.specs, shapes) : null;
      let specs = m.specs;
      // The row will carry the same error; the notice says it once too.
      if (typeof r === 'string') this.warnings.push(say('file.named', { name, error: r }));
      if (r && typeof r !== 'string') {
        ({ shape, weights } = r);
        // A later call of a layer uses the first call's weights: Keras counts them once, so do we.
        if (c.later && r.weights > 0) {
          const each = r.each;
          specs = specs.map((l, i) => (each[i] > 0 ? { ...l, shares: this.firstCall(c, l.name) } : l));
          this.sharedCalls++;
        }
      }
      this.nodes.push({ label: name, op: 'layers', layers: specs, inputs: used.map((v) => v.id), output: out });
    }
    if (m.warning) this.warnings.push(say('file.named', { name, error: m.warning }));
    const moved = (m.moved ?? used[0]?.moved ?? false) && (shape?.length ?? 0) >= 2;
    const v: Val = { id: out, shape, moved };
    this.vals.set(out, v);
    this.check(c, v, recorded, weights);
    this.extras(c, used);
  }

  /** Layers on one input of a call before the call itself: a node of their own. */
  private before(v: Val, specs: LayerSpec[], id: string): Val {
    this.nodes.push({ label: specs[0]?.name ?? id, op: 'layers', layers: specs, inputs: [v.id], output: id });
    const r = v.shape ? run(specs, [v.shape]) : null;
    const out: Val = { id, shape: r && typeof r !== 'string' ? r.shape : null, moved: v.moved };
    this.vals.set(id, out);
    return out;
  }

  /** Shape against the file's record; parameters + buffers against the stored weights. */
  private check(c: Call, v: Val, recorded: KShape | undefined, weights: number | null) {
    const ks = kerasOf(v);
    if (ks && recorded && !sameShape(ks, recorded))
      this.warnings.push(
        say('imp.kerasShape', {
          name: c.layer.name,
          shape: ks.join(', '),
          file: recorded.map((d) => d ?? '?').join(', '),
        }),
      );
    if (weights === null || c.later) return;
    const stored = this.stored(c);
    if (stored !== null && stored !== weights)
      this.warnings.push(say('imp.kerasWeights', { name: c.layer.name, n: weights, stored }));
  }

  /** A layer no kind computes: a "not counted" row with the file's output shape and weights. */
  private opaque(c: Call, used: Val[], why: string, kshape: KShape | undefined, extra = false) {
    const { cls, cfg, name } = c.layer;
    const fn = typeof cfg.function === 'string' ? ` ${cfg.function}` : '';
    this.note(cls + fn, name, why);
    const ks = kshape && kshape.every((d): d is number => typeof d === 'number' && d >= 1) ? (kshape as Shape) : null;
    const moved = !!ks && ks.length >= 3;
    const shape = ks ? (moved ? [ks[ks.length - 1], ...ks.slice(0, -1)] : ks) : null;
    // The weights go on the layer's first output; another output of the same call holds none.
    const stored = extra ? 0 : this.stored(c);
    if (stored === null && !c.later) this.warnings.push(say('imp.kerasNoWeights', { name }));
    if (c.later && stored) this.sharedCalls++;
    const spec: LayerSpec = {
      type: 'opaque',
      name,
      op: opaqueOpName(cls + fn),
      ...(shape ? { shape } : {}),
      ...(stored ? { params: stored } : {}),
      ...(c.later && stored ? { shares: this.firstCall(c, name) } : {}),
    };
    if (!shape) this.warnings.push(say('imp.kerasNoShape', { name }));
    const inputs = used.length ? used : [];
    if (!inputs.length) return;
    this.nodes.push({
      label: name,
      op: 'layers',
      layers: [spec],
      inputs: inputs.map((v) => v.id),
      output: c.outputs[0],
    });
    const out: Val = shape
      ? { id: c.outputs[0], shape, moved }
      : { id: c.outputs[0], shape: inputs[0].shape, moved: inputs[0].moved };
    this.vals.set(c.outputs[0], out);
  }

  /** Outputs beyond the first that later layers read: not counted rows with the recorded shape. */
  private extras(c: Call, used: Val[]) {
    const most = this.extraCount.get(c.outputs[0]) ?? 0;
    for (let t = 1; t <= most; t++) {
      const id = `${c.outputs[0]}#${t}`;
      const ks = this.flat.recorded.get(id);
      const layer = { ...c.layer, name: `${c.layer.name} #${t}` };
      const call: Call = { ...c, layer, outputs: [id], scalars: [] };
      this.opaque(call, used, `output ${t} of a layer with several`, ks, true);
    }
  }

  extraCount = new Map<string, number>();

  result(outputs: readonly string[]): Built {
    return {
      nodes: this.nodes,
      outputs: outputs.map((o) => this.val(o)),
      warnings: this.warnings,
      unsupported: this.unsupported,
      sharedCalls: this.sharedCalls,
    };
  }
}
