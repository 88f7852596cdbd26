/**
 * The Keras fixtures (tests/fixtures/keras, made by scripts/fixtures/keras_fixtures.py with
 * Keras 3.15.1 on TensorFlow 2.21, and one Keras 2.2.4 file from another repository) and what
 * Keras said about each: count_params(), trainable / non-trainable counts, per layer its
 * count_params() and the output shape of every call (channels last, batch left out).
 */
import { existsSync, readFileSync } from 'node:fs';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importFileAsync } from '../../../src/engine/import';
import type { ImportResult } from '../../../src/engine/import';
import type { Row } from '../../../src/engine/rows';
import { fixture, readFixture } from './helpers';

export interface ExpectedLayer {
  readonly name: string;
  readonly class: string;
  readonly params: number;
  /** Per call, the shapes of its outputs. */
  readonly outputs?: number[][][];
  /** A model used as a layer: its layers follow, named "outer/inner". */
  readonly nested?: boolean;
}

export interface ExpectedModel {
  readonly name: string;
  readonly count_params: number;
  readonly trainable: number;
  readonly non_trainable: number;
  readonly inputs: { name: string; shape: number[] }[];
  readonly outputs: number[][];
  readonly layers: ExpectedLayer[];
  /** Set for a file not made by the script (the Keras 2.2.4 one), saved only as .h5. */
  readonly file?: string;
}

export const EXPECTED = JSON.parse(readFileSync(fixture('keras/expected.json'), 'utf8')) as {
  keras: string;
  models: Record<string, ExpectedModel>;
};

/** Every fixture file with its expectations: [file, model key]. */
/**
 * Every fixture file with its entry. Files made by others (`m.file`: fetched from their public
 * repositories) are not committed: they are checked where present (tests/fixtures/keras/, git-ignored)
 * and listed in MISSING elsewhere.
 */
const ALL: [string, string][] = Object.entries(EXPECTED.models).flatMap(([key, m]) =>
  m.file ? [[m.file, key] as [string, string]] : [[`${key}.keras`, key] as [string, string], [`${key}.h5`, key]],
);
export const FILES = ALL.filter(([f]) => existsSync(fixture(`keras/${f}`)));
export const MISSING = ALL.filter(([f]) => !existsSync(fixture(`keras/${f}`))).map(([f]) => f);
/** The files made by others (each entry's own `file`). */
export const BY_OTHERS = Object.values(EXPECTED.models).flatMap((m) => (m.file ? [m.file] : []));

export async function importFixture(file: string): Promise<Extract<ImportResult, { ok: true }>> {
  const r = await importFileAsync(file, readFixture(`keras/${file}`));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r;
}

/** The row name of call `k` of a Keras layer, as the importer writes it. */
export const callName = (name: string, k: number) => (k ? `${name} (call ${k + 1})` : name);

/** A call's rows: the layer's own and its parts ("conv1/relu", "sep/pointwise"). */
export const rowsOfCall = (rows: readonly Row[], name: string) =>
  rows.filter((r) => r.name === name || r.name?.startsWith(`${name}/`));

/** Calls after the first of layers called more than once (shared weights). */
export const laterCalls = (m: ExpectedModel) =>
  m.layers.reduce((s, l) => s + (l.outputs && l.outputs.length > 1 && l.params > 0 ? l.outputs.length - 1 : 0), 0);

/** Keras's channels-last shape with the channels moved first ([H, W, C] → [C, H, W]). */
export const moved = (s: readonly number[]) => (s.length >= 2 ? [s[s.length - 1], ...s.slice(0, -1)] : [...s]);

/** How a model input is held: images and volumes channels-first, sequences [L, D] and vectors as they are. */
export const held = (s: readonly number[]) => (s.length >= 3 ? moved(s) : [...s]);

export const evaluate = (r: Extract<ImportResult, { ok: true }>) => evaluateModel(r.model);
