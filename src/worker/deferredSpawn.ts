/**
 * A backend whose worker starts when it is first needed or once the page has gone idle, not while
 * the page opens. Opening evaluates on the page (src/state/evaluation.ts, OPEN_INLINE_ROWS), so the
 * engine worker is not needed then; starting it at once made its script's compile and first run
 * share this 2-core machine with the page's own opening tasks, which then took twice their CPU time
 * on the clock (issue 20: no long task over 50 ms on open).
 */
import type { EngineBackend, SpawnBackend } from './client';

/** The worker is not started before this long after the backend is made (the page's open is done by then)… */
export const AFTER_OPEN_MS = 1000;
/** …and at the latest this long after that, idle moment or not. */
export const START_WITHIN_MS = 2000;

export const deferredSpawn =
  (spawn: SpawnBackend, withinMs = START_WITHIN_MS): SpawnBackend =>
  (onCrash) => {
    if (typeof Worker === 'undefined') return null;
    let inner: EngineBackend | null = null;
    let ended = false;
    const start = (): EngineBackend | null => {
      if (ended) return null;
      if (!inner) {
        inner = spawn(onCrash);
        // It could not start after all: the client treats that as a crash (and, after a few in a
        // row, evaluates on the page).
        if (!inner) setTimeout(() => onCrash('the engine worker could not start'), 0);
      }
      return inner;
    };
    let idleHandle: number | null = null;
    const timer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function')
        idleHandle = requestIdleCallback(() => start(), { timeout: withinMs });
      else start();
    }, AFTER_OPEN_MS);
    return {
      evaluate: (model, conventions) => {
        const b = start();
        return b ? b.evaluate(model, conventions) : Promise.reject(new Error('the engine worker could not start'));
      },
      terminate: () => {
        ended = true;
        clearTimeout(timer);
        if (idleHandle !== null) cancelIdleCallback(idleHandle);
        inner?.terminate();
      },
    };
  };
