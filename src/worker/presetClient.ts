/**
 * The preset picker's numbers, counted once per page by the engine off the main thread.
 *
 * The first `start()` (when the picker first opens) spawns a worker of its own running
 * engine.worker.ts's `presetSummaries`, asks for the presets in small batches (counting all ~55
 * takes 1–2 s, so rows fill in as batches arrive instead of all at the end), and terminates it
 * when the last batch is in. Later opens read the cache. A separate worker, as for imports
 * (importClient.ts): the evaluation worker's watchdog replaces a worker that is busy while a
 * newer evaluation waits, which would lose a batch, and the picker must not delay the editor's
 * numbers. Without Worker support, or if the worker dies, the rest is counted on the page, one
 * batch per macrotask so the page stays responsive.
 */
import { releaseProxy, wrap } from 'comlink';
import type { EngineWorkerApi } from './engine.worker';
import type { PresetSummary, PresetSummaryResult } from './presetSummaries';

export type { PresetSummary, PresetSummaryResult } from './presetSummaries';

export interface PresetSummarySnapshot {
  /** Summaries received so far (a summary, or `{ name, error }`). */
  readonly byName: ReadonlyMap<string, PresetSummaryResult>;
  readonly done: boolean;
  readonly mode: 'idle' | 'worker' | 'main-thread';
}

/** Presets per request: small enough that the first rows show within ~0.2 s. */
export const BATCH = 6;

type Counter = (names: readonly string[]) => Promise<PresetSummaryResult[]>;

const countOnPage: Counter = (names) =>
  new Promise((resolve, reject) =>
    setTimeout(() => import('./presetSummaries').then((m) => resolve(m.presetSummaries(names)), reject), 0),
  );

function spawnCounter(): { count: Counter; stop(): void } | null {
  if (typeof Worker === 'undefined') return null;
  let worker: Worker;
  try {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'floplab-presets' });
  } catch {
    return null;
  }
  const api = wrap<EngineWorkerApi>(worker);
  let fail: (reason: Error) => void = () => {};
  const died = new Promise<never>((_, reject) => (fail = reject));
  died.catch(() => {}); // observed through the race below
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    fail(new Error(e.message || 'the preset worker failed'));
  });
  return {
    count: (names) => Promise.race([api.presetSummaries(names), died]),
    stop: () => {
      api[releaseProxy]();
      worker.terminate();
    },
  };
}

/** A cache of summaries with a subscription, for React's useSyncExternalStore. */
export class PresetSummaryStore {
  private snapshot: PresetSummarySnapshot = { byName: new Map(), done: false, mode: 'idle' };
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> | null = null;

  constructor(private readonly spawn: () => { count: Counter; stop(): void } | null = spawnCounter) {}

  get = (): PresetSummarySnapshot => this.snapshot;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** Counts `names` (in this order) unless already started; resolves when all are in. */
  start(names: readonly string[]): Promise<void> {
    this.running ??= this.run(names);
    return this.running;
  }

  private publish(next: Partial<PresetSummarySnapshot>, batch: readonly PresetSummaryResult[] = []): void {
    const byName = new Map(this.snapshot.byName);
    for (const s of batch) byName.set(s.name, s);
    this.snapshot = { ...this.snapshot, ...next, byName };
    for (const fn of this.listeners) fn();
  }

  private async run(names: readonly string[]): Promise<void> {
    let worker = this.spawn();
    this.publish({ mode: worker ? 'worker' : 'main-thread' });
    for (let i = 0; i < names.length; i += BATCH) {
      const batch = names.slice(i, i + BATCH);
      let answer: PresetSummaryResult[];
      try {
        answer = await (worker ? worker.count(batch) : countOnPage(batch));
      } catch (err) {
        if (worker) {
          // The worker died or refused: count the rest on the page.
          worker.stop();
          worker = null;
          this.publish({ mode: 'main-thread' });
          i -= BATCH;
          continue;
        }
        answer = batch.map((name) => ({ name, error: `could not count ${name}: ${(err as Error)?.message ?? err}` }));
      }
      this.publish({}, answer);
    }
    worker?.stop();
    this.publish({ done: true });
  }
}

/** The page's one store: summaries are counted at most once per page load. */
export const presetSummaryStore = new PresetSummaryStore();

export const isSummary = (s: PresetSummaryResult | undefined): s is PresetSummary => !!s && !('error' in s);
