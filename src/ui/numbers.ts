/**
 * Joins the engine's result rows to the editor's model paths. A repeat body's layers are
 * evaluated once per iteration (`layers[4]#1.body[0]`); the editor shows one row per model
 * layer, so the iterations are summed here (sums of the engine's numbers, no counting).
 */
import type { ModelResult, Row } from '../engine/evaluate';
import { getAt, layerPaths } from '../engine/format/edit';
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

/**
 * Finds the numbers of the editor's layers in a result computed for `resultModel`, which may be an
 * older model: the list shows an edit at once and its numbers a frame later (or, for a model the
 * worker evaluates, when the answer comes). Same model: by path. Otherwise by layer identity
 * (edits keep untouched layers identical, wherever they moved), and a layer replaced in place (a
 * field edit, a block around one) by its path, so it keeps its previous numbers until the new ones
 * come. A layer with no counterpart (just inserted) has none: never another layer's numbers.
 */
export function numbersLookup(
  model: Model,
  resultModel: Model | null,
  numbers: ReadonlyMap<string, LayerNumbers>,
): (path: string, spec: LayerSpec) => LayerNumbers | undefined {
  if (!resultModel || resultModel === model) return (path) => numbers.get(path);
  let before: Map<LayerSpec, string> | null = null;
  let now: Map<LayerSpec, string> | null = null;
  return (path, spec) => {
    before ??= layerPaths(resultModel);
    const was = before.get(spec);
    if (was !== undefined) return numbers.get(was);
    const old = getAt(resultModel, path);
    if (!old || old.type !== spec.type) return undefined;
    now ??= layerPaths(model);
    return now.has(old) ? undefined : numbers.get(path); // the old one moved elsewhere: not ours
  };
}
