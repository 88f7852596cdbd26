/**
 * Mutated real files never break an import (issue 21): every format's fixtures with bytes flipped,
 * cut short, ranges duplicated, huge varint lengths written in, ONNX nodes repeated and Keras
 * configs edited. Each case resolves within 2 s; a model accepted passes the document schema.
 * Seeded, so a failure replays; scripts/fuzz-import.ts runs thousands of the same cases.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixtureOf, KINDS, mutate, mutationArb, runCase, warmUp } from './import-mutations';

const SEED = 20261206;

describe('importers on mutated fixtures', () => {
  it('every case resolves within 2 s and what loads is a valid document', async () => {
    await warmUp();
    await fc.assert(
      fc.asyncProperty(mutationArb, async (m) => {
        const o = await runCase(m, 2000);
        expect(o.problem).toBeUndefined();
      }),
      { numRuns: 400, seed: SEED },
    );
  }, 60_000);

  it('each kind of mutation changes the file it starts from', () => {
    const cases = fc.sample(mutationArb, { numRuns: 200, seed: SEED });
    const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((v, i) => v === b[i]);
    for (const kind of KINDS) {
      const changed = cases.filter((m) => m.kind === kind && !same(mutate(m).bytes, fixtureOf(m).bytes));
      expect(changed.length, kind).toBeGreaterThan(0);
    }
  });
});
