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

function fromFile(path: string, readFile: (p: string) => Uint8Array, o: CliOptions): Source {
  let bytes: Uint8Array;
  try {
    bytes = readFile(path);
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

export function loadSources(o: CliOptions, readFile: (p: string) => Uint8Array): Source[] {
  return [...o.presets.map((n) => fromPreset(n, o)), ...o.files.map((f) => fromFile(f, readFile, o))];
}
