/**
 * The engine's web worker: evaluates models off the main thread so typing never waits on counting.
 * The API is exposed with comlink; src/worker/client.ts is its only user. BigInt counts survive
 * postMessage (structured clone supports BigInt), so results arrive exact. Answers are row deltas
 * against the previous answer (src/worker/delta.ts), because copying is the expensive part, and
 * models arrive with unchanged layers as references (src/worker/modelSync.ts).
 */
import { expose } from 'comlink';
import { evaluateModel } from '../engine/evaluate';
import type { Model } from '../engine/format/model';
import type { ImportResult } from '../engine/import/result';
import type { ImportJobProgress, ImportSource } from './importJob';
import { DeltaEncoder, splitRows, type ResultDelta } from './delta';
import { ModelDecoder, type WireModel } from './modelSync';
import type { PresetSummaryResult } from './presetSummaries';
import type { RuntimeRequest } from './runtime';
import type { WireRuntimeAnswer } from './runtimeChunks';

export interface EngineWorkerApi {
  /** `model`: layers the worker holds come as references (modelSync.ts); `base`: id of the answer the page holds, or null. */
  evaluate(model: WireModel, conventions: readonly string[], base: number | null): ResultDelta;
  /**
   * Reads and imports a file (importJob.ts): a File/Blob is read here, off the page; an
   * ArrayBuffer is transferred. `onProgress` is a comlink proxy. The importers (ONNX, prototxt …)
   * load on first use, so evaluation never waits for them.
   */
  importFile(name: string, source: ImportSource, onProgress?: (p: ImportJobProgress) => void): Promise<ImportResult>;
  /** The preset picker's numbers (presetSummaries.ts) for `names` (all when omitted); the zoo loads on first use. */
  presetSummaries(names?: readonly string[]): Promise<PresetSummaryResult[]>;
  /** The runtime view (runtime.ts: memory, latency, device comparison), in a worker of its own (runtimeClient.ts). */
  runtime(model: WireModel, request: RuntimeRequest): Promise<WireRuntimeAnswer>;
}

const results = new DeltaEncoder();
const models = new ModelDecoder();
let runtimeAnswers = 0;

const api: EngineWorkerApi = {
  evaluate: (wire, conventions, base) => {
    // Rebuilt from the layer objects kept from the last request, so the engine's caches hit.
    const model: Model = models.decode(wire);
    // A big answer's rows go ahead in pieces on this port (delta.ts), so the page decodes them in short tasks.
    const { answer, chunks } = splitRows(results.encode(evaluateModel(model, { conventions }), base));
    for (const c of chunks) self.postMessage(c);
    return answer;
  },
  // Progress calls post a message each and do not wait for the page's answer.
  importFile: async (name, source, onProgress) =>
    (await import('./importJob')).runImport(name, source, onProgress && ((p) => void onProgress(p))),
  presetSummaries: async (names) => (await import('./presetSummaries')).presetSummaries(names),
  runtime: async (wire, request) => {
    const [{ runtimeOfWire }, { splitRuntime }] = await Promise.all([import('./runtime'), import('./runtimeChunks')]);
    const { answer, chunks } = splitRuntime(await runtimeOfWire(wire, request), ++runtimeAnswers);
    for (const c of chunks) self.postMessage(c);
    return answer;
  },
};

expose(api);
