/**
 * The engine client: the only place that creates a Worker.
 *
 * - Latest wins (the queue in latestWins.ts, shared with the runtime client): at most one request
 *   runs in the worker and at most one waits; a newer request replaces the waiting one, and any
 *   answer that is no longer the latest resolves to null.
 * - A request that has run for CANCEL_AFTER_MS while a newer one waits (or was answered on the
 *   page) is cancelled: the worker
 *   is terminated and a fresh one takes the newer request (a typo like `times: 1e9` cannot stall
 *   the page's numbers once it is corrected).
 * - A crashed worker (error event, or `kill()` from the test hook) is replaced and the latest
 *   request is sent again. After MAX_RESTARTS crashes in a row the client stops trying and runs
 *   the engine on the main thread, as it does from the start when Worker is unavailable.
 * - Small models are evaluated on the page, at once (`evaluateNow`, option `inlineRows`): a
 *   worker's answer always arrives after the browser has painted the edit (it waits behind the
 *   edit's own task and the frame that follows), so numbers from the worker are always at least
 *   one frame behind the edit. A model of at most `inlineRows` rows (counted before evaluating,
 *   src/engine/work.ts, so a `times: 1e9` typo never runs here) takes well under a millisecond
 *   warm, and its numbers appear in the same frame as the edit. Everything larger goes to the worker.
 */
import { releaseProxy, wrap } from 'comlink';
import { evaluateModel, type ModelResult } from '../engine/evaluate';
import type { Model } from '../engine/format/model';
import { evaluationRows } from '../engine/work';
import type { EngineWorkerApi } from './engine.worker';
import { DeltaDecoder, joinRows } from './delta';
import { ChunkCollector, isArrayChunk } from './chunks';
import { LatestWins, type Job } from './latestWins';
import { ModelEncoder } from './modelSync';

/** Something that can evaluate: a worker behind comlink, the main thread, or a fake in tests. */
export interface EngineBackend {
  evaluate(model: Model, conventions: readonly string[]): Promise<ModelResult>;
  terminate(): void;
}

/** Creates a backend, or returns null when it cannot (no Worker). `onCrash` reports its death. */
export type SpawnBackend = (onCrash: (reason: string) => void) => EngineBackend | null;

export type EngineMode = 'worker' | 'main-thread';

/** Crashes in a row (without a successful answer between them) before giving up on workers. */
export const MAX_RESTARTS = 3;
/** How long a superseded evaluation may keep running before its worker is replaced. */
export const CANCEL_AFTER_MS = 1500;

export const mainThreadBackend = (): EngineBackend => ({
  // A macrotask first, so a burst of edits collapses to the latest before the engine runs.
  evaluate: (model, conventions) =>
    new Promise((resolve) => setTimeout(() => resolve(evaluateModel(model, { conventions })), 0)),
  terminate: () => {},
});

/** Performance marks around the worker round trip (read by `npm run bench:ui`). */
const mark = (name: string): void => {
  try {
    performance.mark(name);
  } catch {
    // A measurement aid only.
  }
};

/** The real thing: a module worker running engine.worker.ts, wrapped with comlink. */
export const spawnWebWorker: SpawnBackend = (onCrash) => {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'floplab-engine' });
  } catch {
    return null;
  }
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    onCrash(e.message || 'the engine worker failed');
  });
  worker.addEventListener('messageerror', () => onCrash('the engine worker sent an unreadable message'));
  const api = wrap<EngineWorkerApi>(worker);
  // A big answer's rows arrive first, in pieces (delta.ts), each decoded in a task of its own.
  const pieces = new ChunkCollector();
  worker.addEventListener('message', (e) => {
    if (isArrayChunk(e.data)) pieces.take(e.data);
  });
  // The client sends one request at a time per worker, so answers arrive in order.
  const results = new DeltaDecoder();
  const models = new ModelEncoder();
  return {
    evaluate: async (model, conventions) => {
      try {
        const wire = models.encode(model);
        mark('floplab:worker-sent');
        const delta = await api.evaluate(wire, conventions, results.base);
        mark('floplab:worker-answered');
        return results.decode(joinRows(delta, pieces));
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

export interface EngineClientOptions {
  readonly conventions: readonly string[];
  readonly spawn?: SpawnBackend;
  readonly cancelAfterMs?: number;
  /**
   * Keep a warmed-up spare worker while idle, so a crash is recovered without loading a worker
   * (issue 8 asks for the same numbers within a second). Costs one idle worker's memory.
   */
  readonly spare?: boolean;
  /** Largest model (rows, src/engine/work.ts) that `evaluateNow` evaluates on the page; 0: none. */
  readonly inlineRows?: number;
}

/** What a spare evaluates once, to load and compile the engine before it is needed. */
const WARM_UP: Model = { format: 'floplab.model/2', input: [3, 8, 8], layers: [{ type: 'conv2d', out: 4, kernel: 3 }] };

export class EngineClient {
  private backend: EngineBackend;
  private generation = 0;
  private readonly queue = new LatestWins<Model, ModelResult>((job) => this.send(job));
  private crashesInRow = 0;
  private runningSince = 0;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private readonly conventions: readonly string[];
  private readonly spawn: SpawnBackend;
  private readonly cancelAfterMs: number;
  private readonly useSpare: boolean;
  private readonly inlineRows: number;
  private spare: EngineBackend | null = null;
  /** How many times a crashed worker was replaced. */
  restarts = 0;
  /** How many long-running, superseded evaluations were cancelled by replacing the worker. */
  cancels = 0;
  mode: EngineMode;

  constructor(opts: EngineClientOptions) {
    this.conventions = opts.conventions;
    this.spawn = opts.spawn ?? spawnWebWorker;
    this.cancelAfterMs = opts.cancelAfterMs ?? CANCEL_AFTER_MS;
    this.useSpare = opts.spare ?? false;
    this.inlineRows = opts.inlineRows ?? 0;
    const b = this.create();
    this.backend = b ?? mainThreadBackend();
    this.mode = b ? 'worker' : 'main-thread';
  }

  private create(): EngineBackend | null {
    let b: EngineBackend | null = null;
    try {
      b = this.spawn((reason) => {
        // Only the backend in use counts as a crash; a dead spare is just dropped.
        if (b && b === this.backend) this.crashed(reason);
        else if (b && b === this.spare) this.dropSpare();
      });
    } catch {
      return null;
    }
    return b;
  }

  /** Starts a spare worker when idle, warmed up by one tiny evaluation. */
  private prepareSpare(): void {
    if (!this.useSpare || this.spare || this.queue.running || this.mode !== 'worker') return;
    const spare = this.create();
    if (!spare) return;
    this.spare = spare;
    spare.evaluate(WARM_UP, this.conventions).then(
      // A worker answered: crashes before this were not "in a row" (small models are answered on
      // the page, so the worker in use may never answer anything itself).
      () => void (this.crashesInRow = 0),
      () => {
        if (this.spare === spare) this.dropSpare();
      },
    );
  }

  private dropSpare(): void {
    try {
      this.spare?.terminate();
    } catch {
      // Already gone.
    }
    this.spare = null;
  }

  /**
   * Evaluates `model` on the page right now if it is small enough (see the header), and returns
   * its result; otherwise returns null and the caller uses `evaluate`. A result from here is the
   * newest: any request still in the worker will resolve to null.
   */
  evaluateNow(model: Model, limit = this.inlineRows): ModelResult | null {
    if (this.inlineRows <= 0 || limit <= 0) return null;
    let result: ModelResult;
    try {
      if (evaluationRows(model, limit) > limit) return null;
      result = evaluateModel(model, { conventions: this.conventions });
    } catch {
      return null; // neither throws by contract; if one did, the worker path reports it
    }
    this.queue.supersede(); // the running request, if any, is now stale and resolves to null
    this.armWatchdog(); // a stale request still running (a slow model before this edit) is cancelled
    return result;
  }

  /** Evaluates `model`; resolves to null when a newer request superseded this one. */
  evaluate(model: Model): Promise<ModelResult | null> {
    const answer = this.queue.submit(model);
    if (this.queue.waiting) this.armWatchdog(); // it waits behind a running request
    return answer;
  }

  /** Cancels the running request if it is still running, and stale, `cancelAfterMs` after it started. */
  private armWatchdog(): void {
    const run = this.queue.running;
    if (this.watchdog || this.mode !== 'worker' || !run) return;
    const delay = Math.max(0, this.runningSince + this.cancelAfterMs - Date.now());
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      // Cancel only a request that is stale: a newer one waits, or was answered on the page.
      if (this.queue.running !== run || !this.queue.isStale(run)) return;
      this.cancels++;
      this.replaceBackend(false);
    }, delay);
  }

  private clearWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Sends a job to the backend (called by the queue). */
  private send(job: Job<Model, ModelResult>): void {
    this.runningSince = Date.now();
    const gen = this.generation;
    let answer: Promise<ModelResult>;
    try {
      answer = this.backend.evaluate(job.payload, this.conventions);
    } catch (err) {
      answer = Promise.reject(err);
    }
    answer.then(
      (result) => {
        if (gen !== this.generation) return; // a crash already re-sent it
        this.crashesInRow = 0;
        this.finish(job, result);
      },
      () => {
        if (gen !== this.generation) return;
        // The worker could not take this request (e.g. it could not be cloned): answer it on the
        // page, behind a macrotask like the fallback backend, unless nobody wants the answer by
        // then (an edit in between made it stale).
        setTimeout(() => {
          if (gen !== this.generation) return;
          if (this.queue.isStale(job)) this.finish(job, null);
          else this.finish(job, evaluateModel(job.payload, { conventions: this.conventions }));
        }, 0);
      },
    );
  }

  /** `result` null: the job is stale and its answer was not computed. */
  private finish(job: Job<Model, ModelResult>, result: ModelResult | null): void {
    this.clearWatchdog();
    this.queue.finish(job, result); // starts the waiting request, if any
    if (!this.queue.running) this.prepareSpare();
  }

  private crashed(_reason: string): void {
    this.crashesInRow++;
    this.restarts++;
    this.replaceBackend(this.crashesInRow > MAX_RESTARTS);
  }

  /** Drops the current backend (crashed or busy with a stale request) and re-sends the newest request. */
  private replaceBackend(giveUpOnWorkers: boolean): void {
    this.clearWatchdog();
    this.generation++;
    try {
      this.backend.terminate();
    } catch {
      // It is already gone.
    }
    const spare = this.spare;
    this.spare = null;
    if (giveUpOnWorkers && spare) spare.terminate();
    const fresh = giveUpOnWorkers ? null : (spare ?? this.create());
    this.backend = fresh ?? mainThreadBackend();
    this.mode = fresh ? 'worker' : 'main-thread';
    // Re-send the latest request: the waiting one if any, else the running one unless it is stale
    // (superseded by a waiting one, or answered on the page).
    const next = this.queue.takeForResend();
    if (next) this.queue.resend(next);
    else this.prepareSpare(); // idle with the spare used up: prepare the next one
  }

  /** Test hook (issue 8's recovery test): kill the worker as a crash would. True if a request was re-sent. */
  kill(): boolean {
    const busy = this.queue.running !== null;
    this.crashed('killed by test hook');
    return busy;
  }

  dispose(): void {
    this.clearWatchdog();
    this.dropSpare();
    this.generation++;
    this.backend.terminate();
    this.queue.clear();
  }
}
