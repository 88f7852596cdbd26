/**
 * Opening, task 2: the state side (stores, autosave, the link codec and its deflate, the interface
 * language) — evaluated here, then main.tsx opens the user's model with `startState` in a task
 * of its own.
 */
export { startState } from '../state/boot';
export { captureLink, useTeaching } from '../ui/teaching/store';
export { restoreLanguage } from '../ui/i18n';
