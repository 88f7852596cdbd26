/**
 * The nearest measured twin (issue 18), independent of any measurement table: given the rows the
 * tables hold for one device (twin-<table>.ts turn each table's rows into TwinCandidates), pick the
 * measurements of the same network, else the measured network closest by MACs, else list what was
 * measured there. Kept apart from the tables so the worker loads only the tables of the picked
 * device (twin-tables.ts), and the sync measuredTwin (twin.ts) reads them all for tests and scripts.
 */
import { groupDigits } from '../../digits';
import type { Precision } from '../devices/schema';
import type { MeasurementSource } from './measurements/source';

export type TwinTableId = 'ncnn' | 'aihub' | 'mlperf-mobile' | 'coral' | 'mlperf-tiny' | 'hailo';

/** Where a twin row comes from: enough for the app to link it and the docs to cite it. */
export interface TwinSource {
  /** The row's address (a line of a file at a commit, or a web page). */
  readonly url: string;
  /** YYYY-MM-DD, or the table's explicit "not published" wording (never a guessed date). */
  readonly date: string;
  /** owner/name for a GitHub file; null for a web page. */
  readonly repo: string | null;
  readonly path: string | null;
  /** The 40-hex commit the file was read at; null for a web page. */
  readonly commit: string | null;
  /** 1-based line of the row (in the file, or in the saved page text); null when the table has one file per model. */
  readonly line: number | null;
}

/** A table row's MeasurementSource (measurements/source.ts) as the twin cites it. */
export const twinSource = (s: MeasurementSource): TwinSource => ({
  url: s.url,
  date: s.date,
  repo: s.repo,
  path: s.path,
  commit: s.commit,
  line: s.line,
});

export interface TwinRow {
  readonly table: TwinTableId;
  /** The table as the app names it ("Coral Edge TPU benchmarks"). */
  readonly tableName: string;
  /** The table's stable row id (coral:12, aihub:10, …). */
  readonly id: string;
  /** The model as the table names it. */
  readonly model: string;
  /** FlopLab's precision of the run; null when the table does not say. */
  readonly precision: Precision | null;
  /** Time per inference in ms as the table gives or derives it; null when it gives only a streaming throughput. */
  readonly ms: number | null;
  /** A streaming throughput (frames per second), when that is what the table measured. */
  readonly fps?: { readonly batch1: number; readonly batch8: number | null };
  /** Runtime, device setup, precision and what the figure is ("QNN on the Galaxy S24, w8a8, …"). */
  readonly setup: string;
  readonly source: TwinSource;
}

/** A table row offered for the twin of one device. */
export interface TwinCandidate {
  readonly row: TwinRow;
  /** Rows of one measured network share this key (precisions and runtimes of it). */
  readonly network: string;
  /** The zoo preset the measured network is, when the table maps it (checked in the table's test). */
  readonly preset?: string;
  /** FlopLab's conv + linear MACs of the mapped network, for the same-network check (evaluated on demand, cached). */
  readonly flopLabMacs?: () => bigint | undefined;
  /** The measured network's MACs for ranking by closeness, and where the figure comes from; none when no figure exists. */
  readonly size?: () => TwinSize | undefined;
  /** Among rows of one network at one precision: lower first (e.g. the device's own runtime first). */
  readonly rank?: number;
}

export interface TwinSize {
  /** MACs as a number, for the log distance. */
  readonly value: number;
  /** The exact count when there is one (FlopLab's, or a count computed from the runtime's own model file). */
  readonly exact?: bigint;
  /** "385,814,752 MACs (FlopLab's count)", "≈ 0.31 G MACs (half the 0.62 G OPS the zoo states)". */
  readonly text: string;
}

export interface TwinQuery {
  /** Conv + linear MACs of the model being estimated (ModelResult.totals.macs). */
  readonly macs: bigint;
  readonly precision: Precision;
  /** The zoo preset the model was built from, if any. */
  readonly preset?: string;
}

export interface Twin {
  /**
   * same: this network was measured on the device; closest: the nearest measured network by MACs;
   * listed: no row gives a MACs figure to compare, so the networks measured there are listed.
   */
  readonly kind: 'same' | 'closest' | 'listed';
  /** same/closest: the rows of the one network, best first; listed: one row per measured network. */
  readonly rows: readonly TwinRow[];
  /** The first row's precision (null when its table does not say). */
  readonly precision: Precision | null;
  /** MACs of the measured network when exactly known (FlopLab's count, or ncnn's param file). */
  readonly macs?: bigint;
  /** One sentence for the app: what was measured, how, and how it relates to the model. */
  readonly note: string;
}

const newestFirst = (a: TwinRow, b: TwinRow) => b.source.date.localeCompare(a.source.date);

function order(list: readonly TwinCandidate[], precision: Precision): TwinRow[] {
  const same = list.filter((c) => c.row.precision === precision);
  return [...(same.length ? same : list)]
    .sort(
      (a, b) =>
        (a.rank ?? 0) - (b.rank ?? 0) ||
        newestFirst(a.row, b.row) ||
        (a.row.source.line ?? 0) - (b.row.source.line ?? 0),
    )
    .map((c) => c.row);
}

/** "3.1 ms", or the throughput when that is what the row measured (never as ms per inference). */
export function figure(r: TwinRow): string {
  if (r.fps)
    return `streaming throughput ${groupDigits(r.fps.batch1)} FPS at batch 1${r.fps.batch8 !== null ? `, ${groupDigits(r.fps.batch8)} FPS at batch 8` : ''} — not one frame's latency`;
  return r.ms === null ? 'no time given' : `${Number(r.ms.toPrecision(4))} ms`;
}

const prec = (p: Precision | null) => p ?? 'precision not stated';

/** The networks no MACs figure ranks, by table (at most six names each), for the closest twin's note. */
function alsoNote(unranked: readonly TwinCandidate[], shown: ReadonlySet<string>): string {
  const byTable = new Map<string, Set<string>>();
  for (const c of unranked)
    if (!shown.has(c.network))
      byTable.set(c.row.tableName, (byTable.get(c.row.tableName) ?? new Set()).add(c.row.model));
  if (!byTable.size) return '';
  const parts = [...byTable].map(([table, set]) => {
    const names = [...set];
    const more = names.length > 6 ? ` and ${names.length - 6} more` : '';
    return `${table}: ${names.slice(0, 6).join(', ')}${more}`;
  });
  return `; also measured here, with no MACs figure to compare (${parts.join('; ')})`;
}

/** The twin among a device's candidates, or undefined when there are none. */
export function twinFrom(candidates: readonly TwinCandidate[], q: TwinQuery): Twin | undefined {
  if (!candidates.length) return undefined;
  // Same network: a mapped row of the same preset whose FlopLab MACs equal the model's.
  const same = q.preset ? candidates.filter((c) => c.preset === q.preset && c.flopLabMacs?.() === q.macs) : [];
  if (same.length) {
    const rows = order(same, q.precision);
    const r = rows[0];
    const p = r.precision;
    return {
      kind: 'same',
      rows,
      precision: p,
      macs: q.macs,
      note: `measured on this device (${r.tableName}): ${r.model}, ${prec(p)}, ${figure(r)}${p !== null && p !== q.precision ? ` — at ${p}, not ${q.precision}` : ''}; ${r.setup}`,
    };
  }
  // Closest by MACs on a log scale (FlopLab's count when it builds the network, else the table's); the same precision wins a tie.
  const sized = candidates.map((c) => ({ c, size: c.size?.() }));
  let found: { c: TwinCandidate; size: TwinSize; d: number } | undefined;
  for (const { c, size } of sized) {
    if (!size || size.value <= 0 || q.macs <= 0n) continue;
    const d = Math.abs(Math.log(size.value / Number(q.macs))) + (c.row.precision === q.precision ? 0 : 1e-9);
    if (!found || d < found.d) found = { c, size, d };
  }
  const unranked = sized.filter((s) => !s.size).map((s) => s.c);
  const best = found;
  if (best) {
    const rows = order(
      candidates.filter((c) => c.network === best.c.network),
      q.precision,
    );
    const r = rows[0];
    return {
      kind: 'closest',
      rows,
      precision: r.precision,
      ...(best.size.exact !== undefined ? { macs: best.size.exact } : {}),
      note: `not measured on this device; the closest measured model by MACs is ${r.model} (${r.tableName}; ${prec(r.precision)}, ${best.size.text}, a different network), ${figure(r)}; ${r.setup}${alsoNote(unranked, new Set([best.c.network]))}`,
    };
  }
  // No MACs figure anywhere: list the networks measured on the device, one row each.
  const byNet = new Map<string, TwinCandidate[]>();
  for (const c of candidates) byNet.set(c.network, [...(byNet.get(c.network) ?? []), c]);
  const rows = [...byNet.values()].map((list) => order(list, q.precision)[0]);
  return {
    kind: 'listed',
    rows,
    precision: rows[0].precision,
    note: `not measured on this device, and no measured model has a MACs figure to compare; measured models on this device: ${rows.map((r) => `${r.model} (${r.tableName}, ${figure(r)})`).join(', ')}`,
  };
}
