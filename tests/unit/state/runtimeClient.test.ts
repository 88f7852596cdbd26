/** RuntimeClient (src/worker/runtimeClient.ts): latest wins, a crashed worker is replaced, page fallback. */
import { describe, expect, it } from 'vitest';
import { RuntimeClient, MAX_RESTARTS, type RuntimeBackend } from '../../../src/worker/runtimeClient';
import type { RuntimeAnswer, RuntimeRequest } from '../../../src/worker/runtime';
import { starterModel } from '../../../src/state/defaults';
import type { Model } from '../../../src/engine/format/model';

const req = (deviceId: string): RuntimeRequest => ({ deviceId, precision: 'fp32', dtype: 'fp32', compare: false });
const tag = (r: RuntimeRequest): RuntimeAnswer => ({
  memory: null,
  latency: { error: r.deviceId! },
  deviceMemory: null,
  placement: null,
  devices: [],
});
const idOf = (a: RuntimeAnswer | null) => (a?.latency && 'error' in a.latency ? a.latency.error : null);

/** A fake worker whose answers are released by hand; `die()` rejects what it holds, as a crash does. */
function fakeWorker() {
  const held: { r: RuntimeRequest; ok: (a: RuntimeAnswer) => void; fail: (e: Error) => void }[] = [];
  const backend: RuntimeBackend = {
    run: (_m: Model, r) => new Promise((ok, fail) => held.push({ r, ok, fail })),
    terminate: () => {},
  };
  return {
    backend,
    held,
    answer: () => held.splice(0, 1).forEach((h) => h.ok(tag(h.r))),
    die: () => held.splice(0).forEach((h) => h.fail(new Error('crash'))),
  };
}

describe('RuntimeClient', () => {
  it('latest wins: a request superseded while waiting resolves to null and never runs', async () => {
    const w = fakeWorker();
    const c = new RuntimeClient(() => w.backend);
    const a = c.run(starterModel(), req('a'));
    const b = c.run(starterModel(), req('b'));
    const d = c.run(starterModel(), req('d'));
    expect(await b).toBeNull();
    w.answer(); // 'a' finishes; it is no longer the newest
    expect(await a).toBeNull();
    await Promise.resolve();
    expect(w.held.map((h) => h.r.deviceId)).toEqual(['d']);
    w.answer();
    expect(idOf(await d)).toBe('d');
  });

  it('a crash re-sends the newest request to a new worker', async () => {
    const workers = [fakeWorker(), fakeWorker()];
    let n = 0;
    const c = new RuntimeClient(() => workers[n++].backend);
    const a = c.run(starterModel(), req('a'));
    workers[0].die();
    await new Promise((r) => setTimeout(r, 0));
    expect(workers[1].held.map((h) => h.r.deviceId)).toEqual(['a']);
    workers[1].answer();
    expect(idOf(await a)).toBe('a');
    expect(c.mode).toBe('worker');
  });

  it(`after ${MAX_RESTARTS} crashes in a row it computes on the page`, async () => {
    const c = new RuntimeClient(() => ({ run: () => Promise.reject(new Error('crash')), terminate: () => {} }));
    const a = await c.run(starterModel(), { ...req('jetson-nano'), compare: false });
    expect(c.mode).toBe('main-thread');
    expect(a?.latency && !('error' in a.latency) && a.latency.estimate.device).toBe('jetson-nano');
  });

  it('without Worker support it starts on the page', async () => {
    const c = new RuntimeClient(() => null);
    expect(c.mode).toBe('main-thread');
    expect((await c.run(starterModel(), req('jetson-nano')))?.memory?.points.length).toBeGreaterThan(0);
  });
});
