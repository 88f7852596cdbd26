/**
 * Keras import: a `.keras` zip or a legacy `.h5` (archive.ts) → its model config flattened into
 * layer calls (config.ts) → a dataflow graph of FlopLab layers (build.ts, map*.ts) → a model
 * (graph-model.ts: nested blocks when the graph allows, else a graph with every input and output).
 *
 * Parameters: FlopLab's parameters + buffers equal Keras's count_params() (batch norm's moving
 * mean and variance are Keras weights and FlopLab buffers). A layer called more than once keeps
 * one set of weights: its later calls compute as themselves and name the first in `shares`.
 */
import type { Shape } from '../../format/model';
import { modelFromGraph } from '../graph-model';
import type { Hdf5Module } from '../hdf5';
import { ImportLimitError, MAX_IMPORT_BYTES, sizeText, type ImportOptions, type ImportResult } from '../result';
import { readKerasArchive, type KerasArchive } from './archive';
import { extraOutputs, flattenConfig, type FlatModel } from './config';
import { GraphBuilder } from './build';
import { say } from '../../messages';

/** Progress (the file is read whole first; then layer calls converted) every this many calls. */
const PROGRESS_STEP = 500;

function convert(a: KerasArchive, flat: FlatModel, fileName: string, size: number, opts: ImportOptions): ImportResult {
  const warnings: string[] = [...a.notes];
  const b = new GraphBuilder(flat, a.weights);
  b.extraCount = extraOutputs(flat);
  const inputs: { name: string; shape: Shape }[] = [];
  for (const i of flat.inputs) {
    if (!i.shape.length || i.shape.length > 8)
      return {
        ok: false,
        error: say('file.kerasRank', { name: fileName, input: i.name, n: i.shape.length }),
      };
    if (i.shape.some((d) => d === null))
      return {
        ok: false,
        error: say('file.kerasUnknownSizes', {
          name: fileName,
          input: i.name,
          shape: i.shape.map((d) => d ?? 'None').join(', '),
        }),
      };
    if (!i.shape.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 1e9))
      return {
        ok: false,
        error: say('file.kerasNotCounts', { name: fileName, input: i.name, shape: i.shape.join(', ') }),
      };
    inputs.push({ name: i.value, shape: b.input(i.value, i.shape as Shape).shape as Shape });
  }
  const total = flat.calls.length;
  flat.calls.forEach((c, i) => {
    b.call(c);
    if (opts.onProgress && (i + 1) % PROGRESS_STEP === 0)
      opts.onProgress({ bytes: size, totalBytes: size, nodes: i + 1 });
  });
  opts.onProgress?.({ bytes: size, totalBytes: size, nodes: total });
  const built = b.result(flat.outputs);
  for (const [what, names] of built.unsupported)
    warnings.push(
      names.length <= 3
        ? say('imp.kerasNotCounted', { what, n: names.length, list: names.join(', ') })
        : say('imp.kerasNotCountedMany', { what, n: names.length }),
    );
  warnings.push(...built.warnings);
  if (built.sharedCalls) warnings.push(say('imp.kerasShared', { n: built.sharedCalls }));
  const outputs = flat.outputs.filter(
    (o) => built.nodes.some((n) => n.output === o) || inputs.some((i) => i.name === o),
  );
  if (!outputs.length) return { ok: false, error: say('file.kerasNoOutput', { name: fileName }) };
  const { model, notes } = modelFromGraph({
    nodes: built.nodes,
    inputs,
    outputs,
    name: flat.name || fileName.replace(/\.[^.]*$/, ''),
    batch: 1,
    meta: {
      importedFrom: fileName,
      sourceFormat: a.format === 'keras' ? 'keras' : 'keras-h5',
      ...(a.kerasVersion ? { kerasVersion: a.kerasVersion } : {}),
    },
  });
  warnings.push(...notes);
  return { ok: true, model, warnings };
}

/** Imports a Keras model (.keras or .h5) with the HDF5 reader given (../hdf5.ts loads it). Never throws. */
export function importKeras(
  hdf5: Hdf5Module,
  bytes: Uint8Array,
  fileName = 'model.keras',
  opts: ImportOptions = {},
): ImportResult {
  if (bytes.length > MAX_IMPORT_BYTES)
    return {
      ok: false,
      error: say('file.tooLarge', { name: fileName, size: sizeText(bytes.length), limit: sizeText(MAX_IMPORT_BYTES) }),
    };
  if (bytes.length === 0) return { ok: false, error: say('file.empty', { name: fileName }) };
  let archive: KerasArchive;
  let flat: FlatModel;
  try {
    archive = readKerasArchive(hdf5, bytes, fileName);
    opts.onProgress?.({ bytes: bytes.length, totalBytes: bytes.length, nodes: 0 });
    flat = flattenConfig(archive.config);
  } catch (err) {
    // Layer calls past MAX_IMPORT_NODES are refused while the config is flattened (config.ts).
    if (err instanceof ImportLimitError)
      return { ok: false, error: say('file.named', { name: fileName, error: err.message }) };
    return { ok: false, error: say('file.notKeras', { name: fileName, error: (err as Error).message }) };
  }
  try {
    return convert(archive, flat, fileName, bytes.length, opts);
  } catch (err) {
    return { ok: false, error: say('file.cannotConvert', { name: fileName, error: (err as Error).message }) };
  }
}
