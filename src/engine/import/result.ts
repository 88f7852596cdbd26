/** What every importer returns: a model and warnings, or one message saying why not. */
import type { Model } from '../format/model';
import { LIMITS } from '../format/schema';
import type { Hdf5Module } from './hdf5';
import { say } from '../messages';
import { groupDigits } from '../digits';

export type ImportResult = { ok: true; model: Model; warnings: string[] } | { ok: false; error: string };

/**
 * Largest file the importers accept. An ONNX file is mostly weights, which are skipped as
 * views, but the whole file must be in memory; above this the page would risk running out.
 */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

/**
 * Most nodes a file may have: ONNX nodes (the main graph and its subgraphs), Caffe layers, TFLite
 * operators (all subgraphs), Keras layer calls. Counted as soon as the list is decoded, before any
 * layer is built, because a model can have no more layers than this (LIMITS.maxLayers): a file
 * past it would be refused after the whole build anyway, once the page had spent seconds and a
 * gigabyte on it (a 1,000,000-node ONNX took 32 s and 1.3 GB). Constants and shape arithmetic
 * count too; no real network comes near.
 */
export const MAX_IMPORT_NODES: number = LIMITS.maxLayers;

/** TFLite tensors: each operator writes about one, weights and constants add some; 4 per node allowed. */
export const MAX_IMPORT_TENSORS = 4 * MAX_IMPORT_NODES;

/**
 * Longest string (a name, an op type, a doc string; in bytes of UTF-8) the importers read. Past
 * it the file is refused before the string is copied out of the file; real files' names are tens
 * of characters, their longest doc strings (stack traces) a few kilobytes.
 */
export const MAX_IMPORT_STRING = 1024 * 1024;

/** Longest name a model or layer keeps (LIMITS: a model's `name` ≤ 200 characters); longer ones are cut with a warning. */
export const MAX_IMPORT_NAME = 200;

/** A file past one of the limits above; the importers turn it into `{ ok: false }` with its message. */
export class ImportLimitError extends Error {}

const count = (n: number) => groupDigits(n);

/** "the file has 1,000,000 nodes; FlopLab imports at most 100,000" */
export const tooMany = (n: number, what: string, limit: number = MAX_IMPORT_NODES) =>
  new ImportLimitError(say('file.tooMany', { n: count(n), what, limit: count(limit) }));

/** Throws when a string of `bytes` bytes is past MAX_IMPORT_STRING. */
export function checkStringLength(bytes: number, what = 'a string'): void {
  if (bytes > MAX_IMPORT_STRING)
    throw new ImportLimitError(
      say('file.stringTooLong', { what, size: sizeText(bytes), limit: sizeText(MAX_IMPORT_STRING) }),
    );
}

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
