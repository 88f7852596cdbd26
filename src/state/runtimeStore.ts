/**
 * The runtime view's latest answer (runtime.ts fills it). A module of its own so that what the
 * first screen shows (the totals' peak activations) can read it without loading the runtime
 * client and worker code, which the charts panel starts when it mounts.
 */
import { create } from 'zustand';
import type { Model } from '../engine/format/model';
import type { RuntimeAnswer } from '../worker/runtimeClient';

export interface RuntimeState {
  readonly answer: RuntimeAnswer | null;
  /** The model the answer is for (charts compare it with the editor's to mark a stale answer). */
  readonly model: Model | null;
  /** True while a newer answer is being computed. */
  readonly pending: boolean;
}

export const useRuntimeStore = create<RuntimeState>(() => ({ answer: null, model: null, pending: true }));
