/**
 * Reading a Keras file's two parts: the model config (JSON) and the weights' shapes.
 *
 * - `.keras` (Keras 3, and Keras 2.13+ `save_format="keras_v3"`): a zip with config.json,
 *   metadata.json and model.weights.h5. In the weights file a layer's variables sit at
 *   `layers/<auto>/…/vars/<i>`, where <auto> is not the layer's name but its class name in
 *   snake_case with a counter (keras/src/saving/saving_lib.py `_save_container_state`: "Do NOT
 *   address the saveable via `saveable.name`"), in the order of the model's layers; a nested
 *   model's layers are under `layers/<auto>/layers/<auto>`.
 * - legacy `.h5` (Keras 1/2, and Keras 3's `model.save("x.h5")`): HDF5 with the config in the
 *   root attribute `model_config` and the weights under `model_weights/<layer name>/…`
 *   (keras/src/legacy/saving/legacy_h5_format.py); a nested model's weights are in its group,
 *   under a group named after each inner layer.
 *
 * HDF5 is read by jsfive (pure JS, ../hdf5.ts), loaded on first use so the ONNX and Caffe imports
 * never download it. Only shapes are read, never weight data: a count needs nothing more.
 */
import { unzipSync } from 'fflate';
import type { Dataset, File as H5File, Group } from 'jsfive';
import type { Hdf5Module } from '../hdf5';
import { MAX_IMPORT_BYTES } from '../result';
import { say } from '../../messages';

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const HDF5_MAGIC = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

export const startsWith = (bytes: Uint8Array, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** One level of a layer's place: its name, and its key in a Keras 3 weights file. */
export interface LayerKey {
  readonly name: string;
  readonly auto: string;
}

export interface WeightStore {
  /** Elements of every weight stored for the layer at `path` (nested models first), or null if absent. */
  count(path: readonly LayerKey[]): number | null;
}

export interface KerasArchive {
  readonly format: 'keras' | 'h5';
  readonly config: unknown;
  readonly kerasVersion?: string;
  readonly weights: WeightStore | null;
  readonly notes: string[];
}

/** Config files larger than this are refused (a zip's sizes are checked before inflating). */
const MAX_CONFIG_BYTES = 64 * 1024 * 1024;
/** Groups and datasets visited per weight lookup, so a damaged file cannot make a walk endless. */
const MAX_VISITS = 200_000;

// jsfive's Dataset is an Array subclass and its Group is not; `keys` and `shape` are getters that
// read the file, so the kind is told without calling them.
const isDataset = (o: unknown): o is Dataset => Array.isArray(o);
const isGroup = (o: unknown): o is Group => !!o && typeof o === 'object' && !Array.isArray(o) && 'get' in o;

/**
 * jsfive reads a group's links again at every `keys` and `get`: a 900-layer model's `layers` group
 * read once per layer took 15 s. Each group's keys and children are read once and kept.
 */
const keysCache = new WeakMap<Group, string[]>();
const childCache = new WeakMap<Group, Map<string, Group | Dataset | null>>();

function keysOf(g: Group): string[] {
  let k = keysCache.get(g);
  if (!k) {
    try {
      k = g.keys;
    } catch {
      k = [];
    }
    keysCache.set(g, k);
  }
  return k;
}

function child(g: Group, key: string): Group | Dataset | null {
  let m = childCache.get(g);
  if (!m) childCache.set(g, (m = new Map()));
  if (m.has(key)) return m.get(key) as Group | Dataset | null;
  let c: Group | Dataset | null = null;
  if (keysOf(g).includes(key))
    try {
      c = g.get(key);
    } catch {
      c = null;
    }
  m.set(key, c);
  return c;
}

/** Elements of all datasets under `g` (scalars count 1). */
function elements(g: Group | Dataset): number {
  let n = 0;
  let visits = 0;
  const todo: (Group | Dataset)[] = [g];
  while (todo.length && visits++ < MAX_VISITS) {
    const o = todo.pop() as Group | Dataset;
    if (isDataset(o)) n += o.shape.reduce((a, b) => a * b, 1);
    else if (isGroup(o))
      for (const k of keysOf(o)) {
        const c = child(o, k);
        if (c) todo.push(c);
      }
  }
  return n;
}

/** The first group named `name` below `g`, breadth first (legacy nesting varies by Keras version). */
function findGroup(g: Group, name: string): Group | null {
  const queue: Group[] = [g];
  for (let visits = 0; queue.length && visits < MAX_VISITS; visits++) {
    const o = queue.shift() as Group;
    for (const k of keysOf(o)) {
      const c = child(o, k);
      if (!isGroup(c)) continue;
      if (k === name) return c;
      queue.push(c);
    }
  }
  return null;
}

/** Fixed-length HDF5 strings come NUL-padded. */
const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/\0+$/, '') : undefined);

function legacyStore(root: Group): WeightStore {
  return {
    count(path) {
      let g: Group | null = root;
      path.forEach((k, i) => {
        if (!g) return;
        const direct = i === 0 ? child(g, k.name) : null;
        g = isGroup(direct) ? direct : i === 0 ? null : findGroup(g, k.name);
      });
      return g ? elements(g) : null;
    },
  };
}

function v3Store(file: H5File): WeightStore {
  return {
    count(path) {
      let g: Group | Dataset | null = file;
      for (const k of path) {
        const layers: Group | Dataset | null = isGroup(g) ? child(g, 'layers') : null;
        g = isGroup(layers) ? child(layers, k.auto) : null;
        if (!g) return null;
      }
      return g ? elements(g) : null;
    },
  };
}

function openHdf5(hdf5: Hdf5Module, bytes: Uint8Array, name: string): H5File {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const buffer = whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  return new hdf5.File(buffer, name);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${what} is not valid JSON (${(err as Error).message})`, { cause: err });
  }
}

function readZip(hdf5: Hdf5Module, bytes: Uint8Array, name: string): KerasArchive {
  const wanted = new Set(['config.json', 'metadata.json', 'model.weights.h5']);
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(f.name)) return false;
        // Sizes as the zip states them, before inflating: a small file cannot unpack to gigabytes.
        const limit = f.name.endsWith('.json') ? MAX_CONFIG_BYTES : MAX_IMPORT_BYTES;
        if (f.originalSize > limit) throw new Error(`${f.name} would unpack to ${f.originalSize} bytes`);
        return true;
      },
    });
  } catch (err) {
    throw new Error(`not a readable zip (${(err as Error).message})`, { cause: err });
  }
  if (!files['config.json']) throw new Error('the zip has no config.json: not a .keras model');
  const text = new TextDecoder().decode(files['config.json']);
  const config = parseJson(text, 'config.json');
  const meta = files['metadata.json']
    ? parseJson(new TextDecoder().decode(files['metadata.json']), 'metadata.json')
    : {};
  const kerasVersion = clean((meta as { keras_version?: unknown }).keras_version);
  const notes: string[] = [];
  let weights: WeightStore | null = null;
  if (files['model.weights.h5']) {
    try {
      const w = files['model.weights.h5'];
      const stated = statedLength(w);
      if (stated !== null && stated > w.length) throw new Error(`it is cut short (${w.length} of ${stated} bytes)`);
      weights = v3Store(openHdf5(hdf5, w, `${name}/model.weights.h5`));
    } catch (err) {
      notes.push(say('imp.weightsUnreadable', { error: (err as Error).message }));
    }
  } else notes.push(say('imp.noWeightsFile'));
  return { format: 'keras', config, kerasVersion, weights, notes };
}

/**
 * The file's length as its superblock states it (HDF5 spec, "Superblock": the end-of-file address,
 * at byte 40 in version 0, 44 in version 1, 28 in versions 2 and 3), or null when unreadable.
 * jsfive reads lazily, so a file cut short would otherwise load with its later weights missing.
 */
export function statedLength(bytes: Uint8Array): number | null {
  const version = bytes[8];
  const size = version <= 1 ? bytes[13] : bytes[9];
  const at = version === 0 ? 40 : version === 1 ? 44 : version <= 3 ? 28 : -1;
  if (at < 0 || size < 1 || size > 8 || bytes.length < at + size) return null;
  let n = 0;
  for (let i = size - 1; i >= 0; i--) n = n * 256 + bytes[at + i];
  return n;
}

function readH5(hdf5: Hdf5Module, bytes: Uint8Array, name: string): KerasArchive {
  const stated = statedLength(bytes);
  if (stated !== null && stated > bytes.length)
    throw new Error(`the HDF5 file is cut short: it is ${bytes.length} bytes of the ${stated} it says it has`);
  let file: H5File;
  try {
    file = openHdf5(hdf5, bytes, name);
  } catch (err) {
    throw new Error(`not a readable HDF5 file (${(err as Error).message})`, { cause: err });
  }
  const raw = file.attrs.model_config;
  const text = typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : null;
  if (text === null)
    throw new Error(
      'the HDF5 file has no model_config attribute: it holds weights only (save_weights), not a Keras model',
    );
  const config = parseJson(clean(text) ?? text, 'model_config');
  const mw = child(file, 'model_weights');
  const notes: string[] = [];
  if (!isGroup(mw)) notes.push(say('imp.noWeightsGroup'));
  return {
    format: 'h5',
    config,
    kerasVersion: clean(file.attrs.keras_version),
    weights: isGroup(mw) ? legacyStore(mw) : null,
    notes,
  };
}

/** Reads a .keras zip or a legacy .h5. Throws with a message saying what is wrong. */
export function readKerasArchive(hdf5: Hdf5Module, bytes: Uint8Array, name: string): KerasArchive {
  if (startsWith(bytes, ZIP_MAGIC)) return readZip(hdf5, bytes, name);
  if (startsWith(bytes, HDF5_MAGIC)) return readH5(hdf5, bytes, name);
  throw new Error('neither a .keras zip nor an HDF5 file (the first bytes are neither "PK" nor "\\x89HDF")');
}
