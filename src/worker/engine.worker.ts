/**
 * The engine's web worker: evaluates models off the main thread so typing never waits on counting.
 * The API is exposed with comlink; src/worker/client.ts is its only user. BigInt counts survive
 * postMessage (structured clone supports BigInt), so results arrive exact.
 */
import { expose } from 'comlink';
import { evaluateModel, type ModelResult } from '../engine/evaluate';
import type { Model } from '../engine/format/model';

export interface EngineWorkerApi {
  evaluate(model: Model, conventions: readonly string[]): ModelResult;
}

const api: EngineWorkerApi = {
  evaluate: (model, conventions) => evaluateModel(model, { conventions }),
};

expose(api);
