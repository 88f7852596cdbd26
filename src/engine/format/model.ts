/**
 * The FlopLab model format, version 1 ("floplab.model/1").
 *
 * One JSON document is what the editor edits, what a share link carries, what files
 * export and what the CLI reads. docs/model-format.md is its human description.
 * Field names are fixed (see that document); optional fields may be added, never renamed.
 */

export const MODEL_FORMAT = 'floplab.model/1';

/** A tensor shape without the batch dimension: [C, H, W] for feature maps, [F] for flat vectors. */
export type Shape = readonly number[];

/** One entry of a layer list. `type` selects the layer kind; the other fields are that kind's. */
export interface LayerSpec {
  readonly type: string;
  /** Optional display name ("conv1", "layer2.0.downsample"). */
  readonly name?: string;
  readonly [field: string]: unknown;
}

export interface Model {
  readonly format: typeof MODEL_FORMAT;
  readonly name?: string;
  /** Input shape without batch: [C, H, W] or [F]. */
  readonly input: readonly number[];
  /** Batch size N; defaults to 1. */
  readonly batch?: number;
  readonly layers: readonly LayerSpec[];
  /** Free-form metadata (presets store their reference counts here). Never affects counts. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** A 2-D size as written in the format: one number for both sides or [h, w]. */
export type Pair = number | readonly [number, number];
/** Padding as written: a number, [h, w], or "same" (stride 1 only, as in PyTorch). */
export type Padding = Pair | 'same';

export const pairOf = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

export const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);

export const shapeText = (s: Shape | null | undefined): string => (s ? s.join('×') : '?');
