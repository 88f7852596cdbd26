/**
 * Mutated real files for the importers (issue 21, "fuzz run"): small fixtures of every format,
 * changed by byte flips, truncation, duplicated ranges, huge varint lengths and repeated ONNX
 * nodes. Shared by tests/unit/fuzz/import-mutations.test.ts (a short seeded run) and
 * scripts/fuzz-import.ts (thousands of cases, with the worst time and heap).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { importFileAsync, loadHdf5 } from '../../../src/engine/import';
import { LIMITS, parseModel } from '../../../src/engine/format/schema';
import { ProtoReader } from '../../../src/engine/import/onnx/proto-wire';

const FIXTURE_FILES = [
  'tiny-cnn.onnx',
  'onnx-wheel/light_squeezenet.onnx',
  'onnx-rnn/LSTM_0_0.onnx',
  'caffe-v1-lenet.prototxt',
  'inception-branches.prototxt',
  'tflite/tiny_two_heads_float.tflite',
  'tflite/tiny_tokens_int8.tflite',
  'keras/cnn_kit.keras',
  'keras/cnn_kit.h5',
] as const;

export interface Fixture {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export const FIXTURES: readonly Fixture[] = FIXTURE_FILES.map((f) => ({
  name: f.split('/').pop() as string,
  bytes: new Uint8Array(readFileSync(fileURLToPath(new URL(`../../fixtures/${f}`, import.meta.url)))),
}));

export const KINDS = ['flip', 'truncate', 'duplicate', 'huge-varint', 'repeat-node', 'keras-config'] as const;
export type Kind = (typeof KINDS)[number];

export interface Mutation {
  readonly fixture: number;
  readonly kind: Kind;
  /** Positions and counts, taken modulo what the file allows. */
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly times: number;
  readonly edits: readonly (readonly [number, number])[];
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  fixture: fc.nat(FIXTURES.length - 1),
  kind: fc.constantFrom(...KINDS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  times: fc.integer({ min: 1, max: 2000 }),
  edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
});

const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

const varint = (v: number) => {
  const out: number[] = [];
  while (v > 0x7f) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return new Uint8Array(out);
};

/** The spans of ONNX's top-level graph (field 7) and of its nodes (field 1), or null when not found. */
function onnxNodes(bytes: Uint8Array): { tag: number; start: number; end: number; nodes: [number, number][] } | null {
  try {
    const r = new ProtoReader(bytes);
    while (r.pos < r.len) {
      const tagAt = r.pos;
      const tag = r.uint32();
      if (tag !== ((7 << 3) | 2)) {
        r.skipType(tag & 7);
        continue;
      }
      const len = r.uint32();
      const start = r.pos;
      const end = start + len;
      const nodes: [number, number][] = [];
      while (r.pos < end) {
        const at = r.pos;
        const t = r.uint32();
        r.skipType(t & 7);
        if (t === ((1 << 3) | 2)) nodes.push([at, r.pos]);
      }
      return { tag: tagAt, start, end, nodes };
    }
  } catch {
    return null;
  }
  return null;
}

/** One node of the graph written `times` more times after itself (same outputs: a value made twice). */
function repeatNode(bytes: Uint8Array, m: Mutation): Uint8Array {
  const g = onnxNodes(bytes);
  if (!g || !g.nodes.length) return bytes;
  const [s, e] = g.nodes[m.a % g.nodes.length];
  const copies = Array.from({ length: m.times }, () => bytes.subarray(s, e));
  const body = concat(bytes.subarray(g.start, e), ...copies, bytes.subarray(e, g.end));
  return concat(
    bytes.subarray(0, g.tag),
    new Uint8Array([(7 << 3) | 2]),
    varint(body.length),
    body,
    bytes.subarray(g.end),
  );
}

/** The config.json of a .keras zip with bytes changed (the weights file kept). */
function kerasConfig(bytes: Uint8Array, m: Mutation): Uint8Array {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    return bytes;
  }
  const config = files['config.json'];
  if (!config) return bytes;
  const text = new TextDecoder().decode(config);
  // A value swapped for another of the same config, or a stretch repeated: still JSON, often.
  const at = m.a % text.length;
  const len = 1 + (m.b % 200);
  const mutated =
    m.times % 2
      ? text.slice(0, at) + text.slice(at, at + len).repeat(1 + (m.times % 8)) + text.slice(at)
      : text.slice(0, at) + String(m.c % 100_000) + text.slice(at + len);
  return zipSync({ ...files, 'config.json': strToU8(mutated) });
}

/** The fixtures a kind of mutation applies to (repeated nodes: ONNX; config edits: .keras). */
const applies = (kind: Kind) =>
  FIXTURES.filter((f) =>
    kind === 'repeat-node' ? f.name.endsWith('.onnx') : kind === 'keras-config' ? f.name.endsWith('.keras') : true,
  );

/** The fixture a mutation changes. */
export const fixtureOf = (m: Mutation): Fixture => {
  const list = applies(m.kind);
  return list[m.fixture % list.length];
};

/** The mutated file. */
export function mutate(m: Mutation): { name: string; bytes: Uint8Array } {
  const f = fixtureOf(m);
  const src = f.bytes;
  const n = src.length;
  const at = m.a % n;
  switch (m.kind) {
    case 'flip': {
      const b = src.slice();
      for (const [p, v] of m.edits) b[p % n] = v;
      return { name: f.name, bytes: b };
    }
    case 'truncate':
      return { name: f.name, bytes: src.subarray(0, at) };
    case 'duplicate': {
      // A range copied `times % 64` times at another place.
      const end = Math.min(n, at + 1 + (m.b % 4096));
      const where = m.c % n;
      const copies = Array.from({ length: 1 + (m.times % 64) }, () => src.subarray(at, end));
      return { name: f.name, bytes: concat(src.subarray(0, where), ...copies, src.subarray(where)) };
    }
    case 'huge-varint': {
      // A length field claiming up to 2^35 bytes, written over the file at `at`.
      const b = src.slice();
      const huge = [0xff, 0xff, 0xff, 0xff, 0x7f & (m.b | 0x0f)];
      huge.forEach((v, i) => at + i < n && (b[at + i] = v));
      return { name: f.name, bytes: b };
    }
    case 'repeat-node':
      return { name: f.name, bytes: repeatNode(src, m) };
    case 'keras-config':
      return { name: f.name, bytes: kerasConfig(src, m) };
  }
}

export interface Outcome {
  readonly ms: number;
  readonly heapMB: number;
  /** Why the case fails the contract, if it does. */
  readonly problem?: string;
}

/**
 * One case: the import resolves (never throws or rejects) within `budgetMs`, and a model it
 * accepts is a document the schema accepts, within LIMITS.
 */
export async function runCase(m: Mutation, budgetMs: number): Promise<Outcome> {
  const { name, bytes } = mutate(m);
  const t0 = performance.now();
  let problem: string | undefined;
  try {
    const r = await importFileAsync(name, bytes);
    if (r.ok) {
      const back = parseModel(JSON.parse(JSON.stringify(r.model)));
      if (!back.ok) problem = `accepted a model the schema refuses: ${back.error}`;
      else if (r.model.layers.length > LIMITS.maxLayers) problem = 'more layers than LIMITS.maxLayers';
    } else if (typeof r.error !== 'string' || !r.error) problem = 'an error answer without a message';
  } catch (err) {
    problem = `threw: ${(err as Error).message}`;
  }
  const ms = performance.now() - t0;
  if (!problem && ms > budgetMs) problem = `took ${ms.toFixed(0)} ms (budget ${budgetMs} ms)`;
  return { ms, heapMB: process.memoryUsage().heapUsed / 1024 / 1024, ...(problem ? { problem } : {}) };
}

/** Loads the HDF5 reader once, so the first Keras case is not charged for it. */
export const warmUp = () => loadHdf5();
