/**
 * Where the CLI's models come from: files (model JSON, ONNX, TFLite, Caffe prototxt, Keras — the same
 * importers as the app) and built-in presets with their knobs.
 */
import type { CliOptions } from './args';
import type { Model } from '../engine/format/model';
import * as hdf5 from 'jsfive';
import { importFile } from '../engine/import';
import { knobError, presetByName, PRESETS } from '../engine/presets';

export type Source = { label: string; model: Model; warnings: string[] } | { label: string; error: string };

/** Where a model file's bytes come from: a path (the file system, or a fake in tests) and stdin for `-`. */
export interface ModelReaders {
  readFile(path: string): Promise<Uint8Array> | Uint8Array;
  readStdin(): Promise<Uint8Array>;
}

/** The file argument that means stdin, and what messages call it. */
export const STDIN_ARG = '-';
const STDIN_LABEL = 'stdin';

async function fromFile(arg: string, read: ModelReaders, o: CliOptions): Promise<Source> {
  // stdin has no name to choose an importer by: importFile then goes by the content (JSON or prototxt
  // text; TFLite, Keras zip/HDF5 by their first bytes; other binary as ONNX), as for a file without extension.
  const path = arg === STDIN_ARG ? STDIN_LABEL : arg;
  let bytes: Uint8Array;
  try {
    bytes = arg === STDIN_ARG ? await read.readStdin() : await read.readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return {
      label: path,
      error:
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EISDIR'
            ? 'is a directory'
            : `cannot read (${(err as Error).message})`,
    };
  }
  // Node has no first-download budget: the HDF5 reader (Keras files) is loaded with the CLI.
  const r = importFile(path, bytes, { hdf5, ...(o.inputShapes ? { inputShapes: o.inputShapes } : {}) });
  // importFile names the file in its messages; the CLI names it once, in front.
  return r.ok
    ? { label: path, model: r.model, warnings: r.warnings }
    : { label: path, error: r.error.startsWith(path) ? r.error.slice(path.length).replace(/^[:\s]+/, '') : r.error };
}

/** Knobs for a preset from --width, --knob and a square --input (resolution). */
export function presetKnobs(o: CliOptions, knobNames: readonly string[]): Record<string, number> {
  const knobs: Record<string, number> = { ...o.knobs };
  if (o.width !== undefined) knobs.width = o.width;
  if (
    o.input?.length === 3 &&
    o.input[1] === o.input[2] &&
    knobNames.includes('resolution') &&
    knobs.resolution === undefined
  )
    knobs.resolution = o.input[1];
  return knobs;
}

function fromPreset(name: string, o: CliOptions): Source {
  const p = presetByName(name);
  if (!p) {
    const near = PRESETS.filter((x) => x.name.includes(name) || name.includes(x.name)).map((x) => x.name);
    return {
      label: `--preset ${name}`,
      error: `no preset named "${name}"${near.length ? ` (did you mean ${near.slice(0, 5).join(', ')}?)` : ''}; see --list-presets`,
    };
  }
  const knobs = presetKnobs(
    o,
    p.knobs.map((k) => k.name),
  );
  const err = knobError(p, knobs);
  if (err) return { label: `--preset ${name}`, error: err };
  return { label: name, model: p.build(knobs), warnings: [] };
}

export async function loadSources(o: CliOptions, read: ModelReaders): Promise<Source[]> {
  const files: Source[] = [];
  for (const f of o.files) files.push(await fromFile(f, read, o)); // one at a time: each file's bytes are dropped once imported
  return [...o.presets.map((n) => fromPreset(n, o)), ...files];
}
