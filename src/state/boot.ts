/**
 * Starts the state side of the app once, before the first render: restore the autosave or open
 * the link in the URL, then keep the evaluation running. main.tsx calls it.
 */
import { startEvaluation, useEvaluationStore } from './evaluation';
import { confirmOpened, startPersistence, type PersistenceOptions } from './persistence';

let stop: (() => void) | null = null;

/**
 * Calls `done` once the first result is committed and the frame showing it is out: the opened
 * model has been evaluated and drawn, so it did not crash the tab while opening (safeMode.ts).
 */
function whenFirstShown(done: () => void): () => void {
  let fired = false;
  const fire = () => {
    if (fired) return;
    fired = true;
    unsubscribe();
    const later = () => setTimeout(done, 0);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(later);
    else later();
  };
  const unsubscribe = useEvaluationStore.subscribe((s) => {
    if (s.result && !s.pending) fire();
  });
  const s = useEvaluationStore.getState();
  if (s.result && !s.pending) fire();
  return unsubscribe;
}

/** `linkExtras`: what the live URL carries besides the editor's state (see persistence.ts). */
export function startState(opts: Pick<PersistenceOptions, 'linkExtras'> = {}): () => void {
  if (stop) return stop;
  const stopPersistence = startPersistence(opts);
  const stopEvaluation = startEvaluation();
  const stopWatching = whenFirstShown(confirmOpened);
  stop = () => {
    stopWatching();
    stopEvaluation();
    stopPersistence();
    stop = null;
  };
  return stop;
}
