/** Checks the model-level fields (inputs, batch, outputs) without throwing. */
import { DEFAULT_INPUT_NAME, type ModelInput, type Shape } from './model';

export interface Header {
  /** The first input's shape (what the first layer gets); [] when the inputs are invalid. */
  readonly input: Shape;
  /** Every input, the first included; empty when the inputs are invalid. */
  readonly inputs: readonly ModelInput[];
  readonly batch: number;
  readonly error?: string;
}

/** Tensors of more dimensions than this (batch excluded) are refused: no layer kind needs them. */
export const MAX_RANK = 8;

const posInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 1e9;
const shapeOk = (s: unknown): s is number[] =>
  Array.isArray(s) && s.length >= 1 && s.length <= MAX_RANK && s.every(posInt);
const SHAPE_RULE = `a list of 1 to ${MAX_RANK} positive integers (the shape without the batch: [C, H, W], [F], [L, D] …)`;

function inputsOf(m: { input?: unknown; inputs?: unknown }): { inputs: ModelInput[] } | { error: string } {
  if (m.inputs !== undefined) {
    if (m.input !== undefined) return { error: 'give either input or inputs, not both' };
    if (!Array.isArray(m.inputs) || m.inputs.length === 0)
      return { error: 'inputs must be a non-empty list of {name, shape}' };
    const seen = new Set<string>();
    const out: ModelInput[] = [];
    for (let i = 0; i < m.inputs.length; i++) {
      const e = m.inputs[i] as { name?: unknown; shape?: unknown } | null;
      if (!e || typeof e !== 'object') return { error: `inputs[${i}] must be an object {name, shape}` };
      if (typeof e.name !== 'string' || !e.name || e.name.length > 200)
        return { error: `inputs[${i}].name must be a non-empty string of at most 200 characters` };
      if (seen.has(e.name)) return { error: `inputs[${i}].name "${e.name}" is used by an earlier input` };
      if (!shapeOk(e.shape)) return { error: `inputs[${i}].shape must be ${SHAPE_RULE}` };
      seen.add(e.name);
      out.push({ name: e.name, shape: e.shape });
    }
    return { inputs: out };
  }
  if (!shapeOk(m.input)) return { error: `input must be ${SHAPE_RULE}` };
  return { inputs: [{ name: DEFAULT_INPUT_NAME, shape: m.input }] };
}

export function checkModelHeader(m: { input?: unknown; inputs?: unknown; batch?: unknown }): Header {
  if (typeof m !== 'object' || m === null) m = {};
  const batch = m.batch === undefined ? 1 : m.batch;
  const r = inputsOf(m);
  if ('error' in r) return { input: [], inputs: [], batch: posInt(batch) ? batch : 1, error: r.error };
  if (!posInt(batch))
    return { input: r.inputs[0].shape, inputs: r.inputs, batch: 1, error: 'batch must be a positive integer' };
  return { input: r.inputs[0].shape, inputs: r.inputs, batch };
}
