// Share-link codec (src/state/urlCodec.ts). Requirements from issue 3 ("Share link"): the whole
// state, versioned, deflate + base64url, validated on the way in, a ResNet-50-sized model in at
// most 2,000 characters; round trip on random models and no exception on random strings.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import {
  encodeShareV1,
  decodeShare,
  encodeShare,
  fromBase64Url,
  makeShareUrl,
  MAX_EXPANDED_LAYERS,
  toBase64Url,
  type ShareState,
} from '../../../src/state/urlCodec';
import { CONVENTION_IDS, DEFAULT_CONVENTION } from '../../../src/engine/conventions/registry';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';

// ---- random models ---------------------------------------------------------------------------

const pair = fc.oneof(
  fc.integer({ min: 1, max: 11 }),
  fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })),
);
const name = fc.string({ unit: 'binary', maxLength: 20 });
const leaf: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record(
    {
      type: fc.constant('conv2d'),
      name,
      out: fc.integer({ min: 1, max: 4096 }),
      kernel: pair,
      stride: pair,
      padding: fc.oneof(fc.nat(5), fc.constant('same')),
      groups: fc.integer({ min: 1, max: 8 }),
      bias: fc.boolean(),
    },
    { requiredKeys: ['type', 'out', 'kernel'] },
  ),
  fc.record(
    { type: fc.constant('linear'), out: fc.integer({ min: 1, max: 100_000 }), bias: fc.boolean() },
    { requiredKeys: ['type', 'out'] },
  ),
  fc.record(
    { type: fc.constantFrom('relu', 'batchnorm2d', 'flatten', 'sigmoid', 'identity'), name },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    { type: fc.constantFrom('maxpool2d', 'avgpool2d'), kernel: pair, ceil: fc.boolean() },
    { requiredKeys: ['type', 'kernel'] },
  ),
  // Layers the engine will reject must still travel: a link carries the model as it was.
  fc.record({ type: fc.string({ maxLength: 12 }), x: fc.jsonValue({ maxDepth: 2 }) }),
);
const { layers } = fc.letrec<{ layers: LayerSpec[]; layer: LayerSpec }>((tie) => ({
  layers: fc.array(tie('layer'), { maxLength: 4 }),
  layer: fc.oneof(
    // Bounded so no model passes MAX_EXPANDED_LAYERS (tested on its own below).
    { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
    leaf,
    fc.record(
      { type: fc.constant('residual'), body: tie('layers'), shortcut: tie('layers') },
      { requiredKeys: ['type', 'body'] },
    ),
    fc.record({ type: fc.constant('repeat'), times: fc.integer({ min: 1, max: 4 }), body: tie('layers') }),
    fc.record({ type: fc.constant('concat'), branches: fc.array(tie('layers'), { maxLength: 3 }) }),
    fc.record({ type: fc.constant('scale'), body: tie('layers') }),
  ),
}));
const dim = fc.integer({ min: 1, max: 4096 });
const model: fc.Arbitrary<Model> = fc.record(
  {
    format: fc.constant('floplab.model/2' as const),
    name: fc.string({ maxLength: 40 }),
    input: fc.oneof(fc.tuple(dim, dim, dim), fc.tuple(dim)),
    batch: fc.integer({ min: 1, max: 1024 }),
    layers,
    meta: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  },
  { requiredKeys: ['format', 'input', 'layers'] },
);
const shareState: fc.Arbitrary<ShareState> = fc.record({
  model,
  convention: fc.constantFrom(...CONVENTION_IDS),
  settings: fc.record(
    {
      numberFormat: fc.constantFrom('si' as const, 'exact' as const),
      dtype: fc.constantFrom('fp32' as const, 'fp16' as const, 'int8' as const),
      theme: fc.constantFrom('light' as const, 'dark' as const),
    },
    { requiredKeys: [] },
  ),
  selection: fc.oneof(fc.constant(null), fc.constantFrom('layers[0]', 'layers[2].body[1]', 'layers[1].branches[0][3]')),
});

// JSON cannot tell -0 from 0; the model format never uses -0, so compare through JSON.
const viaJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('round trip', () => {
  it('decode(encode(state)) equals state on random models', () => {
    fc.assert(
      fc.property(shareState, (st) => {
        const r = decodeShare(encodeShare(st));
        if (!r.ok) throw new Error(r.error);
        expect(r.state).toEqual(viaJson({ ...st, selection: st.selection ?? null }));
      }),
      { numRuns: 300 },
    );
  });

  it('base64url round-trips every byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = toBase64Url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64Url(text)).toEqual(bytes);
      }),
    );
  });

  it('makeShareUrl replaces any hash of the base, and decodeShare reads the whole URL', () => {
    const st: ShareState = { model: { format: 'floplab.model/2', input: [3, 8, 8], layers: [] }, convention: 'exact' };
    const url = makeShareUrl('https://example.org/floplab/?x=1#old', st);
    expect(url.startsWith('https://example.org/floplab/?x=1#v2?conv=exact&model=')).toBe(true);
    expect(decodeShare(url)).toMatchObject({ ok: true, state: { model: st.model } });
  });
});

describe('hostile or broken input', () => {
  it('never throws on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        const r = decodeShare(s);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error).toMatch(/^This share link cannot be opened: /);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random base64url after the prefix, nor on raw deflate of random JSON', () => {
    const b64 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 300,
    });
    fc.assert(
      fc.property(b64, (s) => void decodeShare(`#v1.${s}`)),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = decodeShare(`#v1.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(v))))}`);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a link with one character changed or cut short is rejected or still a valid state, never a crash', () => {
    const good = encodeShare({ model: presetByName('resnet18')?.build() ?? resnet50(), convention: 'exact' });
    fc.assert(
      fc.property(fc.nat(good.length - 5), fc.constantFrom('A', 'z', '-', '_', '0'), (i, c) => {
        const at = 4 + i;
        for (const tampered of [good.slice(0, at) + c + good.slice(at + 1), good.slice(0, at)]) {
          const r = decodeShare(tampered);
          if (r.ok) expect(Array.isArray(r.state.model.layers)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  const enc = (payload: unknown) =>
    `#v1.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))))}`;
  it.each([
    ['', 'does not hold a FlopLab model'],
    ['#', 'does not hold a FlopLab model'],
    ['#section-2', 'does not hold a FlopLab model'],
    ['#v3.abc', 'made by a newer FlopLab'],
    ['#v3?conv=exact', 'made by a newer FlopLab'],
    ['#v2?conv=exact', 'it has no model'],
    ['#v2?conv=exact&model=AAAA', 'does not decompress'],
    ['#v1.', 'cut short or altered'],
    ['#v1.a', 'cut short or altered'],
    ['#v1.ab$d', 'cut short or altered'],
    ['#v1.AAAA', 'does not decompress'],
    [enc({ c: 'exact' }), 'it has no model'],
    [enc({ m: { input: [3, 8, 8], layers: [] }, c: 5 }), 'convention must be a string'],
    [enc({ m: { input: [3, 0, 8], layers: [] }, c: 'exact' }), 'input[1] must be a positive integer'],
    [enc({ m: { input: [3, 8, 8], layers: [{ kernel: 3 }] }, c: 'exact' }), 'layers[0].type'],
    [enc({ m: { input: [3, 8, 8], layers: [] }, c: 'exact', s: { t: 'neon' } }), 'cannot be opened'],
    [
      enc({ m: { input: [3, 8, 8], layers: [{ type: 'repeat', times: 1e9, body: [{ type: 'relu' }] }] }, c: 'exact' }),
      `more than ${MAX_EXPANDED_LAYERS.toLocaleString('en')} layers`,
    ],
  ])('%j is refused: %s', (hash, why) => {
    const r = decodeShare(hash);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(why);
  });

  it('a zip bomb is refused without inflating it all', () => {
    const huge = new TextEncoder().encode(`{"m":{"input":[1],"layers":[]},"c":"exact","p":"${'x'.repeat(8_000_000)}"}`);
    const r = decodeShare(`#v1.${toBase64Url(deflateSync(huge, { level: 9 }))}`);
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.error).toContain('unpacks to more than');
  });

  it('an unknown convention opens the model with the default convention and a warning', () => {
    const r = decodeShare(enc({ m: { input: [3, 8, 8], layers: [] }, c: 'from-the-future' }));
    expect(r).toMatchObject({ ok: true, state: { convention: DEFAULT_CONVENTION } });
    if (r.ok) expect(r.warning).toContain('from-the-future');
  });
});

// ---- ResNet-50 in a link ---------------------------------------------------------------------

/** torchvision resnet50 (models/resnet.py, Bottleneck with expansion 4, layers [3, 4, 6, 3]). */
function resnet50(): Model {
  const cbr = (out: number, k: number, stride = 1, relu = true): LayerSpec[] => [
    { type: 'conv2d', out, kernel: k, stride, padding: (k - 1) / 2, bias: false },
    { type: 'batchnorm2d' },
    ...(relu ? [{ type: 'relu' }] : []),
  ];
  const body = (w: number, stride: number) => [...cbr(w, 1), ...cbr(w, 3, stride), ...cbr(4 * w, 1, 1, false)];
  const stage = (w: number, n: number, stride: number): LayerSpec[] => [
    { type: 'residual', body: body(w, stride), shortcut: cbr(4 * w, 1, stride, false) },
    { type: 'relu' },
    { type: 'repeat', times: n - 1, body: [{ type: 'residual', body: body(w, 1) }, { type: 'relu' }] },
  ];
  return {
    format: 'floplab.model/2',
    name: 'ResNet-50',
    input: [3, 224, 224],
    layers: [
      ...cbr(64, 7, 2),
      { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1 },
      ...stage(64, 3, 1),
      ...stage(128, 4, 2),
      ...stage(256, 6, 2),
      ...stage(512, 3, 2),
      { type: 'adaptiveavgpool2d', out: 1 },
      { type: 'flatten' },
      { type: 'linear', out: 1000 },
    ],
  };
}

describe('a ResNet-50-sized model fits in 2,000 characters', () => {
  it('the hand-built model is ResNet-50 (torchvision num_params and MACs, shared/reference/zoo.md)', () => {
    const r = evaluateModel(resnet50());
    expect(r.errors).toBe(0);
    expect(r.totals.params).toBe(25_557_032n);
    expect(r.totals.macs).toBe(4_089_184_256n);
  });

  it.each([
    ['hand-built', resnet50],
    ['zoo preset', () => presetByName('resnet50')?.build() ?? resnet50()],
  ])('%s: full state link ≤ 2,000 characters and decodes to the same numbers', (_label, build) => {
    const m = build();
    const url = makeShareUrl('https://floplab.example.org/', {
      model: m,
      convention: 'torchvision',
      settings: { numberFormat: 'exact', dtype: 'fp16', theme: 'dark' },
      selection: 'layers[8].body[3]',
    });
    expect(url.length).toBeLessThanOrEqual(2000);
    const r = decodeShare(url);
    if (!r.ok) throw new Error(r.error);
    expect(evaluateModel(r.state.model).totals).toEqual(evaluateModel(m).totals);
  });
});

describe('the readable v2 form', () => {
  const model: Model = { format: 'floplab.model/2', name: 'n', input: [3, 8, 8], layers: [{ type: 'relu' }] };
  it('names every setting in plain words; only the model is packed', () => {
    const h = encodeShare({
      model,
      convention: 'torchvision',
      settings: { numberFormat: 'si', dtype: 'fp16', theme: 'dark', device: null, precision: 'int8' },
      selection: 'layers[0]',
    });
    expect(h).toMatch(
      /^#v2\?conv=torchvision&num=si&dtype=fp16&theme=dark&device=none&prec=int8&sel=layers%5B0%5D&model=[\w-]+$/,
    );
    const r = decodeShare(h);
    expect(r.ok && r.state).toMatchObject({
      model,
      convention: 'torchvision',
      settings: { numberFormat: 'si', dtype: 'fp16', theme: 'dark', device: null, precision: 'int8' },
      selection: 'layers[0]',
    });
  });

  it('a person may edit the readable part: another convention opens; a wrong value is refused by the same checks', () => {
    const h = encodeShare({ model, convention: 'exact' });
    const edited = decodeShare(h.replace('conv=exact', 'conv=fvcore'));
    expect(edited.ok && edited.state.convention).toBe('fvcore');
    const bad = decodeShare(h.replace('conv=exact', 'conv=exact&num=roman'));
    expect(bad.ok).toBe(false);
  });

  it('v1 and v2 hashes of one state decode to the same state', () => {
    const st: ShareState = { model, convention: 'thop', settings: { device: 'pixel-4' }, hide: ['totals'] };
    const a = decodeShare(encodeShareV1(st));
    const b = decodeShare(encodeShare(st));
    expect(b).toEqual(a);
  });
});
