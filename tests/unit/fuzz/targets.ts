/**
 * The fuzz targets of issue 8, shared by `npm run fuzz` (scripts/fuzz.ts, 100,000 cases each)
 * and the Vitest runs in this folder (a few thousand each). Each target is an input generator
 * and a check. A case fails when the code under test throws, or when it answers with a message
 * that is really a JavaScript exception caught by a catch-all ("Cannot read properties of
 * undefined", "Maximum call stack size exceeded", …): the user must get a clear message, and a
 * swallowed exception is a bug that only looks handled.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { parseModel } from '../../../src/engine/format/schema';
import type { Model } from '../../../src/engine/format/model';
import { importFile } from '../../../src/engine/import';
import { importOnnx } from '../../../src/engine/import/onnx';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { evaluationRows } from '../../../src/engine/work';
import { decodeShare, encodeShare, toBase64Url } from '../../../src/state/urlCodec';
import { garbageModel, model as modelArb } from '../../helpers/arbitraries';

/** Messages of JavaScript's own exceptions: seeing one in an answer means a bug was swallowed. */
export const LEAKED_EXCEPTION =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not defined|Maximum call stack|Invalid array length|Invalid string length|Invalid typed array length|Cannot convert .* to a BigInt|Cannot mix BigInt|Division by zero|out of memory|undefined is not|null is not|internal error/i;

/** A finding (what is wrong), or null when the answer is fine. */
export type Check<T> = (input: T) => string | null;

export interface FuzzTarget<T = unknown> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  readonly check: Check<T>;
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url)));
const ALL = { conventions: [...CONVENTION_IDS] };

/**
 * An accepted model must be usable by the app: saved (JSON.stringify), sent to the worker
 * (structuredClone) and evaluated without a leaked exception.
 */
function evaluates(m: Model, where: string): string | null {
  try {
    JSON.stringify(m);
    structuredClone(m);
  } catch (err) {
    return `${where}: cannot be saved or sent to the worker: ${(err as Error).message}`;
  }
  const r = evaluateModel(m, ALL);
  if (r.modelError && LEAKED_EXCEPTION.test(r.modelError)) return `${where}: engine: ${r.modelError}`;
  const bad = r.rows.find((row) => row.error && LEAKED_EXCEPTION.test(row.error));
  if (bad) return `${where}: engine row ${bad.path}: ${bad.error}`;
  for (const c of r.totals.counts) if (typeof c !== 'bigint') return `${where}: a count is not a bigint`;
  // The page evaluates a model itself when this bound says it is small: it must never be less
  // than the rows the engine made (src/engine/work.ts).
  const bound = evaluationRows(m, r.rows.length);
  if (bound < r.rows.length) return `${where}: evaluationRows ${bound} < ${r.rows.length} rows evaluated`;
  return null;
}

/** A refusal must be a non-empty, human message. */
const refusal = (error: unknown, where: string): string | null =>
  typeof error !== 'string' || !error.trim()
    ? `${where}: no message`
    : LEAKED_EXCEPTION.test(error)
      ? `${where}: leaked exception: ${error}`
      : null;

// ---------------------------------------------------------------- mutation helpers

/** Every (container, key) slot of a JSON value, in a fixed order. */
function slots(v: unknown, out: Array<[Record<string, unknown> | unknown[], string | number]> = []) {
  if (Array.isArray(v))
    v.forEach((x, i) => {
      out.push([v, i]);
      slots(x, out);
    });
  else if (v && typeof v === 'object')
    for (const k of Object.keys(v)) {
      out.push([v as Record<string, unknown>, k]);
      slots((v as Record<string, unknown>)[k], out);
    }
  return out;
}

/** A valid model with up to 3 values (fields, layers, whole sub-lists) replaced by anything. */
export const mutatedModel: fc.Arbitrary<unknown> = fc
  .tuple(modelArb, fc.array(fc.tuple(fc.nat(), fc.anything({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }))
  .map(([m, edits]) => {
    const copy = structuredClone(m) as unknown;
    for (const [at, value] of edits) {
      const all = slots(copy);
      if (!all.length) break;
      const [box, key] = all[at % all.length];
      (box as Record<string | number, unknown>)[key] = value;
    }
    return copy;
  });

/** Bytes with edits: overwritten, inserted and deleted bytes, then maybe a truncation. */
const mutatedBytes = (seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.constantFrom('set', 'insert', 'delete'), fc.nat(), fc.integer({ min: 0, max: 255 })), {
        maxLength: 6,
      }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([seed, edits, cut]) => {
      const b = Array.from(seed);
      for (const [op, at, v] of edits) {
        const i = b.length ? at % b.length : 0;
        if (op === 'set' && b.length) b[i] = v;
        else if (op === 'insert') b.splice(i, 0, v);
        else if (op === 'delete') b.splice(i, 1);
      }
      return new Uint8Array(cut === undefined ? b : b.slice(0, cut % (b.length + 1)));
    });

/** Text with edits: characters or tokens inserted, deleted, replaced; then maybe a truncation. */
const mutatedText = (seeds: readonly string[], alphabet: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(...seeds),
      fc.array(fc.tuple(fc.constantFrom('set', 'insert', 'delete'), fc.nat(), alphabet), { maxLength: 6 }),
      fc.option(fc.nat(), { nil: undefined }),
    )
    .map(([seed, edits, cut]) => {
      let s = seed;
      for (const [op, at, piece] of edits) {
        const i = s.length ? at % s.length : 0;
        if (op === 'set') s = s.slice(0, i) + piece + s.slice(i + 1);
        else if (op === 'insert') s = s.slice(0, i) + piece + s.slice(i);
        else s = s.slice(0, i) + s.slice(i + piece.length);
      }
      return cut === undefined ? s : s.slice(0, cut % (s.length + 1));
    });

/** Nested lists as deep as `depth` (built bottom-up: no recursion). */
export function nestedLists(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Blocks nested around the block-depth limit (32). */
const deepBlocks = fc.integer({ min: 0, max: 60 }).map((depth) => {
  let layers: unknown[] = [{ type: 'relu' }];
  for (let i = 0; i < depth; i++) layers = [{ type: i % 2 ? 'residual' : 'scale', body: layers }];
  return { format: 'floplab.model/2', input: [3, 8, 8], layers };
});
/** Lists nested up to 5,000 deep in meta or in a field (JSON.stringify cannot write these). */
const deepLists = fc.tuple(fc.integer({ min: 0, max: 5_000 }), fc.boolean()).map(([depth, inMeta]) => ({
  format: 'floplab.model/2',
  input: [3, 8, 8],
  layers: [inMeta ? { type: 'relu' } : { type: 'conv2d', out: 4, kernel: nestedLists(depth) }],
  ...(inMeta ? { meta: { note: nestedLists(depth) } } : {}),
}));
const deepModel = fc.oneof(deepBlocks, deepLists);

// ---------------------------------------------------------------- URL codec

const linkOf = (payload: unknown) =>
  `#v1.${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload)), { level: 6 }))}`;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const validLinks = modelArb.map((m) => encodeShare({ model: m, convention: 'thop', selection: 'layers[0]' }));

export const urlCodec: FuzzTarget<string> = {
  name: 'url codec (decodeShare)',
  arbitrary: fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }).map((s) => `#v1.${s}`),
    fc.string({ unit: fc.constantFrom(...B64), maxLength: 400 }).map((s) => `#v1.${s}`),
    // Well-formed links around hostile payloads: past base64 and deflate, into the schema.
    fc
      .record(
        {
          m: fc.oneof(garbageModel, mutatedModel, deepBlocks),
          c: fc.oneof(fc.constantFrom(...CONVENTION_IDS), fc.anything()),
          s: fc.anything({ maxDepth: 2 }),
          p: fc.anything({ maxDepth: 1 }),
          x: fc.oneof(garbageModel, mutatedModel),
          h: fc.anything({ maxDepth: 2 }),
        },
        { requiredKeys: [] },
      )
      .map(linkOf),
    fc.anything({ maxDepth: 3 }).map(linkOf),
    // Deeply nested lists, written as text (JSON.stringify cannot).
    fc.integer({ min: 0, max: 5_000 }).map((d) => {
      const text = `{"m":{"input":[3,8,8],"layers":[{"type":"relu"}],"meta":{"a":${'['.repeat(d)}${']'.repeat(d)}}},"c":"seed"}`;
      return `#v1.${toBase64Url(deflateSync(new TextEncoder().encode(text)))}`;
    }),
    // Real links with characters changed, inserted, deleted or cut off.
    validLinks.chain((link) => mutatedText([link], fc.constantFrom(...B64, '#', '.', '%', ' ', 'é'))),
  ),
  check: (hash) => {
    const r = decodeShare(hash);
    if (!r.ok) return refusal(r.error, 'refused link');
    const again = parseModel(r.state.model);
    if (!again.ok) return `accepted a link whose model the schema refuses: ${again.error}`;
    return (
      evaluates(r.state.model, 'accepted link') ?? (r.state.compare ? evaluates(r.state.compare, 'model B') : null)
    );
  },
};

// ---------------------------------------------------------------- model schema

export const modelSchema: FuzzTarget<unknown> = {
  name: 'model schema (parseModel)',
  arbitrary: fc.oneof(garbageModel, mutatedModel, deepModel, fc.jsonValue({ maxDepth: 4 })),
  check: (value) => {
    const r = parseModel(value);
    if (!r.ok) return refusal(r.error, 'refused model');
    return evaluates(r.model, 'accepted model');
  },
};

// ---------------------------------------------------------------- engine

export const engine: FuzzTarget<unknown> = {
  name: 'engine (evaluateModel)',
  // The engine is also handed documents that skipped the schema (worker messages, the CLI's
  // --emit-model round trip), so it gets raw garbage too.
  arbitrary: fc.oneof({ weight: 3, arbitrary: modelArb as fc.Arbitrary<unknown> }, mutatedModel, garbageModel),
  check: (m) => evaluates(m as Model, 'evaluated'),
};

// ---------------------------------------------------------------- importers

/** Seeds: the ONNX fixtures and ONNX files written from random models by our exporter. */
const onnxSeeds = [fixture('tiny-cnn.onnx'), fixture('tiny-unmapped.onnx')];
const exported = modelArb
  .map((m) => modelToOnnx(m))
  .filter((r) => r.ok)
  .map((r) => (r as { bytes: Uint8Array }).bytes);

export const onnxImporter: FuzzTarget<{ name: string; bytes: Uint8Array }> = {
  name: 'ONNX importer (importFile .onnx)',
  arbitrary: fc.record({
    name: fc.constantFrom('m.onnx', 'm.onnx', 'M.ONNX', 'noext'),
    bytes: fc.oneof(
      fc.uint8Array({ maxLength: 1024 }),
      mutatedBytes(onnxSeeds),
      exported.chain((b) => mutatedBytes([b])),
    ),
  }),
  check: ({ name, bytes }) => {
    const r = name === 'noext' ? importOnnx(bytes, name) : importFile(name, bytes);
    return r.ok ? evaluates(r.model, 'imported ONNX') : refusal(r.error, 'refused ONNX');
  },
};

const PROTOTXT_SEEDS = ['netscope-every-layer.prototxt', 'caffe-v1-lenet.prototxt'].map((n) =>
  new TextDecoder().decode(fixture(n)),
);
const PROTO_TOKENS = fc.constantFrom(
  ...['layer', 'layers', 'input', 'input_dim', 'input_shape', 'dim', '{', '}', ':', '"', ' ', '\n', '#'],
  ...['name', 'type', 'bottom', 'top', '"data"', '"conv1"', '"Convolution"', '"Pooling"', '"Eltwise"'],
  ...['"Concat"', '"InnerProduct"', '"Scale"', 'num_output', 'kernel_size', 'stride', 'pad', 'group'],
  ...['pool', 'MAX', 'AVE', 'global_pooling', 'true', '0', '1', '3', '-1', '1e9', '99999999999', 'nan'],
);

export const prototxtImporter: FuzzTarget<string> = {
  name: 'prototxt importer (importPrototxt)',
  arbitrary: fc.oneof(
    fc.string({ maxLength: 400 }),
    fc.array(PROTO_TOKENS, { maxLength: 120 }).map((t) => t.join(' ')),
    mutatedText(PROTOTXT_SEEDS, PROTO_TOKENS),
  ),
  check: (text) => {
    const r = importPrototxt(text, 'fuzz.prototxt');
    return r.ok ? evaluates(r.model, 'imported prototxt') : refusal(r.error, 'refused prototxt');
  },
};

export const TARGETS = [
  urlCodec,
  modelSchema,
  engine,
  onnxImporter,
  prototxtImporter,
] as unknown as readonly FuzzTarget[];

/** The property fast-check runs for a target: throws on a finding (or lets an exception through). */
export const propertyOf = <T>(t: FuzzTarget<T>) =>
  fc.property(t.arbitrary, (input) => {
    const finding = t.check(input);
    if (finding) throw new Error(finding);
  });
