/**
 * Starts the state side of the app once, before the first render: restore the autosave or open
 * the link in the URL, then keep the evaluation running. main.tsx calls it.
 */
import { startEvaluation } from './evaluation';
import { startPersistence, type PersistenceOptions } from './persistence';

let stop: (() => void) | null = null;

/** `linkExtras`: what the live URL carries besides the editor's state (see persistence.ts). */
export function startState(opts: Pick<PersistenceOptions, 'linkExtras'> = {}): () => void {
  if (stop) return stop;
  const stopPersistence = startPersistence(opts);
  const stopEvaluation = startEvaluation();
  stop = () => {
    stopEvaluation();
    stopPersistence();
    stop = null;
  };
  return stop;
}
