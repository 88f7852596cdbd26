/**
 * The sentences of graph errors, each on the row of the layer that caused it: a `from` that names
 * nothing before the layer, a layer given the wrong number of inputs, a tensor too large to count
 * exactly. Split from evaluate.ts, which only decides when they apply.
 */
import { shapeText, type Model, type Shape } from './format/model';
import { isBlock, kindOf } from './layers/registry';
import type { Scope } from './graph-scope';

/** Path of the first layer in the model whose id is `id` (depth-first, document order), or null. */
export function pathOfId(model: Model, id: string): string | null {
  const stack: Array<[readonly unknown[], string]> = [[Array.isArray(model?.layers) ? model.layers : [], 'layers']];
  // Iterative walk in document order (a hostile document cannot overflow the stack).
  const order: Array<[unknown, string]> = [];
  while (stack.length) {
    const [list, prefix] = stack.pop() as [readonly unknown[], string];
    for (let i = 0; i < list.length; i++) order.push([list[i], `${prefix}[${i}]`]);
    while (order.length) {
      const [spec, path] = order.shift() as [unknown, string];
      if (!spec || typeof spec !== 'object') continue;
      const s = spec as { id?: unknown; type?: unknown };
      if (s.id === id) return path;
      const kind = typeof s.type === 'string' ? kindOf(s.type) : undefined;
      if (!kind || !isBlock(kind)) continue;
      try {
        for (const l of kind.lists(spec as never))
          if (Array.isArray(l.layers)) stack.push([l.layers, `${path}.${l.key}`]);
      } catch {
        // malformed child lists: reported where the block is evaluated
      }
    }
  }
  return null;
}

/** Why a reference resolves to nothing at this point of the evaluation. */
export function refError(ref: string, scope: Scope, model: Model): string {
  if (scope.has(ref)) return `from: "${ref}" is unknown here`;
  const later = pathOfId(model, ref);
  if (later)
    return `from: "${ref}" is the id of ${later}, which is not evaluated before this layer; a layer can only take outputs of layers before it (so a graph has no cycle)`;
  return `from: no earlier layer has the id "${ref}" and no model input is named "${ref}"`;
}

/** Why a kind cannot take `n` inputs, or null when it can. */
export function arityError(type: string, arity: readonly [number, number] | undefined, n: number): string | null {
  const [min, max] = arity ?? [1, 1];
  if (n >= min && n <= max) return null;
  if (n < min)
    return `${type} takes ${max > min ? `${min} or more` : min} inputs but gets ${n}: name them with from, e.g. "from": [-1, "skip"] (-1 is the previous layer)`;
  if (max === 0) return `${type} takes no input (it is a learned tensor); remove its from`;
  return max === 1
    ? `${type} takes one input, but from names ${n}`
    : `${type} takes at most ${max} inputs, but from names ${n}`;
}

/** Counts are exact integers: an output past 2^53 elements (batch included) cannot be counted exactly. */
export function tooLarge(type: string, output: Shape, batch: number): string | null {
  let n = batch;
  for (const d of output) n *= d;
  if (n <= Number.MAX_SAFE_INTEGER) return null;
  return `${type}: the output ${shapeText(output)} × batch ${batch} has about ${n.toExponential(2)} elements, more than 2^53 (9,007,199,254,740,991): too large to count exactly`;
}
