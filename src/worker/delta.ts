/**
 * Row deltas between the worker and the page.
 *
 * Copying a result across postMessage costs far more than computing it: a 1,000-layer model's
 * result is ~0.5 MB of structured clone, 30-45 ms to decode on the main thread. An edit usually
 * changes a few rows, so the worker sends only rows that differ from the previous answer it gave
 * (null = "same as your row i"), and the page rebuilds the rows from the ones it holds. Unchanged
 * rows keep their object identity on the page, which also lets the UI skip re-rendering them.
 */
import { deepEqual } from '../engine/deep-equal';
import type { ModelResult, Row } from '../engine/evaluate';
import { CHUNK_ITEMS, chunksOf, type ArrayChunk, type ChunkCollector } from './chunks';

export interface ResultDelta extends Omit<ModelResult, 'rows'> {
  /** New rows, or null where the row equals row i of the answer `base`. */
  readonly rows: readonly (Row | null)[];
  /** Id of this answer. */
  readonly id: number;
  /** Id of the answer the nulls refer to; null when every row is sent. */
  readonly base: number | null;
  /** Set when the rows came ahead in pieces (chunks.ts; `rows` is then empty): how many. */
  readonly chunked?: number;
}

export { deepEqual };

/** Worker side: remembers the last answer and sends the next one as a delta against it. */
export class DeltaEncoder {
  private last: { id: number; rows: readonly Row[] } | null = null;
  private next = 1;

  /** `base` is the answer the page holds (null: none); a delta is only made against that one. */
  encode(result: ModelResult, base: number | null): ResultDelta {
    const prev = this.last && base !== null && this.last.id === base ? this.last.rows : null;
    const id = this.next++;
    this.last = { id, rows: result.rows };
    const rows = prev ? result.rows.map((r, i) => (i < prev.length && deepEqual(prev[i], r) ? null : r)) : result.rows;
    return { ...result, rows, id, base: prev ? base : null };
  }
}

/** Page side: rebuilds full results from deltas. Answers must be applied in the order they came. */
export class DeltaDecoder {
  private held: { id: number; rows: Row[] } | null = null;

  /** The id to send as `base` with the next request. */
  get base(): number | null {
    return this.held?.id ?? null;
  }

  decode(delta: ResultDelta): ModelResult {
    const { id, base, rows: sent, ...rest } = delta;
    let rows: Row[];
    if (base === null) rows = sent as Row[];
    else {
      const held = this.held;
      if (!held || held.id !== base) {
        this.held = null;
        throw new Error(`engine answer refers to rows the page does not hold (base ${base})`);
      }
      rows = sent.map((r, i) => r ?? held.rows[i]);
    }
    this.held = { id, rows };
    return { ...rest, rows };
  }
}

/** Worker side: the answer without its rows (`chunked` = how many) and the pieces; small answers stay whole. */
export function splitRows(delta: ResultDelta, size = CHUNK_ITEMS): { answer: ResultDelta; chunks: ArrayChunk[] } {
  const chunks = chunksOf(delta.id, 'rows', delta.rows, size);
  return chunks.length
    ? { answer: { ...delta, rows: [], chunked: delta.rows.length }, chunks }
    : { answer: delta, chunks };
}

/** Page side: the answer with the rows that came ahead in pieces (chunks.ts) put back; throws if any is missing. */
export function joinRows(delta: ResultDelta, pieces: ChunkCollector): ResultDelta {
  try {
    if (delta.chunked === undefined) return delta;
    const { chunked, ...rest } = delta;
    return { ...rest, rows: pieces.collect<Row | null>(delta.id, 'rows', chunked) };
  } finally {
    pieces.release(delta.id);
  }
}
