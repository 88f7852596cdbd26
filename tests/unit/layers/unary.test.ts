/**
 * The `unary` kind: the output has the input's shape on any rank, no parameters, its fields'
 * errors, and its exact count per element (layers/unary.ts exactNote).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec } from '../../../src/engine/format/model';
import { powOps, UNARY_OPS } from '../../../src/engine/layers/unary';

const one = (spec: LayerSpec, input: number[]) =>
  evaluateModel({ format: 'floplab.model/2', input, batch: 2, layers: [spec] }, { conventions: ['exact'] });

describe('unary', () => {
  it.each([[[7]], [[3, 5]], [[4, 6, 6]], [[2, 3, 4, 5]]])('keeps the shape %j, no parameters', (input) => {
    for (const op of UNARY_OPS) {
      const r = one({ type: 'unary', op }, input);
      expect(r.errors).toBe(0);
      expect(r.rows[0].output).toEqual(input);
      expect(r.totals.params).toBe(0n);
    }
  });

  it('exact operations per element of each op (288 elements)', () => {
    const per = Object.fromEntries(
      UNARY_OPS.map((op) => [op, Number(one({ type: 'unary', op }, [4, 6, 6]).totals.counts[0]) / 288]),
    );
    expect(per).toEqual({
      exp: 1,
      log: 1,
      sqrt: 1,
      rsqrt: 2,
      reciprocal: 1,
      abs: 1,
      neg: 1,
      pow: 1, // the default exponent 2: one multiply
      erf: 1,
      sin: 1,
      cos: 1,
      atan: 1,
      floor: 1,
      ceil: 1,
      round: 1,
      sign: 1,
      softplus: 3,
    });
  });

  it('x ** n: |n| − 1 multiplies, a divide when n < 0, one evaluation for a non-integer n', () => {
    expect([0, 1, 2, 3, 8, -1, -2, 0.5, -0.5, 2.5].map(powOps)).toEqual([0, 0, 1, 2, 7, 1, 2, 1, 1, 1]);
    expect(Number(one({ type: 'unary', op: 'pow', exponent: 4 }, [4, 6, 6]).totals.counts[0])).toBe(3 * 288);
  });

  it('refuses an exponent on another op and an unknown op, with the reason on the row', () => {
    expect(one({ type: 'unary', op: 'exp', exponent: 2 }, [4]).rows[0].error).toMatch(/exponent is for op "pow" only/);
    expect(one({ type: 'unary', op: 'tanh' }, [4]).rows[0].error).toMatch(/op/);
  });
});
