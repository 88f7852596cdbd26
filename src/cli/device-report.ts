/**
 * The CLI's memory verdict for `--device` (issue 17: `"memory": {peak, arena, weights, fits}`) and the
 * `--devices` table: every device's time and memory verdict for one model, the same answers the app's
 * device table gives (deploy/device-memory.ts, deploy/latency).
 */
import type { ModelResult } from '../engine/evaluate';
import { deviceMemory, type DeviceMemory, type MemoryPlan } from '../engine/deploy/device-memory';
import { deviceById, DEVICES, runPrecision } from '../engine/deploy/devices';
import type { Device, Precision } from '../engine/deploy/devices/schema';
import { estimateLatency } from '../engine/deploy/latency/latency';
import { placeOnDevice, TARGET_OF_DEVICE } from '../engine/deploy/placement';
import { estimateLatencyWithPlacement } from '../engine/deploy/placement/latency';
import { jsonInt, si } from './render';

export function memoryJson(m: DeviceMemory) {
  return {
    dtype: m.dtype,
    peak: jsonInt(m.lowerBoundBytes),
    arena: m.arenaBytes === null ? null : jsonInt(m.arenaBytes),
    weights: jsonInt(m.weightBytes),
    fits: m.fit.verdict,
    short: jsonInt(m.fit.shortBytes),
    spill: jsonInt(m.fit.spillBytes),
    complete: m.complete,
    checks: m.fit.checks.map((c) => ({
      what: c.what,
      need: jsonInt(c.needBytes),
      memory: c.memory,
      have: jsonInt(c.haveBytes),
      ok: c.ok,
      source: c.figure.sources[0].url ?? c.figure.sources[0].document ?? c.figure.sources[0].title,
      ...(c.spill ? { spill: { memory: c.spill.memory, have: jsonInt(c.spill.haveBytes), ok: c.spill.ok } } : {}),
    })),
    ...(m.fit.note ? { note: m.fit.note } : {}),
    ...(m.arenaNote ? { arena_note: m.arenaNote } : {}),
  };
}

const B = (v: bigint) => `${si(v)}B`;
const r4 = (ms: number) => Math.round(ms * 1e4) / 1e4;

/**
 * `"placement": {accelerator, ops_on_accelerator, ops_total, first_fallback, partitions, latency}` for an
 * accelerator device (deploy/placement); null for a device without a rule table.
 */
export function placementJson(result: ModelResult, deviceId: string, precision: Precision) {
  if (!TARGET_OF_DEVICE[deviceId]) return null;
  const p = placeOnDevice(result, deviceId, precision);
  if ('error' in p) return { error: p.error };
  if (!p.documented) return { accelerator: p.accelerator, documented: false as const, notes: p.notes };
  const lat = estimateLatencyWithPlacement(result, deviceId, precision, { placement: p });
  return {
    accelerator: p.accelerator,
    documented: true as const,
    fallback_mode: p.fallbackMode,
    ops_on_accelerator: p.opsOnAccelerator,
    ops_total: p.opsTotal,
    first_fallback: p.firstFallback
      ? { path: p.firstFallback.path, rule: p.firstFallback.ruleId, why: p.firstFallback.why }
      : null,
    partitions: p.partitions.map((x) => ({ on: x.on, first: x.firstIndex, last: x.lastIndex, ops: x.ops })),
    cpu_ops: p.rows
      .filter((r) => r.on === 'cpu' && r.role === 'op')
      .map((r) => ({ path: r.path, type: r.type, rule: r.ruleId, why: r.why })),
    latency:
      'error' in lat
        ? { error: lat.error }
        : {
            ms: r4(lat.ms),
            accelerator_ms: r4(lat.acceleratorMs),
            cpu_ms: r4(lat.cpuMs),
            transfer_ms: r4(lat.transferMs),
            host: lat.host,
            host_reason: lat.hostReason,
          },
  };
}

/** "placement 1 of 108 ops on the Edge TPU (2 partitions); first fallback …" and the runtime with placement. */
export function placementText(p: NonNullable<ReturnType<typeof placementJson>>): string {
  if ('error' in p) return `placement  ${p.error}`;
  if (!p.documented) return `placement  unknown on the ${p.accelerator}: no public operator list`;
  const lines = [
    `placement  ${p.ops_on_accelerator} of ${p.ops_total} ops on the ${p.accelerator} (${p.partitions.length} partition${p.partitions.length === 1 ? '' : 's'})`,
  ];
  if (p.first_fallback) lines.push(`           first fallback: ${p.first_fallback.path} — ${p.first_fallback.why}`);
  if (p.ops_on_accelerator < p.ops_total)
    lines.push(
      'error' in p.latency
        ? `           no runtime with placement: ${p.latency.error}`
        : `           with placement ≈ ${p.latency.ms.toFixed(2)} ms (accelerator ${p.latency.accelerator_ms.toFixed(2)} + CPU ${p.latency.cpu_ms.toFixed(2)} on ${p.latency.host} + transfers ${p.latency.transfer_ms.toFixed(2)})`,
    );
  return lines.join('\n');
}

const VERDICT_TEXT = {
  fits: 'fits',
  streams: 'fits with off-chip memory',
  'does-not-fit': 'does not fit',
  unknown: 'fit unknown',
} as const;

/** "memory   does not fit (1.41 MB short) · arena 1.51 MB (lower bound 1.51 MB) · weights 3.5 MB, int8" and a line per check. */
export function memoryText(m: DeviceMemory): string {
  const amount =
    m.fit.verdict === 'does-not-fit'
      ? ` (${B(m.fit.shortBytes)} short)`
      : m.fit.verdict === 'streams'
        ? ` (${B(m.fit.spillBytes)} outside)`
        : '';
  const arena = m.arenaBytes === null ? 'not planned' : B(m.arenaBytes);
  return [
    `memory   ${VERDICT_TEXT[m.fit.verdict]}${amount} · activation arena ${arena} (lower bound ${B(m.lowerBoundBytes)}) · weights ${B(m.weightBytes)}, ${m.dtype}`,
    ...m.fit.checks.map(
      (c) =>
        `         ${c.what} ${B(c.needBytes)} in ${c.memory} ${B(c.haveBytes)}: ${c.ok ? 'ok' : c.spill?.ok ? `the rest in ${c.spill.memory}` : 'too much'}`,
    ),
    ...(m.fit.note ? [`         note: ${m.fit.note}`] : []),
    ...(m.arenaNote ? [`         note: ${m.arenaNote}`] : []),
    ...(m.complete ? [] : ['         note: some layers have errors; their tensors count as 0 bytes']),
  ].join('\n');
}

/** The devices a `--devices` value names: `all`, or ids separated by commas. */
export function devicesNamed(list: string): { devices: Device[] } | { error: string } {
  if (list === 'all') return { devices: [...DEVICES] };
  const devices: Device[] = [];
  for (const id of list.split(',').map((s) => s.trim())) {
    const d = deviceById(id);
    if (!d) return { error: `unknown device "${id}" (see --list-devices)` };
    devices.push(d);
  }
  return { devices };
}

export interface DeviceRow {
  readonly device: string;
  readonly name: string;
  readonly precision: Precision | null;
  readonly ms: number | null;
  readonly memory: ReturnType<typeof memoryJson> | null;
  readonly placement: { readonly ops_on_accelerator: number; readonly ops_total: number } | null;
  readonly error?: string;
}

/** One row per device: the requested precision where supported, else the device's first. */
export function deviceRows(result: ModelResult, devices: readonly Device[], precision: Precision): DeviceRow[] {
  const plans = new Map<Precision, MemoryPlan>();
  return devices.map((d): DeviceRow => {
    const p = runPrecision(d, precision);
    const base = { device: d.id, name: d.name };
    if (!p) return { ...base, precision: null, ms: null, memory: null, placement: null, error: 'no peak figure' };
    const est = estimateLatency(result, d.id, p);
    const memory = memoryJson(deviceMemory(result, d, p, plans));
    const placed = TARGET_OF_DEVICE[d.id] ? placeOnDevice(result, d.id, p) : null;
    const placement =
      placed && !('error' in placed) && placed.documented
        ? { ops_on_accelerator: placed.opsOnAccelerator, ops_total: placed.opsTotal }
        : null;
    if ('error' in est) return { ...base, precision: p, ms: null, memory, placement, error: est.error };
    return { ...base, precision: p, ms: r4(est.ms), memory, placement };
  });
}

/** The `--devices` table as text, fastest first. */
export function deviceTable(rows: readonly DeviceRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.ms ?? Infinity) - (b.ms ?? Infinity));
  const w = Math.max(6, ...sorted.map((r) => r.device.length));
  const head = `${'device'.padEnd(w)}  precision  ${'ms'.padStart(10)}  ${'on accel.'.padStart(9)}  memory`;
  const lines = sorted.map((r) => {
    const fit = r.memory ? VERDICT_TEXT[r.memory.fits] : '–';
    const amount =
      r.memory?.fits === 'does-not-fit'
        ? ` (${B(BigInt(r.memory.short))} short)`
        : r.memory?.fits === 'streams'
          ? ` (${B(BigInt(r.memory.spill))} outside)`
          : '';
    const ms = r.ms === null ? (r.error ?? '–') : r.ms.toFixed(2);
    const on = r.placement ? `${r.placement.ops_on_accelerator}/${r.placement.ops_total}` : '–';
    return `${r.device.padEnd(w)}  ${(r.precision ?? '–').padEnd(9)}  ${ms.padStart(10)}  ${on.padStart(9)}  ${fit}${amount}`;
  });
  return [head, ...lines].join('\n');
}
