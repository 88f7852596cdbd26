/**
 * File import entry point shared by the page (drag and drop, in the worker) and the CLI:
 * chooses the importer from the file name, or from the content when the name says nothing.
 * `.onnx` → ONNX; `.tflite` (or the "TFL3" identifier at byte 4) → TFLite; `.prototxt`/`.pbtxt`
 * → Caffe; `.json` → the model format itself; `.keras` (a zip) and `.h5`/`.hdf5` (HDF5) → Keras. Keras files need the HDF5 reader, which loads on
 * first use: `importFileAsync` loads it when the file is a Keras one; `importFile` answers at
 * once and reads Keras files only when the reader is loaded or given (ImportOptions.hdf5).
 */
import { parseModel, parseModelJson } from '../format/schema';
import { hdf5IfLoaded, loadHdf5 } from './hdf5';
import { HDF5_MAGIC, startsWith, ZIP_MAGIC } from './keras/archive';
import { importKeras } from './keras';
import { importOnnx } from './onnx';
import { importPrototxt } from './prototxt';
import { hasTfliteIdentifier, importTflite } from './tflite';
import { MAX_IMPORT_BYTES, MAX_IMPORT_NAME, sizeText, type ImportOptions, type ImportResult } from './result';
import type { LayerSpec, Model } from '../format/model';
import { say } from '../messages';
import { groupDigits } from '../digits';

export type { ImportResult, ImportOptions, ImportProgress } from './result';
export { MAX_IMPORT_BYTES, MAX_IMPORT_NAME, MAX_IMPORT_NODES, MAX_IMPORT_STRING, MAX_IMPORT_TENSORS } from './result';
export { importOnnx } from './onnx';
export { importPrototxt } from './prototxt';
export { importKeras } from './keras';
export { importTflite } from './tflite';
export { loadHdf5 } from './hdf5';

export const IMPORT_EXTENSIONS = ['.onnx', '.tflite', '.prototxt', '.json', '.keras', '.h5', '.hdf5'] as const;

const KERAS_NAME = /\.(keras|h5|hdf5)$/i;

/** A Keras file by its name, or by its first bytes (a zip, or the HDF5 signature). */
export const isKerasFile = (name: string, bytes: Uint8Array): boolean =>
  KERAS_NAME.test(name) || startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, HDF5_MAGIC);

function decodeText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Imports a file by name and content, loading the HDF5 reader first for a Keras file. Never rejects. */
export async function importFileAsync(
  name: string,
  bytes: Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  try {
    if (bytes instanceof Uint8Array && !opts.hdf5 && isKerasFile(name, bytes)) await loadHdf5();
  } catch (err) {
    return { ok: false, error: say('file.hdf5Reader', { name, error: (err as Error).message }) };
  }
  return importFile(name, bytes, opts);
}

/** Imports a file by name and content. Never throws. */
export function importFile(name: string, bytes: Uint8Array, opts: ImportOptions = {}): ImportResult {
  return withinLimits(name, importAny(name, bytes, opts));
}

const MAX_NAME = MAX_IMPORT_NAME;
const cut = (s: string) => `${s.slice(0, MAX_NAME - 1)}…`;

/**
 * The layers with every string longer than MAX_NAME (a layer's name, an op's name) cut to it: a
 * file's 100 MB node name would otherwise be a row's label, autosaved and drawn. `id`s are left
 * alone (the importers make them ≤ 200; the schema refuses longer). `longest` gets the longest length cut.
 */
function cutLayerStrings(layers: readonly LayerSpec[], longest: { n: number; count: number }): LayerSpec[] {
  return layers.map((l) => {
    let copy: Record<string, unknown> | null = null;
    const set = (k: string, v: unknown) => ((copy ??= { ...l })[k] = v);
    for (const [k, v] of Object.entries(l)) {
      if (typeof v === 'string' && v.length > MAX_NAME && k !== 'id') {
        longest.n = Math.max(longest.n, v.length);
        longest.count++;
        set(k, cut(v));
      } else if ((k === 'body' || k === 'shortcut') && Array.isArray(v)) {
        const inner = cutLayerStrings(v as LayerSpec[], longest);
        if (inner.some((x, i) => x !== v[i])) set(k, inner);
      } else if (k === 'branches' && Array.isArray(v)) {
        const inner = (v as unknown[]).map((b) => (Array.isArray(b) ? cutLayerStrings(b as LayerSpec[], longest) : b));
        if (inner.some((b, i) => Array.isArray(b) && b.some((x, j) => x !== (v[i] as LayerSpec[])[j]))) set(k, inner);
      }
    }
    return (copy ?? l) as LayerSpec;
  });
}

/**
 * What an importer accepts must be a document the rest of the app accepts too (autosave, links, the
 * CLI's --emit-model read back): the same schema, checked at the door. A file whose input has a
 * 2,000,000-wide axis or 100,001 layers is refused here with the limit in the message, instead of
 * opening and then failing to restore after a reload; a name past 200 characters is shortened.
 */
function withinLimits(name: string, r: ImportResult): ImportResult {
  if (!r.ok) return r;
  let { model } = r;
  const warnings = [...r.warnings];
  if (typeof model.name === 'string' && model.name.length > MAX_NAME) {
    model = { ...model, name: cut(model.name) };
    warnings.push(`the model name was ${groupDigits(r.model.name!.length)} characters; kept its first ${MAX_NAME - 1}`);
  }
  if (Array.isArray(model.layers)) {
    const longest = { n: 0, count: 0 };
    const layers = cutLayerStrings(model.layers, longest);
    if (longest.count) {
      model = { ...model, layers } as Model;
      warnings.push(
        say('file.longNames', {
          n: groupDigits(longest.count),
          max: MAX_NAME,
          longest: groupDigits(longest.n),
          kept: MAX_NAME - 1,
        }),
      );
    }
  }
  const checked = parseModel(model);
  if (!checked.ok) return { ok: false, error: say('file.outsideLimits', { name, error: checked.error }) };
  return { ok: true, model, warnings };
}

function importAny(name: string, bytes: Uint8Array, opts: ImportOptions): ImportResult {
  try {
    if (!(bytes instanceof Uint8Array)) return { ok: false, error: say('file.noContent', { name }) };
    if (bytes.length > MAX_IMPORT_BYTES)
      return {
        ok: false,
        error: say('file.tooLarge', { name, size: sizeText(bytes.length), limit: sizeText(MAX_IMPORT_BYTES) }),
      };
    const lower = name.toLowerCase();
    if (lower.endsWith('.onnx')) return importOnnx(bytes, name, opts);
    if (lower.endsWith('.tflite')) return importTflite(bytes, name, opts);
    if (isKerasFile(name, bytes)) {
      const hdf5 = opts.hdf5 ?? hdf5IfLoaded();
      if (!hdf5) return { ok: false, error: say('file.kerasNeedsReader', { name }) };
      return importKeras(hdf5, bytes, name, opts);
    }
    const known = ['.prototxt', '.pbtxt', '.json'].some((e) => lower.endsWith(e));
    if (!known && hasTfliteIdentifier(bytes)) return importTflite(bytes, name, opts);
    const text = decodeText(bytes);
    if (lower.endsWith('.prototxt') || lower.endsWith('.pbtxt')) {
      if (text === null) return { ok: false, error: say('file.notUtf8', { name }) };
      return importPrototxt(text, name);
    }
    if (lower.endsWith('.json') || (text !== null && /^\s*\{/.test(text))) {
      if (text === null) return { ok: false, error: say('file.notUtf8', { name }) };
      const r = parseModelJson(text);
      return r.ok
        ? { ok: true, model: r.model, warnings: [] }
        : { ok: false, error: say('file.named', { name, error: r.error }) };
    }
    if (text !== null && /\b(layers?|input)\s*[{:]/.test(text)) return importPrototxt(text, name);
    // Binary, or text that starts like an ONNX ModelProto (field 1, ir_version: byte 0x08, which no
    // text format starts with): a small ONNX file of ASCII names and small varints is valid UTF-8.
    if (text === null || bytes[0] === 0x08) return importOnnx(bytes, name, opts);
    return {
      ok: false,
      error: say('file.unknownType', { name, list: IMPORT_EXTENSIONS.join(', ') }),
    };
  } catch (err) {
    return { ok: false, error: say('file.cannotImport', { name, error: (err as Error).message }) };
  }
}
