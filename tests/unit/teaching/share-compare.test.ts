/**
 * The share-link additions for teaching (src/state/urlCodec.ts, issue 6): an optional
 * comparison model (A/B view) and hidden parts (exercise links), backward compatible with v1
 * links that have neither.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { decodeShare, encodeShare, MAX_HIDE_ENTRIES, toBase64Url, type ShareState } from '../../../src/state/urlCodec';
import { presetByName } from '../../../src/engine/presets';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';
import { model as arbModel } from '../../helpers/arbitraries';

const small: Model = {
  format: MODEL_FORMAT,
  name: 'A',
  input: [3, 8, 8],
  layers: [{ type: 'conv2d', out: 4, kernel: 3 }],
};
const hashOf = (payload: unknown) =>
  '#v1.' + toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))));

describe('share links with a comparison model and hidden parts', () => {
  it('round-trips compare and hide exactly', () => {
    const b = presetByName('mobilenet_v2')!.build();
    const state: ShareState = {
      model: presetByName('resnet18')!.build(),
      convention: 'thop',
      compare: b,
      hide: ['totals', 'layer:layers[0]'],
    };
    const r = decodeShare(encodeShare(state));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.state.compare).toEqual(b);
    expect(r.state.hide).toEqual(['totals', 'layer:layers[0]']);
    expect(r.state.model).toEqual(state.model);
  });

  it('ResNet-18 vs MobileNetV2 fits in one link of at most 2,000 characters', () => {
    const hash = encodeShare({
      model: presetByName('resnet18')!.build(),
      convention: 'seed',
      compare: presetByName('mobilenet_v2')!.build(),
    });
    expect(hash.length).toBeLessThanOrEqual(2000);
  });

  it('links without the additions decode as before (no compare, no hide keys)', () => {
    const r = decodeShare(hashOf({ m: { name: 'A', input: [3, 8, 8], layers: [] }, c: 'seed' }));
    expect(r.ok && 'compare' in r.state).toBe(false);
    expect(r.ok && 'hide' in r.state).toBe(false);
    // And an ordinary state encodes without them, so old readers see the same payload.
    expect(encodeShare({ model: small, convention: 'seed' })).toBe(
      encodeShare({ model: small, convention: 'seed', compare: null, hide: [] }),
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['an invalid comparison model', { layers: 'no' }, /comparison model is invalid/],
    ['a comparison model that is not an object', 42, /comparison model must be an object/],
  ])('refuses %s with a sentence', (_n, x, re) => {
    const r = decodeShare(hashOf({ m: { input: [3, 8, 8], layers: [] }, c: 'seed', x }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(re);
  });

  it('refuses hidden parts that are not a short list of names', () => {
    for (const h of ['totals', [1], new Array(MAX_HIDE_ENTRIES + 1).fill('totals')]) {
      const r = decodeShare(hashOf({ m: { input: [3, 8, 8], layers: [] }, c: 'seed', h }));
      expect(r.ok, JSON.stringify(h).slice(0, 40)).toBe(false);
    }
  });

  it('random model pairs round-trip (fast-check)', () => {
    fc.assert(
      fc.property(
        arbModel,
        arbModel,
        fc.array(fc.constantFrom('totals', 'table', 'conventions', 'layer:layers[0]'), { maxLength: 4 }),
        (a, b, hide) => {
          const r = decodeShare(encodeShare({ model: a, convention: 'seed', compare: b, hide }));
          if (!r.ok) return true; // random models may be invalid; the codec only promises not to throw
          expect(JSON.parse(JSON.stringify(r.state.compare))).toEqual(JSON.parse(JSON.stringify(b)));
          expect(r.state.hide ?? []).toEqual(hide);
          return true;
        },
      ),
      { numRuns: 60 },
    );
  });
});
