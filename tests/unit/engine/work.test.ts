/**
 * `evaluationRows` decides, before any evaluation, whether an edit may be evaluated on the page
 * (src/worker/client.ts). It must never under-count: a model it calls small must be small. For
 * valid models it is exact: the evaluator (src/engine/evaluate.ts, `block`) runs a repeat body
 * `times` times and every child list once, one row per layer instance — except that an empty
 * repeat body's iterations count one each, as the evaluator's loop still runs them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { evaluationRows } from '../../../src/engine/work';
import { model as modelArb } from '../../helpers/arbitraries';
import { mutatedModel } from '../fuzz/targets';

const asModel = (layers: unknown[]): Model =>
  ({ format: 'floplab.model/2', input: [4, 8, 8], layers }) as unknown as Model;
const conv: LayerSpec = { type: 'conv2d', out: 4, kernel: 3, padding: 1 };
const rowsOf = (m: Model) => evaluateModel(m, { conventions: ['exact'] }).rows.length;

describe('evaluationRows', () => {
  // [case, layers, rows the evaluator makes]
  const CASES: [string, unknown[], number][] = [
    ['empty model', [], 0],
    ['two leaves', [conv, { type: 'relu' }], 2],
    ['residual: the block row and its body', [{ type: 'residual', body: [conv, { type: 'relu' }] }], 3],
    ['residual with a shortcut', [{ type: 'residual', body: [conv], shortcut: [conv] }], 3],
    ['concat: every branch, an empty one adds nothing', [{ type: 'concat', branches: [[conv], [], [conv, conv]] }], 4],
    ['repeat: the body counted `times` times', [{ type: 'repeat', times: 3, body: [conv, { type: 'relu' }] }], 7],
    [
      'nested repeat',
      [{ type: 'repeat', times: 2, body: [{ type: 'repeat', times: 3, body: [{ type: 'relu' }] }] }],
      9,
    ],
    ['unknown type: one error row', [{ type: 'nope' }], 1],
  ];
  it.each(CASES)('%s', (_name, layers, rows) => {
    const m = asModel(layers);
    expect(evaluationRows(m)).toBe(rows);
    expect(rowsOf(m)).toBe(rows);
  });

  it('a repeat with an empty body: one row, but each of its `times` iterations is counted (the loop runs them)', () => {
    const m = asModel([{ type: 'repeat', times: 7, body: [] }]);
    expect(rowsOf(m)).toBe(1);
    expect(evaluationRows(m)).toBe(8);
    // times: 1e9 with an empty body loops a billion times in the evaluator: never "small".
    expect(evaluationRows(asModel([{ type: 'repeat', times: 1e9, body: [] }]), 500)).toBeGreaterThan(500);
  });

  it.each(['residual', 'repeat'])('%s blocks nested 200,000 deep: no stack overflow, just "too many"', (type) => {
    let inner: unknown[] = [conv];
    for (let i = 0; i < 200_000; i++) inner = [{ type, times: 1, body: inner }];
    expect(evaluationRows(asModel(inner), 500)).toBeGreaterThan(500);
  });

  it('is exact for every preset of the zoo', () => {
    for (const p of PRESETS) {
      const m = p.build();
      expect(evaluationRows(m), p.name).toBe(rowsOf(m));
    }
  });

  it('stops past the limit: a `times: 1e9` typo or a huge stack costs nothing to ask about', () => {
    const typo = asModel([{ type: 'repeat', times: 1e9, body: [conv, conv] }]);
    expect(evaluationRows(typo, 500)).toBeGreaterThan(500);
    expect(evaluationRows(typo, 500)).toBeLessThanOrEqual(502);
    const big = asModel(Array.from({ length: 100_000 }, () => conv));
    expect(evaluationRows(big, 500)).toBe(501);
    expect(evaluationRows(asModel([{ type: 'repeat', times: Infinity, body: [conv] }]), 10)).toBe(1);
  });

  it('never under-counts, valid or malformed models (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(modelArb, mutatedModel), (m) => {
        const bound = evaluationRows(m as Model, 2000);
        if (bound > 2000) return; // "too many": not evaluated on the page, nothing to check
        expect(bound).toBeGreaterThanOrEqual(rowsOf(m as Model));
      }),
      { seed: 20261128, numRuns: 400 },
    );
  });
});
