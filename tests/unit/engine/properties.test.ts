/**
 * Properties of the evaluator that hold for every model and every convention
 * (issue 2, "What it must show": property tests).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTIONS, CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { garbageModel, layerList, model } from '../../helpers/arbitraries';
import { graphModel } from '../../helpers/graph-arbitraries';

const ALL = { conventions: CONVENTION_IDS };
const RUNS = { numRuns: 150, seed: 20261128 };

describe('engine properties', () => {
  it('every count is a non-negative integer (bigint)', () => {
    fc.assert(
      fc.property(model, (m) => {
        const r = evaluateModel(m, ALL);
        for (const row of r.rows) {
          for (const v of [row.params, row.buffers, row.macs, row.flops, row.activations, ...row.counts]) {
            expect(typeof v).toBe('bigint');
            expect(v >= 0n).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('every count is linear in the batch; parameters do not depend on it', () => {
    fc.assert(
      fc.property(model, fc.integer({ min: 2, max: 64 }), (m, n) => {
        const one = evaluateModel({ ...m, batch: 1 }, ALL).totals;
        const many = evaluateModel({ ...m, batch: n }, ALL).totals;
        expect(many.params).toBe(one.params);
        expect(many.macs).toBe(one.macs * BigInt(n));
        expect(many.flops).toBe(one.flops * BigInt(n));
        // ptflops reports one image whatever the batch (Convention.batchScaling 'per-image').
        many.counts.forEach((c, i) =>
          expect([CONVENTION_IDS[i], c]).toEqual([
            CONVENTION_IDS[i],
            CONVENTIONS[i].batchScaling === 'per-image' ? one.counts[i] : one.counts[i] * BigInt(n),
          ]),
        );
      }),
      RUNS,
    );
  });

  it('a repeat block counts exactly like its body written out `times` times', () => {
    fc.assert(
      fc.property(model, layerList, fc.integer({ min: 1, max: 4 }), (m, body, times) => {
        const rolled: Model = { ...m, layers: [...m.layers, { type: 'repeat', times, body }] };
        const unrolled: Model = { ...m, layers: [...m.layers, ...Array.from({ length: times }, () => body).flat()] };
        const a = evaluateModel(rolled, ALL);
        const b = evaluateModel(unrolled, ALL);
        expect(a.output).toEqual(b.output);
        expect(a.totals.params).toBe(b.totals.params);
        expect(a.totals.flops).toBe(b.totals.flops);
        expect(a.totals.counts).toEqual(b.totals.counts);
      }),
      RUNS,
    );
  });

  it('a residual with an empty body and no shortcut adds x + x: no parameters, one add per element', () => {
    fc.assert(
      fc.property(model, (m) => {
        const base = evaluateModel(m, ALL);
        fc.pre(base.output !== null);
        const r = evaluateModel({ ...m, layers: [...m.layers, { type: 'residual', body: [] }] }, ALL);
        const numel = BigInt(m.batch ?? 1) * BigInt((base.output as number[]).reduce((a, b) => a * b, 1));
        expect(r.output).toEqual(base.output);
        expect(r.totals.params).toBe(base.totals.params);
        expect(r.totals.macs).toBe(base.totals.macs);
        expect(r.totals.flops - base.totals.flops).toBe(numel);
      }),
      RUNS,
    );
  });

  it('a residual whose body is the shortcut counts both paths and the add', () => {
    fc.assert(
      fc.property(model, layerList, (m, path) => {
        const doubled: LayerSpec = { type: 'residual', body: path, shortcut: path };
        const r = evaluateModel({ ...m, layers: [...m.layers, doubled] }, ALL);
        const single = evaluateModel({ ...m, layers: [...m.layers, ...path] }, ALL);
        fc.pre(r.errors === 0 && single.errors === 0);
        expect(r.totals.params - single.totals.params).toBe(single.totals.params - evaluateModel(m, ALL).totals.params);
      }),
      // Most random paths change the shape, which makes the add invalid: keep the run short.
      { ...RUNS, numRuns: 40 },
    );
  });

  it('random models and random garbage never make the engine throw', () => {
    fc.assert(
      fc.property(fc.oneof(model as fc.Arbitrary<unknown>, graphModel, garbageModel), (m) => {
        const r = evaluateModel(m as Model, ALL);
        expect(Array.isArray(r.rows)).toBe(true);
        // Never a nonsense number: every count an exact non-negative integer, a failed row counts 0.
        for (const row of r.rows) {
          for (const c of row.counts) expect(typeof c === 'bigint' && c >= 0n).toBe(true);
          if (row.error !== undefined) expect(row.counts.every((c) => c === 0n)).toBe(true);
        }
      }),
      { ...RUNS, numRuns: 1000 },
    );
  });

  it('errors stay on their rows: layers before an invalid one keep their numbers', () => {
    fc.assert(
      fc.property(model, (m) => {
        const good = evaluateModel(m, ALL);
        fc.pre(good.errors === 0);
        const r = evaluateModel(
          { ...m, layers: [...m.layers, { type: 'conv2d', out: 4, kernel: -1 }, { type: 'relu' }] },
          ALL,
        );
        expect(r.rows.slice(0, good.rows.length).map((x) => x.flops)).toEqual(good.rows.map((x) => x.flops));
        const last = r.rows.slice(-2);
        expect(last[0].error).toMatch(/kernel must be a positive integer/);
        expect(last[1].error).toMatch(/input unknown/);
      }),
      RUNS,
    );
  });
});
