/**
 * One file import from start to finish: read and parse the file in a worker
 * (src/worker/importClient.ts, with progress for both), then load the model through the editor store's
 * setModel, so Undo brings the previous model back. Until an import succeeds the model on screen
 * is untouched; a failure is a notice, never an exception. A newer file replaces a running import.
 */
import { create } from 'zustand';
import { MAX_IMPORT_BYTES, sizeText } from '../engine/import/result';
import { useEditor } from './store';
import {
  CANCELLED,
  importInWorker,
  type ImportJobProgress,
  type ImportResult,
  type ImportRunner,
} from '../worker/importClient';
import { say } from '../engine/messages';

/** What the page shows about the latest import. */
export type ImportStatus =
  | { readonly kind: 'idle' }
  | {
      readonly kind: 'reading' | 'parsing';
      readonly name: string;
      /** Bytes read (reading) or parsed (parsing) so far, of `total`. */
      readonly done: number;
      readonly total: number;
      readonly nodes: number;
    }
  | { readonly kind: 'loaded'; readonly name: string; readonly layers: number; readonly warnings: readonly string[] }
  | { readonly kind: 'failed'; readonly name: string; readonly error: string };

interface ImportState {
  readonly status: ImportStatus;
}

export const useImportStatus = create<ImportState>(() => ({ status: { kind: 'idle' } }));

const setStatus = (status: ImportStatus) => useImportStatus.setState({ status });

/** The file types the page offers in its file dialog (the importer also sniffs other names). */
export const ACCEPTED_EXTENSIONS = [
  '.onnx',
  '.tflite',
  '.prototxt',
  '.pbtxt',
  '.json',
  '.keras',
  '.h5',
  '.hdf5',
] as const;

let current = 0;
let cancelRunning: (() => void) | null = null;

const countLayers = (layers: readonly unknown[]): number => {
  let n = 0;
  for (const l of layers) {
    n++;
    const o = l as { body?: unknown[]; branches?: unknown[][] };
    if (Array.isArray(o.body)) n += countLayers(o.body);
    if (Array.isArray(o.branches)) for (const b of o.branches) if (Array.isArray(b)) n += countLayers(b);
  }
  return n;
};

/**
 * Imports `file` and, on success, makes it the model (undoable). Resolves when finished
 * (also when superseded or cancelled); never rejects. `run` is injectable for tests.
 */
export async function importFile(file: File, run: ImportRunner = importInWorker): Promise<void> {
  cancelRunning?.();
  const id = ++current;
  const name = file.name || 'file';
  const live = () => id === current;
  if (file.size > MAX_IMPORT_BYTES) {
    setStatus({
      kind: 'failed',
      name,
      error: say('file.tooLargeToImport', { name, size: sizeText(file.size), limit: sizeText(MAX_IMPORT_BYTES) }),
    });
    return;
  }
  setStatus({ kind: 'reading', name, done: 0, total: file.size, nodes: 0 });
  // The file goes to the worker as a handle: reading and parsing both happen off the page.
  let result: ImportResult;
  try {
    const job = run(name, file, (p: ImportJobProgress) => {
      if (live()) setStatus({ kind: p.phase, name, done: p.bytes, total: p.totalBytes, nodes: p.nodes });
    });
    cancelRunning = job.cancel;
    result = await job.result;
  } catch (err) {
    // Runners answer instead of throwing; this is the last guard so the page never sees an exception.
    result = { ok: false, error: say('file.cannotImport', { name, error: (err as Error)?.message ?? String(err) }) };
  }
  if (!live()) return;
  cancelRunning = null;
  if (!result.ok) {
    setStatus(result.error === CANCELLED ? { kind: 'idle' } : { kind: 'failed', name, error: result.error });
    return;
  }
  useEditor.getState().setModel(result.model);
  setStatus({ kind: 'loaded', name, layers: countLayers(result.model.layers), warnings: result.warnings });
}

/** Stops the running import; the model stays as it was. */
export function cancelImport(): void {
  current++;
  cancelRunning?.();
  cancelRunning = null;
  setStatus({ kind: 'idle' });
}

export const dismissImportStatus = (): void => setStatus({ kind: 'idle' });
