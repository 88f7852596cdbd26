/** Checks the model-level fields (input shape, batch) without throwing. */
import type { Shape } from './model';

export interface Header {
  readonly input: Shape;
  readonly batch: number;
  readonly error?: string;
}

const posInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 1e9;

export function checkModelHeader(m: { input?: unknown; batch?: unknown }): Header {
  const batch = m.batch === undefined ? 1 : m.batch;
  const input = m.input;
  if (!Array.isArray(input) || !(input.length === 3 || input.length === 1) || !input.every(posInt))
    return {
      input: [],
      batch: posInt(batch) ? batch : 1,
      error: 'input must be [C, H, W] or [F] with positive integers',
    };
  if (!posInt(batch)) return { input, batch: 1, error: 'batch must be a positive integer' };
  return { input, batch };
}
