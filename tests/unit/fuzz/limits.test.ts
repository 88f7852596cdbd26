/**
 * Size and depth limits of everything that reads outside input (issue 8: "imports have size and
 * depth limits"), each at the limit and one past it, and the regressions `npm run fuzz` found.
 * Sources: LIMITS in src/engine/format/schema.ts, MAX_* in src/state/urlCodec.ts and
 * src/engine/import/result.ts, MAX_DEPTH in src/engine/import/prototxt-text.ts.
 */
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'fflate';
import { LIMITS, parseModel, parseModelJson } from '../../../src/engine/format/schema';
import { MODEL_FORMAT, type LayerSpec } from '../../../src/engine/format/model';
import { importFile, MAX_IMPORT_BYTES } from '../../../src/engine/import';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { decodeShare, MAX_EXPANDED_LAYERS, MAX_HASH_CHARS, toBase64Url } from '../../../src/state/urlCodec';
import { nestedLists } from './targets';

const doc = (layers: unknown[], extra: Record<string, unknown> = {}) => ({
  format: MODEL_FORMAT,
  input: [3, 8, 8],
  layers,
  ...extra,
});
const nestBlocks = (depth: number): LayerSpec[] => {
  let layers: LayerSpec[] = [{ type: 'relu' }];
  for (let i = 0; i < depth; i++) layers = [{ type: 'residual', body: layers }];
  return layers;
};
const link = (payload: unknown) => `#v1.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))))}`;

describe('model document limits (schema.ts LIMITS)', () => {
  it.each([
    ['blocks nested maxDepth deep', nestBlocks(LIMITS.maxDepth), true],
    ['blocks nested maxDepth + 1 deep', nestBlocks(LIMITS.maxDepth + 1), false],
  ])('%s', (_name, layers, ok) => {
    const r = parseModel(doc(layers));
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error).toMatch(`nested deeper than ${LIMITS.maxDepth} blocks`);
  });

  it.each([
    [LIMITS.maxLayers, true],
    [LIMITS.maxLayers + 1, false],
  ])('%i layers', (n, ok) => {
    const r = parseModel(doc(Array.from({ length: n }, () => ({ type: 'relu' }))));
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.error).toBe(`the model has more than ${LIMITS.maxLayers.toLocaleString('en')} layers`);
  });

  it.each([
    ['input side maxDim', { input: [1, LIMITS.maxDim, 1] }, true],
    ['input side maxDim + 1', { input: [1, LIMITS.maxDim + 1, 1] }, false],
    ['batch maxBatch', { batch: LIMITS.maxBatch }, true],
    ['batch maxBatch + 1', { batch: LIMITS.maxBatch + 1 }, false],
    ['name of 200 characters', { name: 'n'.repeat(200) }, true],
    ['name of 201 characters', { name: 'n'.repeat(201) }, false],
  ])('%s', (_name, extra, ok) => {
    expect(parseModel(doc([{ type: 'relu' }], extra)).ok).toBe(ok);
  });

  // Regression (npm run fuzz, model schema target): meta or a field nesting 100,000 lists was
  // accepted; then JSON.stringify (autosave, Copy link) and structuredClone (worker) overflowed the stack.
  it.each([
    ['meta', (d: number) => doc([{ type: 'relu' }], { meta: { note: nestedLists(d) } })],
    ['a layer field', (d: number) => doc([{ type: 'conv2d', out: 4, kernel: nestedLists(d) }])],
  ])('lists nested in %s: refused past maxJsonDepth, without overflowing the stack itself', (_where, make) => {
    expect(parseModel(make(LIMITS.maxJsonDepth - 4)).ok).toBe(true);
    for (const depth of [LIMITS.maxJsonDepth, 100_000]) {
      const r = parseModel(make(depth));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBe(`the document nests lists and objects deeper than ${LIMITS.maxJsonDepth} levels`);
    }
  });

  it('the same deep document as a JSON file and as a share link gets the same clear refusal', () => {
    // Written as text: JSON.stringify of the value would itself overflow (that was the bug).
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const model = `"input":[3,8,8],"layers":[{"type":"relu"}],"meta":{"note":${deep}}`;
    const json = `{"format":"${MODEL_FORMAT}",${model}}`;
    const refused = expect.stringMatching(/deeper than 100 levels$/);
    expect(importFile('deep.json', new TextEncoder().encode(json))).toEqual({ ok: false, error: refused });
    expect(parseModelJson(json)).toEqual({ ok: false, error: refused });
    const payload = new TextEncoder().encode(`{"m":{${model}},"c":"seed"}`);
    expect(decodeShare(`#v1.${toBase64Url(deflateSync(payload))}`)).toEqual({
      ok: false,
      error: expect.stringMatching(/deeper than 100 levels\)\.$/),
    });
  });
});

describe('import and link limits', () => {
  it(`a file over MAX_IMPORT_BYTES (${MAX_IMPORT_BYTES / 2 ** 20} MB) is refused by name before it is read`, () => {
    const huge = new Uint8Array(4);
    Object.defineProperty(huge, 'length', { value: MAX_IMPORT_BYTES + 1 });
    for (const name of ['big.onnx', 'big.prototxt', 'big.json'])
      expect(importFile(name, huge)).toEqual({ ok: false, error: `${name} is 512.0 MB; the limit is 512.0 MB` });
  });

  it('prototxt messages nested past 64 levels are refused with a message (no stack overflow)', () => {
    const nested = (n: number) => `layer ${'{ a '.repeat(n)}${'}'.repeat(n)}`;
    expect(importPrototxt(nested(100_000))).toEqual({
      ok: false,
      error: expect.stringContaining('messages are nested too deeply'),
    });
  });

  it(`a link longer than MAX_HASH_CHARS (${MAX_HASH_CHARS}) is refused without decoding`, () => {
    expect(decodeShare(`#v1.${'A'.repeat(MAX_HASH_CHARS)}`)).toEqual({
      ok: false,
      error: `This share link cannot be opened: it is longer than ${MAX_HASH_CHARS} characters.`,
    });
  });

  it(`a link whose repeats expand past MAX_EXPANDED_LAYERS (${MAX_EXPANDED_LAYERS}) is refused`, () => {
    const m = {
      input: [3, 8, 8],
      layers: [{ type: 'repeat', times: 101, body: [{ type: 'repeat', times: 1000, body: [{ type: 'relu' }] }] }],
    };
    expect(decodeShare(link({ m, c: 'seed' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/expands to more than 100,000 layers/),
    });
  });

  it('… also a repeat over an empty body: the engine still loops `times` times (src/engine/work.ts)', () => {
    const m = { input: [3, 8, 8], layers: [{ type: 'repeat', times: 200_000, body: [] }] };
    expect(decodeShare(link({ m, c: 'seed' }))).toEqual({
      ok: false,
      error: expect.stringMatching(/expands to more than 100,000 layers/),
    });
  });
});

describe('model JSON size (LIMITS.maxJsonChars)', () => {
  const layers = (n: number) => Array.from({ length: n }, () => ({ type: 'relu', name: 'n'.repeat(190) }));
  it.each([
    ['within', 18_000, true],
    ['over', 19_000, false],
  ])('%s the limit', (_name, n, ok) => {
    const m = { format: 'floplab.model/2', input: [3, 8, 8], layers: layers(n) };
    const chars = JSON.stringify(m).length;
    expect(chars > LIMITS.maxJsonChars).toBe(!ok);
    const r = parseModel(m);
    expect(r.ok).toBe(ok);
    if (!r.ok)
      expect(r.error).toBe(
        `the model is ${chars.toLocaleString('en')} characters as JSON; FlopLab keeps models of at most 4,000,000 (what a browser's storage holds)`,
      );
  });
});
