/**
 * Starts the state side of the app once, before the first render: restore the autosave or open
 * the link in the URL, then keep the evaluation running. main.tsx calls it.
 */
import { startEvaluation } from './evaluation';
import { startPersistence } from './persistence';

let stop: (() => void) | null = null;

export function startState(): () => void {
  if (stop) return stop;
  const stopPersistence = startPersistence();
  const stopEvaluation = startEvaluation();
  stop = () => {
    stopEvaluation();
    stopPersistence();
    stop = null;
  };
  return stop;
}
