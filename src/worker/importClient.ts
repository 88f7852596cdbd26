/**
 * File import off the main thread: each import gets its own short-lived engine worker
 * (engine.worker.ts's `importFile`), which is terminated when the answer is in.
 *
 * Why not the evaluation worker (client.ts): a 200 MB parse would sit in front of every
 * evaluation, and client.ts's watchdog replaces a worker that is busy while a newer evaluation
 * waits, which would kill the import. A worker of its own also gives back the file's memory at
 * once and makes Cancel a plain terminate().
 *
 * The file's bytes are transferred (not copied) to the worker. Without Worker support the same
 * importer runs on the main thread after a macrotask, like the evaluation's fallback. If the
 * worker dies during the parse (most likely out of memory) the answer is an error: the bytes
 * now belong to the dead worker, and re-running a parse that ran out of memory on the page
 * would only freeze it.
 */
import { proxy, releaseProxy, transfer, wrap } from 'comlink';
import type { ImportProgress, ImportResult } from '../engine/import/result';
import type { EngineWorkerApi } from './engine.worker';

export type { ImportProgress, ImportResult } from '../engine/import/result';

export interface ImportJob {
  /** Resolves once; never rejects. */
  readonly result: Promise<ImportResult>;
  /** Stops the import; `result` then resolves to `{ ok: false, error: 'import cancelled' }`. */
  cancel(): void;
  /** Where it runs: a worker, or the page when Worker is unavailable. */
  readonly mode: 'worker' | 'main-thread';
}

export type ImportRunner = (
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  onProgress?: (p: ImportProgress) => void,
) => ImportJob;

export const CANCELLED = 'import cancelled';

/** The same importer on the page (no Worker): a macrotask first so the progress bar can paint. */
export const importOnMainThread: ImportRunner = (name, bytes, onProgress) => {
  let cancelled = false;
  const result = new Promise<ImportResult>((resolve) => {
    setTimeout(() => {
      if (cancelled) return resolve({ ok: false, error: CANCELLED });
      import('../engine/import').then(
        (m) => resolve(cancelled ? { ok: false, error: CANCELLED } : m.importFile(name, bytes, { onProgress })),
        (err: unknown) => resolve({ ok: false, error: `the importer could not be loaded: ${String(err)}` }),
      );
    }, 0);
  });
  return {
    result,
    mode: 'main-thread',
    cancel: () => {
      cancelled = true;
    },
  };
};

const createWorker = (): Worker | null => {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'floplab-import' });
  } catch {
    return null;
  }
};

/**
 * Imports `bytes` as the file `name` in a fresh worker (the page's fallback when there is none).
 * `bytes` must own its whole ArrayBuffer: it is transferred and unusable afterwards.
 */
export function importInWorker(
  name: string,
  bytes: Uint8Array<ArrayBuffer>,
  onProgress?: (p: ImportProgress) => void,
  spawn: () => Worker | null = createWorker,
): ImportJob {
  const worker = spawn();
  if (!worker) return importOnMainThread(name, bytes, onProgress);
  const api = wrap<EngineWorkerApi>(worker);
  let settle: (r: ImportResult) => void = () => {};
  let done = false;
  const result = new Promise<ImportResult>((resolve) => {
    settle = (r) => {
      if (done) return;
      done = true;
      resolve(r);
      api[releaseProxy]();
      worker.terminate();
    };
  });
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    settle({ ok: false, error: `the import of ${name} stopped: ${e.message || 'the worker failed (out of memory?)'}` });
  });
  worker.addEventListener('messageerror', () =>
    settle({ ok: false, error: `the import of ${name} sent back an unreadable answer` }),
  );
  // A view on part of a buffer is copied, so only its own bytes cross (and the caller's buffer survives).
  const buffer =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
  const progress = onProgress ? proxy((p: ImportProgress) => onProgress(p)) : undefined;
  api
    .importFile(name, transfer(buffer, [buffer]), progress)
    .then(settle, (err: unknown) =>
      settle({ ok: false, error: `cannot import ${name}: ${(err as Error)?.message ?? String(err)}` }),
    );
  return { result, mode: 'worker', cancel: () => settle({ ok: false, error: CANCELLED }) };
}
