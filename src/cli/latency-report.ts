/** The CLI's rendering of a latency estimate (issue 5: `"latency": {device, precision, ms, low_ms, high_ms, layers}`). */
import type { LatencyEstimate } from '../engine/deploy/latency/latency';
import { deviceById } from '../engine/deploy/devices';

const round = (ms: number) => Math.round(ms * 1e4) / 1e4;

export function latencyJson(l: LatencyEstimate) {
  return {
    device: l.device,
    precision: l.precision,
    ms: round(l.ms),
    low_ms: round(l.low_ms),
    high_ms: round(l.high_ms),
    layers: l.layers.map((x) => ({
      path: x.path,
      ms: round(x.ms),
      bound: x.bound,
      ...(x.fusedInto ? { fused_into: x.fusedInto } : {}),
    })),
  };
}

export function latencyText(l: LatencyEstimate): string {
  const d = deviceById(l.device);
  const top = [...l.layers].sort((a, b) => b.ms - a.ms).slice(0, 5);
  return [
    `latency  ${l.ms.toFixed(2)} ms (${l.low_ms.toFixed(2)}–${l.high_ms.toFixed(2)} ms) on ${d?.name ?? l.device}, ${l.precision}, batch ${l.batch}`,
    `         compute-bound ${l.boundMs.compute.toFixed(2)} ms · memory-bound ${l.boundMs.memory.toFixed(2)} ms`,
    ...top.map(
      (x) =>
        `         ${x.ms.toFixed(3).padStart(8)} ms  ${x.bound.padEnd(7)}  ${x.path}${x.name ? ` ${x.name}` : ''} (${x.type})`,
    ),
    ...l.notes.map((n) => `         note: ${n}`),
  ].join('\n');
}
