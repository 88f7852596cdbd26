/**
 * One import, wherever it runs: in the import worker (engine.worker.ts loads this module on
 * first use) or on the page when there is no Worker. A File/Blob is read here, so with a worker
 * even the reading of a 200 MB file happens off the main thread (reading it on the page cost
 * 300–500 ms frame gaps in Chromium, measured with e2e/io.spec.ts's frame probe).
 */
import { importFileAsync } from '../engine/import';
import { MAX_IMPORT_BYTES, sizeText, type ImportProgress, type ImportResult } from '../engine/import/result';
import { say } from '../engine/messages';

export interface ImportJobProgress extends ImportProgress {
  readonly phase: 'reading' | 'parsing';
}

/** A file handle (read here) or bytes already in memory (transferred). */
export type ImportSource = Blob | ArrayBuffer;

/** Reading progress is reported every READ_STEP bytes (each report is one message to the page). */
const READ_STEP = 8 * 1024 * 1024;

/** Reads a Blob into one buffer of exactly its size. */
export async function readBlob(blob: Blob, onBytes?: (n: number) => void): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof blob.stream !== 'function') return new Uint8Array(await blob.arrayBuffer());
  const out = new Uint8Array(blob.size);
  const reader = blob.stream().getReader();
  let offset = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (offset + value.length > out.length) throw new Error(say('file.grew'));
    out.set(value, offset);
    offset += value.length;
    if (onBytes && offset - reported >= READ_STEP) onBytes((reported = offset));
  }
  return offset === out.length ? out : out.slice(0, offset);
}

/** Reads (if needed) and imports. Never throws. */
export async function runImport(
  name: string,
  source: ImportSource,
  onProgress?: (p: ImportJobProgress) => void,
): Promise<ImportResult> {
  try {
    const size = source instanceof Blob ? source.size : source.byteLength;
    if (size > MAX_IMPORT_BYTES)
      return {
        ok: false,
        error: say('file.tooLarge', { name, size: sizeText(size), limit: sizeText(MAX_IMPORT_BYTES) }),
      };
    const bytes =
      source instanceof Blob
        ? await readBlob(source, (n) => onProgress?.({ phase: 'reading', bytes: n, totalBytes: size, nodes: 0 }))
        : new Uint8Array(source);
    onProgress?.({ phase: 'parsing', bytes: 0, totalBytes: bytes.length, nodes: 0 });
    return await importFileAsync(name, bytes, {
      onProgress: onProgress && ((p) => onProgress({ phase: 'parsing', ...p })),
    });
  } catch (err) {
    return { ok: false, error: say('file.cannotRead', { name, error: (err as Error)?.message ?? String(err) }) };
  }
}
