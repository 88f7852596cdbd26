// The engine client (src/worker/client.ts) with a fake worker: latest-wins, crash restart and
// main-thread fallback, as issue 3 ("Engine in a Web Worker") and the state/ui contract ask.
import { describe, expect, it } from 'vitest';
import {
  EngineClient,
  MAX_RESTARTS,
  spawnWebWorker,
  type EngineBackend,
  type SpawnBackend,
} from '../../../src/worker/client';
import { evaluateModel, type ModelResult } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';

const model = (name: string): Model => ({
  format: 'floplab.model/2',
  name,
  input: [3, 8, 8],
  layers: [{ type: 'conv2d', out: 4, kernel: 3 }],
});

/** A fake result that says which model it is for. */
const fakeResult = (m: Model) => ({ fake: m.name }) as unknown as ModelResult;

interface Call {
  readonly model: Model;
  answer(): void;
  fail(): void;
}
interface FakeWorker extends EngineBackend {
  readonly calls: Call[];
  crash(): void;
  terminated: boolean;
}

/** Fake workers whose answers the test releases one by one. */
function fakes(): { spawn: SpawnBackend; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const spawn: SpawnBackend = (onCrash) => {
    const w: FakeWorker = {
      calls: [],
      terminated: false,
      evaluate(m) {
        return new Promise<ModelResult>((resolve, reject) => {
          w.calls.push({ model: m, answer: () => resolve(fakeResult(m)), fail: () => reject(new Error('clone')) });
        });
      },
      terminate() {
        w.terminated = true;
      },
      crash: () => onCrash('boom'),
    };
    workers.push(w);
    return w;
  };
  return { spawn, workers };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('latest wins', () => {
  it('one request gets its result', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    expect(c.mode).toBe('worker');
    const p = c.evaluate(model('a'));
    workers[0].calls[0].answer();
    expect(await p).toEqual({ fake: 'a' });
  });

  it('requests made while one runs: only the newest is sent, the others resolve to null', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const p1 = c.evaluate(model('m1'));
    const p2 = c.evaluate(model('m2'));
    const p3 = c.evaluate(model('m3'));
    expect(await p2).toBeNull(); // replaced while waiting, never sent
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['m1']);
    workers[0].calls[0].answer();
    expect(await p1).toBeNull(); // answered, but m3 is newer
    await tick();
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['m1', 'm3']);
    workers[0].calls[1].answer();
    expect(await p3).toEqual({ fake: 'm3' });
  });

  it('100 rapid edits cost two evaluations and end on the last model', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const ps = Array.from({ length: 100 }, (_, i) => c.evaluate(model(`e${i}`)));
    workers[0].calls[0].answer();
    await tick();
    workers[0].calls[1].answer();
    const results = await Promise.all(ps);
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['e0', 'e99']);
    expect(results.filter((r) => r !== null)).toEqual([{ fake: 'e99' }]);
  });

  it('a request the worker cannot take is answered on the main thread', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const p = c.evaluate(model('x'));
    workers[0].calls[0].fail();
    const r = await p;
    expect(r?.totals).toEqual(evaluateModel(model('x'), { conventions: ['exact'] }).totals);
  });

  it('… unless an edit made it stale before the page got to it (the edit answered on the page)', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, inlineRows: 10 });
    let reads = 0;
    const big: Model = { ...model('big'), layers: Array.from({ length: 20 }, () => ({ type: 'relu' })) };
    const watched = Object.defineProperty({ ...big }, 'layers', { get: () => (reads++, big.layers) }) as Model;
    const p = c.evaluate(watched);
    workers[0].calls[0].fail(); // the page would answer it after a macrotask…
    await Promise.resolve();
    expect(c.evaluateNow(model('small'))).not.toBeNull(); // …but this edit comes first
    expect(await p).toBeNull();
    await tick();
    expect(reads).toBe(0);
  });

  it('a request the worker cannot take, already superseded: not evaluated anywhere, the newer one goes', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    // Counts reads of its layers: evaluating it on the page would read them.
    let reads = 0;
    const x = model('x');
    const watched = Object.defineProperty({ ...x }, 'layers', { get: () => (reads++, x.layers) }) as Model;
    const p = c.evaluate(watched);
    const q = c.evaluate(model('y'));
    workers[0].calls[0].fail();
    expect(await p).toBeNull();
    await tick();
    expect(reads).toBe(0);
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['x', 'y']);
    workers[0].calls[1].answer();
    expect(await q).toEqual({ fake: 'y' });
  });
});

describe('cancelling a long evaluation', () => {
  it('a request still running after cancelAfterMs while a newer one waits: the worker is replaced', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, cancelAfterMs: 20 });
    const slow = c.evaluate(model('times: 1e9'));
    const fixed = c.evaluate(model('times: 1'));
    expect(await slow).toBeNull();
    expect(workers[0].terminated).toBe(true);
    expect(workers[1].calls.map((x) => x.model.name)).toEqual(['times: 1']);
    expect(c.cancels).toBe(1);
    expect(c.restarts).toBe(0);
    workers[1].calls[0].answer();
    expect(await fixed).toEqual({ fake: 'times: 1' });
  });

  it('a slow request with nobody waiting is left to finish', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, cancelAfterMs: 5 });
    const p = c.evaluate(model('slow'));
    await new Promise((r) => setTimeout(r, 30));
    expect(workers).toHaveLength(1);
    workers[0].calls[0].answer();
    expect(await p).toEqual({ fake: 'slow' });
  });

  it('an answer before the deadline disarms it', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, cancelAfterMs: 30 });
    const p1 = c.evaluate(model('a'));
    const p2 = c.evaluate(model('b'));
    workers[0].calls[0].answer();
    expect(await p1).toBeNull();
    await tick();
    workers[0].calls[1].answer();
    expect(await p2).toEqual({ fake: 'b' });
    await new Promise((r) => setTimeout(r, 50));
    expect(workers).toHaveLength(1);
    expect(c.cancels).toBe(0);
  });
});

describe('crash and restart', () => {
  it('a crashed worker is replaced and the running request re-sent; its late answer is ignored', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const p = c.evaluate(model('a'));
    workers[0].crash();
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(c.restarts).toBe(1);
    expect(workers[1].calls.map((x) => x.model.name)).toEqual(['a']);
    workers[0].calls[0].answer(); // the dead worker's answer must not count twice
    workers[1].calls[0].answer();
    expect(await p).toEqual({ fake: 'a' });
  });

  it('kill() (window.__floplab.killWorker) behaves as a crash and re-sends the newest request', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const p1 = c.evaluate(model('old'));
    const p2 = c.evaluate(model('new'));
    c.kill();
    expect(await p1).toBeNull();
    expect(workers[1].calls.map((x) => x.model.name)).toEqual(['new']);
    workers[1].calls[0].answer();
    expect(await p2).toEqual({ fake: 'new' });
  });

  it('a crash report from a worker already replaced is ignored', () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    workers[0].crash();
    workers[0].crash();
    expect(c.restarts).toBe(1);
    expect(workers).toHaveLength(2);
  });

  it(`after ${MAX_RESTARTS + 1} crashes in a row it runs the engine on the main thread`, async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    const p = c.evaluate(model('m'));
    for (let i = 0; i <= MAX_RESTARTS; i++) workers[i].crash();
    expect(workers).toHaveLength(MAX_RESTARTS + 1);
    expect(c.mode).toBe('main-thread');
    const r = await p;
    expect(r?.totals).toEqual(evaluateModel(model('m'), { conventions: ['exact'] }).totals);
  });

  it('an answer in between resets the crash count', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_RESTARTS; i++) workers[workers.length - 1].crash();
      const p = c.evaluate(model(`r${round}`));
      const w = workers[workers.length - 1];
      w.calls[w.calls.length - 1].answer();
      await p;
    }
    expect(c.mode).toBe('worker');
    expect(c.restarts).toBe(3 * MAX_RESTARTS);
  });
});

describe('spare worker (spare: true)', () => {
  it('is started and warmed up once idle, and takes over at a crash with the re-sent request', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, spare: true });
    expect(workers).toHaveLength(1); // no spare before the first answer: it would compete for the CPU
    const p = c.evaluate(model('a'));
    workers[0].calls[0].answer();
    await p;
    expect(workers).toHaveLength(2);
    expect(workers[1].calls.map((x) => x.model.name)).toEqual([undefined]); // the warm-up model
    const q = c.evaluate(model('b'));
    workers[0].crash();
    expect(workers).toHaveLength(2); // nothing spawned at the crash: the spare took over
    expect(workers[1].calls.map((x) => x.model.name)).toEqual([undefined, 'b']);
    workers[1].calls[1].answer();
    expect(await q).toEqual({ fake: 'b' });
    expect(workers).toHaveLength(3); // and a new spare is prepared
  });

  it('a spare that answers its warm-up resets the crash count (a worker does work)', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, spare: true, inlineRows: 10 });
    for (let i = 0; i < MAX_RESTARTS + 2; i++) {
      c.kill(); // idle: small models are answered on the page, the worker in use never answers
      await tick();
      const spare = workers[workers.length - 1];
      spare.calls[0]?.answer(); // its warm-up
      await tick();
    }
    expect(c.mode).toBe('worker');
    expect(c.restarts).toBe(MAX_RESTARTS + 2);
  });

  it('a spare that dies is dropped without counting as a crash', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, spare: true });
    const p = c.evaluate(model('a'));
    workers[0].calls[0].answer();
    await p;
    workers[1].crash();
    expect(workers[1].terminated).toBe(true);
    expect(c.restarts).toBe(0);
    const q = c.evaluate(model('b'));
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['a', 'b']);
    workers[0].calls[1].answer();
    expect(await q).toEqual({ fake: 'b' });
  });
});

describe('main-thread fallback', () => {
  it.each([
    ['Worker is unavailable', (() => null) as SpawnBackend],
    [
      'creating the worker throws',
      (() => {
        throw new Error('blocked by CSP');
      }) as SpawnBackend,
    ],
  ])('%s: evaluates with the same engine', async (_why, spawn) => {
    const c = new EngineClient({ conventions: ['exact', 'torchvision'], spawn });
    expect(c.mode).toBe('main-thread');
    const r = await c.evaluate(model('m'));
    expect(r).toEqual(evaluateModel(model('m'), { conventions: ['exact', 'torchvision'] }));
  });

  it('the real spawner reports "no worker" in Node, where Worker does not exist', () => {
    expect(typeof Worker).toBe('undefined');
    expect(spawnWebWorker(() => {})).toBeNull();
  });

  it('latest wins on the main thread too', async () => {
    const c = new EngineClient({ conventions: ['exact'], spawn: () => null });
    const [a, b, d] = await Promise.all([c.evaluate(model('a')), c.evaluate(model('b')), c.evaluate(model('d'))]);
    expect(a).toBeNull();
    expect(b).toBeNull();
    expect(d?.rows).toHaveLength(1);
  });
});

describe('small models on the page (evaluateNow, inlineRows)', () => {
  /** `rows` convolutions: exactly `rows` rows (src/engine/work.ts). */
  const stack = (name: string, rows: number): Model => ({
    ...model(name),
    layers: Array.from({ length: rows }, () => ({ type: 'conv2d', out: 3, kernel: 1 })),
  });

  it('is off unless asked for: every request goes to the worker', () => {
    const { spawn } = fakes();
    expect(new EngineClient({ conventions: ['exact'], spawn }).evaluateNow(model('a'))).toBeNull();
  });

  it('evaluates up to inlineRows rows at once, with the same engine; one more row goes to the worker', () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact', 'thop'], spawn, inlineRows: 10 });
    const small = stack('small', 10);
    expect(c.evaluateNow(small)).toEqual(evaluateModel(small, { conventions: ['exact', 'thop'] }));
    expect(c.evaluateNow(stack('big', 11))).toBeNull();
    // A repeat typo is counted before anything runs (this would take minutes to evaluate).
    const typo: Model = { ...model('typo'), layers: [{ type: 'repeat', times: 1e9, body: [{ type: 'relu' }] }] };
    expect(c.evaluateNow(typo)).toBeNull();
    expect(workers[0].calls).toHaveLength(0);
  });

  it('an answer on the page supersedes the request in the worker and the one waiting', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, inlineRows: 10 });
    const running = c.evaluate(stack('big', 20));
    const waiting = c.evaluate(stack('bigger', 30));
    expect(c.evaluateNow(stack('small', 2))?.rows).toHaveLength(2);
    expect(await waiting).toBeNull();
    workers[0].calls[0].answer();
    expect(await running).toBeNull(); // answered, but the page's result is newer
    await tick();
    expect(workers[0].calls).toHaveLength(1); // nothing was sent after it
  });

  it('a stale request still running cancelAfterMs later is cancelled, and not re-sent', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, inlineRows: 10, cancelAfterMs: 20 });
    const slow = c.evaluate(stack('times: 1e9', 20));
    c.evaluateNow(stack('fixed', 1));
    expect(await slow).toBeNull();
    expect(workers[0].terminated).toBe(true);
    expect(c.cancels).toBe(1);
    expect(workers[1].calls).toHaveLength(0); // the stale model is not sent to the new worker
    const next = c.evaluate(stack('big again', 20));
    workers[1].calls[0].answer();
    expect(await next).toEqual({ fake: 'big again' });
  });

  it('a model whose repeat loops 1e9 times over an empty body is never evaluated on the page', () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, inlineRows: 500 });
    const loop: Model = { ...model('loop'), layers: [{ type: 'repeat', times: 1e9, body: [] }] };
    expect(c.evaluateNow(loop)).toBeNull();
    void c.evaluate(loop); // the worker takes it (and its watchdog can cancel it)
    expect(workers[0].calls.map((x) => x.model.name)).toEqual(['loop']);
  });

  it('a crash while a stale request runs: the worker is replaced, the stale model is not re-sent', async () => {
    const { spawn, workers } = fakes();
    const c = new EngineClient({ conventions: ['exact'], spawn, inlineRows: 10 });
    const stale = c.evaluate(stack('big', 20));
    c.evaluateNow(stack('small', 1));
    workers[0].crash();
    expect(await stale).toBeNull();
    expect(c.restarts).toBe(1);
    expect(workers[1].calls).toHaveLength(0);
  });
});
