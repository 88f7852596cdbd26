/**
 * Document-level validation of the model format, used at every boundary (file, URL, worker
 * message, CLI). It checks the envelope strictly — format tag, name, input, batch, that layers
 * are objects with a string `type`, nesting depth and size — and leaves each layer's own fields
 * to the layer registry, so a layer with a bad field becomes an error on its row instead of
 * rejecting the whole document (the user keeps the rest of the model).
 */
import { z } from 'zod';
import { MODEL_FORMAT, MODEL_FORMAT_V1, type Model } from './model';
import { checkModelHeader } from './header';
import { migrateDocument } from './migrate';
import { groupDigits } from '../digits';
import { say } from '../messages';

/** Limits that keep hostile or broken input from exhausting memory or the stack. */
export const LIMITS = {
  maxDepth: 32,
  maxLayers: 100_000,
  maxDim: 1_000_000,
  maxBatch: 1_000_000,
  /** Lists and objects inside each other anywhere (meta, fields): deeper breaks JSON.stringify/structuredClone. */
  maxJsonDepth: 100,
  /**
   * Characters of the model as compact JSON. What any reader accepts must fit the autosave: a
   * browser's localStorage holds 5,242,880 characters per site (measured in Chromium), and the
   * autosave must fit beside small records. The same number bounds what a link may inflate to.
   */
  maxJsonChars: 4_000_000,
} as const;

/** At most this many model inputs, and this many named outputs. */
const LIMITS_INPUTS = 1000;

const dim = z.number().refine((v) => Number.isInteger(v) && v > 0 && v <= LIMITS.maxDim, {
  message: `must be a positive integer ≤ ${LIMITS.maxDim}`,
});

const shape = z.array(dim, { error: 'must be a list of positive integers' }).min(1).max(8);

export const modelEnvelopeSchema = z.object({
  format: z.literal(MODEL_FORMAT, { error: `format must be "${MODEL_FORMAT}" (or "${MODEL_FORMAT_V1}")` }),
  name: z
    .string({ error: 'name must be a string' })
    .max(200, { error: 'name must be at most 200 characters' })
    .optional(),
  input: shape.optional(),
  inputs: z
    .array(z.object({ name: z.string().min(1).max(200, { error: 'must be at most 200 characters' }), shape }), {
      error: 'inputs must be a list of {name, shape}',
    })
    .min(1)
    .max(LIMITS_INPUTS)
    .optional(),
  outputs: z
    .array(z.string().min(1).max(200), { error: 'outputs must be a list of layer ids or input names' })
    .min(1)
    .max(LIMITS_INPUTS)
    .optional(),
  batch: z
    .number()
    .refine((v) => Number.isInteger(v) && v > 0 && v <= LIMITS.maxBatch, {
      message: `batch must be a positive integer ≤ ${LIMITS.maxBatch}`,
    })
    .optional(),
  layers: z.array(z.unknown(), { error: 'layers must be a list' }),
  meta: z.record(z.string(), z.unknown()).optional(),
});

export type ParseResult = { ok: true; model: Model } | { ok: false; error: string };

const LIST_KEYS = ['body', 'shortcut'] as const;

/** Walks the layer tree: every entry an object with a string type, bounded depth and count. */
function checkTree(layers: unknown, path: string, depth: number, count: { n: number }): string | null {
  if (!Array.isArray(layers)) return say('limit.listOfLayers', { path });
  if (depth > LIMITS.maxDepth) return say('limit.tooDeep', { path, n: LIMITS.maxDepth });
  for (let i = 0; i < layers.length; i++) {
    const p = `${path}[${i}]`;
    const l = layers[i] as Record<string, unknown> | null;
    if (typeof l !== 'object' || l === null || Array.isArray(l)) return say('limit.needsType', { path: p });
    if (typeof l.type !== 'string') return say('limit.typeString', { path: p });
    if (++count.n > LIMITS.maxLayers) return say('limit.tooManyLayers', { n: groupDigits(LIMITS.maxLayers) });
    for (const k of LIST_KEYS) {
      if (l[k] === undefined) continue;
      const e = checkTree(l[k], `${p}.${k}`, depth + 1, count);
      if (e) return e;
    }
    if (l.branches !== undefined) {
      if (!Array.isArray(l.branches)) return say('limit.branches', { path: p });
      for (let b = 0; b < l.branches.length; b++) {
        const e = checkTree(l.branches[b], `${p}.branches[${b}]`, depth + 1, count);
        if (e) return e;
      }
    }
  }
  return null;
}

/**
 * The layer tree's own limits (count, nesting): what the editor checks after an edit that adds
 * layers, so it never holds a model that no reader would open again. Null when within them.
 */
export function structureError(layers: unknown): string | null {
  // Counted first without building paths (~1 ms for 100,000 layers); the message needs checkTree's paths.
  let n = 0;
  const stack: Array<[unknown, number]> = [[layers, 0]];
  while (stack.length) {
    const [list, depth] = stack.pop()!;
    if (!Array.isArray(list) || depth > LIMITS.maxDepth) return checkTree(layers, 'layers', 0, { n: 0 });
    n += list.length;
    if (n > LIMITS.maxLayers) return checkTree(layers, 'layers', 0, { n: 0 });
    for (const l of list as Record<string, unknown>[]) {
      if (typeof l !== 'object' || l === null) return checkTree(layers, 'layers', 0, { n: 0 });
      if (l.body !== undefined) stack.push([l.body, depth + 1]);
      if (l.shortcut !== undefined) stack.push([l.shortcut, depth + 1]);
      if (Array.isArray(l.branches)) for (const b of l.branches) stack.push([b, depth + 1]);
    }
  }
  return null;
}

/** The message for a model of `chars` characters as compact JSON, or null when within LIMITS.maxJsonChars. */
export const jsonSizeError = (chars: number): string | null =>
  chars > LIMITS.maxJsonChars
    ? say('limit.tooManyChars', { n: groupDigits(chars), max: groupDigits(LIMITS.maxJsonChars) })
    : null;

/**
 * Whether lists/objects nest deeper than `limit` anywhere in `value`. Iterative, so a hostile
 * document cannot overflow the stack here; found by `npm run fuzz` (a link whose meta nested
 * 100,000 lists was accepted, then autosave, the worker message and Copy link overflowed).
 */
function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Validates an already-parsed JSON value as a model document, migrating older versions
 * (migrate.ts) first. Never throws.
 */
export function parseModel(input: unknown): ParseResult {
  try {
    const migrated = migrateDocument(input);
    if (!migrated.ok) return { ok: false, error: migrated.error };
    const value = migrated.value;
    const r = modelEnvelopeSchema.safeParse(value);
    if (!r.success) {
      const iss = r.error.issues[0];
      const where = iss.path.length
        ? iss.path
            .map((s) => (typeof s === 'number' ? `[${s}]` : `.${String(s)}`))
            .join('')
            .replace(/^\./, '')
        : '';
      const msg =
        iss.message.startsWith(String(iss.path[0] ?? '\u0000')) || !where ? iss.message : `${where} ${iss.message}`;
      return { ok: false, error: msg };
    }
    const header = checkModelHeader(r.data);
    if (header.error) return { ok: false, error: header.error };
    const treeError = checkTree(r.data.layers, 'layers', 0, { n: 0 });
    if (treeError) return { ok: false, error: treeError };
    if (nestedDeeperThan(value, LIMITS.maxJsonDepth))
      return { ok: false, error: say('limit.jsonDepth', { n: LIMITS.maxJsonDepth }) };
    const tooBig = jsonSizeError(JSON.stringify(value).length);
    if (tooBig) return { ok: false, error: tooBig };
    return { ok: true, model: value as unknown as Model };
  } catch (err) {
    return { ok: false, error: say('limit.invalid', { error: (err as Error).message }) };
  }
}

/** Parses JSON text as a model document. Never throws. */
export function parseModelJson(text: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: say('limit.notJson', { error: (err as Error).message }) };
  }
  return parseModel(value);
}
