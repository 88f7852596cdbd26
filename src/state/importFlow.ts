/**
 * One file import from start to finish: read the bytes (with progress), parse them in a worker
 * (src/worker/importClient.ts, with progress), then load the model through the editor store's
 * setModel, so Undo brings the previous model back. Until an import succeeds the model on screen
 * is untouched; a failure is a notice, never an exception. A newer file replaces a running import.
 */
import { create } from 'zustand';
import { MAX_IMPORT_BYTES, sizeText, type ImportProgress, type ImportResult } from '../engine/import/result';
import { useEditor } from './store';
import { CANCELLED, importInWorker, type ImportRunner } from '../worker/importClient';

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
export const ACCEPTED_EXTENSIONS = ['.onnx', '.prototxt', '.pbtxt', '.json'] as const;

let current = 0;
let cancelRunning: (() => void) | null = null;

/** Reads a file into one ArrayBuffer of exactly its size, reporting progress per chunk. */
async function readBytes(file: Blob, onChunk: (done: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof file.stream !== 'function') return new Uint8Array(await file.arrayBuffer());
  const out = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > out.length) throw new Error('the file grew while it was being read');
    out.set(value, offset);
    offset += value.length;
    onChunk(offset);
  }
  return offset === out.length ? out : out.slice(0, offset);
}

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
      error: `${name} is ${sizeText(file.size)}; files up to ${sizeText(MAX_IMPORT_BYTES)} can be imported`,
    });
    return;
  }
  let result: ImportResult;
  try {
    setStatus({ kind: 'reading', name, done: 0, total: file.size, nodes: 0 });
    cancelRunning = null; // a read is abandoned through `current` (live() turns false)
    const bytes = await readBytes(file, (done) => {
      if (live()) setStatus({ kind: 'reading', name, done, total: file.size, nodes: 0 });
    });
    if (!live()) return;
    setStatus({ kind: 'parsing', name, done: 0, total: bytes.length, nodes: 0 });
    const job = run(name, bytes, (p: ImportProgress) => {
      if (live()) setStatus({ kind: 'parsing', name, done: p.bytes, total: p.totalBytes, nodes: p.nodes });
    });
    cancelRunning = job.cancel;
    result = await job.result;
  } catch (err) {
    result = { ok: false, error: `cannot read ${name}: ${(err as Error)?.message ?? String(err)}` };
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
