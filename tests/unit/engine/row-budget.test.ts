/**
 * The evaluator's row budget (issue 21: "a 131-byte model crashes the tab, forever": `repeat` with
 * `times: 1e9` grew the worker to 5.4 GB). A repeat whose expansion would pass MAX_EVALUATED_ROWS is an
 * error on its own row, found before it runs, whatever the depth of nesting or the rows before it.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { evaluationRows, MAX_EVALUATED_ROWS } from '../../../src/engine/work';

const model = (layers: LayerSpec[]): Model => ({ format: 'floplab.model/2', input: [3, 4, 4], layers }) as Model;
const relu: LayerSpec = { type: 'relu' };
const repeat = (times: number, body: LayerSpec[]): LayerSpec => ({ type: 'repeat', times, body });

describe('row budget', () => {
  it('is a million rows, the same the share links check', () => {
    expect(MAX_EVALUATED_ROWS).toBe(1_000_000);
  });

  it.each([
    ['one repeat of a billion', [repeat(1e9, [relu])], 'layers[0]', 'repeats its body 1,000,000,000 times'],
    ['a thousand × a thousand pairs, nested', [repeat(1000, [repeat(1000, [relu, relu])])], 'layers[0]', '1,000 times'],
    ['a repeat past the rows before it', [relu, relu, repeat(999_999, [relu])], 'layers[2]', '(2 rows before it)'],
  ])('%s: an error on the repeat row, nothing expanded', (_name, layers, path, text) => {
    const r = evaluateModel(model(layers as LayerSpec[]));
    const row = r.rows.find((x) => x.path === path)!;
    expect(row.error).toContain(text);
    expect(row.error).toContain('more than the 1,000,000 rows a model may expand to');
    expect(r.rows.length).toBeLessThan(10);
    expect(r.errors).toBeGreaterThan(0);
  });

  it('a repeat that fits is evaluated (the budget counts rows, it does not cap times)', () => {
    const layers = [repeat(50_000, [relu, relu])];
    expect(evaluationRows({ layers })).toBe(100_001);
    const r = evaluateModel(model(layers));
    expect(r.rows.length).toBe(100_001);
    expect(r.errors).toBe(0);
  });
});
