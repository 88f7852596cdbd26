/**
 * Joins the engine's result rows to the editor's model paths. A repeat body's layers are
 * evaluated once per iteration (`layers[4]#1.body[0]`); the editor shows one row per model
 * layer, so the iterations are summed here (sums of the engine's numbers, no counting).
 */
import type { ModelResult, Row } from '../engine/evaluate';
import type { Shape } from '../engine/format/model';

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

export function numbersByPath(result: ModelResult | null): Map<string, LayerNumbers> {
  const map = new Map<string, LayerNumbers>();
  if (!result) return map;
  for (const r of result.rows) {
    const n = numbersOf(r);
    const prev = map.get(r.modelPath);
    if (!prev) {
      map.set(r.modelPath, {
        params: n.params,
        macs: n.macs,
        flops: n.flops,
        counts: n.counts,
        activations: n.activations,
        output: r.output,
        error: r.error,
        instances: 1,
        first: r,
      });
    } else {
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
  return map;
}
