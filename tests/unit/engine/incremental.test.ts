/**
 * Incremental evaluation (the per-layer memo in evaluate.ts) must be invisible: after any
 * sequence of editor operations, evaluating the edited model (most objects shared with the
 * previous one) gives exactly what evaluating a fresh deep copy gives. Modelled on tldraw's
 * "incremental vs from-scratch" fuzz test.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { EditError, insertAt, layerPaths, moveWithin, removeAt, updateAt, wrap } from '../../../src/engine/format/edit';
import { validLeaf, model } from '../../helpers/arbitraries';
import { quickValid } from '../../../src/engine/layers/quick-validate';
import { isBlock, kindOf, layerSchema } from '../../../src/engine/layers/registry';

const OPTS = { conventions: CONVENTION_IDS };

/** Rows as plain data (bigints as strings), for deep comparison. */
const plain = (r: ModelResult) => JSON.parse(JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));

type Op =
  | { k: 'replace' | 'insert'; at: number; spec: LayerSpec }
  | { k: 'remove' | 'wrap' | 'moveUp' | 'moveDown'; at: number }
  | { k: 'batch'; n: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ k: fc.constantFrom('replace' as const, 'insert' as const), at: fc.nat(), spec: validLeaf }),
  fc.record({
    k: fc.constantFrom('remove' as const, 'wrap' as const, 'moveUp' as const, 'moveDown' as const),
    at: fc.nat(),
  }),
  fc.record({ k: fc.constant('batch' as const), n: fc.integer({ min: 1, max: 3 }) }),
);

/** Applies an edit; an edit the model refuses (moving the first layer up) leaves it as it is. */
function apply(m: Model, o: Op): Model {
  try {
    return applyOrThrow(m, o);
  } catch (err) {
    if (err instanceof EditError) return m;
    throw err;
  }
}

function applyOrThrow(m: Model, o: Op): Model {
  if (o.k === 'batch') return { ...m, batch: o.n };
  const paths = [...layerPaths(m).values()];
  if (o.k === 'insert') return insertAt(m, 'layers', o.at % (m.layers.length + 1), o.spec);
  if (!paths.length) return m;
  const path = paths[o.at % paths.length];
  switch (o.k) {
    case 'replace':
      return updateAt(m, path, () => o.spec);
    case 'remove':
      return removeAt(m, path);
    case 'wrap':
      return wrap(m, [path], 'residual').model;
    case 'moveUp':
      return moveWithin(m, path, -1).model;
    case 'moveDown':
      return moveWithin(m, path, 1).model;
  }
}

describe('incremental evaluation', () => {
  it('after random edits equals evaluating a fresh copy', () => {
    fc.assert(
      fc.property(model, fc.array(op, { minLength: 1, maxLength: 8 }), (m0, ops) => {
        let m = m0;
        evaluateModel(m, OPTS);
        for (const o of ops) {
          m = apply(m, o);
          const incremental = evaluateModel(m, OPTS);
          const fresh = evaluateModel(structuredClone(m), OPTS);
          expect(plain(incremental)).toEqual(plain(fresh));
        }
      }),
      { numRuns: 80, seed: 7 },
    );
  });

  it('keeps per-convention results apart (same objects, other conventions or batch)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const a = evaluateModel(m, { conventions: ['thop'] });
        const b = evaluateModel(m, { conventions: ['exact', 'torch'] });
        const c = evaluateModel({ ...m, batch: (m.batch ?? 1) + 1 }, { conventions: ['thop'] });
        expect(plain(a)).toEqual(plain(evaluateModel(structuredClone(m), { conventions: ['thop'] })));
        expect(plain(b)).toEqual(plain(evaluateModel(structuredClone(m), { conventions: ['exact', 'torch'] })));
        expect(plain(c)).toEqual(
          plain(evaluateModel(structuredClone({ ...m, batch: (m.batch ?? 1) + 1 }), { conventions: ['thop'] })),
        );
      }),
      { numRuns: 100, seed: 8 },
    );
  });
});

describe('quick validation agrees with the zod schemas', () => {
  it('accepts a layer only when the schema accepts it too', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.integer({ min: -2, max: 5 }),
      fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
      fc.constant('same'),
      fc.boolean(),
    );
    const anyLayer = fc.oneof(
      validLeaf,
      fc.record(
        {
          type: fc.constantFrom(
            'conv2d',
            'linear',
            'maxpool2d',
            'upsample',
            'leakyrelu',
            'repeat',
            'residual',
            'concat',
            'scale',
          ),
          name: fc.oneof(fc.string(), fc.integer()),
          out: value,
          kernel: value,
          stride: value,
          padding: value,
          bias: value,
          mode: fc.oneof(fc.constantFrom('nearest', 'bilinear'), fc.string()),
          negative_slope: value,
          times: value,
          body: fc.oneof(fc.constant([]), fc.constant([{ type: 'relu' }]), fc.anything()),
          branches: fc.oneof(fc.constant([[]]), fc.anything()),
          extra: fc.anything(),
        },
        { requiredKeys: ['type'] },
      ),
    );
    let accepted = 0;
    fc.assert(
      fc.property(anyLayer, (spec) => {
        const kind = kindOf(spec.type)!;
        const quick = quickValid(kind.fields, isBlock(kind) ? kind.listFields : [], spec as Record<string, unknown>);
        if (quick) {
          accepted++;
          expect(layerSchema(kind).safeParse(spec).success).toBe(true);
        }
      }),
      { numRuns: 3000, seed: 9 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
