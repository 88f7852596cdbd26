/**
 * File import off the main thread: each import gets its own short-lived engine worker
 * (engine.worker.ts's `importFile` → importJob.ts), which is terminated when the answer is in.
 *
 * Why not the evaluation worker (client.ts): a 200 MB parse would sit in front of every
 * evaluation, and client.ts's watchdog replaces a worker that is busy while a newer evaluation
 * waits, which would kill the import. A worker of its own also gives back the file's memory at
 * once and makes Cancel a plain terminate().
 *
 * A File/Blob crosses as a handle and is read in the worker; bytes already in memory are
 * transferred (not copied). Without Worker support the same job runs on the main thread after a
 * macrotask, like the evaluation's fallback. If the worker dies during the parse (most likely out
 * of memory) the answer is an error: re-running on the page a parse that ran out of memory in a
 * worker would only freeze the page. A worker that gives no sign of life (an answer or a progress
 * report) for IMPORT_TIMEOUT_MS is stopped the same way: an importer stuck in a loop would
 * otherwise hold the progress bar, a core and the file's memory until the tab is closed.
 */
import { proxy, releaseProxy, transfer, wrap } from 'comlink';
import type { ImportResult } from '../engine/import/result';
import type { EngineWorkerApi } from './engine.worker';
import type { ImportJobProgress } from './importJob';
import { say } from '../engine/messages';

export type { ImportResult } from '../engine/import/result';
export type { ImportJobProgress } from './importJob';

export interface ImportJob {
  /** Resolves once; never rejects. */
  readonly result: Promise<ImportResult>;
  /** Stops the import; `result` then resolves to `{ ok: false, error: CANCELLED }`. */
  cancel(): void;
  /** Where it runs: a worker, or the page when Worker is unavailable. */
  readonly mode: 'worker' | 'main-thread';
}

/** What may be imported: a file (read by the job) or its bytes (which the job takes over). */
export type ImportInput = Blob | Uint8Array<ArrayBuffer>;

export type ImportRunner = (name: string, input: ImportInput, onProgress?: (p: ImportJobProgress) => void) => ImportJob;

export const CANCELLED = 'import cancelled';

/**
 * How long an import worker may go without answering or reporting progress before it is stopped.
 * Reading reports every 8 MB and parsing every few thousand nodes; the largest files FlopLab takes
 * (512 MB, 100,000 nodes) parse in seconds, so a minute of silence is a stuck import.
 */
export const IMPORT_TIMEOUT_MS = 60_000;

export const timedOut = (name: string, ms: number) =>
  `the import of ${name} took longer than ${ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`} without progress and was stopped; the file may be too large or too complex to import. Try again, or import a smaller part of the model`;

/** A view on part of a buffer is copied, so only its own bytes cross (and the caller's buffer survives). */
const ownBuffer = (b: Uint8Array<ArrayBuffer>): ArrayBuffer =>
  b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b.buffer : b.slice().buffer;

/** The same job on the page (no Worker): a macrotask first so the progress bar can paint. */
export const importOnMainThread: ImportRunner = (name, input, onProgress) => {
  let cancelled = false;
  const result = new Promise<ImportResult>((resolve) => {
    setTimeout(() => {
      if (cancelled) return resolve({ ok: false, error: CANCELLED });
      const source = input instanceof Blob ? input : ownBuffer(input);
      import('./importJob')
        .then((m) => m.runImport(name, source, (p) => !cancelled && onProgress?.(p)))
        .then(
          (r) => resolve(cancelled ? { ok: false, error: CANCELLED } : r),
          (err: unknown) => resolve({ ok: false, error: say('file.readerNotLoaded', { error: String(err) }) }),
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
 * Imports `input` as the file `name` in a fresh worker (on the page when there is none).
 * Bytes passed in are transferred and unusable afterwards. `timeoutMs`: the watchdog (tests use a
 * short one); the page's main-thread fallback has none, since nothing can interrupt it.
 */
export function importInWorker(
  name: string,
  input: ImportInput,
  onProgress?: (p: ImportJobProgress) => void,
  spawn: () => Worker | null = createWorker,
  timeoutMs: number = IMPORT_TIMEOUT_MS,
): ImportJob {
  const worker = spawn();
  if (!worker) return importOnMainThread(name, input, onProgress);
  const api = wrap<EngineWorkerApi>(worker);
  let settle: (r: ImportResult) => void = () => {};
  let done = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const result = new Promise<ImportResult>((resolve) => {
    settle = (r) => {
      if (done) return;
      done = true;
      clearTimeout(watchdog);
      resolve(r);
      api[releaseProxy]();
      worker.terminate();
    };
  });
  const alive = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => settle({ ok: false, error: timedOut(name, timeoutMs) }), timeoutMs);
  };
  alive();
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    settle({ ok: false, error: say('file.importStopped', { name, error: e.message || say('file.workerFailed') }) });
  });
  worker.addEventListener('messageerror', () => settle({ ok: false, error: say('file.unreadableAnswer', { name }) }));
  let source: Blob | ArrayBuffer = input as Blob;
  if (!(input instanceof Blob)) {
    const buffer = ownBuffer(input);
    source = transfer(buffer, [buffer]);
  }
  // Progress is asked for even when nobody shows it: each report is a sign of life for the watchdog.
  const progress = proxy((p: ImportJobProgress) => {
    if (done) return;
    alive();
    onProgress?.(p);
  });
  api
    .importFile(name, source, progress)
    .then(settle, (err: unknown) =>
      settle({ ok: false, error: say('file.cannotImport', { name, error: (err as Error)?.message ?? String(err) }) }),
    );
  return { result, mode: 'worker', cancel: () => settle({ ok: false, error: CANCELLED }) };
}
