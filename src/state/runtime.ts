/**
 * Keeps the runtime view's answer (memory, latency, device comparison; src/worker/runtime.ts)
 * for the current model and settings (device, precision, dtype). Like evaluation.ts: every change
 * is sent to a worker, latest wins. Started by the first chart panel that mounts (useRuntimeAnswer), so
 * a page that never opens the charts never loads the device data or a second worker.
 *
 * The runtime answer is secondary to the totals, so it never competes with them for the CPU: a
 * request waits until the engine's evaluation of the same edit has been committed (on a 2-core
 * phone or laptop a runtime worker running alongside doubled the edit-to-totals time), and the
 * 23-device comparison is computed only while a view shows it (setRuntimeCompare).
 */
import { useEffect } from 'react';
import { RuntimeClient, type RuntimeAnswer, type RuntimeRequest } from '../worker/runtimeClient';
import { SLOW_PENDING_MS, useEvaluationStore } from './evaluation';
import { useSlowFlag } from './transition';
import { useEditor, type Settings } from './store';
import { useRuntimeStore } from './runtimeStore';

// The store lives in runtimeStore.ts, so the totals can read it without loading the runtime client.
export { useRuntimeStore, type RuntimeState } from './runtimeStore';

let running: { client: RuntimeClient; stop: () => void; refresh: () => void } | null = null;

/** Views that show the device comparison (a count, so two of them can mount and unmount in any order). */
let comparers = 0;

/**
 * True once a runtime answer has been pending for SLOW_PENDING_MS (150 ms): the runtime line's
 * "updating…". Its answer always comes a frame or two after the edit, so showing the flag at once
 * would flash (and announce) it on every edit.
 */
export const useRuntimeSlowPending = (): boolean => useSlowFlag(useRuntimeStore, SLOW_PENDING_MS);

/** Asks for (true) or releases (false) the every-device comparison in the runtime answers. */
export function setRuntimeCompare(on: boolean): void {
  const before = comparers > 0;
  comparers = Math.max(0, comparers + (on ? 1 : -1));
  if (before !== comparers > 0) running?.refresh();
}

/** Longest wait for the engine's evaluation before the runtime request goes anyway (a stuck worker). */
export const RUNTIME_WAIT_MS = 400;

/**
 * Calls `fn` once the next frame has been produced (a task after the next animation frame); a
 * page without animation frames (hidden tab: none come; tests) uses a plain task. The
 * RUNTIME_WAIT_MS timer still sends if no frame comes.
 */
function nextPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && !document.hidden)
    requestAnimationFrame(() => setTimeout(fn, 0));
  else setTimeout(fn, 0);
}

const requestOf = (s: Settings): RuntimeRequest => ({
  deviceId: s.device,
  precision: s.precision,
  dtype: s.dtype,
  compare: comparers > 0,
});

const sameRequest = (a: Settings, b: Settings) =>
  a.device === b.device && a.precision === b.precision && a.dtype === b.dtype;

/** Starts computing runtime answers for the editor's state (idempotent). Returns a stop function. */
export function startRuntime(client?: RuntimeClient): () => void {
  if (running) return running.stop;
  const c = client ?? new RuntimeClient();
  let due = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Sending costs a copy of the model, and the answer a decode and the charts' redraw: never in
  // the frame that shows the edit's totals (a small model's are computed in the edit's own task).
  let afterPaint = false;
  const send = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    // Also when the timer sends first (the tab was hidden and its frame never came): the next
    // request must be able to wait for a frame again.
    afterPaint = false;
    if (!due || running?.client !== c) return;
    due = false;
    const { model, settings } = useEditor.getState();
    c.run(model, requestOf(settings)).then((answer) => {
      if (!answer || running?.client !== c) return; // superseded, or stopped meanwhile
      useRuntimeStore.setState({ answer, model, pending: false });
    });
  };
  const sendAfterPaint = () => {
    if (afterPaint) return;
    afterPaint = true;
    nextPaint(() => {
      // A frame that comes after the timer already sent (and after a newer request's wait began)
      // sends what is due now, which is what that request would have sent anyway.
      if (afterPaint) send();
    });
  };
  // Latest wins here too: a burst of edits while the engine works becomes one runtime request.
  const request = () => {
    if (!useRuntimeStore.getState().pending) useRuntimeStore.setState({ pending: true });
    due = true;
    if (!timer) timer = setTimeout(send, RUNTIME_WAIT_MS);
    // Both stores are updated synchronously by the edit; look once the edit's handlers have run.
    queueMicrotask(() => {
      if (!useEvaluationStore.getState().pending) sendAfterPaint();
    });
  };
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.model !== prev.model || !sameRequest(s.settings, prev.settings)) request();
  });
  const unsubscribeEval = useEvaluationStore.subscribe((s, prev) => {
    if (prev.pending && !s.pending && due) sendAfterPaint();
  });
  const stop = () => {
    unsubscribe();
    unsubscribeEval();
    if (timer) clearTimeout(timer);
    c.dispose();
    if (running?.client === c) running = null;
  };
  running = { client: c, stop, refresh: request };
  request();
  return stop;
}

/** Just the latest answer (no re-render when an edit sets `pending`); starts the runtime worker on first use. */
export function useRuntimeAnswer(): RuntimeAnswer | null {
  useEffect(() => {
    startRuntime();
  }, []);
  return useRuntimeStore((s) => s.answer);
}

/** Asks for the device comparison while the calling component is mounted. */
export function useRuntimeCompare(): void {
  useEffect(() => {
    setRuntimeCompare(true);
    return () => setRuntimeCompare(false);
  }, []);
}
