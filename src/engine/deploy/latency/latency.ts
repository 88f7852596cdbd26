/**
 * Runtime estimate: a roofline per executed kernel with per-device, per-layer-class
 * efficiencies (calibrated, see latency-calibration.ts), a fixed per-kernel overhead, and an
 * uncertainty band.
 *
 *   ops    = 2 × MACs for conv and linear (bias adds ignored), the exact op count for every
 *            other layer (norm 2/element, ReLU 1/element, residual add 1/element, …)
 *   bytes  = input + output activations + weights, in the precision's bytes per element
 *   time   = overhead + max(ops / (peak × e_compute), bytes / (bandwidth × e_memory))
 *   bound  = compute when the first term of the max is larger, else memory
 *
 * Kernels: a norm or activation right after a conv/linear (or an activation after a residual
 * add) runs fused with it, as TFLite, TensorRT and X-CUBE-AI do: its ops join the host kernel,
 * it adds no memory traffic and no overhead, and its row reports `fusedInto`. Flatten is a
 * view (no kernel). Batch comes from the ModelResult: activations scale with it, weights do not.
 * Accelerators with on-chip weight memory and a host link (Coral) stream the weights that do
 * not fit over that link on every inference.
 */
import type { ModelResult, Row } from '../../evaluate';
import { deviceById } from '../devices';
import type { Device, Precision } from '../devices/schema';
import { BYTES_PER_ELEMENT } from '../memory';
import { layerClassOf, type ClassEfficiencies, type LayerClass } from './classes';
import { calibrationFor, type Calibration } from './calibration';
import { say } from '../../messages';

export type Bound = 'compute' | 'memory';

/** One executed kernel (a layer, with the layers fused into it). */
export interface Kernel {
  readonly index: number;
  readonly path: string;
  readonly layerClass: LayerClass;
  ops: number;
  readonly activationBytes: number;
  readonly weightBytes: number;
  readonly fused: string[];
}

const numelTimesBatch = (s: readonly number[] | null, batch: number) => (s ? s.reduce((a, b) => a * b, batch) : 0);

const CONV_LIKE: readonly LayerClass[] = ['conv', 'depthwise', 'pointwise', 'linear'];

/** The kernel a row fuses into, if any: norms/activations after a conv-like kernel, activations after an add. */
function fusionHost(
  rows: readonly Row[],
  i: number,
  prev: number | undefined,
  kernelOf: Map<number, Kernel>,
): Kernel | undefined {
  const r = rows[i];
  const cls = layerClassOf(r);
  if (r.block || (cls !== 'norm' && cls !== 'activation') || prev === undefined) return undefined;
  const host = kernelOf.get(prev);
  if (!host) return undefined;
  if (CONV_LIKE.includes(host.layerClass)) return host;
  if (cls === 'activation' && rows[prev].block && (rows[prev].type === 'residual' || rows[prev].type === 'scale'))
    return host;
  return undefined;
}

/** For each row, its previous sibling: the row at the same depth that ends where it starts. */
function previousSiblings(rows: readonly Row[]): (number | undefined)[] {
  const prev: (number | undefined)[] = new Array(rows.length).fill(undefined);
  rows.forEach((r, j) => {
    if (r.end < rows.length && rows[r.end].depth === r.depth) prev[r.end] = j;
  });
  return prev;
}

/** The kernels a model runs, with ops and bytes at a precision. Rows with errors run nothing. */
export function kernelsOf(
  result: ModelResult,
  precision: Precision,
): { kernels: Kernel[]; fusedInto: Map<number, Kernel> } {
  const bytes = BYTES_PER_ELEMENT[precision];
  const rows = result.rows;
  const kernels: Kernel[] = [];
  const kernelOf = new Map<number, Kernel>();
  const fusedInto = new Map<number, Kernel>();
  const prev = previousSiblings(rows);
  rows.forEach((r, i) => {
    if (r.error || r.category === 'shape' || r.type === 'repeat') return;
    const opsOfRow = r.macs > 0n ? 2 * Number(r.macs) : Number(r.flops);
    const host = fusionHost(rows, i, prev[i], kernelOf);
    if (host) {
      host.ops += opsOfRow;
      host.fused.push(r.path);
      fusedInto.set(i, host);
      kernelOf.set(i, host); // a ReLU after a fused BN still fuses into the same conv
      return;
    }
    const out = Number(r.activations);
    // Reads: the input (for blocks: every operand, about the output's size each).
    const reads = r.block ? (r.type === 'residual' ? 2 * out : out) : numelTimesBatch(r.input, result.batch);
    const k: Kernel = {
      index: i,
      path: r.path,
      layerClass: layerClassOf(r),
      ops: opsOfRow,
      activationBytes: (reads + out) * bytes,
      weightBytes: Number(r.params) * bytes,
      fused: [],
    };
    kernels.push(k);
    kernelOf.set(i, k);
  });
  return { kernels, fusedInto };
}

export interface KernelTime {
  readonly computeMs: number;
  readonly memoryMs: number;
  readonly overheadMs: number;
  /** Weights streamed over the host link (accelerators whose weights do not fit on chip). */
  readonly spillMs: number;
  readonly ms: number;
  readonly bound: Bound;
  readonly peakGops: number;
  readonly bandwidthGBs: number;
  readonly efficiency: { compute: number; memory: number };
  /** ops per byte. */
  readonly intensity: number;
  /** min(peak × e_compute, intensity × bandwidth × e_memory), GOP/s. */
  readonly attainableGops: number;
}

export interface Roof {
  readonly peakGops: number;
  readonly bandwidthGBs: number;
  readonly classes: ClassEfficiencies;
  readonly overheadUs: number;
  /** Fraction of weight bytes that do not fit on chip, and the link they cross. */
  readonly spillFraction: number;
  readonly hostLinkGBs: number;
}

/** Just the milliseconds of kernelTime (the fitting loop calls this millions of times). */
export function kernelMs(
  k: Pick<Kernel, 'ops' | 'activationBytes' | 'weightBytes' | 'layerClass'>,
  roof: Roof,
): number {
  const eff = roof.classes[k.layerClass];
  const compute = k.ops / (roof.peakGops * eff.compute * 1e6);
  const memory = (k.activationBytes + k.weightBytes) / (roof.bandwidthGBs * eff.memory * 1e6);
  const spill = roof.spillFraction > 0 ? (k.weightBytes * roof.spillFraction) / (roof.hostLinkGBs * 1e6) : 0;
  return roof.overheadUs / 1000 + Math.max(compute, memory) + spill;
}

/** Roofline time of one kernel. GOP/s and GB/s make ops/1e6 and bytes/1e6 come out in ms. */
export function kernelTime(
  k: Pick<Kernel, 'ops' | 'activationBytes' | 'weightBytes' | 'layerClass'>,
  roof: Roof,
): KernelTime {
  const eff = roof.classes[k.layerClass];
  const bytes = k.activationBytes + k.weightBytes;
  const computeMs = k.ops / (roof.peakGops * eff.compute * 1e6);
  const memoryMs = bytes / (roof.bandwidthGBs * eff.memory * 1e6);
  const spillMs = roof.spillFraction > 0 ? (k.weightBytes * roof.spillFraction) / (roof.hostLinkGBs * 1e6) : 0;
  const overheadMs = roof.overheadUs / 1000;
  const intensity = bytes > 0 ? k.ops / bytes : Infinity;
  return {
    computeMs,
    memoryMs,
    overheadMs,
    spillMs,
    ms: overheadMs + Math.max(computeMs, memoryMs) + spillMs,
    bound: computeMs >= memoryMs ? 'compute' : 'memory',
    peakGops: roof.peakGops,
    bandwidthGBs: roof.bandwidthGBs,
    efficiency: { compute: eff.compute, memory: eff.memory },
    intensity,
    attainableGops: Math.min(roof.peakGops * eff.compute, intensity * roof.bandwidthGBs * eff.memory),
  };
}

/** The roofline inputs for a device, precision and calibration, given the model's total weight bytes. */
export function roofFor(
  device: Device,
  precision: Precision,
  calib: Pick<Calibration, 'classes' | 'overheadUs'>,
  weightBytes: number,
): Roof | null {
  const peak = device.peak[precision];
  if (!peak) return null;
  const onChip = device.onChipMemory ? device.onChipMemory.value * 1e6 : Infinity;
  const spill = device.hostLink && weightBytes > onChip ? 1 - onChip / weightBytes : 0;
  return {
    peakGops: peak.value,
    bandwidthGBs: device.memoryBandwidth.value,
    classes: calib.classes,
    overheadUs: calib.overheadUs,
    spillFraction: spill,
    hostLinkGBs: device.hostLink?.value ?? Infinity,
  };
}

export interface LatencyLayer extends Omit<KernelTime, 'bound'> {
  readonly path: string;
  readonly name?: string;
  readonly type: string;
  readonly layerClass: LayerClass;
  /** ms is 0 for a fused layer; its ops are in the host kernel. */
  readonly bound: Bound;
  readonly fusedInto?: string;
  readonly fused: readonly string[];
  readonly ops: number;
  readonly activationBytes: number;
  readonly weightBytes: number;
}

export interface LatencyEstimate {
  readonly device: string;
  readonly precision: Precision;
  readonly batch: number;
  readonly ms: number;
  readonly low_ms: number;
  readonly high_ms: number;
  /** Per executed layer in row order (fused layers included with ms 0; flatten/repeat omitted). */
  readonly layers: LatencyLayer[];
  readonly calibration: {
    source: Calibration['source'];
    fittedPrecision?: Precision;
    rows: number;
    band: number;
    /** Error on this device's held-out measurements (rows the fit never saw), when it has some. */
    heldOut?: Calibration['heldOut'];
  };
  /** Sum of ms over compute- and memory-bound kernels. */
  readonly boundMs: Readonly<Record<Bound, number>>;
  readonly notes: string[];
}

export interface LatencyOptions {
  /** Replace the calibrated efficiencies (the fitting script; what-if views). */
  readonly calibration?: Calibration;
}

/**
 * One layer of the estimate: its kernel's time, or zeros when it is fused into `fusedInto`.
 * Written out property by property: object spread here was V8's slow path (~25 µs per layer,
 * 740 ms for the 23-device comparison of a 1,000-layer model).
 */
function latencyLayer(r: Row, t: KernelTime, own: Kernel | null, fusedInto: string | undefined): LatencyLayer {
  const layer: LatencyLayer = {
    computeMs: own ? t.computeMs : 0,
    memoryMs: own ? t.memoryMs : 0,
    overheadMs: own ? t.overheadMs : 0,
    spillMs: own ? t.spillMs : 0,
    ms: own ? t.ms : 0,
    bound: t.bound,
    peakGops: t.peakGops,
    bandwidthGBs: t.bandwidthGBs,
    efficiency: t.efficiency,
    intensity: t.intensity,
    attainableGops: t.attainableGops,
    path: r.path,
    type: r.type,
    layerClass: layerClassOf(r),
    fused: own ? own.fused : [],
    ops: own ? own.ops : 0,
    activationBytes: own ? own.activationBytes : 0,
    weightBytes: own ? own.weightBytes : 0,
  };
  if (r.name) (layer as { name?: string }).name = r.name;
  if (fusedInto !== undefined) (layer as { fusedInto?: string }).fusedInto = fusedInto;
  return layer;
}

/** Estimates the runtime of an evaluated model on a device. Bad input gives `{ error }`, never a throw. */
export function estimateLatency(
  result: ModelResult,
  deviceId: string,
  precision: Precision,
  opts: LatencyOptions = {},
): LatencyEstimate | { error: string } {
  const device = deviceById(deviceId);
  if (!device) return { error: say('run.unknownDevice', { id: deviceId }) };
  if (!device.peak[precision]) {
    const has = (['fp32', 'fp16', 'int8'] as const).filter((p) => device.peak[p]).join(', ');
    return { error: say('run.noPrecision', { device: device.name, precision, list: has }) };
  }
  if (result.modelError) return { error: say('run.modelError', { error: result.modelError }) };
  const calib = opts.calibration ?? calibrationFor(device, precision);
  const { kernels, fusedInto } = kernelsOf(result, precision);
  const weightBytes = kernels.reduce((s, k) => s + k.weightBytes, 0);
  const roof = roofFor(device, precision, calib, weightBytes)!;
  const times = new Map(kernels.map((k) => [k.index, kernelTime(k, roof)]));
  const kernelAt = new Map(kernels.map((k) => [k.index, k]));
  const layers: LatencyLayer[] = [];
  const boundMs = { compute: 0, memory: 0 };
  let ms = 0;
  result.rows.forEach((r, i) => {
    const host = fusedInto.get(i);
    const k = host ? undefined : kernelAt.get(i);
    if (!host && !k) return;
    const own = k ?? host!;
    const t = times.get(own.index)!;
    const layer = latencyLayer(r, t, host ? null : own, host?.path);
    layers.push(layer);
    if (host) return;
    ms += t.ms;
    boundMs[t.bound] += t.ms;
  });
  const notes: string[] = [];
  if (result.errors) notes.push(`${result.errors} layer(s) have errors and are not timed`);
  if (roof.spillFraction > 0)
    notes.push(
      `${Math.round(roof.spillFraction * 100)} % of the weights do not fit in ${device.name}'s on-chip memory and cross the host link each inference`,
    );
  if (calib.source !== 'fitted')
    notes.push(
      calib.source === 'borrowed'
        ? `no ${precision} measurements for this device: efficiencies borrowed from its ${calib.fittedPrecision} fit`
        : 'no measurements for this device: category default efficiencies (wide band)',
    );
  return {
    device: device.id,
    precision,
    batch: result.batch,
    ms,
    low_ms: ms / calib.band,
    high_ms: ms * calib.band,
    layers,
    calibration: {
      source: calib.source,
      ...(calib.fittedPrecision ? { fittedPrecision: calib.fittedPrecision } : {}),
      rows: calib.rows,
      band: calib.band,
      ...(calib.heldOut ? { heldOut: calib.heldOut } : {}),
    },
    boundMs,
    notes,
  };
}
