/**
 * Issue 19, item 3: a message says how to fix what is wrong, with the numbers: the largest kernel
 * or the padding that fits (out = ⌊(H + 2P − D·(K − 1) − 1) / S⌋ + 1 needs D·(K − 1) + 1 ≤ H + 2P),
 * the groups that divide both channel counts, the padding PyTorch allows a pool (≤ K / 2).
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { MODEL_FORMAT, type LayerSpec, type Model } from '../../../src/engine/format/model';

const error = (layer: LayerSpec, input = [3, 32, 32]) =>
  evaluateModel({ format: MODEL_FORMAT, name: 't', batch: 1, input, layers: [layer] } as Model).rows[0].error;

describe('errors say how to fix them', () => {
  it.each<[string, LayerSpec, string]>([
    [
      'a kernel larger than the map',
      { type: 'conv2d', out: 8, kernel: 300 },
      'use a kernel of at most 32, or padding 134',
    ],
    ['a dilated kernel', { type: 'conv2d', out: 8, kernel: 9, dilation: 5 }, 'use a kernel of at most 7, or padding 5'],
    ['a pool kernel', { type: 'maxpool2d', kernel: 40 }, 'use a kernel of at most 32, or padding 4'],
    [
      'groups dividing neither',
      { type: 'conv2d', out: 8, kernel: 3, groups: 5 },
      'groups must divide both 3 and 8: 1 does',
    ],
    [
      'groups dividing out only',
      { type: 'conv2d', out: 6, kernel: 3, groups: 2 },
      'groups must divide both 3 and 6: 1, 3 do',
    ],
    ['pool padding over half the kernel', { type: 'avgpool2d', kernel: 3, padding: 2 }, 'use padding 1 or less'],
  ])('%s', (_what, layer, hint) => {
    expect(error(layer)).toContain(hint);
  });

  it('the suggested kernel and padding do fit', () => {
    expect(error({ type: 'conv2d', out: 8, kernel: 32 })).toBeUndefined();
    expect(error({ type: 'conv2d', out: 8, kernel: 300, padding: 134 })).toBeUndefined();
    expect(error({ type: 'conv2d', out: 8, kernel: 9, dilation: 5, padding: 5 })).toBeUndefined();
    expect(error({ type: 'conv2d', out: 6, kernel: 3, groups: 3 })).toBeUndefined();
  });
});
