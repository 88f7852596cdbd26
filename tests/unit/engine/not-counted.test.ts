/**
 * Operators no layer kind models (layers/opaque.ts): the row keeps the file's output shape and
 * weights, counts nothing under any convention, and the result lists it in `notCounted` so the
 * totals can say "partial" rather than show a quiet total without it.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel, notCountedLayers } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

const model = (layers: Model['layers']): Model =>
  ({ format: MODEL_FORMAT, name: 't', batch: 2, input: [3, 8, 8], layers }) as Model;

describe('opaque: not counted', () => {
  it('keeps the stated output shape and weights, counts 0 everywhere and is listed in notCounted', () => {
    const r = evaluateModel(
      model([
        { type: 'conv2d', out: 4, kernel: 3, padding: 1 },
        { type: 'opaque', op: 'CUSTOM:Mystery', shape: [4, 4, 4], params: 10 },
        { type: 'conv2d', out: 2, kernel: 1, bias: false },
      ]),
      { conventions: CONVENTION_IDS },
    );
    expect(r.errors).toBe(0);
    expect(r.notCounted).toEqual([1]);
    const [, mystery, after] = r.rows;
    expect(mystery.output).toEqual([4, 4, 4]);
    expect(mystery.params).toBe(10n);
    expect(mystery.counts.every((c) => c === 0n)).toBe(true);
    // The layer after it is counted on the stated shape: 2·4 MACs per pixel of a 4×4 map, batch 2.
    expect(after.input).toEqual([4, 4, 4]);
    expect(after.macs).toBe(2n * 4n * 16n * 2n);
    // Parameters: conv 4·3·9 + 4, the opaque op's 10, conv 2·4.
    expect(r.totals.params).toBe(112n + 10n + 8n);
  });

  it('a not-counted row whose input is unknown still names its operator in the list', () => {
    const r = evaluateModel(
      model([
        { type: 'conv2d', out: 4, kernel: 99 }, // larger than the 8×8 input: an error on this row
        { type: 'opaque', op: 'NonZero', name: '/post/NonZero' },
      ]),
    );
    expect(r.rows[1].error).toBeDefined();
    expect(notCountedLayers(r)).toEqual([{ path: 'layers[1]', name: '/post/NonZero', op: 'NonZero' }]);
  });

  it('without a stated shape passes the input shape on, and takes several inputs', () => {
    const r = evaluateModel({
      format: MODEL_FORMAT,
      name: 'g',
      batch: 1,
      inputs: [
        { name: 'a', shape: [5] },
        { name: 'b', shape: [7] },
      ],
      outputs: ['o'],
      layers: [{ type: 'opaque', op: 'Where', from: ['a', 'b'], id: 'o' }],
    } as Model);
    expect(r.errors).toBe(0);
    expect(r.rows[0].output).toEqual([5]);
    expect(r.notCounted).toEqual([0]);
  });

  it('a model without one has an empty list', () => {
    expect(evaluateModel(model([{ type: 'relu' }])).notCounted).toEqual([]);
  });

  it('rejects an op name that is not a name', () => {
    const r = evaluateModel(model([{ type: 'opaque', op: '<script>', shape: [1] }]));
    expect(r.rows[0].error).toMatch(/op/);
  });
});
