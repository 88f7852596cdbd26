// Row deltas between worker and page (src/worker/delta.ts): the page must end up with exactly
// the result evaluateModel gives (the engine is the source of truth), whatever the edit sequence.
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from 'node:v8';
import { DeltaDecoder, DeltaEncoder, deepEqual, joinRows, splitRows } from '../../../src/worker/delta';
import { CHUNK_ITEMS, ChunkCollector } from '../../../src/worker/chunks';
import { joinRuntime, splitRuntime } from '../../../src/worker/runtimeChunks';
import { runtimeOf } from '../../../src/worker/runtime';
import { evaluateModel } from '../../../src/engine/evaluate';
import { updateAt, insertAt, removeAt } from '../../../src/engine/format/edit';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const chain = (n: number): Model => ({
  format: 'floplab.model/2',
  input: [16, 32, 32],
  layers: Array.from({ length: n }, (_, i): LayerSpec =>
    i % 2 ? { type: 'relu' } : { type: 'conv2d', out: 16, kernel: 3, padding: 1 },
  ),
});

/** What crossing postMessage does to a value (v8 structured clone, as in the browser). */
const cross = <T>(v: T): T => deserialize(serialize(v)) as T;

describe('deepEqual', () => {
  it.each([
    [1n, 1n, true],
    [[1, [2, 3]], [1, [2, 3]], true],
    [{ a: 1, b: [1n] }, { b: [1n], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], { 0: 1, 1: 2 }, false],
    [null, {}, false],
    [1n, 1, false],
    ['3', 3, false],
  ])('case %#', (a, b, eq) => expect(deepEqual(a, b)).toBe(eq));
});

describe('encode → clone → decode', () => {
  it('a sequence of edits gives exactly the engine results, sending only changed rows', () => {
    const enc = new DeltaEncoder();
    const dec = new DeltaDecoder();
    let m = chain(400);
    const edits: ((x: Model) => Model)[] = [
      (x) => x, // first answer: every row
      (x) => x, // same model again: nothing
      (x) => updateAt(x, 'layers[200]', (l) => ({ ...l, out: 32 })), // conv 200 (params), relu 201 (shape), conv 202 (Cin)
      (x) => updateAt(x, 'layers[200]', (l) => ({ ...l, out: 16 })),
      (x) => insertAt(x, 'layers', 10, { type: 'batchnorm2d' }), // rows after it change path: 391 sent
      (x) => removeAt(x, 'layers[10]'), // 390 sent
      (x) => ({ ...x, batch: 2 }), // every row changes
    ];
    const sentRows: number[] = [];
    for (const edit of edits) {
      m = edit(m);
      const full = evaluateModel(m, { conventions: CONVENTION_IDS });
      const delta = cross(enc.encode(full, dec.base));
      sentRows.push(delta.rows.filter((r) => r !== null).length);
      const got = dec.decode(delta);
      expect(got).toEqual(full);
    }
    expect(sentRows).toEqual([400, 0, 3, 3, 391, 390, 400]);
  });

  it('unchanged rows keep their object identity on the page', () => {
    const enc = new DeltaEncoder();
    const dec = new DeltaDecoder();
    const m = chain(20);
    const first = dec.decode(cross(enc.encode(evaluateModel(m), dec.base)));
    const m2 = updateAt(m, 'layers[10]', (l) => ({ ...l, out: 8 }));
    const second = dec.decode(cross(enc.encode(evaluateModel(m2), dec.base)));
    expect(second.rows[9]).toBe(first.rows[9]);
    expect(second.rows[10]).not.toBe(first.rows[10]);
    expect(second.rows[13]).toBe(first.rows[13]);
  });

  it('a delta against rows the page does not hold is refused (the client then evaluates locally)', () => {
    const enc = new DeltaEncoder();
    const dec = new DeltaDecoder();
    const m = chain(4);
    enc.encode(evaluateModel(m), null); // an answer the page never saw
    const orphan = enc.encode(evaluateModel(m), 1);
    expect(() => dec.decode(orphan)).toThrow('does not hold');
    expect(dec.base).toBeNull(); // next request asks for everything
    expect(enc.encode(evaluateModel(m), dec.base).base).toBeNull();
  });

  it('a 1,000-layer edit of one layer crosses as a small message', () => {
    const enc = new DeltaEncoder();
    const m = chain(1000);
    const full = evaluateModel(m, { conventions: CONVENTION_IDS });
    const firstBytes = serialize(enc.encode(full, null)).length;
    const m2 = updateAt(m, 'layers[500]', (l) => ({ ...l, out: 17 }));
    const deltaBytes = serialize(enc.encode(evaluateModel(m2, { conventions: CONVENTION_IDS }), 1)).length;
    expect(deltaBytes * 50).toBeLessThan(firstBytes);
  });
});

describe('big answers in pieces (chunks.ts, splitRows / joinRows)', () => {
  it.each([
    ['smaller than a piece: whole', 9, 10, 0],
    ['exactly a piece: whole', 10, 10, 0],
    ['one row over: two pieces', 11, 10, 2],
    ['many pieces', 95, 10, 10],
  ])('%s', (_name, layers, size, pieces) => {
    const enc = new DeltaEncoder();
    const dec = new DeltaDecoder();
    const want = evaluateModel(chain(layers), { conventions: CONVENTION_IDS });
    const { answer, chunks } = splitRows(enc.encode(want, null), size);
    expect(chunks).toHaveLength(pieces);
    const collector = new ChunkCollector();
    for (const c of chunks) collector.take(cross(c));
    const got = dec.decode(joinRows(cross(answer), collector));
    expect(got).toEqual(want);
  });

  it('pieces of a superseded answer are dropped; a missing piece is an error, never short rows', () => {
    const enc = new DeltaEncoder();
    const collector = new ChunkCollector();
    const first = splitRows(enc.encode(evaluateModel(chain(30)), null), 10);
    const second = splitRows(enc.encode(evaluateModel(chain(30)), null), 10);
    for (const c of first.chunks) collector.take(c);
    for (const c of second.chunks.slice(0, 2)) collector.take(c); // the third never came
    expect(() => joinRows(second.answer, collector)).toThrow(/came with 20 of its 30 rows/);
    // both answers' pieces are gone, so nothing leaks
    expect(() => joinRows(first.answer, collector)).toThrow(/came with 0 of its 30 rows/);
  });

  it(`CHUNK_ITEMS (${CHUNK_ITEMS}) is what the worker uses by default`, () => {
    const enc = new DeltaEncoder();
    const { chunks } = splitRows(enc.encode(evaluateModel(chain(CHUNK_ITEMS + 1)), null));
    expect(chunks.map((c) => c.items.length)).toEqual([CHUNK_ITEMS, 1]);
  });
});

describe('the runtime answer in pieces (runtimeChunks.ts)', () => {
  const req = { dtype: 'fp32', deviceId: 'pixel4-cpu-4t', precision: 'fp32', compare: false } as const;
  it.each([
    ['small: whole', 8, 1000, false],
    ['big: memory points, latency layers and points in pieces', 60, 10, true],
  ])('%s', (_name, layers, size, split) => {
    const want = runtimeOf(chain(layers), req);
    expect(want.latency && 'estimate' in want.latency).toBe(true);
    const { answer, chunks } = splitRuntime(want, 7, size);
    expect(chunks.length > 0).toBe(split);
    expect(new Set(chunks.map((c) => c.field))).toEqual(new Set(split ? ['memory', 'layers', 'points'] : []));
    const collector = new ChunkCollector();
    for (const c of chunks) collector.take(cross(c));
    expect(joinRuntime(cross(answer), collector)).toEqual(want);
  });

  it('a missing piece is an error', () => {
    const { answer, chunks } = splitRuntime(runtimeOf(chain(60), req), 3, 10);
    const collector = new ChunkCollector();
    for (const c of chunks.slice(1)) collector.take(c);
    expect(() => joinRuntime(answer, collector)).toThrow(/answer 3 came with 0 of its \d+ memory/);
  });
});
