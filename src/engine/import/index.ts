/**
 * File import entry point shared by the page (drag and drop, in the worker) and the CLI:
 * chooses the importer from the file name, or from the content when the name says nothing.
 * `.onnx` → ONNX; `.prototxt`/`.pbtxt` → Caffe; `.json` → the model format itself.
 */
import { parseModelJson } from '../format/schema';
import { importOnnx } from './onnx';
import { importPrototxt } from './prototxt';
import { MAX_IMPORT_BYTES, sizeText, type ImportOptions, type ImportResult } from './result';

export type { ImportResult, ImportOptions, ImportProgress } from './result';
export { MAX_IMPORT_BYTES } from './result';
export { importOnnx } from './onnx';
export { importPrototxt } from './prototxt';

export const IMPORT_EXTENSIONS = ['.onnx', '.prototxt', '.json'] as const;

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Imports a file by name and content. Never throws. */
export function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): ImportResult {
  try {
    if (!(bytes instanceof Uint8Array)) return { ok: false, error: `${name}: no file content` };
    if (bytes.length > MAX_IMPORT_BYTES)
      return { ok: false, error: `${name} is ${sizeText(bytes.length)}; the limit is ${sizeText(MAX_IMPORT_BYTES)}` };
    const lower = name.toLowerCase();
    if (lower.endsWith('.onnx')) return importOnnx(bytes, name, opts);
    const text = decodeText(bytes);
    if (lower.endsWith('.prototxt') || lower.endsWith('.pbtxt')) {
      if (text === null) return { ok: false, error: `${name} is not UTF-8 text` };
      return importPrototxt(text, name);
    }
    if (lower.endsWith('.json') || (text !== null && /^\s*\{/.test(text))) {
      if (text === null) return { ok: false, error: `${name} is not UTF-8 text` };
      const r = parseModelJson(text);
      return r.ok ? { ok: true, model: r.model, warnings: [] } : { ok: false, error: `${name}: ${r.error}` };
    }
    if (text !== null && /\b(layers?|input)\s*[{:]/.test(text)) return importPrototxt(text, name);
    if (text === null) return importOnnx(bytes, name, opts);
    return {
      ok: false,
      error: `${name}: unknown file type (expected ${IMPORT_EXTENSIONS.join(', ')})`,
    };
  } catch (err) {
    return { ok: false, error: `cannot import ${name}: ${(err as Error).message}` };
  }
}
