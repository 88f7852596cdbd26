/**
 * Keeps the runtime view's answer (memory, latency, device comparison; src/worker/runtime.ts)
 * for the current model and settings (device, precision, dtype). Like evaluation.ts: every change
 * is sent to a worker, latest wins. Started by the first chart panel that mounts (useRuntime), so
 * a page that never opens the charts never loads the device data or a second worker.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Model } from '../engine/format/model';
import { RuntimeClient, type RuntimeAnswer, type RuntimeRequest } from '../worker/runtimeClient';
import { useEditor, type Settings } from './store';

export interface RuntimeState {
  readonly answer: RuntimeAnswer | null;
  /** The model the answer is for (charts compare it with the editor's to mark a stale answer). */
  readonly model: Model | null;
  /** True while a newer answer is being computed. */
  readonly pending: boolean;
}

export const useRuntimeStore = create<RuntimeState>(() => ({ answer: null, model: null, pending: true }));

let running: { client: RuntimeClient; stop: () => void } | null = null;

const requestOf = (s: Settings): RuntimeRequest => ({
  deviceId: s.device,
  precision: s.precision,
  dtype: s.dtype,
  compare: true,
});

const sameRequest = (a: Settings, b: Settings) =>
  a.device === b.device && a.precision === b.precision && a.dtype === b.dtype;

/** Starts computing runtime answers for the editor's state (idempotent). Returns a stop function. */
export function startRuntime(client?: RuntimeClient): () => void {
  if (running) return running.stop;
  const c = client ?? new RuntimeClient();
  const request = (model: Model, settings: Settings) => {
    if (!useRuntimeStore.getState().pending) useRuntimeStore.setState({ pending: true });
    c.run(model, requestOf(settings)).then((answer) => {
      if (!answer || running?.client !== c) return; // superseded, or stopped meanwhile
      useRuntimeStore.setState({ answer, model, pending: false });
    });
  };
  const unsubscribe = useEditor.subscribe((s, prev) => {
    if (s.model !== prev.model || !sameRequest(s.settings, prev.settings)) request(s.model, s.settings);
  });
  const stop = () => {
    unsubscribe();
    c.dispose();
    if (running?.client === c) running = null;
  };
  running = { client: c, stop };
  const s = useEditor.getState();
  request(s.model, s.settings);
  return stop;
}

/** The latest runtime answer (null before the first); starts the runtime worker on first use. */
export function useRuntime(): RuntimeState {
  useEffect(() => {
    startRuntime();
  }, []);
  return useRuntimeStore();
}
