/**
 * The FlopLab model format, version 2 ("floplab.model/2").
 *
 * One JSON document is what the editor edits, what a share link carries, what files export and
 * what the CLI reads. docs/model-format.md is its human description. Field names are fixed (see
 * that document); optional fields may be added, never renamed. Version 1 documents are read and
 * migrated by migrate.ts (every v1 document is a v2 document with the other tag).
 *
 * A model is a graph written as a stack: a layer takes the previous layer's output, unless it
 * names its inputs with `from` (ids of earlier layers or names of model inputs), the way
 * Ultralytics' YAML and Caffe's bottom/top write forks and merges.
 */

export const MODEL_FORMAT = 'floplab.model/2';
/** The first version: one [C, H, W] or [F] input, layers as a nested stack only. */
export const MODEL_FORMAT_V1 = 'floplab.model/1';

/** A tensor shape without the batch dimension, of any rank: [C, H, W] for feature maps, [L, D] for tokens. */
export type Shape = readonly number[];

/** Where a layer takes an input from: an earlier layer's `id`, a model input's name, or -1 (the previous layer). */
export type LayerRef = string | -1;

/** One entry of a layer list. `type` selects the layer kind; the other fields are that kind's. */
export interface LayerSpec {
  readonly type: string;
  /** Optional display name ("conv1", "layer2.0.downsample"). */
  readonly name?: string;
  /** Optional handle other layers name in `from`; a later layer with the same id shadows it. */
  readonly id?: string;
  /** This layer's input(s), instead of the previous layer's output. */
  readonly from?: LayerRef | readonly LayerRef[];
  /** The name of the layer whose weights this one uses (shared/tied weights): its parameters count there. */
  readonly shares?: string;
  readonly [field: string]: unknown;
}

/** A named model input (a network may have several: an image and a mask, token ids and positions). */
export interface ModelInput {
  readonly name: string;
  /** Shape without the batch, any rank. */
  readonly shape: readonly number[];
}

export interface Model {
  readonly format: typeof MODEL_FORMAT;
  readonly name?: string;
  /**
   * Input shape without batch ([C, H, W], [F], [L, D], …): one input named "input". Exactly one of
   * `input` and `inputs` is given; the tools read either through `modelInputs`.
   */
  readonly input?: readonly number[];
  /** Several named inputs; the first feeds the first layer. */
  readonly inputs?: readonly ModelInput[];
  /** Ids (or input names) whose tensors are the model's outputs; default: the last layer's output. */
  readonly outputs?: readonly string[];
  /** Batch size N; defaults to 1. */
  readonly batch?: number;
  readonly layers: readonly LayerSpec[];
  /** Free-form metadata (presets store their reference counts here). Never affects counts. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/** The name the `input` shorthand gives its one input. */
export const DEFAULT_INPUT_NAME = 'input';

/** The model's inputs as a list, whichever way the document wrote them (unchecked: see header.ts). */
export function modelInputs(m: Pick<Model, 'input' | 'inputs'>): readonly ModelInput[] {
  if (Array.isArray(m.inputs)) return m.inputs;
  return Array.isArray(m.input) ? [{ name: DEFAULT_INPUT_NAME, shape: m.input }] : [];
}

/** The shape of the first input (what the first layer gets), or [] when there is none. */
export const mainInput = (m: Pick<Model, 'input' | 'inputs'>): Shape => modelInputs(m)[0]?.shape ?? [];

/** The same model with its first input's shape replaced (keeps the way the document wrote its inputs). */
export function withMainInput<M extends Pick<Model, 'input' | 'inputs'>>(m: M, shape: readonly number[]): M {
  if (Array.isArray(m.inputs) && m.inputs.length)
    return { ...m, inputs: [{ name: m.inputs[0].name, shape: [...shape] }, ...m.inputs.slice(1)] };
  return { ...m, input: [...shape] };
}

/** The references of a layer's `from`, as a list (empty when it takes the previous layer's output). */
export function refsOf(spec: { readonly from?: unknown }): readonly LayerRef[] {
  const f = spec.from;
  if (f === undefined) return [];
  return Array.isArray(f) ? (f as LayerRef[]) : [f as LayerRef];
}

/** A 2-D size as written in the format: one number for both sides or [h, w]. */
export type Pair = number | readonly [number, number];
/** Padding as written: a number, [h, w], or "same" (stride 1 only, as in PyTorch). */
export type Padding = Pair | 'same';

export const pairOf = (v: Pair): [number, number] => (typeof v === 'number' ? [v, v] : [v[0], v[1]]);

export const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);

export const shapeText = (s: Shape | null | undefined): string => (s ? s.join('×') : '?');
