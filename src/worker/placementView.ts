/**
 * The runtime answer's placement part (issue 17): where each layer of the model runs on the picked
 * accelerator and why, the model's "N of M ops on the NPU", its partitions and first fallback, and
 * the runtime with the fallback ops on a host CPU plus the transfers between partitions. Built from
 * the engine (deploy/placement); the page only draws it.
 */
import type { ModelResult } from '../engine/evaluate';
import { deviceById } from '../engine/deploy/devices';
import type { Precision } from '../engine/deploy/devices/schema';
import { HOST_OF_DEVICE, placeOnDevice, TARGET_OF_DEVICE } from '../engine/deploy/placement';
import { estimateLatencyWithPlacement } from '../engine/deploy/placement/latency';
import type { Where } from '../engine/deploy/placement/types';
import type { LatencyEstimate } from '../engine/deploy/latency/latency';
import { rowLabel } from '../ui/charts/chartData';
import { say } from '../engine/messages';

/** Beyond this many rows only the ones on the CPU travel (the rest run on the accelerator). */
export const MAX_PLACEMENT_ROWS = 20_000;

export interface PlacementRowView {
  readonly modelPath: string;
  readonly path: string;
  readonly on: Where;
  readonly role: string;
  readonly ruleId: string;
  readonly why: string;
  readonly undocumented?: boolean;
  /** Its time on the side it runs on (the host CPU for a fallback op); absent without a runtime with placement. */
  readonly ms?: number;
}

export interface PlacementView {
  readonly deviceId: string;
  readonly accelerator: string;
  /** False when the vendor publishes no rule table: the counts are then unknown, not zero. */
  readonly documented: boolean;
  readonly fallbackMode: 'rest-on-cpu' | 'per-op';
  readonly opsOnAccelerator: number;
  readonly opsTotal: number;
  readonly partitions: number;
  readonly firstFallback: {
    readonly path: string;
    readonly modelPath: string;
    readonly label: string;
    readonly why: string;
  } | null;
  /** Every op's placement (only the CPU ones past MAX_PLACEMENT_ROWS: `rowsComplete` false). */
  readonly rows: PlacementRowView[];
  readonly rowsComplete: boolean;
  readonly undocumentedRows: number;
  readonly notes: string[];
  /** The runtime with placement, or why there is none (no host CPU for the fallback ops). */
  readonly latency:
    | {
        readonly ms: number;
        readonly acceleratorMs: number;
        readonly cpuMs: number;
        readonly transferMs: number;
        readonly boundaries: number;
        readonly host: string | null;
        readonly hostName: string | null;
        readonly hostReason: string;
        readonly hostAssumed: boolean;
        readonly link: string;
        readonly notes: string[];
      }
    | { readonly error: string };
}

/** Placement of `result` on an accelerator device, or null for a device without a rule table. */
export function placementView(
  result: ModelResult,
  deviceId: string,
  precision: Precision,
  /** The device's estimate at this precision, when the caller has it. */
  estimate?: LatencyEstimate,
): PlacementView | null {
  if (!TARGET_OF_DEVICE[deviceId]) return null;
  const p = placeOnDevice(result, deviceId, precision);
  if ('error' in p) return null;
  const rowOf = (i: number) => result.rows[i];
  const all = p.rows.length <= MAX_PLACEMENT_ROWS;
  const ff = p.firstFallback;
  const ffRow = ff ? rowOf(ff.index) : undefined;
  const placed = p.documented
    ? estimateLatencyWithPlacement(result, deviceId, precision, { placement: p, ...(estimate ? { estimate } : {}) })
    : null;
  const msOf = placed && !('error' in placed) ? new Map(placed.layers.map((l) => [l.index, l.ms])) : null;
  const rows: PlacementRowView[] = [];
  for (const r of p.rows) {
    if (!all && r.on !== 'cpu') continue;
    const row = rowOf(r.index);
    rows.push({
      modelPath: row?.modelPath ?? r.path,
      path: r.path,
      on: r.on,
      role: r.role,
      ruleId: r.ruleId,
      why: r.why,
      ...(r.undocumented ? { undocumented: true } : {}),
      ...(msOf?.has(r.index) ? { ms: msOf.get(r.index) } : {}),
    });
  }
  const host = HOST_OF_DEVICE[deviceId];
  return {
    deviceId,
    accelerator: p.accelerator,
    documented: p.documented,
    fallbackMode: p.fallbackMode,
    opsOnAccelerator: p.opsOnAccelerator,
    opsTotal: p.opsTotal,
    partitions: p.partitions.length,
    firstFallback:
      ff && ffRow ? { path: ff.path, modelPath: ffRow.modelPath, label: rowLabel(ffRow), why: ff.why } : null,
    rows,
    rowsComplete: all,
    undocumentedRows: p.undocumentedRows,
    notes: p.notes,
    latency: !placed
      ? { error: say('place.unknown', { accelerator: p.accelerator }) }
      : 'error' in placed
        ? { error: placed.error }
        : {
            ms: placed.ms,
            acceleratorMs: placed.acceleratorMs,
            cpuMs: placed.cpuMs,
            transferMs: placed.transferMs,
            boundaries: placed.boundaries.length,
            host: placed.host,
            hostName: placed.host ? (deviceById(placed.host)?.name ?? placed.host) : null,
            hostReason: placed.hostReason,
            hostAssumed: !!host?.assumed && placed.host === host.device,
            link: placed.link.what,
            notes: placed.notes,
          },
  };
}
