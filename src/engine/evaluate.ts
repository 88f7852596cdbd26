/**
 * The evaluator's entry points: checks the model's header, runs the layer walk (run.ts), and
 * gives back the rows, totals and the model's inputs and outputs. Never throws.
 */
import type { Model, Shape } from './format/model';
import { conventionById, DEFAULT_CONVENTION } from './conventions/registry';
import type { Convention } from './conventions/types';
import { checkModelHeader } from './format/header';
import { Run } from './run';
import {
  keepMemos,
  sumRows,
  ZERO_COUNTS,
  type EvalOptions,
  type ModelOutput,
  type ModelResult,
  type Row,
} from './rows';

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
    output = run.list(layers, header.error ? null : header.input, 'layers', 0);
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
      modelError: `internal error: ${(err as Error).message}`,
    };
  }
  // The engine keeps its rows for the next run; the caller gets its own array.
  if (reuse) keepMemos(run.memoKey, { rows: run.rows, firstRow: run.firstRow, reads: run.reads, spare: run.spare });
  const totals = ZERO_COUNTS(ids.length);
  sumRows(totals, run.rows, 0, run.rows.length);
  let errors = 0;
  for (const r of run.rows) if (r.error) errors++;
  const outputs = outputsOf(model, run, output, header.error === undefined);
  return {
    conventions: ids,
    batch,
    input: header.error ? null : header.input,
    inputs: header.inputs,
    output: outputs.length ? outputs[0].shape : output,
    outputs,
    rows: reuse ? run.rows.slice() : run.rows,
    totals,
    errors,
    ...(header.error ? { modelError: header.error } : {}),
  };
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
    const lastRow = lastTopRow(run.rows);
    return ok ? [{ name: lastRow?.id ?? 'output', shape: last }] : [];
  }
  return names.map((name) => {
    const shape = run.scope.read(String(name));
    return shape === undefined
      ? { name: String(name), shape: null, error: `outputs: no layer id or input is named "${String(name)}"` }
      : { name: String(name), shape };
  });
}

/** The last top-level row (its output is the model's when `outputs` is absent). */
function lastTopRow(rows: readonly Row[]): Row | undefined {
  let last: Row | undefined;
  for (let i = 0; i < rows.length; i = rows[i].end) last = rows[i];
  return last;
}
