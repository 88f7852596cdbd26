/**
 * The CLI's memory verdict for `--device` (issue 17: `"memory": {peak, arena, weights, fits}`) and the
 * `--devices` table: every device's time and memory verdict for one model, the same answers the app's
 * device table gives (deploy/device-memory.ts, deploy/latency).
 */
import type { ModelResult } from '../engine/evaluate';
import { deviceMemory, type DeviceMemory, type MemoryPlan } from '../engine/deploy/device-memory';
import { deviceById, DEVICES, precisionsOf } from '../engine/deploy/devices';
import type { Device, Precision } from '../engine/deploy/devices/schema';
import { estimateLatency } from '../engine/deploy/latency/latency';
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
  readonly error?: string;
}

/** One row per device: the requested precision where supported, else the device's first. */
export function deviceRows(result: ModelResult, devices: readonly Device[], precision: Precision): DeviceRow[] {
  const plans = new Map<Precision, MemoryPlan>();
  return devices.map((d): DeviceRow => {
    const supported = precisionsOf(d);
    const p = supported.includes(precision) ? precision : supported[0];
    const base = { device: d.id, name: d.name };
    if (!p) return { ...base, precision: null, ms: null, memory: null, error: 'no peak figure' };
    const est = estimateLatency(result, d.id, p);
    const memory = memoryJson(deviceMemory(result, d, p, plans));
    if ('error' in est) return { ...base, precision: p, ms: null, memory, error: est.error };
    return { ...base, precision: p, ms: Math.round(est.ms * 1e4) / 1e4, memory };
  });
}

/** The `--devices` table as text, fastest first. */
export function deviceTable(rows: readonly DeviceRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.ms ?? Infinity) - (b.ms ?? Infinity));
  const w = Math.max(6, ...sorted.map((r) => r.device.length));
  const head = `${'device'.padEnd(w)}  precision  ${'ms'.padStart(10)}  memory`;
  const lines = sorted.map((r) => {
    const fit = r.memory ? VERDICT_TEXT[r.memory.fits] : '–';
    const amount =
      r.memory?.fits === 'does-not-fit'
        ? ` (${B(BigInt(r.memory.short))} short)`
        : r.memory?.fits === 'streams'
          ? ` (${B(BigInt(r.memory.spill))} outside)`
          : '';
    const ms = r.ms === null ? (r.error ?? '–') : r.ms.toFixed(2);
    return `${r.device.padEnd(w)}  ${(r.precision ?? '–').padEnd(9)}  ${ms.padStart(10)}  ${fit}${amount}`;
  });
  return [head, ...lines].join('\n');
}
