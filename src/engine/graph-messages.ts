/**
 * The sentences of graph errors, each on the row of the layer that caused it: a `from` that names
 * nothing before the layer, a layer given the wrong number of inputs, a tensor too large to count
 * exactly. Split from evaluate.ts, which only decides when they apply.
 */
import { shapeText, type Model, type Shape } from './format/model';
import { isBlock, kindOf } from './layers/registry';
import type { Scope } from './graph-scope';
import { say } from './messages';

/** Path of the first layer in the model whose id is `id` (depth-first, document order), or null. */
export function pathOfId(model: Model, id: string): string | null {
  // An explicit stack of (list, prefix, next index): document order, linear in the model's size,
  // and a hostile nesting depth cannot overflow the call stack.
  const stack: Array<{ list: readonly unknown[]; prefix: string; i: number }> = [
    { list: Array.isArray(model?.layers) ? model.layers : [], prefix: 'layers', i: 0 },
  ];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.i >= top.list.length) {
      stack.pop();
      continue;
    }
    const path = `${top.prefix}[${top.i}]`;
    const spec = top.list[top.i++];
    if (!spec || typeof spec !== 'object') continue;
    const s = spec as { id?: unknown; type?: unknown };
    if (s.id === id) return path;
    const kind = typeof s.type === 'string' ? kindOf(s.type) : undefined;
    if (!kind || !isBlock(kind)) continue;
    let lists: { key: string; layers: readonly unknown[] }[];
    try {
      lists = kind.lists(spec as never);
    } catch {
      continue; // malformed child lists: reported where the block is evaluated
    }
    // Pushed last-first, so the first child list is walked first.
    for (let k = lists.length - 1; k >= 0; k--)
      if (Array.isArray(lists[k].layers))
        stack.push({ list: lists[k].layers, prefix: `${path}.${lists[k].key}`, i: 0 });
  }
  return null;
}

/** Why a reference resolves to nothing at this point of the evaluation. */
export function refError(ref: string, scope: Scope, model: Model): string {
  if (scope.has(ref)) return say('row.refUnknown', { ref });
  const later = pathOfId(model, ref);
  if (later) return say('row.refLater', { ref, path: later });
  return say('row.refNone', { ref });
}

/** Why a kind cannot take `n` inputs, or null when it can. */
export function arityError(type: string, arity: readonly [number, number] | undefined, n: number): string | null {
  const [min, max] = arity ?? [1, 1];
  if (n >= min && n <= max) return null;
  if (n < min) return say(max > min ? 'row.tooFewOrMore' : 'row.tooFew', { type, min, n });
  if (max === 0) return say('row.noInput', { type });
  return max === 1 ? say('row.oneInput', { type, n }) : say('row.atMost', { type, max, n });
}

/** Counts are exact integers: an output past 2^53 elements (batch included) cannot be counted exactly. */
export function tooLarge(type: string, output: Shape, batch: number): string | null {
  let n = batch;
  for (const d of output) n *= d;
  if (n <= Number.MAX_SAFE_INTEGER) return null;
  return say('row.tooLarge', { type, shape: shapeText(output), batch, n: n.toExponential(2) });
}
