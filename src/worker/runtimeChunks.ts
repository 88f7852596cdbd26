/**
 * The runtime view's big arrays (one memory point, one latency layer and one latency point per
 * executed layer) cross in pieces like the engine's rows (chunks.ts): on a 100,000-layer model the
 * whole answer was ~500 ms of one decoding task on the page. Small answers travel whole.
 */
import { CHUNK_ITEMS, chunksOf, type ArrayChunk, type ChunkCollector } from './chunks';
import type { RuntimeAnswer } from './runtime';

/** The lengths of the arrays that came ahead, and the token their pieces carry. */
export interface RuntimeChunked {
  readonly token: number;
  readonly memory?: number;
  readonly layers?: number;
  readonly points?: number;
}

export type WireRuntimeAnswer = RuntimeAnswer & { readonly chunked?: RuntimeChunked };

/** Worker side. `token` must differ between answers of one worker. */
export function splitRuntime(
  a: RuntimeAnswer,
  token: number,
  size = CHUNK_ITEMS,
): { answer: WireRuntimeAnswer; chunks: ArrayChunk[] } {
  const memory = a.memory ? chunksOf(token, 'memory', a.memory.points, size) : [];
  const lat = a.latency && 'estimate' in a.latency ? a.latency : null;
  const layers = lat ? chunksOf(token, 'layers', lat.estimate.layers, size) : [];
  const points = lat ? chunksOf(token, 'points', lat.points, size) : [];
  if (!memory.length && !layers.length && !points.length) return { answer: a, chunks: [] };
  const chunked: RuntimeChunked = {
    token,
    ...(memory.length ? { memory: a.memory!.points.length } : {}),
    ...(layers.length ? { layers: lat!.estimate.layers.length } : {}),
    ...(points.length ? { points: lat!.points.length } : {}),
  };
  const answer: WireRuntimeAnswer = {
    ...a,
    memory: a.memory && memory.length ? { ...a.memory, points: [] } : a.memory,
    latency: lat
      ? {
          ...lat,
          estimate: layers.length ? { ...lat.estimate, layers: [] } : lat.estimate,
          points: points.length ? [] : lat.points,
        }
      : a.latency,
    chunked,
  };
  return { answer, chunks: [...memory, ...layers, ...points] };
}

/** Page side: the answer with its arrays put back; throws if a piece is missing. */
export function joinRuntime(a: WireRuntimeAnswer, pieces: ChunkCollector): RuntimeAnswer {
  const { chunked, ...rest } = a;
  if (!chunked) return rest;
  try {
    const lat = rest.latency && 'estimate' in rest.latency ? rest.latency : null;
    return {
      ...rest,
      memory:
        rest.memory && chunked.memory !== undefined
          ? { ...rest.memory, points: pieces.collect(chunked.token, 'memory', chunked.memory) }
          : rest.memory,
      latency: lat
        ? {
            ...lat,
            estimate:
              chunked.layers !== undefined
                ? { ...lat.estimate, layers: pieces.collect(chunked.token, 'layers', chunked.layers) }
                : lat.estimate,
            points: chunked.points !== undefined ? pieces.collect(chunked.token, 'points', chunked.points) : lat.points,
          }
        : rest.latency,
    };
  } finally {
    pieces.release(chunked.token);
  }
}
