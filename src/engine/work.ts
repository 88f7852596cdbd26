/**
 * How much work an evaluation is, known before running it: the number of rows `evaluateModel`
 * will produce (a repeat block's body counts `times` times, as the evaluator runs it that often;
 * an empty body's iterations count one each).
 * The engine's time is proportional to its rows, so this is what decides whether an edit may be
 * evaluated right away on the page (src/worker/client.ts, `inlineRows`) or must go to the worker.
 *
 * The walk stops as soon as the count passes `limit`, so asking about a 10,000-layer model or a
 * `times: 1e9` typo costs no more than asking about a small one.
 */
import type { Model } from './format/model';
import { isBlock, kindOf } from './layers/registry';

/** Rows of `layers`, at most a little past `limit` (returns as soon as the count exceeds it). */
function listRows(layers: unknown, limit: number): number {
  if (!Array.isArray(layers)) return 0;
  let rows = 0;
  for (const spec of layers) {
    rows += layerRows(spec, limit - rows);
    if (rows > limit) return rows;
  }
  return rows;
}

function layerRows(spec: unknown, limit: number): number {
  if (!spec || typeof spec !== 'object') return 1; // an error row
  // Already past the limit with this row: no need to look inside (which also bounds the depth of
  // this recursion, however deeply blocks are nested).
  if (limit < 1) return 1;
  const kind = kindOf(String((spec as { type?: unknown }).type));
  if (!kind || !isBlock(kind)) return 1;
  let lists;
  try {
    lists = kind.lists(spec as never);
  } catch {
    return 1; // malformed child lists: the evaluator makes an error row of it
  }
  if (kind.mode === 'repeat') {
    const times = (spec as { times?: unknown }).times;
    const n = typeof times === 'number' && Number.isFinite(times) && times > 0 ? Math.ceil(times) : 0;
    // limit − 1: this row is counted, and it bounds the depth of nested repeats like any block.
    const body = n > 0 && lists.length ? listRows(lists[0].layers, limit - 1) : 0;
    // The evaluator loops `times` times even over an empty body (it builds each iteration's path),
    // so every iteration counts at least 1. body × n may be astronomically large; anything past the
    // limit is just "too many".
    return 1 + Math.min(Math.max(body, 1) * n, limit + 1);
  }
  let rows = 1;
  for (const l of lists) {
    rows += listRows(l.layers, limit - rows);
    if (rows > limit) return rows;
  }
  return rows;
}

/**
 * The most rows one evaluation may produce (every repeat iteration expanded). The evaluator refuses a
 * repeat that would pass it (run.ts), share links and imports check it before evaluating. Equal to
 * the document's layer limit (LIMITS.maxLayers), so one number bounds both. Why not more: measured
 * in Chromium on the 2-core development machine (issue 21), a repeat expanding to 1,000,000 rows
 * took 9.4 s to its numbers with the page frozen for 3.8 s and 493 MB of page heap; at 100,000
 * rows, 1.3 s, the longest freeze 0.5 s and 58 MB. The largest zoo model has ~600 rows.
 */
export const MAX_EVALUATED_ROWS = 100_000;

/**
 * Rows an evaluation of `model` produces, or a number just above `limit` once it has more
 * (never less than the truth when at most `limit`). Malformed parts count as one error row; an
 * iteration of a repeat with an empty body counts as one (the evaluator's loop still runs it).
 */
export function evaluationRows(model: Pick<Model, 'layers'>, limit = Number.MAX_SAFE_INTEGER): number {
  return listRows(model?.layers, limit);
}
