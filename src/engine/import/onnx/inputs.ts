/**
 * The graph's inputs (those that are not initializers), with their shapes. A symbolic dim
 * (dim_param, or none stated) is given a size with a notice, never refused: the batch 1, an
 * image's channels 3 and height and width 224 (the ImageNet size most exporters trace with),
 * any other dim (a sequence, tokens) 128. The user changes them with the input shape afterwards
 * (the editor's input field, the CLI's --input).
 */
import type { OnnxGraph, OnnxValueInfo } from './decode';
import { say } from '../../messages';
import { unbatchedInputs } from './unbatched-inputs';

export interface GraphInput {
  readonly name: string;
  /** Shape without the batch. */
  readonly shape: number[];
}

/** Inputs read as run-time constants whose full shape is known (batch included): Shape of them folds. */
export interface ConstantInput {
  readonly name: string;
  readonly dims: number[];
}

export type Inputs =
  | {
      inputs: GraphInput[];
      batch: number;
      constants: ConstantInput[];
      /** Inputs without a batch dim in the file (read as one sample: batch 1 in front). */
      unbatched: string[];
    }
  | string;

const MAX_RANK = 9;

/** The dims as the file states them: sizes, 0s, '?' for the unknown. */
const statedDims = (v: OnnxValueInfo) => (v.dims ?? []).map((d, i) => d ?? (v.zeros?.includes(i) ? 0 : '?')).join(', ');

/** Default size of a symbolic dim `i` (0 = batch) of a rank-`r` input (batch included). */
function defaultSize(i: number, r: number): number {
  if (i === 0) return 1;
  if (r === 4) return i === 1 ? 3 : 224;
  return 128;
}

function shapeOf(v: OnnxValueInfo, notes: string[], given?: readonly number[]): number[] | string {
  const dims = v.dims;
  if (!dims || dims.length < 2 || dims.length > MAX_RANK)
    return `input "${v.name}" must have a batch and 1 to 8 more dims ([N, C, H, W], [N, L, D], [N, F] …), got ${dims ? `${dims.length}-D` : 'no shape'}`;
  if (given) {
    const bad = given.length !== dims.length || given.some((g, i) => !(g >= 1) || (dims[i] !== null && dims[i] !== g));
    if (bad)
      return say('file.sizesMismatch', {
        input: v.name,
        dims: dims.map((d, i) => d ?? v.dimNames?.[i] ?? '?').join(', '),
        given: given.join(', '),
      });
    return given.slice();
  }
  const out = dims.map((d, i) => d ?? defaultSize(i, dims.length));
  const zero = new Set(v.zeros);
  const set = dims.flatMap((d, i) =>
    d === null && i > 0 && !zero.has(i) ? [`${v.dimNames?.[i] ?? `dim ${i}`} = ${out[i]}`] : [],
  );
  // A stated 0 is said apart: it is no symbolic name, and an empty tensor would cost nothing.
  if (zero.size)
    notes.push(
      say('file.zeroSizes', {
        input: v.name,
        dims: dims.map((d, i) => (zero.has(i) ? 0 : (d ?? v.dimNames?.[i] ?? '?'))).join(', '),
        list: [...zero].map((i) => `dim ${i} = ${out[i]}`).join(', '),
      }),
    );
  if (set.length)
    notes.push(
      say('file.symbolicSizes', {
        input: v.name,
        dims: dims.map((d, i) => d ?? v.dimNames?.[i] ?? '?').join(', '),
        list: set.join(', '),
      }),
    );
  return out;
}

/**
 * Every graph input's dims fixed by the file: the one-sample reading (index.ts) is for such files
 * only. Sizes given at import (a symbolic batch set to 2) keep the batch-first reading they ask for.
 */
export function staticInputs(g: OnnxGraph): boolean {
  const declared = g.inputs.filter((i) => !g.initializers.has(i.name));
  return declared.length > 0 && declared.every((v) => v.dims?.every((d) => d !== null));
}

/**
 * `oneSample`: every input is read whole, as one sample with a batch of 1 in front (index.ts takes
 * this reading when the file's first dims are not a batch FlopLab can hold apart).
 */
export function inputsOf(
  g: OnnxGraph,
  warnings: string[],
  givenShapes: Readonly<Record<string, readonly number[]>> = {},
  oneSample = false,
): Inputs {
  let given = givenShapes;
  const declared = g.inputs.filter((i) => !g.initializers.has(i.name));
  if (!declared.length) return say('file.noGraphInput');
  // An input the graph itself unsqueezes at 0 (torchvision's detectors take [C, H, W] images) has
  // no batch dim: it is one sample, read with a batch of 1 in front (batch-axis.ts).
  const unbatched = oneSample
    ? new Set(declared.map((v) => v.name))
    : unbatchedInputs(
        g,
        declared.map((v) => ({ name: v.name, dims: v.dims })),
      );
  const all = declared.map((v) =>
    unbatched.has(v.name) && v.dims
      ? { ...v, dims: [1, ...v.dims], ...(v.dimNames ? { dimNames: [null, ...v.dimNames] } : {}) }
      : v,
  );
  for (const v of declared)
    if (unbatched.has(v.name)) {
      if (!oneSample) warnings.push(say('file.unbatchedInput', { input: v.name, dims: statedDims(v) }));
      const g1 = given[v.name];
      if (g1 && g1.length === v.dims?.length) given = { ...given, [v.name]: [1, ...g1] };
    }
  // Inputs without a batch dim (a 0-D scale, a 1-D weight fed at run time) or with another batch
  // than the first are run-time constants: not data, their values unknown (what needs them says so).
  const lead = all.find((v) => (v.dims?.length ?? 0) >= 2) ?? all[0];
  const leadBatch = lead.dims?.[0] ?? null;
  // A graph whose inputs are all 1-D [n] has no batch dim (onnx's pytorch-operator tests): each is
  // read as n samples of one value, batch n of [1] — element-wise work counts the same — with a notice.
  const flat = (lead.dims?.length ?? 0) === 1;
  const real = all.filter(
    (v) =>
      v === lead ||
      ((v.dims?.length ?? 0) === (flat ? 1 : Math.max(2, v.dims?.length ?? 0)) && (v.dims?.[0] ?? null) === leadBatch),
  );
  const others = all.filter((v) => !real.includes(v));
  if (others.length)
    warnings.push(
      say('file.runtimeConstants', {
        input: lead.name,
        list: others.map((v) => `${v.name} [${statedDims(v)}]`).join(', '),
      }),
    );
  const inputs: GraphInput[] = [];
  let batch = 1;
  if (flat) warnings.push(say('file.flatInputs'));
  for (const [k, v] of real.entries()) {
    const dims1 = flat && v.dims ? { ...v, dims: [...v.dims, 1] } : v;
    const s = shapeOf(dims1, warnings, given[v.name] && flat ? [...given[v.name], 1] : given[v.name]);
    if (typeof s === 'string') return s;
    if (k === 0) {
      batch = s[0];
      if (v.dims?.[0] === null && !given[v.name] && !v.zeros?.includes(0)) warnings.push(say('file.symbolicBatch'));
    } else if (s[0] !== batch && v.dims?.[0] !== null)
      return say('file.batchMismatch', { a: real[0].name, b: v.name, x: batch, y: s[0] });
    inputs.push({ name: v.name, shape: s.slice(1) });
  }
  // A run-time constant's symbolic dim named like the data's batch dim (silero's state
  // [2, batch, 128]) is the batch; other symbolic dims leave its shape unknown.
  const batchName = lead.dimNames?.[0];
  const constants: ConstantInput[] = [];
  for (const v of others) {
    const dims =
      given[v.name]?.slice() ?? v.dims?.map((d, i) => d ?? (batchName && v.dimNames?.[i] === batchName ? batch : null));
    if (dims && dims.every((d) => d !== null)) constants.push({ name: v.name, dims: dims as number[] });
  }
  return { inputs, batch, constants, unbatched: [...unbatched] };
}
