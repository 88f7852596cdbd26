/**
 * Op sequences a converter writes for one layer that has no single TFLite op.
 *
 * Keras 3's UpSampling2D (nearest) repeats rows, then columns, each as EXPAND_DIMS (a new axis
 * after H or W) → TILE (that axis × f) → RESHAPE (merge it back): [1, H, W, C] → [1, H·f, W, C].
 * TILE alone has no layer kind; the three together are a nearest upsample along one dim, so the
 * RESHAPE becomes an upsample of the EXPAND_DIMS's input and the two ops before it are left out
 * (they only stage the copy the upsample counts).
 */
import type { TfliteOp, TfliteSubgraph } from './decode';
import { pushTo } from '../multimap';

export interface Upsample {
  /** The 4-D NHWC tensor being enlarged. */
  readonly input: number;
  /** File axis enlarged (1 = H, 2 = W) and the factor. */
  readonly axis: 1 | 2;
  readonly factor: number;
}

export interface Patterns {
  /** RESHAPE op index → the upsample it completes. */
  readonly upsamples: ReadonlyMap<number, Upsample>;
  /** Ops folded into a pattern (not mapped on their own). */
  readonly folded: ReadonlySet<number>;
}

/** Finds the patterns. `values` gives a constant's values (axes, multiples). */
export function findPatterns(g: TfliteSubgraph, values: (t: number) => number[] | undefined): Patterns {
  const producer = new Map<number, number>();
  const consumers = new Map<number, number[]>();
  g.ops.forEach((op, i) => {
    for (const t of op.outputs) producer.set(t, i);
    for (const t of op.inputs) if (t >= 0) pushTo(consumers, t, i);
  });
  const onlyUser = (t: number): number | undefined => {
    const c = consumers.get(t);
    return c?.length === 1 && !g.outputs.includes(t) ? c[0] : undefined;
  };
  const upsamples = new Map<number, Upsample>();
  const folded = new Set<number>();
  g.ops.forEach((op: TfliteOp, i) => {
    if (op.code !== 'EXPAND_DIMS') return;
    const x = op.inputs[0];
    const axis = values(op.inputs[1])?.[0];
    if (g.tensors[x]?.shape.length !== 4 || (axis !== 2 && axis !== 3)) return;
    const t = onlyUser(op.outputs[0]);
    const tile = t === undefined ? undefined : g.ops[t];
    if (tile?.code !== 'TILE' || tile.inputs[0] !== op.outputs[0]) return;
    const mult = values(tile.inputs[1]);
    if (mult?.length !== 5 || mult.some((m, k) => (k === axis ? m < 1 : m !== 1))) return;
    const r = onlyUser(tile.outputs[0]);
    const reshape = r === undefined ? undefined : g.ops[r];
    if (reshape?.code !== 'RESHAPE' || reshape.inputs[0] !== tile.outputs[0]) return;
    if (g.tensors[reshape.outputs[0]]?.shape.length !== 4) return;
    upsamples.set(r as number, { input: x, axis: axis === 2 ? 1 : 2, factor: mult[axis] });
    folded.add(i);
    folded.add(t as number);
  });
  return { upsamples, folded };
}
