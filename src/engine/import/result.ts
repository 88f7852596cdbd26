/** What every importer returns: a model and warnings, or one message saying why not. */
import type { Model } from '../format/model';
import type { Hdf5Module } from './hdf5';

export type ImportResult = { ok: true; model: Model; warnings: string[] } | { ok: false; error: string };

/**
 * Largest file the importers accept. An ONNX file is mostly weights, which are skipped as
 * views, but the whole file must be in memory; above this the page would risk running out.
 */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/** Progress of a long import, for a progress bar: bytes read so far and nodes decoded. */
export interface ImportProgress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly nodes: number;
}

export interface ImportOptions {
  /** Called every few thousand nodes / megabytes and once at the end. */
  readonly onProgress?: (p: ImportProgress) => void;
  /** The HDF5 reader for Keras files, when the caller has it (the CLI); else the one loaded by importFileAsync. */
  readonly hdf5?: Hdf5Module;
  /**
   * Sizes for inputs whose dims the file leaves symbolic, by input name, batch first (ONNX):
   * shape arithmetic in the graph (pads, reshapes computed from a Shape) is folded at these sizes.
   */
  readonly inputShapes?: Readonly<Record<string, readonly number[]>>;
}

export const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} bytes`;
