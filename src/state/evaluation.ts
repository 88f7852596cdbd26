/**
 * Keeps an evaluation of the current model: every model change is sent to the engine client
 * (worker, or main thread as a fallback) with every convention at once, so switching convention
 * in the UI needs no round trip. Latest wins: an answer for an older model is dropped.
 *
 * Performance marks (read by `npm run bench:ui`): 'floplab:edit' when the model changes,
 * 'floplab:result' when the matching result is committed to this store.
 */
import { useEffect, useState } from 'react';
import { create } from 'zustand';
import { CONVENTION_IDS } from '../engine/conventions/registry';
import type { ModelResult } from '../engine/evaluate';
import type { Model } from '../engine/format/model';
import { EngineClient, type EngineMode } from '../worker/client';
import { useEditor } from './store';

export interface EvaluationState {
  readonly result: ModelResult | null;
  /** True while the shown result is older than the model (an evaluation is under way). */
  readonly pending: boolean;
}

export const useEvaluationStore = create<EvaluationState>(() => ({ result: null, pending: true }));

const mark = (name: string): void => {
  try {
    performance.mark(name);
  } catch {
    // Marks are a measurement aid; an environment without them still evaluates.
  }
};

interface Running {
  readonly client: EngineClient;
  readonly stop: () => void;
}
let running: Running | null = null;

/** Test and debug hooks on window.__floplab (killWorker: issue 8's recovery test). */
export interface FloplabHooks {
  killWorker(): void;
  engineMode(): EngineMode;
  workerRestarts(): number;
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
    editor: useEditor,
  };
}

/**
 * Starts evaluating the editor's model (idempotent). `client` lets tests pass a fake-backed one.
 * Returns a function that stops it.
 */
export function startEvaluation(client?: EngineClient): () => void {
  if (running) return running.stop;
  const c = client ?? new EngineClient({ conventions: CONVENTION_IDS, spare: true });
  const request = (model: Model) => {
    mark('floplab:edit');
    if (!useEvaluationStore.getState().pending) useEvaluationStore.setState({ pending: true });
    c.evaluate(model).then((result) => {
      if (!result || running?.client !== c) return; // superseded, or stopped meanwhile
      useEvaluationStore.setState({ result, pending: false });
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
  installHooks(c, () => request(useEditor.getState().model));
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

/** How long an evaluation may take before the totals say "updating…" (a fast one never flashes it). */
export const SLOW_PENDING_MS = 150;

/**
 * True once the current evaluation has been pending for `afterMs`. Watches the store outside
 * React, so an edit that is answered in time causes no render at all.
 */
export function useSlowPending(afterMs = SLOW_PENDING_MS): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const apply = (pending: boolean) => {
      if (pending) {
        timer ??= setTimeout(() => setSlow(true), afterMs);
        return;
      }
      if (timer) clearTimeout(timer);
      timer = null;
      setSlow(false);
    };
    apply(useEvaluationStore.getState().pending);
    const unsubscribe = useEvaluationStore.subscribe((s, prev) => {
      if (s.pending !== prev.pending) apply(s.pending);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [afterMs]);
  return slow;
}

/** Index of settings.convention in result.conventions; -1 while there is no result. */
export function useConventionIndex(): number {
  const convention = useEditor((s) => s.settings.convention);
  const conventions = useEvaluationStore((s) => s.result?.conventions);
  if (!conventions) return -1;
  const i = conventions.indexOf(convention);
  return i < 0 ? 0 : i;
}
