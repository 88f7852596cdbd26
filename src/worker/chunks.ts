/**
 * Big arrays cross from a worker in pieces. Structured clone decodes a message in one go on the
 * page, when the message is first read: a 100,000-row answer took ~400 ms of one task in Chromium
 * (the page frozen). Posted ahead of the answer as messages of CHUNK_ITEMS items each, the same
 * data decodes in tasks of ~20 ms that input and painting can come between. A worker posts the
 * pieces on the port its answer uses, so they arrive before the answer, in order.
 */
export const CHUNK_ITEMS = 5000;

/** Items `start …` of the array `field` of answer `floplabChunk` (a token the answer carries). */
export interface ArrayChunk {
  readonly floplabChunk: number;
  readonly field: string;
  readonly start: number;
  readonly items: readonly unknown[];
}

export const isArrayChunk = (data: unknown): data is ArrayChunk =>
  typeof data === 'object' && data !== null && typeof (data as ArrayChunk).floplabChunk === 'number';

/** The pieces of `items`; none when it is small enough to travel with the answer. */
export function chunksOf(token: number, field: string, items: readonly unknown[], size = CHUNK_ITEMS): ArrayChunk[] {
  if (items.length <= size) return [];
  const out: ArrayChunk[] = [];
  for (let start = 0; start < items.length; start += size)
    out.push({ floplabChunk: token, field, start, items: items.slice(start, start + size) });
  return out;
}

/** Page side: keeps pieces as they come and puts arrays back together. */
export class ChunkCollector {
  private readonly parts = new Map<number, ArrayChunk[]>();

  take(chunk: ArrayChunk): void {
    const list = this.parts.get(chunk.floplabChunk);
    if (list) list.push(chunk);
    else this.parts.set(chunk.floplabChunk, [chunk]);
  }

  /** The array `field` of answer `token`, in order. Throws unless exactly `length` items came. */
  collect<T>(token: number, field: string, length: number): T[] {
    const list = (this.parts.get(token) ?? []).filter((c) => c.field === field).sort((a, b) => a.start - b.start);
    const items: T[] = [];
    for (const c of list) {
      if (c.start !== items.length) break;
      for (const x of c.items) items.push(x as T);
    }
    if (items.length !== length) throw new Error(`answer ${token} came with ${items.length} of its ${length} ${field}`);
    return items;
  }

  /** Forgets the pieces of answer `token` and of every older one. */
  release(token: number): void {
    for (const id of [...this.parts.keys()]) if (id <= token) this.parts.delete(id);
  }
}
