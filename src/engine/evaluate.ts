/**
 * The evaluator's entry points: checks the model's header, runs the layer walk (run.ts), and
 * gives back the rows, totals and the model's inputs and outputs. Never throws.
 */
import type { Model, Shape } from './format/model';
import { conventionById, DEFAULT_CONVENTION } from './conventions/registry';
import type { Convention } from './conventions/types';
import { checkModelHeader } from './format/header';
import { Run } from './run';
import { keepMemos } from './previous-run';
import { UNKNOWN_INPUT } from './layer-rows';
import { fillIterationNames } from './iteration-names';
import { NOT_COUNTED_TYPE } from './layers/opaque';
import {
  sumRows,
  ZERO_COUNTS,
  type Counts,
  type CountsSum,
  type EvalOptions,
  type ModelOutput,
  type ModelResult,
  type Row,
} from './rows';
import { say } from './messages';

export type { Counts, EvalOptions, ModelOutput, ModelResult, Row } from './rows';

/** Evaluates a model. Never throws; problems are reported in the result. */
export function evaluateModel(model: Model, opts: EvalOptions = {}): ModelResult {
  return evaluate(model, opts, true);
}

/**
 * The same evaluation with every layer computed on its own: nothing reused from earlier runs
 * or from equal layers of this run. The reference the tests hold `evaluateModel` to.
 */
export function evaluateModelFromScratch(model: Model, opts: EvalOptions = {}): ModelResult {
  return evaluate(model, opts, false);
}

function evaluate(model: Model, opts: EvalOptions, reuse: boolean): ModelResult {
  const ids = (opts.conventions ?? [DEFAULT_CONVENTION]).filter((id) => conventionById(id));
  const convs = ids.map((id) => conventionById(id) as Convention);
  const header = checkModelHeader(opts.input || opts.batch ? overridden(model, opts) : (model ?? {}));
  const batch = header.batch;
  const layers = Array.isArray(model?.layers) ? model.layers : [];
  const run = new Run(batch, convs, reuse, model);
  if (!header.error) for (const i of header.inputs) run.scope.define(i.name, i.shape, -1);
  let output: Shape | null;
  try {
    output = run.top(layers, header.error ? null : header.input, header.error ? [] : header.inputs);
  } catch (err) {
    return {
      conventions: ids,
      batch,
      input: header.input,
      inputs: header.inputs,
      output: null,
      outputs: [],
      rows: run.rows,
      totals: ZERO_COUNTS(ids.length),
      errors: run.rows.length + 1,
      notCounted: notCountedRows(run.rows),
      modelError: `internal error: ${(err as Error).message}`,
    };
  }
  const { totals, errorRows } = tally(run, ids.length);
  // The engine keeps its rows for the next run; the caller gets its own array.
  if (reuse)
    keepMemos(
      run.memoKey,
      run.irregular
        ? undefined
        : {
            rows: run.rows,
            layers,
            starts: run.starts,
            input: header.error ? null : header.input,
            inputs: header.error ? [] : header.inputs,
            reads: run.reads,
            errorRows,
            // A copy: the caller may do what it likes with the result's.
            totals: { ...totals, counts: totals.counts.slice() },
          },
    );
  const outputs = outputsOf(model, run, output, header.error === undefined);
  return {
    conventions: ids,
    batch,
    input: header.error ? null : header.input,
    inputs: header.inputs,
    output: outputs.length ? outputs[0].shape : output,
    outputs,
    // Repeat iterations' names (`layer1.{i+1}.conv1`) filled in on the caller's array (from scratch, run.rows is not kept).
    rows: reuse ? fillIterationNames(run.rows.slice()) : fillIterationNames(run.rows),
    totals,
    errors: errorRows.length,
    notCounted: notCountedRows(run.rows),
    ...(header.error ? { modelError: header.error } : {}),
  };
}

/**
 * The totals and the rows with an error. Where the run took spans of the run before's rows at
 * once (run.ts `span`), only the rows around them are read: the totals are the run before's,
 * minus its rows that were not taken, plus this run's that were not (exact: integers), and spans
 * hold no error row. A 10,000-layer edit then adds a few rows instead of all of them.
 */
function tally(run: Run, conventions: number): { totals: CountsSum; errorRows: number[] } {
  const totals = ZERO_COUNTS(conventions);
  const errorRows: number[] = [];
  const { rows, previous } = run;
  const taken = run.spans?.taken ?? [];
  // Rows [from, to) of this run are summed, and its error rows noted; rows before `from` are in spans.
  let from = 0;
  for (let t = 0; t <= taken.length; t += 3) {
    const to = t < taken.length ? taken[t + 2] : rows.length;
    sumRows(totals, rows, from, to);
    for (let i = from; i < to; i++) if (rows[i].error) errorRows.push(i);
    if (t < taken.length) from = taken[t + 2] + taken[t + 1] - taken[t];
  }
  if (!previous || !taken.length) return { totals, errorRows };
  const notTaken = ZERO_COUNTS(conventions);
  let old = 0;
  for (let t = 0; t <= taken.length; t += 3) {
    sumRows(notTaken, previous.rows, old, t < taken.length ? taken[t] : previous.rows.length);
    if (t < taken.length) old = taken[t + 1];
  }
  addDifference(totals, previous.totals, notTaken);
  return { totals, errorRows };
}

/**
 * Rows whose own fields or shapes are wrong, as opposed to rows that cannot be computed because
 * an earlier layer (or one inside a block) has an error: one bad kernel size is one error, not
 * one per layer after it.
 */
export function ownErrorRows(result: Pick<ModelResult, 'rows'>): number {
  let n = 0;
  for (const r of result.rows)
    if (r.error && r.error !== UNKNOWN_INPUT && !r.error.endsWith('a layer inside has an error')) n++;
  return n;
}

/** The not-counted rows as people name them: the row's name (else its path) and the file's operator. */
export function notCountedLayers(result: Pick<ModelResult, 'rows' | 'notCounted'>): {
  path: string;
  name?: string;
  op: string;
}[] {
  return result.notCounted.map((i) => {
    const row = result.rows[i];
    return { path: row.path, ...(row.name ? { name: row.name } : {}), op: String(row.params_?.op ?? '?') };
  });
}

/** Indices of the rows that count nothing because FlopLab cannot (not zero: unknown). */
function notCountedRows(rows: readonly Row[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < rows.length; i++) if (rows[i].type === NOT_COUNTED_TYPE && !rows[i].trainingOnly) out.push(i);
  return out;
}

/** acc += plus − minus. */
function addDifference(acc: CountsSum, plus: Counts, minus: Counts): void {
  acc.params += plus.params - minus.params;
  acc.buffers += plus.buffers - minus.buffers;
  acc.macs += plus.macs - minus.macs;
  acc.flops += plus.flops - minus.flops;
  acc.activations += plus.activations - minus.activations;
  const c = acc.counts as bigint[];
  for (let i = 0; i < c.length; i++) c[i] += plus.counts[i] - minus.counts[i];
}

/** The model with the caller's batch and first-input overrides (CLI --batch, --input). */
function overridden(model: Model, opts: EvalOptions): Model {
  const m = Object.assign({}, model, opts.batch ? { batch: opts.batch } : {});
  if (!opts.input) return m;
  if (Array.isArray(model?.inputs) && model.inputs.length)
    return Object.assign(m, { inputs: [{ name: model.inputs[0].name, shape: opts.input }, ...model.inputs.slice(1)] });
  return Object.assign(m, { input: opts.input });
}

/** What the model's `outputs` name (every name resolved after the last layer), or the last layer's output. */
function outputsOf(model: Model, run: Run, last: Shape | null, ok: boolean): ModelOutput[] {
  const names = Array.isArray(model?.outputs) ? model.outputs : null;
  if (!names) {
    // Each top-level layer's rows form one range, unless an internal error added a row.
    const n = run.starts.length;
    const lastRow = run.irregular || n === 0 ? lastTopRow(run.rows) : run.rows[run.starts[n - 1]];
    return ok ? [{ name: lastRow?.id ?? 'output', shape: last }] : [];
  }
  return names.map((name) => {
    const shape = run.scope.read(String(name));
    return shape === undefined
      ? { name: String(name), shape: null, error: say('row.noOutputNamed', { name: String(name) }) }
      : { name: String(name), shape };
  });
}

/** The last top-level row (its output is the model's when `outputs` is absent). */
function lastTopRow(rows: readonly Row[]): Row | undefined {
  let last: Row | undefined;
  for (let i = 0; i < rows.length; i = rows[i].end) last = rows[i];
  return last;
}
