/**
 * The per-layer table's rows: one per evaluated row of the engine, with the row's OWN numbers
 * (a block contributes only its combining op, e.g. the residual add), so the column sums equal
 * the totals and each share is of the total. Sorting and CSV work on these.
 */
import type { ModelResult } from '../../engine/evaluate';
import { shapeLabel } from '../format';
import { NOT_COUNTED_TYPE } from '../../engine/layers/opaque';

export interface TableRow {
  /** Position in evaluation order (0-based); the default sort. */
  readonly order: number;
  readonly path: string;
  readonly modelPath: string;
  readonly depth: number;
  readonly name: string;
  readonly type: string;
  readonly output: string;
  readonly params: bigint;
  /** Count in the selected convention. */
  readonly count: bigint;
  readonly macs: bigint;
  readonly flops: bigint;
  readonly activations: bigint;
  readonly error: string;
  /** An operator FlopLab cannot count: its count is unknown, shown as "not counted". */
  readonly notCounted: boolean;
}

export type SortKey = 'order' | 'name' | 'type' | 'output' | 'params' | 'count' | 'macs' | 'flops' | 'activations';
export interface Sort {
  readonly key: SortKey;
  readonly dir: 'asc' | 'desc';
}

export function tableRows(result: ModelResult | null, conventionIndex: number): TableRow[] {
  if (!result) return [];
  return result.rows.map((r, order) => ({
    order,
    path: r.path,
    modelPath: r.modelPath,
    depth: r.depth,
    name: r.name ?? '',
    type: r.type,
    output: shapeLabel(r.output),
    params: r.params,
    count: conventionIndex >= 0 ? (r.counts[conventionIndex] ?? 0n) : 0n,
    macs: r.macs,
    flops: r.flops,
    activations: r.activations,
    error: r.error ?? '',
    notCounted: r.type === NOT_COUNTED_TYPE,
  }));
}

function compare(a: TableRow, b: TableRow, key: SortKey): number {
  const x = a[key];
  const y = b[key];
  if (typeof x === 'bigint' && typeof y === 'bigint') return x < y ? -1 : x > y ? 1 : 0;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return String(x).localeCompare(String(y), undefined, { numeric: true });
}

/** Stable sort by one column; ties keep evaluation order. */
export function sortRows(rows: readonly TableRow[], sort: Sort): TableRow[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => sign * compare(a, b, sort.key) || a.order - b.order);
}

/** One CSV field: quoted when needed; a leading = + - @ is neutralised (spreadsheet formula injection). */
function csvField(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * CSV with exact integers (no digit grouping, no SI) and the share of the selected count in
 * percent with 2 decimals. `countLabel` names the convention column, e.g. "thop (MACs)".
 */
export function toCsv(rows: readonly TableRow[], countLabel: string, totalCount: bigint): string {
  const head = [
    'path',
    'name',
    'type',
    'output',
    'params',
    countLabel,
    'MACs',
    'FLOPs (exact)',
    'activations',
    'share %',
    'error',
  ];
  const lines = [head.map(csvField).join(',')];
  for (const r of rows) {
    // Hundredths of a percent, rounded half up, in bigint.
    const h = totalCount === 0n ? null : (r.count * 20000n + totalCount) / (2n * totalCount);
    const share = h === null ? '' : `${h / 100n}.${(h % 100n).toString().padStart(2, '0')}`;
    lines.push(
      [r.path, r.name, r.type, r.output, r.params, r.count, r.macs, r.flops, r.activations, share, r.error]
        .map((v) => csvField(String(v)))
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
