/**
 * The runtime view's numbers (issue 5), computed off the main thread: activation memory for the
 * chosen dtype, the latency estimate on the chosen device and precision, and the same model on
 * every device for the comparison table. The page only draws what this returns.
 *
 * It evaluates the model itself (one convention: memory and latency need shapes and MACs, not
 * the conventions' counts), so the answer is self-contained: chart points carry their own labels
 * and model paths, and never index into a ModelResult the page may hold for another model.
 */
import { evaluateModel, type ModelResult } from '../engine/evaluate';
import { DEFAULT_CONVENTION } from '../engine/conventions/registry';
import type { Model } from '../engine/format/model';
import { DEVICES, deviceById, runPrecision, type DeviceCategory, type Precision } from '../engine/deploy/devices';
import {
  deviceMemory,
  memoryPlan,
  planHighWater,
  type DeviceMemory,
  type MemoryPlan,
} from '../engine/deploy/device-memory';
import type { FitVerdict } from '../engine/deploy/fit';
import { placeOnDevice, TARGET_OF_DEVICE } from '../engine/deploy/placement';
import { placementView, type PlacementView } from './placementView';
import { estimateLatency, type Bound, type LatencyEstimate, type LatencyLayer } from '../engine/deploy/latency/latency';
import { twinFrom } from '../engine/deploy/latency/twin-core';
import { loadedCandidates, loadTwinTables } from '../engine/deploy/latency/twin-tables';
import { latencySeries, memorySeries, rowLabel, type LatencyPoint, type MemoryPoint } from '../ui/charts/chartData';
import { ModelDecoder, type WireModel } from './modelSync';
import { say } from '../engine/messages';

export interface RuntimeRequest {
  /** Device id (src/engine/deploy/devices); null = no latency estimate. */
  readonly deviceId: string | null;
  readonly precision: Precision;
  /** Element size of the activation-memory view (the totals panel's dtype). */
  readonly dtype: Precision;
  /** Also estimate every device for the comparison table. */
  readonly compare: boolean;
}

export interface MemoryView {
  readonly dtype: Precision;
  /** One point per execution step (the chart aggregates when there are many). */
  readonly points: MemoryPoint[];
  /** The liveness lower bound: the most bytes live at one step (norms and activations fused, in place). */
  readonly peakBytes: bigint;
  /** TFLM's greedy arena for these tensors; null when not planned (arenaNote says why). */
  readonly arenaBytes: bigint | null;
  readonly arenaNote?: string;
  readonly peakLabel: string | null;
  readonly peakPath: string | null;
  readonly weightBytes: bigint;
  readonly inputBytes: bigint;
  /** False when a layer has an error (its tensors count as 0 bytes). */
  readonly complete: boolean;
}

/** A layer of the estimate with the model path the editor selects it by, and a readable label. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export interface RuntimeLayer extends LatencyLayer {
  readonly modelPath: string;
  readonly label: string;
}

/** A public measurement of this model (or the nearest measured one) on the device (latency/twin-core.ts). */
export interface TwinView {
  readonly kind: 'same' | 'closest' | 'listed';
  /** The table as the app names it ("Coral Edge TPU benchmarks"). */
  readonly table: string;
  /** The model as the table names it; for a listed twin, every measured model, comma-separated. */
  readonly model: string;
  /** null when the table does not state it. */
  readonly precision: Precision | null;
  /** Time per inference; null when the table measured a streaming throughput only (fps then). */
  readonly ms: number | null;
  readonly fps?: number;
  readonly note: string;
  readonly url: string;
  readonly date: string;
}

export interface LatencyView {
  readonly estimate: Omit<LatencyEstimate, 'layers'> & { readonly layers: RuntimeLayer[] };
  readonly deviceName: string;
  readonly twin?: TwinView;
  /** One point per executed kernel (fused layers folded into their host). */
  readonly points: LatencyPoint[];
}

export type DeviceRun =
  | {
      readonly id: string;
      readonly name: string;
      readonly category: DeviceCategory;
      readonly precision: Precision;
      /** True when the requested precision is not supported and the device's first one was used. */
      readonly substituted: boolean;
      readonly ms: number;
      readonly low_ms: number;
      readonly high_ms: number;
      readonly boundMs: Readonly<Record<Bound, number>>;
      readonly calibration: LatencyEstimate['calibration']['source'];
      /** Does the model fit the device's memories, in the precision it runs (deploy/fit.ts). */
      readonly fit: FitVerdict;
      /** Bytes missing (does-not-fit) or spilled/streamed (streams). */
      readonly fitBytes: bigint;
      /** Ops on the accelerator of all ops (deploy/placement); null for a device without a rule table or with an unpublished one. */
      readonly placement: { readonly on: number; readonly total: number; readonly accelerator: string } | null;
    }
  | { readonly id: string; readonly name: string; readonly category: DeviceCategory; readonly error: string };

export interface RuntimeAnswer {
  readonly memory: MemoryView | null;
  /** null: no device picked. */
  readonly latency: LatencyView | { readonly error: string } | null;
  /** The model's memory on the picked device, in the precision its estimate uses (null: no device). */
  readonly deviceMemory: DeviceMemory | null;
  /** Where each op runs on the picked accelerator (null: no device, or a device without a rule table). */
  readonly placement: PlacementView | null;
  /** Every device (empty unless `compare`), fastest first; devices that fail come last. */
  readonly devices: DeviceRun[];
  /** The model's own error, if it cannot be evaluated at all. */
  readonly modelError?: string;
}

/** Memory plans by dtype for one answer: the views, the picked device and the comparison share them. */
type Plans = Map<Precision, MemoryPlan>;

function planFor(result: ModelResult, dtype: Precision, plans: Plans): MemoryPlan {
  let p = plans.get(dtype);
  if (!p) {
    p = memoryPlan(result, dtype);
    plans.set(dtype, p);
  }
  return p;
}

function memoryView(result: ModelResult, dtype: Precision, plans: Plans): MemoryView {
  const plan = planFor(result, dtype, plans);
  const mem = plan.mem;
  const points = memorySeries(result, mem, planHighWater(plan));
  const peak = points.find((p) => p.peak) ?? null;
  return {
    dtype,
    points,
    peakBytes: mem.peak?.liveBytes ?? 0n,
    arenaBytes: plan.plan.planned ? plan.plan.arenaBytes : null,
    ...(plan.plan.planned ? {} : { arenaNote: plan.plan.reason }),
    peakLabel: peak?.label ?? null,
    peakPath: peak?.selectPath ?? null,
    weightBytes: mem.weightBytes,
    inputBytes: mem.inputBytes,
    complete: mem.complete,
  };
}

/**
 * The measurement tables (ncnn's is 480 kB) are loaded only when a device they measured is picked
 * (twin-tables.ts): the first runtime answer on any other device does not wait for them.
 */
function twinView(result: ModelResult, model: Model, deviceId: string, precision: Precision): TwinView | undefined {
  const candidates = loadedCandidates(deviceId);
  if (!candidates) return undefined;
  const preset = typeof model.meta?.preset === 'string' ? model.meta.preset : undefined;
  const t = twinFrom(candidates, { macs: result.totals.macs, precision, ...(preset ? { preset } : {}) });
  const m = t?.rows[0];
  if (!t || !m) return undefined;
  return {
    kind: t.kind,
    table: [...new Set(t.rows.map((r) => r.tableName))].join(', '),
    model: t.kind === 'listed' ? t.rows.map((r) => r.model).join(', ') : m.model,
    precision: t.precision,
    ms: m.ms,
    ...(m.fps ? { fps: m.fps.batch1 } : {}),
    note: t.note,
    url: m.source.url,
    date: m.source.date,
  };
}

function latencyView(
  result: ModelResult,
  model: Model,
  deviceId: string,
  precision: Precision,
): LatencyView | { error: string } {
  const est = estimateLatency(result, deviceId, precision);
  if ('error' in est) return est;
  const rows = new Map(result.rows.map((r) => [r.path, r]));
  // The estimate's layer objects are fresh and ours: label them in place (spread or
  // Object.assign per layer is V8's slow path, ~4 µs each).
  const layers = est.layers as Mutable<RuntimeLayer>[];
  for (const l of layers) {
    const r = rows.get(l.path);
    l.modelPath = r?.modelPath ?? l.path;
    l.label = r ? rowLabel(r) : l.path;
  }
  const twin = twinView(result, model, deviceId, precision);
  return {
    estimate: { ...est, layers },
    deviceName: deviceById(deviceId)?.name ?? deviceId,
    ...(twin ? { twin } : {}),
    points: latencySeries(result, est),
  };
}

function deviceRuns(result: ModelResult, precision: Precision, plans: Plans): DeviceRun[] {
  const runs = DEVICES.map((d): DeviceRun => {
    const p = runPrecision(d, precision);
    const base = { id: d.id, name: d.name, category: d.category };
    if (!p) return { ...base, error: say('place.noPeak') };
    const est = estimateLatency(result, d.id, p);
    if ('error' in est) return { ...base, error: est.error };
    const m = deviceMemory(result, d, p, plans);
    const placed = TARGET_OF_DEVICE[d.id] ? placeOnDevice(result, d.id, p) : null;
    return {
      ...base,
      precision: p,
      substituted: p !== precision,
      ms: est.ms,
      low_ms: est.low_ms,
      high_ms: est.high_ms,
      boundMs: est.boundMs,
      calibration: est.calibration.source,
      fit: m.fit.verdict,
      fitBytes: m.fit.verdict === 'does-not-fit' ? m.fit.shortBytes : m.fit.spillBytes,
      placement:
        placed && !('error' in placed) && placed.documented
          ? { on: placed.opsOnAccelerator, total: placed.opsTotal, accelerator: placed.accelerator }
          : null,
    };
  });
  const ms = (r: DeviceRun) => ('error' in r ? Infinity : r.ms);
  return runs.sort((a, b) => ms(a) - ms(b));
}

const failed = (modelError: string): RuntimeAnswer => ({
  memory: null,
  latency: null,
  deviceMemory: null,
  placement: null,
  devices: [],
  modelError,
});

/** Everything the runtime view draws, for one model and request. Never throws. */
export function runtimeOf(model: Model, req: RuntimeRequest): RuntimeAnswer {
  try {
    const result = evaluateModel(model, { conventions: [DEFAULT_CONVENTION] });
    if (result.modelError) return failed(result.modelError);
    const plans: Plans = new Map();
    const device = req.deviceId ? deviceById(req.deviceId) : undefined;
    const p = device ? runPrecision(device, req.precision) : null;
    const latency = req.deviceId ? latencyView(result, model, req.deviceId, req.precision) : null;
    // The placement's runtime starts from the same estimate when it is at the precision placed.
    const estimate =
      latency && 'estimate' in latency && latency.estimate.precision === p ? latency.estimate : undefined;
    return {
      memory: memoryView(result, req.dtype, plans),
      latency,
      deviceMemory: device && p ? deviceMemory(result, device, p, plans) : null,
      placement: device && p ? placementView(result, device.id, p, estimate) : null,
      devices: req.compare ? deviceRuns(result, req.precision, plans) : [],
    };
  } catch (err) {
    return failed(`runtime view failed: ${(err as Error).message}`);
  }
}

// The worker keeps the layer objects of the last model, so the engine's per-layer caches hit.
const models = new ModelDecoder();

/** Loads the measurement tables of the request's device first, if it has any (see twinView). */
export async function runtimeOfAsync(model: Model, req: RuntimeRequest): Promise<RuntimeAnswer> {
  if (req.deviceId) await loadTwinTables(req.deviceId);
  return runtimeOf(model, req);
}

/** Worker entry: the model arrives with unchanged layers as references (modelSync.ts). */
export const runtimeOfWire = (wire: WireModel, req: RuntimeRequest): Promise<RuntimeAnswer> =>
  runtimeOfAsync(models.decode(wire), req);
