/**
 * Keeps an evaluation of the current model: every model change is sent to the engine client
 * with every convention at once, so switching convention in the UI needs no round trip. A small
 * model (≤ INLINE_ROWS rows) is evaluated at once on the page, anything larger in the worker (or
 * on the main thread as a fallback). Latest wins: an answer for an older model is dropped.
 *
 * Performance marks (read by `npm run bench:ui`): 'floplab:edit' when the model changes,
 * 'floplab:result' when the matching result is committed to this store.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { ALL_CONVENTION_IDS } from '../engine/conventions/registry';
import type { ModelResult } from '../engine/evaluate';
import type { Model } from '../engine/format/model';
import { EngineClient, spawnWebWorker, type EngineMode } from '../worker/client';
import { deferredSpawn } from '../worker/deferredSpawn';
import { useEditor } from './store';
import { useSlowFlag, useTransitioned } from './transition';

export interface EvaluationState {
  readonly result: ModelResult | null;
  /** The model `result` is for (views match its rows to the editor's model, which may be newer). */
  readonly model: Model | null;
  /** True while the shown result is older than the model (an evaluation is under way). */
  readonly pending: boolean;
}

export const useEvaluationStore = create<EvaluationState>(() => ({ result: null, model: null, pending: true }));

const mark = (name: string): void => {
  try {
    performance.mark(name);
  } catch {
    // Marks are a measurement aid; an environment without them still evaluates.
  }
};

/**
 * Models up to this many rows (src/engine/work.ts) are evaluated on the page in the edit's own
 * task (EngineClient.evaluateNow); larger ones in the worker. The largest zoo models below it
 * (DenseNet-121, 431 rows) take ~3.5 ms cold and ~1 ms warm for all conventions (Node, this
 * machine); ResNet-50 (179 rows) 0.7 ms warm. See docs/performance.md.
 */
export const INLINE_ROWS = 500;

/**
 * The first evaluation after the page opens is done on the page up to this many rows: the worker
 * is not loaded yet then (its script fetched and compiled, ~0.2–0.3 s on a cold open), while the
 * engine evaluates 2,000 rows in a few milliseconds. Opening a ResNet-152 link (519 rows) thus
 * shows its numbers without waiting for the worker (issue 20). Later edits use INLINE_ROWS.
 */
export const OPEN_INLINE_ROWS = 2000;

/**
 * An evaluation on the page above INLINE_ROWS that took longer than this sends the next edits to
 * the worker for a while (a third of a frame: the edit still renders and paints in the same frame).
 */
export const PAGE_EDIT_BUDGET_MS = 6;

/** How many edits go to the worker after a slow one on the page, before the page is tried again. */
export const PAGE_SLOW_SKIP = 3;

/** Where the latest committed result was computed (test hook `answeredBy`). */
let answeredBy: 'page' | 'worker' | null = null;

interface Running {
  readonly client: EngineClient;
  readonly stop: () => void;
}
let running: Running | null = null;

/**
 * Test hooks on window.__floplab (killWorker: issue 8's recovery test). Installed only where
 * __FLOPLAB_TEST_HOOKS__ is true (the e2e build `vite build --mode e2e`, the dev server, vitest);
 * in the production build the call below is `if (false)`, so the hooks are not even in the bundle.
 */
export interface FloplabHooks {
  killWorker(): void;
  engineMode(): EngineMode;
  workerRestarts(): number;
  /** Where the latest result was computed: on the page (a small model) or in the worker. */
  answeredBy(): 'page' | 'worker' | null;
  /** The editor store, for e2e tests and bench:ui (e.g. `__floplab.editor.getState().setModel(m)`). */
  editor: typeof useEditor;
}

function installHooks(client: EngineClient, reevaluate: () => void): void {
  if (typeof window === 'undefined') return;
  const w = window as unknown as { __floplab?: Partial<FloplabHooks> };
  w.__floplab = {
    ...w.__floplab,
    // A kill mid-request re-sends it; a kill while idle loses nothing, but re-evaluating shows the new worker answers.
    killWorker: () => {
      if (!client.kill()) reevaluate();
    },
    engineMode: () => client.mode,
    workerRestarts: () => client.restarts,
    answeredBy: () => answeredBy,
    editor: useEditor,
  };
}

/**
 * Starts evaluating the editor's model (idempotent). `client` lets tests pass a fake-backed one.
 * Returns a function that stops it.
 */
export function startEvaluation(client?: EngineClient): () => void {
  if (running) return running.stop;
  // The worker starts once the page has opened (or when a model first needs it): deferredSpawn.ts.
  const c =
    client ??
    new EngineClient({
      conventions: ALL_CONVENTION_IDS,
      spare: true,
      inlineRows: INLINE_ROWS,
      spawn: deferredSpawn(spawnWebWorker),
    });
  let first = true;
  // Models above INLINE_ROWS (up to OPEN_INLINE_ROWS) are evaluated on the page while that stays
  // cheap (issue 20: ResNet-152, DenseNet-201 in the edit's frame): the page's engine reuses the rows
  // of every layer object it saw before, so an edit costs about its changed rows, not the model's
  // size. What decides is the time the last one took, not a row count: one that took longer than
  // PAGE_EDIT_BUDGET_MS sends the next PAGE_SLOW_SKIP edits to the worker, then the page is tried again.
  let skipPage = 0;
  const request = (model: Model) => {
    mark('floplab:edit');
    // A small model is evaluated here and now: this runs inside the edit's own event handler, so
    // React renders the edit and its numbers together and the next frame shows both.
    const t0 = performance.now();
    const now = c.evaluateNow(model, first || skipPage === 0 ? OPEN_INLINE_ROWS : INLINE_ROWS);
    if (skipPage > 0) skipPage--;
    // The first (cold) run is expected to take longer.
    if (now && !first && now.rows.length > INLINE_ROWS && performance.now() - t0 > PAGE_EDIT_BUDGET_MS)
      skipPage = PAGE_SLOW_SKIP;
    first = false;
    if (now) {
      answeredBy = 'page';
      useEvaluationStore.setState({ result: now, model, pending: false });
      mark('floplab:result');
      return;
    }
    if (!useEvaluationStore.getState().pending) useEvaluationStore.setState({ pending: true });
    c.evaluate(model).then((result) => {
      if (!result || running?.client !== c) return; // superseded, or stopped meanwhile
      answeredBy = 'worker';
      useEvaluationStore.setState({ result, model, pending: false });
      mark('floplab:result');
    });
  };
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.model !== prev.model) request(s.model);
  });
  const stop = () => {
    unsubscribe();
    c.dispose();
    if (running?.client === c) running = null;
  };
  running = { client: c, stop };
  if (__FLOPLAB_TEST_HOOKS__) installHooks(c, () => request(useEditor.getState().model));
  request(useEditor.getState().model);
  return stop;
}

/** The latest result for the current model (null before the first one) and whether a newer one is coming. */
export function useEvaluation(): EvaluationState {
  useEffect(() => {
    startEvaluation();
  }, []);
  return useEvaluationStore();
}

/**
 * Just the latest result (null before the first one); starts the evaluation on first use. Unlike
 * useEvaluation it does not re-render its component when an edit sets `pending`, so the screen
 * does not re-render as a whole on every keystroke.
 */
export function useEvaluationResult(): ModelResult | null {
  useEffect(() => {
    startEvaluation();
  }, []);
  return useEvaluationStore((s) => s.result);
}

const selectResult = (s: EvaluationState) => s.result;
const selectResultModel = (s: EvaluationState) => s.model;

/** The model useDeferredResult's result is for, in the same transition (src/ui/numbers.ts numbersLookup). */
export const useDeferredResultModel = (): Model | null => useTransitioned(useEvaluationStore, selectResultModel);

/**
 * The latest result, rendered in a transition after the totals' frame (src/state/transition.ts):
 * for everything but the totals. Starts the evaluation on first use.
 */
export function useDeferredResult(): ModelResult | null {
  useEffect(() => {
    startEvaluation();
  }, []);
  return useTransitioned(useEvaluationStore, selectResult);
}

/** How long an evaluation may take before the totals say "updating…" (a fast one never flashes it). */
export const SLOW_PENDING_MS = 150;

/**
 * True once the current evaluation has been pending for `afterMs` (src/state/transition.ts); an
 * edit that is answered in time causes no render at all.
 */
export const useSlowPending = (afterMs = SLOW_PENDING_MS): boolean => useSlowFlag(useEvaluationStore, afterMs);

/** Index of settings.convention in result.conventions; -1 while there is no result. */
export function useConventionIndex(): number {
  const convention = useEditor((s) => s.settings.convention);
  // A number, not the result's conventions array: every result has a new array, and a component
  // using this must not re-render for that.
  return useEvaluationStore((s) => {
    const conventions = s.result?.conventions;
    if (!conventions) return -1;
    const i = conventions.indexOf(convention);
    return i < 0 ? 0 : i;
  });
}
