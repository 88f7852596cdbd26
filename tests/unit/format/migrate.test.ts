/**
 * Every floplab.model/1 document opens unchanged (issue 13): files, autosave, share links and
 * the CLI all read through parseModel, which migrates version 1 to version 2 (migrate.ts). The
 * migrated document is the same document with the new tag, so its rows and totals under every
 * convention are the ones version 1 gave; the old files and fixtures below were written by
 * version 1 (tests/fixtures/*.json, the onnx-tool and Netscope fixtures, shared/reference/tool-fixtures.jsonl).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModelFromScratch } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { MODEL_FORMAT, MODEL_FORMAT_V1, type Model } from '../../../src/engine/format/model';
import { parseModel } from '../../../src/engine/format/schema';
import { migrateDocument } from '../../../src/engine/format/migrate';
import { PRESETS } from '../../../src/engine/presets';
import { readSaved } from '../../../src/state/persistence';
import { decodeShare, encodeShare } from '../../../src/state/urlCodec';
import { model as randomModel } from '../../helpers/arbitraries';

const ALL = { conventions: CONVENTION_IDS };
const asV1 = (m: object): Record<string, unknown> => ({ ...m, format: MODEL_FORMAT_V1 });

/** Parses a version-1 document and checks it became the same document under the current tag, with the same numbers. */
function expectLossless(v1: Record<string, unknown>): void {
  const r = parseModel(v1);
  if (!r.ok) throw new Error(r.error);
  expect(r.model).toEqual({ ...v1, format: MODEL_FORMAT });
  expect(Object.keys(r.model)).toEqual(Object.keys(v1));
  expect(evaluateModelFromScratch(r.model, ALL)).toEqual(evaluateModelFromScratch(v1 as unknown as Model, ALL));
}

const fixtureLines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { model?: Record<string, unknown> }).model)
    .filter((m): m is Record<string, unknown> => m !== undefined); // a header line has no model

const FIXTURES = path.resolve(__dirname, '../../fixtures');

describe('floplab.model/1 → /2', () => {
  // A preset that names its outputs (the YOLO detectors: boxes and scores) uses a field version 1 never had.
  const v1Presets = PRESETS.filter((p) => p.build().outputs === undefined);
  it('leaves out only the presets with outputs (the 15 Ultralytics detectors)', () =>
    expect(PRESETS.length - v1Presets.length).toBe(15));
  it.each(v1Presets.map((p) => [p.name, p] as const))('preset %s as a version-1 document', (_n, p) =>
    expectLossless(asV1(p.build())),
  );

  it('random version-1 documents (the fuzz corpus generator)', () => {
    fc.assert(
      fc.property(randomModel, (m) => expectLossless(asV1(m))),
      { numRuns: 300, seed: 13 },
    );
  });

  it.each([
    ['tests/fixtures/resnet18.json', [JSON.parse(readFileSync(path.join(FIXTURES, 'resnet18.json'), 'utf8'))]],
    ['tests/fixtures/tiny-cnn.json', [JSON.parse(readFileSync(path.join(FIXTURES, 'tiny-cnn.json'), 'utf8'))]],
    ['onnx-tool fixtures', fixtureLines(path.join(FIXTURES, 'onnx-tool-fixtures.jsonl'))],
    ['Netscope fixtures', fixtureLines(path.join(FIXTURES, 'netscope-fixtures.jsonl'))],
    ['shared tool fixtures', fixtureLines(path.resolve(__dirname, '../../../../shared/reference/tool-fixtures.jsonl'))],
  ])('%s: written by version 1, read losslessly', (_n, docs) => {
    expect(docs.length).toBeGreaterThan(0);
    for (const d of docs) {
      expect(d.format).toBe(MODEL_FORMAT_V1);
      expectLossless(d);
    }
  });

  it('an old autosave opens as the same model', () => {
    const v1 = asV1(PRESETS[0].build());
    const r = readSaved(JSON.stringify({ model: v1, settings: {}, selection: null, collapsed: {} }));
    expect(r).toMatchObject({ ok: true, saved: { model: { ...v1, format: MODEL_FORMAT } } });
  });

  it('share links carry no format tag, so a version-1 model decodes to the same layers', () => {
    const v1 = asV1(PRESETS[1].build()) as unknown as Model;
    const r = decodeShare(encodeShare({ model: v1, convention: 'thop' }));
    expect(r.ok && r.state.model).toEqual({ ...v1, format: MODEL_FORMAT });
  });

  it.each([
    [{ format: MODEL_FORMAT_V1, input: [197, 768], layers: [] }, /input must be \[C, H, W\] or \[F\]/],
    [
      { format: MODEL_FORMAT_V1, input: [3, 8, 8], outputs: ['x'], layers: [] },
      /"outputs" is not a field of floplab.model\/1/,
    ],
    [{ format: 'floplab.model/9', input: [3], layers: [] }, /format must be "floplab.model\/2"/],
  ])('what version 1 did not allow is still refused: %j', (doc, message) => {
    const r = parseModel(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('a current document passes through untouched', () => {
    const doc = { format: MODEL_FORMAT, inputs: [{ name: 'tokens', shape: [197, 768] }], layers: [] };
    expect(migrateDocument(doc)).toEqual({ ok: true, value: doc, from: MODEL_FORMAT });
  });
});
