/**
 * How the CLI reads a model's bytes: from a file (opened once, then looked at and read through the same
 * handle) or from stdin (`-`), never more than the importers' 512 MB limit in either case.
 */
import { constants, promises as fsp } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { MAX_IMPORT_BYTES, sizeText } from '../engine/import/result';

/** What readFromHandle needs of an open file: its stat and positional reads (a FileHandle; a fake in tests). */
export type ModelHandle = Pick<FileHandle, 'stat' | 'read'>;

/**
 * Reads an open file whole after checking what it is: a device (/dev/zero), a FIFO or a socket would be
 * read forever, and a file over the limit would be read whole before being refused. The buffer is the
 * stat size exactly (its own memory, not Node's shared pool: the Keras reader uses a whole buffer as it is
 * and copies a part of one); a one-byte read past it notices a file that grew after the stat, which is
 * refused rather than read on without bound.
 */
export async function readFromHandle(h: ModelHandle): Promise<Buffer> {
  const st = await h.stat();
  if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  if (!st.isFile()) throw new Error('not a regular file (a device, FIFO or socket); give a file');
  if (st.size > MAX_IMPORT_BYTES)
    throw new Error(`it is ${sizeText(st.size)}; the limit is ${sizeText(MAX_IMPORT_BYTES)}`);
  const buf = Buffer.allocUnsafeSlow(st.size);
  let n = 0;
  while (n < buf.length) {
    const { bytesRead } = await h.read(buf, n, buf.length - n, n);
    if (bytesRead === 0) return buf.subarray(0, n); // it shrank: what is there is what there is
    n += bytesRead;
  }
  if ((await h.read(Buffer.alloc(1), 0, 1, n)).bytesRead > 0)
    throw new Error(`it grew while being read (past the ${sizeText(st.size)} it had when opened); try again`);
  return buf;
}

/**
 * Opens the file once and reads it through that handle, so the file checked is the file read (a stat by
 * path and then a read by path could see two different files). O_NONBLOCK: opening a FIFO for reading
 * would otherwise wait for a writer before the check could refuse it; it changes nothing for regular
 * files. O_NOCTTY: naming a terminal must not make it the process's controlling one. Both are 0 where
 * the platform lacks them (Windows).
 */
export async function readModelFile(path: string): Promise<Buffer> {
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0);
  const h = await fsp.open(path, flags);
  try {
    return await readFromHandle(h);
  } finally {
    await h.close();
  }
}

/**
 * Reads a stream (stdin for `-`) whole, up to the limit: as soon as more than the limit has arrived it
 * stops pulling (leaving the loop ends the stream) and refuses, keeping no more than the limit meanwhile.
 */
export async function readStream(stream: AsyncIterable<Uint8Array | string>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += bytes.length;
    if (total > MAX_IMPORT_BYTES)
      throw new Error(`it is over the ${sizeText(MAX_IMPORT_BYTES)} limit; reading stopped there`);
    chunks.push(bytes);
  }
  const whole = Buffer.allocUnsafeSlow(total); // its own memory, as in readFromHandle
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  return whole;
}
