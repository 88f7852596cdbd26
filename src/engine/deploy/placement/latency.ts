/**
 * Runtime with placement (issue 17, part 3, engine side): the accelerator runs its ops at the
 * accelerator's roofline estimate, the ops that fall back run at a host CPU's estimate (both from
 * latency/latency.ts, per layer), and every boundary between partitions moves one tensor across
 * the link between them:
 *
 *   ms = Σ accelerator rows' ms + Σ CPU rows' ms + Σ boundaries (tensor bytes ÷ link bandwidth)
 *
 * The link is the device's host link when it has one (the Coral USB Accelerator: USB 3.0), else
 * its memory bandwidth (a phone GPU or NPU shares DRAM with the CPU: a boundary writes the tensor
 * to memory once). The tensor that crosses is the output of the partition's last op, an
 * approximation for graphs where several tensors cross (noted). Nothing is silently guessed: a
 * device without a known host CPU needs one passed in.
 */
import type { ModelResult } from '../../rows';
import { deviceById } from '../devices';
import type { Figure, Precision } from '../devices/schema';
import { calibrationFor } from '../latency/calibration';
import { layerClassOf } from '../latency/classes';
import { estimateLatency, kernelTime, roofFor, type LatencyEstimate, type LatencyLayer } from '../latency/latency';
import { BYTES_PER_ELEMENT } from '../memory';
import { HOST_OF_DEVICE, placeOnDevice, TARGET_OF_DEVICE } from './index';
import type { Placement, Where } from './types';
import { say } from '../../messages';

export interface Boundary {
  /** Row index of the last op before the boundary and of the first op after it. */
  readonly afterIndex: number;
  readonly beforeIndex: number;
  readonly from: Where;
  readonly to: Where;
  readonly bytes: number;
  readonly ms: number;
}

export interface PlacedLayerTime {
  readonly index: number;
  readonly path: string;
  readonly on: Where;
  readonly ms: number;
}

export interface PlacedLatency {
  readonly device: string;
  readonly precision: Precision;
  readonly host: string | null;
  readonly hostPrecision: Precision | null;
  readonly hostReason: string;
  readonly ms: number;
  readonly acceleratorMs: number;
  readonly cpuMs: number;
  readonly transferMs: number;
  readonly link: { readonly GBs: number; readonly what: string; readonly figure: Figure };
  readonly boundaries: Boundary[];
  readonly layers: PlacedLayerTime[];
  readonly placement: Placement;
  readonly notes: string[];
}

export interface PlacedLatencyOptions {
  /** The CPU device the fallback ops run on; defaults to HOST_OF_DEVICE. */
  readonly host?: string;
  /** Precision on the host; defaults to the accelerator's when the host has it, else fp32. */
  readonly hostPrecision?: Precision;
  /** Work the caller has already done for this model, device and precision (not done again). */
  readonly placement?: Placement;
  readonly estimate?: LatencyEstimate;
}

const byPath = (e: LatencyEstimate) => new Map(e.layers.map((l) => [l.path, l]));

/**
 * One row timed as its own kernel on a device (the latency model's roofline and per-kernel
 * overhead): for a layer the latency model fuses into a kernel that placement puts on the other side.
 */
function standaloneMs(result: ModelResult, index: number, deviceId: string, precision: Precision): number {
  const device = deviceById(deviceId)!;
  const r = result.rows[index];
  const bytes = BYTES_PER_ELEMENT[precision];
  const numelIn = (r.input ?? []).reduce((a, b) => a * b, result.batch);
  const k = {
    ops: r.macs > 0n ? 2 * Number(r.macs) : Number(r.flops),
    activationBytes: (numelIn + Number(r.activations)) * bytes,
    weightBytes: Number(r.params) * bytes,
    layerClass: layerClassOf(r),
  };
  const roof = roofFor(device, precision, calibrationFor(device, precision), 0);
  return roof ? kernelTime(k, roof).ms : 0;
}

/** Runtime of a model on an accelerator device with its fallback ops on a host CPU. Never throws. */
export function estimateLatencyWithPlacement(
  result: ModelResult,
  deviceId: string,
  precision: Precision,
  opts: PlacedLatencyOptions = {},
): PlacedLatency | { error: string } {
  const device = deviceById(deviceId);
  if (!device) return { error: say('run.unknownDeviceBare', { id: deviceId }) };
  if (!TARGET_OF_DEVICE[deviceId]) return { error: say('run.noPlacementTable', { device: device.name }) };
  const placement = opts.placement ?? placeOnDevice(result, deviceId, precision);
  if ('error' in placement) return placement;
  if (!placement.documented)
    return { error: say('run.placementUnknown', { device: device.name, notes: placement.notes.join('; ') }) };
  const accel = opts.estimate ?? estimateLatency(result, deviceId, precision);
  if ('error' in accel) return accel;
  const needsHost = placement.opsOnAccelerator < placement.opsTotal;
  const choice = HOST_OF_DEVICE[deviceId];
  const hostId = opts.host ?? choice?.device ?? null;
  const hostReason = opts.host ? say('run.hostChosen') : (choice?.reason ?? say('run.noHost'));
  if (needsHost && !hostId)
    return {
      error: say('run.needsHost', { n: placement.opsTotal - placement.opsOnAccelerator, reason: hostReason }),
    };
  let cpu: Map<string, LatencyLayer> | null = null;
  let hostPrecision: Precision | null = null;
  const notes: string[] = [];
  if (hostId) {
    const h = deviceById(hostId);
    if (!h) return { error: `unknown host device "${hostId}"` };
    hostPrecision = opts.hostPrecision ?? (h.peak[precision] ? precision : 'fp32');
    if (hostPrecision !== precision)
      notes.push(`${h.name} has no ${precision} figure: fallback ops are timed at ${hostPrecision}`);
    const e = estimateLatency(result, hostId, hostPrecision);
    if ('error' in e) return e;
    cpu = byPath(e);
  }
  const acc = byPath(accel);
  const onOf = new Map(placement.rows.map((p) => [p.path, p.on]));
  const layers: PlacedLayerTime[] = [];
  let acceleratorMs = 0;
  let cpuMs = 0;
  let crossFused = 0;
  for (const p of placement.rows) {
    const l = (p.on === 'accelerator' ? acc : cpu)?.get(p.path);
    let ms = l?.ms ?? 0;
    // The latency model fused this layer into a kernel that placement runs on the other side.
    if (l?.fusedInto !== undefined && onOf.get(l.fusedInto) !== undefined && onOf.get(l.fusedInto) !== p.on) {
      crossFused++;
      ms =
        p.on === 'accelerator'
          ? standaloneMs(result, p.index, deviceId, precision)
          : standaloneMs(result, p.index, hostId!, hostPrecision!);
    }
    layers.push({ index: p.index, path: p.path, on: p.on, ms });
    if (p.on === 'accelerator') acceleratorMs += ms;
    else cpuMs += ms;
  }
  const link = device.hostLink
    ? { GBs: device.hostLink.value, what: `${device.name} host link`, figure: device.hostLink }
    : {
        GBs: device.memoryBandwidth.value,
        what: `${device.name} memory bandwidth (shared DRAM)`,
        figure: device.memoryBandwidth,
      };
  const boundaries: Boundary[] = [];
  const parts = placement.partitions;
  for (let k = 1; k < parts.length; k++) {
    const a = parts[k - 1];
    const row = result.rows[a.lastIndex];
    const elems = (row.output ?? []).reduce((x, y) => x * y, result.batch);
    const bytes = elems * BYTES_PER_ELEMENT[a.on === 'cpu' && hostPrecision ? hostPrecision : precision];
    boundaries.push({
      afterIndex: a.lastIndex,
      beforeIndex: parts[k].firstIndex,
      from: a.on,
      to: parts[k].on,
      bytes,
      ms: bytes / (link.GBs * 1e6),
    });
  }
  const transferMs = boundaries.reduce((s, b) => s + b.ms, 0);
  if (boundaries.length)
    notes.push("each boundary moves the output of the partition's last op; graphs where more tensors cross move more");
  if (crossFused)
    notes.push(
      `${crossFused} layer(s) the latency model fuses into a kernel that runs on the other side are timed as kernels of their own (their ops also stay in that kernel)`,
    );
  return {
    device: deviceId,
    precision,
    host: hostId,
    hostPrecision,
    hostReason,
    ms: acceleratorMs + cpuMs + transferMs,
    acceleratorMs,
    cpuMs,
    transferMs,
    link,
    boundaries,
    layers,
    placement,
    notes,
  };
}
