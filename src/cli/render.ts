/** Text and JSON renderings of an evaluation for the CLI. */
import { notCountedLayers, type ModelResult } from '../engine/evaluate';
import type { Convention } from '../engine/conventions/types';
import { shapeText } from '../engine/format/model';
import { NOT_COUNTED_TYPE } from '../engine/layers/opaque';
import { groupDigits } from '../engine/digits';

/** JSON-safe integer: a number while exact, a decimal string above 2^53 − 1. */
export const jsonInt = (v: bigint): number | string =>
  v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();

export const grouped = (v: bigint): string => groupDigits(v);

const SI: Array<[bigint, string]> = [
  [10n ** 24n, 'Y'],
  [10n ** 21n, 'Z'],
  [10n ** 18n, 'E'],
  [10n ** 15n, 'P'],
  [10n ** 12n, 'T'],
  [10n ** 9n, 'G'],
  [10n ** 6n, 'M'],
  [10n ** 3n, 'k'],
];

/** Three significant digits of x (1 ≤ x < 1000 before rounding). */
const sig3 = (x: number): string => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * 1,814,073,344 → "1.81 G" (three significant digits). A value that rounds up to 1000 of a unit is
 * written in the next (999,999,999,000,000 → "1.00 P", not "1000 T").
 */
export function si(v: bigint): string {
  for (let i = 0; i < SI.length; i++) {
    const [base, unit] = SI[i];
    if (v < base) continue;
    const x = Number((v * 1000n) / base) / 1000;
    if (sig3(x) === '1000' && i > 0) return `${sig3(x / 1000)} ${SI[i - 1][1]}`;
    return `${sig3(x)} ${unit}`;
  }
  return v.toString();
}

export const unitWord = (c: Convention): string => (c.unit === 'MAC' ? 'MACs' : 'FLOPs');

export interface JsonReport {
  name: string;
  input: readonly number[] | null;
  /** Every model input by name (one named "input" unless the model names several). */
  inputs: Array<{ name: string; shape: readonly number[] }>;
  /** The model's outputs: what `outputs` names, or the last layer. */
  outputs: Array<{ name: string; shape: readonly number[] | null; error?: string }>;
  batch: number;
  convention: string;
  unit: 'MAC' | 'FLOP';
  totals: {
    params: number | string;
    count: number | string;
    macs: number | string;
    flops: number | string;
    buffers: number | string;
  };
  layers: Array<{
    path: string;
    name?: string;
    /** The layer's id, which other layers' `from` name. */
    id?: string;
    /** Where its inputs come from, as the model writes it (absent: the previous layer's output). */
    from?: readonly (string | number)[];
    type: string;
    /** The shape of every input (one entry per input; null where unknown). */
    inputs: ReadonlyArray<readonly number[] | null>;
    output: readonly number[] | null;
    params: number | string;
    /** null: not counted (an operator FlopLab cannot count; see `not_counted`). */
    count: number | string | null;
    /** Blocks: own op plus everything inside (layer `params`/`count` are the block's own op). */
    subtotal?: { params: number | string; count: number | string };
    error: string | null;
  }>;
  errors: number;
  /** Layers FlopLab cannot count (operators no kind models): when any, every total but params is partial. */
  not_counted: Array<{ path: string; name?: string; op: string }>;
  partial: boolean;
  model_error?: string;
  [extra: string]: unknown;
}

export function toJson(name: string, r: ModelResult, conv: Convention): JsonReport {
  const ci = r.conventions.indexOf(conv.id);
  return {
    name,
    input: r.input,
    inputs: r.inputs.map((i) => ({ name: i.name, shape: i.shape })),
    outputs: r.outputs.map((o) => ({ name: o.name, shape: o.shape, ...(o.error ? { error: o.error } : {}) })),
    batch: r.batch,
    convention: conv.id,
    unit: conv.unit,
    totals: {
      params: jsonInt(r.totals.params),
      count: jsonInt(r.totals.counts[ci]),
      macs: jsonInt(r.totals.macs),
      flops: jsonInt(r.totals.flops),
      buffers: jsonInt(r.totals.buffers),
    },
    layers: r.rows.map((row) => ({
      path: row.path,
      ...(row.name ? { name: row.name } : {}),
      ...(row.id !== undefined ? { id: row.id } : {}),
      ...fromOf(row),
      type: row.type,
      inputs: row.inputs ?? [row.input],
      output: row.output,
      params: jsonInt(row.params),
      // Unknown, not zero, for an operator FlopLab cannot count.
      count: row.type === NOT_COUNTED_TYPE ? null : jsonInt(row.counts[ci]),
      ...(row.total ? { subtotal: { params: jsonInt(row.total.params), count: jsonInt(row.total.counts[ci]) } } : {}),
      error: row.error ?? null,
    })),
    errors: r.errors,
    not_counted: notCountedLayers(r),
    partial: r.notCounted.length > 0,
    ...(r.modelError ? { model_error: r.modelError } : {}),
  };
}

/** The layer's `from` as written, when it has one (read from its fields; an invalid row has none). */
function fromOf(row: ModelResult['rows'][number]): { from?: readonly (string | number)[] } {
  const f = row.params_?.from;
  if (f === undefined) return {};
  return { from: Array.isArray(f) ? (f as (string | number)[]) : [f as string | number] };
}

/** " #id ← a, b" for a layer of a graph (nothing for a plain stack layer). */
function graphText(row: ModelResult['rows'][number]): string {
  const from = fromOf(row).from;
  return `${row.id !== undefined ? ` #${row.id}` : ''}${from ? ` ← ${from.map((f) => (f === -1 ? 'previous' : f)).join(', ')}` : ''}`;
}

function relative(path: string, parent: string | undefined, parents: string[], depth: number): string {
  parents[depth] = path;
  return parent && path.startsWith(parent) ? path.slice(parent.length).replace(/^\./, '') : path;
}

const pad = (s: string, n: number, right = false) => (right ? s.padStart(n) : s.padEnd(n));

export function toText(name: string, r: ModelResult, conv: Convention): string {
  const ci = r.conventions.indexOf(conv.id);
  const unit = unitWord(conv);
  const lines: string[] = [];
  lines.push(`${name} — input ${shapeText(r.input)}, batch ${r.batch}, convention ${conv.id} (${unit})`);
  if (r.modelError) lines.push(`  model error: ${r.modelError}`);
  // Each nested row is labelled relative to its parent block: `body[0]`, `#1.body[0]` (repeat iteration 1).
  const parents: string[] = [];
  const rows = r.rows.map((row) => ({
    layer: `${'  '.repeat(row.depth)}${relative(row.path, ((parents.length = row.depth), parents[row.depth - 1]), parents, row.depth)}${row.name ? ` ${row.name}` : ''}${graphText(row)}`,
    type: row.type,
    output: row.output ? shapeText(row.output) : row.error ? 'error' : '?',
    // A block shows its subtotal (its own op plus everything inside), marked Σ.
    params: row.total ? `Σ ${grouped(row.total.params)}` : grouped(row.params),
    count: row.total
      ? `Σ ${grouped(row.total.counts[ci])}`
      : row.type === NOT_COUNTED_TYPE
        ? 'not counted'
        : grouped(row.counts[ci]),
    error: row.error,
  }));
  // Widths in a loop: Math.max(...rows) passes every row as an argument and overflows the stack past
  // ~125,000 rows ("Maximum call stack size exceeded"); a model may have 1,000,000.
  const w = { layer: 5, type: 4, output: 6, params: 6, count: unit.length };
  for (const x of rows) {
    w.layer = Math.max(w.layer, x.layer.length);
    w.type = Math.max(w.type, x.type.length);
    w.output = Math.max(w.output, x.output.length);
    w.params = Math.max(w.params, x.params.length);
    w.count = Math.max(w.count, x.count.length);
  }
  lines.push(
    `${pad('layer', w.layer)}  ${pad('type', w.type)}  ${pad('output', w.output)}  ${pad('params', w.params, true)}  ${pad(unit, w.count, true)}`,
  );
  for (const x of rows) {
    lines.push(
      `${pad(x.layer, w.layer)}  ${pad(x.type, w.type)}  ${pad(x.output, w.output)}  ${pad(x.params, w.params, true)}  ${pad(x.count, w.count, true)}`,
    );
    if (x.error) lines.push(`${' '.repeat(w.layer + 2)}↳ ${x.error}`);
  }
  const t = r.totals;
  lines.push('');
  lines.push(`params   ${grouped(t.params)} (${si(t.params)})${t.buffers ? `  + buffers ${grouped(t.buffers)}` : ''}`);
  lines.push(`${pad(unit, 8)} ${grouped(t.counts[ci])} (${si(t.counts[ci])}) — ${conv.name}`);
  if (conv.id !== 'torchvision') lines.push(`MACs     ${grouped(t.macs)} (${si(t.macs)}) conv + linear, no bias`);
  if (conv.id !== 'exact') lines.push(`FLOPs    ${grouped(t.flops)} (${si(t.flops)}) every arithmetic op (exact)`);
  if (r.errors) lines.push(`${r.errors} layer${r.errors > 1 ? 's' : ''} with errors (see ↳ lines)`);
  if (r.notCounted.length) {
    const list = notCountedLayers(r);
    const names = list.slice(0, 5).map((x) => `${x.name ?? x.path} (${x.op})`);
    lines.push(
      `partial: ${list.length} layer${list.length > 1 ? 's' : ''} not counted — ${names.join(', ')}${list.length > 5 ? ', …' : ''}; the counts above leave ${list.length > 1 ? 'them' : 'it'} out`,
    );
  }
  return lines.join('\n');
}
