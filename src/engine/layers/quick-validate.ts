/**
 * A fast yes/no check of a layer's fields, derived from the same FieldSpec lists as the zod
 * schemas (fields.ts). zod's safeParse costs tens of µs per layer, which dominated loading a
 * 10,000-layer model; this check costs well under 1 µs. When it says "valid" the zod schema
 * would accept the layer too (a property test holds them to that); when it says "invalid",
 * zod runs to produce the message.
 */
import type { FieldSpec } from './fields';

const MAX = 1e9;

function isInt(v: unknown, min: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= MAX;
}

function valid(f: FieldSpec, v: unknown): boolean {
  switch (f.kind) {
    case 'int':
      return isInt(v, f.min);
    case 'pair':
      return isInt(v, f.min) || (Array.isArray(v) && v.length === 2 && isInt(v[0], f.min) && isInt(v[1], f.min));
    case 'padding':
      return v === 'same' || isInt(v, 0) || (Array.isArray(v) && v.length === 2 && isInt(v[0], 0) && isInt(v[1], 0));
    case 'bool':
      return typeof v === 'boolean';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && (f.min === undefined || v >= f.min);
    case 'enum':
      return typeof v === 'string' && f.options.includes(v);
    case 'text':
      return typeof v === 'string' && v.length <= f.maxLength && f.pattern.test(v);
    case 'ints':
      return Array.isArray(v) && v.length >= 1 && v.length <= f.maxLength && v.every((x) => isInt(x, f.min));
  }
}

const isLayerList = (v: unknown): boolean =>
  Array.isArray(v) &&
  v.every(
    (l) =>
      typeof l === 'object' && l !== null && !Array.isArray(l) && typeof (l as { type?: unknown }).type === 'string',
  );

export interface ListFieldSpec {
  readonly name: string;
  readonly nested: boolean;
  readonly required: boolean;
}

/** A layer's optional display name: absent, or a string of at most 200 characters (as in the schema). */
export const validName = (v: unknown): boolean => v === undefined || (typeof v === 'string' && v.length <= 200);

const validRef = (v: unknown): boolean => v === -1 || (typeof v === 'string' && v.length >= 1 && v.length <= 200);

/** A layer's `id` (absent, or 1–200 characters) and `from` (a reference or a list of 1–64), as in the schema. */
export const validId = (v: unknown): boolean =>
  v === undefined || (typeof v === 'string' && v.length >= 1 && v.length <= 200);
export const validFrom = (v: unknown): boolean =>
  v === undefined || validRef(v) || (Array.isArray(v) && v.length >= 1 && v.length <= 64 && v.every(validRef));

/** True when every key is known and every value passes its field's rule. */
export function quickValid(
  fields: readonly FieldSpec[],
  lists: readonly ListFieldSpec[],
  spec: Readonly<Record<string, unknown>>,
): boolean {
  for (const key in spec) {
    if (key === 'type') continue;
    const v = spec[key];
    if (key === 'name') {
      if (!validName(v)) return false;
      continue;
    }
    if (key === 'id' || key === 'from' || key === 'shares') {
      if (!(key === 'from' ? validFrom(v) : validId(v))) return false;
      continue;
    }
    const f = fields.find((x) => x.name === key);
    if (f) {
      if (v !== undefined && !valid(f, v)) return false;
      continue;
    }
    const l = lists.find((x) => x.name === key);
    if (!l) return false;
    if (v === undefined) continue;
    if (l.nested ? !(Array.isArray(v) && v.every(isLayerList)) : !isLayerList(v)) return false;
  }
  for (const f of fields) if (f.required && spec[f.name] === undefined) return false;
  for (const l of lists) if (l.required && spec[l.name] === undefined) return false;
  return true;
}
