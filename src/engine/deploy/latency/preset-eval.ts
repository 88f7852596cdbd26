/**
 * FlopLab's evaluation of a zoo preset at its knobs and input, cached per network: the fits on the
 * measurement tables (measured-fit.ts for ncnn, table-fit.ts for AI Hub and Coral) evaluate the same
 * networks again and again, and a large preset takes milliseconds. The app's twin keeps only the
 * MACs, not the whole result (twin-macs.ts), under the same key.
 */
import { evaluateModel, type ModelResult } from '../../evaluate';
import { presetByName } from '../../presets';

/** "mobilenet_v2{"width":1}@3x224x224": one network, whatever table measured it. */
export const presetKey = (preset: string, knobs?: Record<string, number>, input?: readonly number[]): string =>
  `${preset}${knobs ? JSON.stringify(knobs) : ''}${input ? `@${input.join('x')}` : ''}`;

const cache = new Map<string, ModelResult | { error: string }>();

/** The preset's evaluation, or why there is none (not in the zoo, or it does not evaluate). */
export function evaluatePreset(
  preset: string,
  knobs?: Record<string, number>,
  input?: readonly number[],
): ModelResult | { error: string } {
  const key = presetKey(preset, knobs, input);
  const hit = cache.get(key);
  if (hit) return hit;
  let out: ModelResult | { error: string };
  const p = presetByName(preset);
  if (!p) out = { error: `preset ${preset} is not in the zoo` };
  else {
    const r = evaluateModel(p.build(knobs), input ? { input: [...input] } : {});
    out = r.errors || r.modelError ? { error: `${preset} does not evaluate` } : r;
  }
  cache.set(key, out);
  return out;
}
