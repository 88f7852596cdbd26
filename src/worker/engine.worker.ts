/**
 * The engine's web worker: evaluates models off the main thread so typing never waits on counting.
 * The API is exposed with comlink; src/worker/client.ts is its only user. BigInt counts survive
 * postMessage (structured clone supports BigInt), so results arrive exact. Answers are row deltas
 * against the previous answer (src/worker/delta.ts), because copying is the expensive part.
 */
import { expose } from 'comlink';
import { evaluateModel } from '../engine/evaluate';
import type { Model } from '../engine/format/model';
import { DeltaEncoder, type ResultDelta } from './delta';

export interface EngineWorkerApi {
  /** `base`: id of the answer the page holds, or null. */
  evaluate(model: Model, conventions: readonly string[], base: number | null): ResultDelta;
}

const encoder = new DeltaEncoder();

const api: EngineWorkerApi = {
  evaluate: (model, conventions, base) => encoder.encode(evaluateModel(model, { conventions }), base),
};

expose(api);
