/**
 * Joins the engine's result rows to the editor's model paths. A repeat body's layers are
 * evaluated once per iteration (`layers[4]#1.body[0]`); the editor shows one row per model
 * layer, so the iterations are summed here (sums of the engine's numbers, no counting).
 */
import type { ModelResult, Row } from '../engine/evaluate';
import { childPath, formatPath, getAt, getList, listOf, parseListPath } from '../engine/format/edit';
import type { LayerSpec, Model, Shape } from '../engine/format/model';

export interface LayerNumbers {
  readonly params: bigint;
  readonly macs: bigint;
  readonly flops: bigint;
  readonly counts: readonly bigint[];
  readonly activations: bigint;
  readonly output: Shape | null;
  readonly error?: string;
  /** How many evaluated instances (repeat iterations) were summed. */
  readonly instances: number;
  /** The first evaluated row of this layer (for the details panel). */
  readonly first: Row;
}

/** Own numbers of a leaf; a block's total (itself plus everything inside). */
function numbersOf(r: Row) {
  return r.block && r.total ? r.total : r;
}

/**
 * The numbers made for each row object. The engine keeps the row objects of unchanged layers
 * from one result to the next, so their numbers keep their identity too and the editor's
 * memoised rows skip re-rendering (an edit re-renders the edited row, not every visible one).
 */
const single = new WeakMap<Row, LayerNumbers>();

const sameNumbers = (a: LayerNumbers, b: LayerNumbers): boolean =>
  a.params === b.params &&
  a.macs === b.macs &&
  a.flops === b.flops &&
  a.activations === b.activations &&
  a.output === b.output &&
  a.error === b.error &&
  a.instances === b.instances &&
  a.first === b.first &&
  a.counts.length === b.counts.length &&
  a.counts.every((c, i) => c === b.counts[i]);

/**
 * Numbers per model path. `previous` (the map made for the previous result) lets a summed
 * entry (a layer inside a repeat) keep its object when its numbers did not change.
 */
export function numbersByPath(
  result: ModelResult | null,
  previous?: ReadonlyMap<string, LayerNumbers>,
): Map<string, LayerNumbers> {
  const map = new Map<string, LayerNumbers>();
  if (!result) return map;
  const summed: string[] = [];
  for (const r of result.rows) {
    const n = numbersOf(r);
    const prev = map.get(r.modelPath);
    if (!prev) {
      const known = single.get(r);
      if (known) {
        map.set(r.modelPath, known);
        continue;
      }
      const made: LayerNumbers = {
        params: n.params,
        macs: n.macs,
        flops: n.flops,
        counts: n.counts,
        activations: n.activations,
        output: r.output,
        error: r.error,
        instances: 1,
        first: r,
      };
      single.set(r, made);
      map.set(r.modelPath, made);
    } else {
      if (prev.instances === 1) summed.push(r.modelPath);
      map.set(r.modelPath, {
        params: prev.params + n.params,
        macs: prev.macs + n.macs,
        flops: prev.flops + n.flops,
        counts: prev.counts.map((c, i) => c + n.counts[i]),
        activations: prev.activations + n.activations,
        output: r.output,
        error: prev.error ?? r.error,
        instances: prev.instances + 1,
        first: prev.first,
      });
    }
  }
  if (previous)
    for (const path of summed) {
      const before = previous.get(path);
      if (before && sameNumbers(before, map.get(path)!)) map.set(path, before);
    }
  return map;
}

const perResult = new WeakMap<ModelResult, ReadonlyMap<string, LayerNumbers>>();
let lastMade: Map<string, LayerNumbers> | undefined;
const NONE: ReadonlyMap<string, LayerNumbers> = new Map();

/**
 * numbersByPath made once per result for every view that shows it (the list, the details panel),
 * each new one keeping the previous one's objects where the numbers are unchanged.
 */
export function numbersOfResult(result: ModelResult | null): ReadonlyMap<string, LayerNumbers> {
  if (!result) return NONE;
  let made = perResult.get(result);
  if (!made) {
    made = lastMade = numbersByPath(result, lastMade);
    perResult.set(result, made);
  }
  return made;
}

/**
 * Finds the numbers of the editor's layers in a result computed for `resultModel`, which may be an
 * older model: the list shows an edit at once and its numbers a frame later (or, for a model the
 * worker evaluates, when the answer comes). Same model: by path. Otherwise, per row and in O(1)
 * (an urgent render may not walk a 10,000-layer model):
 * - the same layer object at the same path: by path;
 * - the same object one place away in the same list (a layer inserted, deleted or moved just
 *   before it): by its old path;
 * - a layer replaced in place (a field edit; a block around an edited layer): same type, same
 *   list length, same neighbours — by path, so it keeps its previous numbers until the new ones come;
 * - anything else (just inserted, further moves): none. Better a blank for a moment than another
 *   layer's numbers.
 */
export function numbersLookup(
  model: Model,
  resultModel: Model | null,
  numbers: ReadonlyMap<string, LayerNumbers>,
): (path: string, spec: LayerSpec) => LayerNumbers | undefined {
  if (!resultModel || resultModel === model) return (path) => numbers.get(path);
  /** The layer at `path` was replaced in place, and so were the blocks holding it (O(depth)). */
  const inPlace = (path: string): boolean => {
    const was = getAt(resultModel, path);
    const is = getAt(model, path);
    if (!was || !is || was.type !== is.type) return false;
    if (was === is) return true;
    const { listPath, index } = listOf(path);
    const before = getList(resultModel, listPath);
    const now = getList(model, listPath);
    if (!before || !now || before.length !== now.length) return false;
    if (before[index - 1] !== now[index - 1] || before[index + 1] !== now[index + 1]) return false;
    const holder = formatPath(parseListPath(listPath).steps); // 'layers[3].body' → 'layers[3]'; 'layers' → ''
    return holder === '' || inPlace(holder);
  };
  return (path, spec) => {
    if (getAt(resultModel, path) === spec) return numbers.get(path);
    let at: { listPath: string; index: number };
    try {
      at = listOf(path);
    } catch {
      return undefined; // not a layer path
    }
    const before = getList(resultModel, at.listPath);
    if (before?.[at.index - 1] === spec) return numbers.get(childPath(at.listPath, at.index - 1));
    if (before?.[at.index + 1] === spec) return numbers.get(childPath(at.listPath, at.index + 1));
    return inPlace(path) ? numbers.get(path) : undefined;
  };
}

/**
 * Whether the numbers numbersLookup gives for a row come from an older model than the one shown:
 * 'edited' — the layer itself (or a layer inside it) changed since the result's model, so its
 * numbers are at most the previous ones next to new field values; 'older' — the layer is the same
 * object but the result is for an older model (an earlier edit may change its numbers too);
 * 'fresh' — the result is for this model. O(depth) per row.
 */
export function numbersAge(
  model: Model,
  resultModel: Model | null,
  path: string,
  spec: LayerSpec,
): 'fresh' | 'edited' | 'older' {
  if (!resultModel || resultModel === model) return 'fresh';
  return getAt(resultModel, path) === spec ? 'older' : 'edited';
}
