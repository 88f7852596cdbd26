/**
 * Issue 19, item 3: one bad field used to read as "11 rows with errors". ownErrorRows counts the
 * rows whose own fields or shapes are wrong, apart from the rows after them (or the blocks around
 * them) that cannot be computed because of it.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel, ownErrorRows } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

const model = (layers: Model['layers']): Model =>
  ({ format: MODEL_FORMAT, name: 't', batch: 1, input: [3, 32, 32], layers }) as Model;

describe('ownErrorRows', () => {
  it('a kernel larger than the map is one own error; the layers after it cannot be computed', () => {
    const r = evaluateModel(
      model([
        { type: 'conv2d', out: 8, kernel: 300 },
        { type: 'relu' },
        { type: 'conv2d', out: 4, kernel: 1 },
        { type: 'flatten' },
        { type: 'linear', out: 10 },
      ]),
    );
    expect(r.errors).toBe(5);
    expect(ownErrorRows(r)).toBe(1);
  });

  it('an error inside a block is one own error, not also its block', () => {
    const r = evaluateModel(
      model([
        { type: 'residual', body: [{ type: 'conv2d', out: 3, kernel: 3, padding: 1, groups: 5 }] },
        { type: 'relu' },
      ]),
    );
    expect(ownErrorRows(r)).toBe(1);
    expect(r.errors).toBeGreaterThan(1);
  });

  it('no errors, none', () => {
    expect(ownErrorRows(evaluateModel(model([{ type: 'relu' }])))).toBe(0);
  });
});
