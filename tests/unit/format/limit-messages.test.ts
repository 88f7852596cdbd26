/**
 * A value past a limit is refused with the limit in the message (issue 21, item 7: 2^40 in a size field
 * said "out must be a positive integer", the 1e9 ceiling never stated; a 300-character name said "name must
 * be a string").
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { parseModel } from '../../../src/engine/format/schema';

const doc = (extra: Record<string, unknown>) => ({ format: 'floplab.model/2', input: [3, 4, 4], layers: [], ...extra });
const rowError = (layer: LayerSpec) =>
  evaluateModel({ format: 'floplab.model/2', input: [3, 4, 4], layers: [layer] } as Model).rows[0].error;

describe('limit messages', () => {
  it.each([
    ['a 300-character name', { name: 'x'.repeat(300) }, 'name must be at most 200 characters'],
    [
      'a 300-character input name',
      { inputs: [{ name: 'y'.repeat(300), shape: [3] }] },
      'inputs[0].name must be at most 200 characters',
    ],
    ['an input axis of 2^40', { input: [3, 2 ** 40, 4] }, 'input[1] must be a positive integer ≤ 1000000'],
    ['a batch of 2^40', { batch: 2 ** 40 }, 'batch must be a positive integer ≤ 1000000'],
  ])('document: %s', (_name, extra, message) => {
    expect(parseModel(doc(extra))).toEqual({ ok: false, error: message });
  });

  it.each([
    ['out of 2^40', { type: 'conv2d', out: 2 ** 40, kernel: 1 }, 'layers[0].out must be at most 1,000,000,000'],
    ['out of 1e9 + 1', { type: 'linear', out: 1e9 + 1 }, 'layers[0].out must be at most 1,000,000,000'],
    [
      'a shape entry of 2^40',
      { type: 'reshape', shape: [2 ** 40] },
      'layers[0].shape must hold integers of at most 1,000,000,000',
    ],
    ['out of 0 (unchanged rule)', { type: 'conv2d', out: 0, kernel: 1 }, 'layers[0].out must be a positive integer'],
    [
      'out of 2.5 (unchanged rule)',
      { type: 'conv2d', out: 2.5, kernel: 1 },
      'layers[0].out must be a positive integer',
    ],
  ])('field: %s', (_name, layer, message) => {
    expect(rowError(layer as LayerSpec)).toBe(message);
  });
});
