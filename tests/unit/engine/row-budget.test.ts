/**
 * The evaluator's row budget (issue 21: "a 131-byte model crashes the tab, forever": `repeat` with
 * `times: 1e9` grew the worker to 5.4 GB). A repeat whose expansion would pass MAX_EVALUATED_ROWS is an
 * error on its own row, found before it runs, whatever the depth of nesting or the rows before it.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { evaluationRows, MAX_EVALUATED_ROWS } from '../../../src/engine/work';
import { LIMITS } from '../../../src/engine/format/schema';

const model = (layers: LayerSpec[]): Model => ({ format: 'floplab.model/2', input: [3, 4, 4], layers }) as Model;
const relu: LayerSpec = { type: 'relu' };
const repeat = (times: number, body: LayerSpec[]): LayerSpec => ({ type: 'repeat', times, body });

describe('row budget', () => {
  it("is 100,000 rows, the same the share links check and the document's layer limit", () => {
    expect(MAX_EVALUATED_ROWS).toBe(100_000);
    expect(MAX_EVALUATED_ROWS).toBe(LIMITS.maxLayers);
  });

  it.each([
    ['one repeat of a billion', [repeat(1e9, [relu])], 'layers[0]', 'repeats its body 1,000,000,000 times'],
    ['a thousand × a thousand pairs, nested', [repeat(1000, [repeat(1000, [relu, relu])])], 'layers[0]', '1,000 times'],
    ['a repeat past the rows before it', [relu, relu, repeat(99_999, [relu])], 'layers[2]', '(2 rows before it)'],
    ['one row too many', [repeat(50_000, [relu, relu])], 'layers[0]', 'repeats its body 50,000 times'],
  ])('%s: an error on the repeat row, nothing expanded', (_name, layers, path, text) => {
    const r = evaluateModel(model(layers as LayerSpec[]));
    const row = r.rows.find((x) => x.path === path)!;
    expect(row.error).toContain(text);
    expect(row.error).toContain('more than the 100,000 rows a model may expand to');
    expect(r.rows.length).toBeLessThan(10);
    expect(r.errors).toBeGreaterThan(0);
  });

  it('a repeat that fits is evaluated (the budget counts rows, it does not cap times)', () => {
    const layers = [repeat(49_999, [relu, relu])]; // the repeat row + 99,998 = 99,999 rows
    expect(evaluationRows({ layers })).toBe(99_999);
    const r = evaluateModel(model(layers));
    expect(r.rows.length).toBe(99_999);
    expect(r.errors).toBe(0);
  });
});
