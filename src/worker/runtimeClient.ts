/**
 * The runtime view's client: a worker of its own (engine.worker.ts, `runtime`), so estimating
 * 20+ devices never delays the editor's numbers and the evaluation worker's watchdog never
 * cancels it. Started by the first chart panel that needs it (the page without charts never
 * loads it).
 *
 * Latest wins, with the evaluation client's queue (latestWins.ts): at most one request runs and
 * one waits; a newer request replaces the waiting one, and an answer that is no longer the
 * newest resolves to null. A
 * crashed worker is replaced and the newest request re-sent; after MAX_RESTARTS crashes in a
 * row, or without Worker support, the same code runs on the page behind a macrotask.
 */
import { releaseProxy, wrap } from 'comlink';
import { ChunkCollector, isArrayChunk } from './chunks';
import { joinRuntime } from './runtimeChunks';
import type { Model } from '../engine/format/model';
import type { EngineWorkerApi } from './engine.worker';
import { LatestWins, type Job } from './latestWins';
import { ModelEncoder } from './modelSync';
import type { RuntimeAnswer, RuntimeRequest } from './runtime';

export type { RuntimeAnswer, RuntimeRequest, DeviceRun, LatencyView, MemoryView, RuntimeLayer } from './runtime';

/** Computes one answer; rejects when its worker died. */
export interface RuntimeBackend {
  run(model: Model, req: RuntimeRequest): Promise<RuntimeAnswer>;
  terminate(): void;
}

export type SpawnRuntime = () => RuntimeBackend | null;

export const MAX_RESTARTS = 3;

export const pageRuntimeBackend = (): RuntimeBackend => ({
  run: (model, req) =>
    new Promise((resolve, reject) =>
      setTimeout(() => import('./runtime').then((m) => resolve(m.runtimeOfAsync(model, req)), reject), 0),
    ),
  terminate: () => {},
});

export const spawnRuntimeWorker: SpawnRuntime = () => {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'floplab-runtime' });
  } catch {
    return null;
  }
  const api = wrap<EngineWorkerApi>(worker);
  const models = new ModelEncoder();
  // Big arrays arrive ahead of the answer, in pieces (runtimeChunks.ts).
  const pieces = new ChunkCollector();
  worker.addEventListener('message', (e) => {
    if (isArrayChunk(e.data)) pieces.take(e.data);
  });
  let fail: (reason: Error) => void = () => {};
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => {}); // observed through the race below
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(new Error(e.message || 'the runtime worker failed'));
  });
  return {
    run: async (model, req) => {
      try {
        return joinRuntime(await Promise.race([api.runtime(models.encode(model), req), died]), pieces);
      } catch (err) {
        models.reset(); // out of step with the worker: the next model goes in full
        throw err;
      }
    },
    terminate: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
};

interface Asked {
  readonly model: Model;
  readonly req: RuntimeRequest;
}

export class RuntimeClient {
  private backend: RuntimeBackend;
  private readonly queue = new LatestWins<Asked, RuntimeAnswer>((job) => this.send(job));
  private crashesInRow = 0;
  private readonly spawn: SpawnRuntime;
  mode: 'worker' | 'main-thread';

  constructor(spawn: SpawnRuntime = spawnRuntimeWorker) {
    this.spawn = spawn;
    const b = this.create();
    this.backend = b ?? pageRuntimeBackend();
    this.mode = b ? 'worker' : 'main-thread';
  }

  private create(): RuntimeBackend | null {
    try {
      return this.spawn();
    } catch {
      return null;
    }
  }

  /** The answer for (model, req), or null when a newer request superseded it. */
  run(model: Model, req: RuntimeRequest): Promise<RuntimeAnswer | null> {
    return this.queue.submit({ model, req });
  }

  /** Sends a job to the backend (called by the queue). */
  private send(job: Job<Asked, RuntimeAnswer>): void {
    const backend = this.backend;
    let answer: Promise<RuntimeAnswer>;
    try {
      answer = backend.run(job.payload.model, job.payload.req);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      (a) => {
        if (backend !== this.backend) return;
        this.crashesInRow = 0;
        this.queue.finish(job, a);
      },
      () => {
        if (backend !== this.backend) return;
        this.crashed();
      },
    );
  }

  /** The worker died: replace it (or fall back to the page) and send the newest request again. */
  private crashed(): void {
    this.crashesInRow++;
    try {
      this.backend.terminate();
    } catch {
      // Already gone.
    }
    const fresh = this.crashesInRow > MAX_RESTARTS ? null : this.create();
    this.backend = fresh ?? pageRuntimeBackend();
    this.mode = fresh ? 'worker' : 'main-thread';
    const next = this.queue.takeForResend();
    if (next) this.queue.resend(next);
  }

  dispose(): void {
    this.backend.terminate();
    this.backend = pageRuntimeBackend();
    this.queue.clear();
  }
}
