/**
 * Incremental evaluation of graph models (src/engine/previous-run.ts, run.ts `span`): the run after
 * an edit walks each list beside the one the run before evaluated at its place, takes unchanged
 * top-level layers at once where nothing they read can differ, and matches a changed block's lists
 * with the old block's. None of it may show: after any sequence of edits, the result equals
 * evaluating a fresh copy from scratch, row for row. The models here are long flat graphs (as
 * imported files are) with blocks in between, so spans, moves past the cursor's look-ahead and
 * edits inside blocks all happen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateModelFromScratch, type ModelResult } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { EditError, insertAt, layerPaths, moveWithin, removeAt, updateAt, wrap } from '../../../src/engine/format/edit';
import { graphLayers, graphModel } from '../../helpers/graph-arbitraries';

const ALL = { conventions: CONVENTION_IDS };

/** Long flat graphs: several generated lists one after the other (ids and references cross them). */
const longGraph: fc.Arbitrary<Model> = fc
  .tuple(graphModel, fc.array(graphLayers, { minLength: 2, maxLength: 10 }))
  .map(([m, lists]) => ({ ...m, layers: [...m.layers, ...lists.flat()] }));

type Op =
  | { k: 'replace' | 'insert'; at: number; spec: LayerSpec }
  | { k: 'clone' | 'rename' | 'remove' | 'wrap' | 'moveUp' | 'moveDown' | 'far'; at: number; to: number }
  | { k: 'input'; c: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    k: fc.constantFrom('replace' as const, 'insert' as const),
    at: fc.nat(),
    spec: graphLayers.filter((l) => l.length > 0).map((l) => l[0]),
  }),
  fc.record({
    k: fc.constantFrom(
      'clone' as const,
      'rename' as const,
      'remove' as const,
      'wrap' as const,
      'moveUp' as const,
      'moveDown' as const,
      'far' as const,
    ),
    at: fc.nat(),
    to: fc.nat(),
  }),
  fc.record({ k: fc.constant('input' as const), c: fc.constantFrom(2, 4) }),
);

/** Applies an edit as the editor does (only the changed layer and the lists holding it are new). */
function apply(m: Model, o: Op): Model {
  try {
    if (o.k === 'input') return { ...m, inputs: [{ name: 'input', shape: [o.c, 8, 8] }, ...(m.inputs ?? []).slice(1)] };
    if (o.k === 'insert') return insertAt(m, 'layers', o.at % (m.layers.length + 1), o.spec);
    const paths = [...layerPaths(m).values()];
    if (!paths.length) return m;
    const path = paths[o.at % paths.length];
    switch (o.k) {
      case 'replace':
        return updateAt(m, path, () => o.spec);
      case 'clone':
        // Equal content, a new object: found by content (shared), not by identity.
        return updateAt(m, path, (l) => structuredClone(l));
      case 'rename':
        return updateAt(m, path, (l) => ({ ...l, name: `n${o.to}` }));
      case 'remove':
        return removeAt(m, path);
      case 'wrap':
        return wrap(m, [path], 'residual').model;
      case 'moveUp':
        return moveWithin(m, path, -1).model;
      case 'moveDown':
        return moveWithin(m, path, 1).model;
      case 'far': {
        // A top-level layer moved further than the cursor looks ahead.
        const layers = m.layers.slice();
        const [l] = layers.splice(o.at % layers.length, 1);
        layers.splice(o.to % (layers.length + 1), 0, l);
        return { ...m, layers };
      }
    }
  } catch (err) {
    if (err instanceof EditError) return m;
    throw err;
  }
}

describe('incremental evaluation of graph models', () => {
  it('after random edits equals evaluating a fresh copy from scratch', () => {
    fc.assert(
      fc.property(longGraph, fc.array(op, { minLength: 1, maxLength: 8 }), (m0, ops) => {
        let m = m0;
        evaluateModel(m, ALL);
        for (const o of ops) {
          m = apply(m, o);
          expect(evaluateModel(m, ALL)).toEqual(evaluateModelFromScratch(structuredClone(m), ALL));
        }
      }),
      { numRuns: 200, seed: 20261210 },
    );
  });

  it('edits alternating between two models with the same conventions stay exact', () => {
    fc.assert(
      fc.property(longGraph, longGraph, fc.array(op, { minLength: 1, maxLength: 6 }), (a0, b0, ops) => {
        let a = a0;
        let b = b0;
        for (const o of ops) {
          a = apply(a, o);
          b = apply(b, o);
          expect(evaluateModel(a, ALL)).toEqual(evaluateModelFromScratch(structuredClone(a), ALL));
          expect(evaluateModel(b, ALL)).toEqual(evaluateModelFromScratch(structuredClone(b), ALL));
        }
      }),
      { numRuns: 60, seed: 20261211 },
    );
  });
});

const conv = (out: number, extra: Record<string, unknown> = {}): LayerSpec =>
  Object.assign({ type: 'conv2d', out, kernel: 1 }, extra) as LayerSpec;
const model = (layers: LayerSpec[]): Model => ({ format: 'floplab.model/2', input: [4, 8, 8], batch: 1, layers });

/** A flat graph of residual units, each with a head nobody reads (as bench/models.ts graphModel, smaller). */
function units(n: number): LayerSpec[] {
  const layers: LayerSpec[] = [conv(4, { id: 'u0' })];
  for (let i = 0; i < n; i++)
    layers.push(
      conv(4, { from: `u${i}` }),
      { type: 'relu' },
      { type: 'add', from: [-1, `u${i}`] },
      { type: 'relu', id: `u${i + 1}` },
      conv(2, { from: `u${i}`, id: `head${i}` }),
    );
  return layers;
}

describe('what an edit reuses', () => {
  it('an edit of one layer keeps every other row object of the run before', () => {
    const m = model(units(200));
    const before = evaluateModel(m, ALL);
    const layers = m.layers.slice();
    layers[501] = { ...layers[501], bias: false } as LayerSpec;
    const edited = { ...m, layers };
    const after = evaluateModel(edited, ALL);
    expect(after).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    const kept = after.rows.filter((r, i) => r === before.rows[i]).length;
    expect(kept).toBe(after.rows.length - 1);
  });

  it('a head nobody reads changing shape does not stop the layers after it from being reused', () => {
    const m = model(units(200));
    const before = evaluateModel(m, ALL);
    const layers = m.layers.slice();
    layers[5] = conv(3, { from: 'u0', id: 'head0' });
    const edited = { ...m, layers };
    const after = evaluateModel(edited, ALL);
    expect(after).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    expect(after.rows.filter((r, i) => r === before.rows[i]).length).toBe(after.rows.length - 1);
  });

  it('a name read later that now gives another shape is read again', () => {
    const m = model([conv(4, { id: 's' }), ...units(50), { type: 'add', from: ['u50', 's'] }]);
    evaluateModel(m, ALL);
    const layers = m.layers.slice();
    layers[0] = conv(1, { id: 's' }); // the final add now broadcasts [4, 8, 8] with [1, 8, 8]
    const edited = { ...m, layers };
    const after = evaluateModel(edited, ALL);
    expect(after).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    expect(after.rows[after.rows.length - 1].inputs).toEqual([
      [4, 8, 8],
      [1, 8, 8],
    ]);
  });

  it('an inserted layer moves the rows after it and keeps their numbers', () => {
    const m = model(units(100));
    const before = evaluateModel(m, ALL);
    const edited = insertAt(m, 'layers', 3, { type: 'identity' });
    const after = evaluateModel(edited, ALL);
    expect(after).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    expect(after.rows[400].path).toBe('layers[400]');
    expect(after.rows[400].counts).toBe(before.rows[399].counts);
  });
});

describe('ids defined inside a reused block', () => {
  it('are defined in evaluation order: a block after the layers inside it', () => {
    // The repeat and the conv inside it both have id "a": after the repeat, "a" is the repeat's
    // output (4 channels), not the conv's (2), however the rows were obtained.
    const inner: LayerSpec = {
      type: 'repeat',
      times: 1,
      id: 'a',
      body: [conv(2, { id: 'a' }), conv(4)],
    } as LayerSpec;
    const outer: LayerSpec = { type: 'residual', body: [inner] } as LayerSpec;
    const first = model([outer, { type: 'relu', from: 'a' }]);
    evaluateModel(first, ALL);
    const second = model([conv(4), outer, { type: 'relu', from: 'a' }]);
    const r: ModelResult = evaluateModel(second, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(second), ALL));
    expect(r.rows[r.rows.length - 1].input).toEqual([4, 8, 8]);
  });
});

describe('reuse that needs what the run before read', () => {
  it('a span after the cursor went back compares names from there, not from where it was', () => {
    // Old: P0 (defines "a", 4 channels) … P19, then Q0 … Q19 (Q3 redefines "a" with 2 channels).
    // New: Q0 … Q19, nine new layers, P6 … P19 (P0 is gone): P16 now reads Q3's "a".
    const relu = (): LayerSpec => ({ type: 'relu' });
    const p: LayerSpec[] = [conv(4, { id: 'a' })];
    for (let i = 1; i < 20; i++) p.push(i === 16 ? { type: 'add', from: [-1, 'a'] } : relu());
    const q: LayerSpec[] = [];
    for (let i = 0; i < 20; i++) q.push(i === 3 ? conv(2, { id: 'a' }) : i === 4 ? conv(4) : relu());
    evaluateModel(model([...p, ...q]), ALL);
    const fresh = Array.from({ length: 9 }, relu);
    const edited = model([...q, ...fresh, ...p.slice(6)]);
    const r = evaluateModel(edited, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    expect(r.rows.find((row) => row.type === 'add')?.error).toMatch(/cannot broadcast/);
  });

  it('blocks inside rows shared from an equal block keep their outside reads for the run after', () => {
    // B2 is evaluated as a copy of B1 (equal content). Next run B1 changes and "s" gets another
    // shape: B2 is evaluated again, and R inside it must see that it read "s".
    const r = (): LayerSpec => ({ type: 'residual', body: [{ type: 'add', from: [-1, 's'] }] }) as LayerSpec;
    const b = (): LayerSpec => ({ type: 'residual', from: 'x0', body: [r()] }) as LayerSpec;
    const b2 = b();
    const first = model([conv(4, { id: 'x0' }), conv(4, { id: 's' }), b(), b2]);
    expect(evaluateModel(first, ALL).errors).toBe(0);
    const b1 = { type: 'residual', from: 'x0', body: [r(), { type: 'relu' }] } as LayerSpec;
    const second = model([conv(4, { id: 'x0' }), conv(1, { id: 's' }), b1, b2]);
    const result = evaluateModel(second, ALL);
    expect(result).toEqual(evaluateModelFromScratch(structuredClone(second), ALL));
    expect(result.rows[result.rows.length - 1].inputs).toEqual([
      [4, 8, 8],
      [1, 8, 8],
    ]);
  });
});
