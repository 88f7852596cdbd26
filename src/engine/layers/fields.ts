/**
 * Field metadata for layer kinds. One list per kind drives validation (a zod schema is
 * generated from it), defaults, the editor's form and the format documentation.
 */
import { z } from 'zod';
import { groupDigits } from '../digits';

interface FieldBase {
  readonly name: string;
  readonly label: string;
  readonly help: string;
  /** Required fields have no default. */
  readonly required?: boolean;
}

export type FieldSpec = FieldBase &
  (
    | { readonly kind: 'int'; readonly min: number; readonly default?: number }
    | { readonly kind: 'pair'; readonly min: number; readonly default?: number }
    | { readonly kind: 'padding'; readonly default: number }
    | { readonly kind: 'bool'; readonly default: boolean }
    | { readonly kind: 'number'; readonly default?: number; readonly min?: number }
    | { readonly kind: 'enum'; readonly options: readonly string[]; readonly default: string }
    | {
        /** A short text that must match `pattern` (einsum's equation); `rule` says what it may be. */
        readonly kind: 'text';
        readonly pattern: RegExp;
        readonly maxLength: number;
        readonly rule: string;
        readonly default?: string;
      }
    | {
        /** A list of integers ≥ min (dims, a shape): reshape's shape, permute's dims. */
        readonly kind: 'ints';
        readonly min: number;
        readonly maxLength: number;
        readonly default?: readonly number[];
      }
  );

const intRule = (min: number): string =>
  min < 0 ? `an integer ≥ ${min}` : `${min > 0 ? 'a positive' : 'a non-negative'} integer${min > 1 ? ` ≥ ${min}` : ''}`;
const intAtLeast = (min: number, path: string) =>
  z
    .number({ error: `${path} must be ${intRule(min)}` })
    .refine((v) => Number.isInteger(v) && v >= min, { message: `${path} must be ${intRule(min)}` })
    // The format's ceiling for any size, stated (2^40 used to get "must be a positive integer").
    .refine((v) => !Number.isInteger(v) || v <= MAX_FIELD_INT, { message: `${path} must be at most ${MAX_TEXT}` });

/** Largest integer a layer field takes (a size, a count): larger ones are refused with this named. */
export const MAX_FIELD_INT = 1e9;
const MAX_TEXT = groupDigits(MAX_FIELD_INT);

function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.kind) {
    case 'int':
      return intAtLeast(f.min, f.name);
    case 'pair':
      return z.union([intAtLeast(f.min, f.name), z.tuple([intAtLeast(f.min, f.name), intAtLeast(f.min, f.name)])], {
        error: `${f.name} must be ${f.min > 0 ? 'a positive' : 'a non-negative'} integer or [h, w]`,
      });
    case 'padding':
      return z.union(
        [intAtLeast(0, f.name), z.tuple([intAtLeast(0, f.name), intAtLeast(0, f.name)]), z.literal('same')],
        {
          error: `${f.name} must be a non-negative integer, [h, w] or "same"`,
        },
      );
    case 'bool':
      return z.boolean({ error: `${f.name} must be true or false` });
    case 'number':
      return z
        .number({ error: `${f.name} must be a number` })
        .refine((v) => Number.isFinite(v) && (f.min === undefined || v >= f.min), {
          message: `${f.name} must be a finite number${f.min !== undefined ? ` ≥ ${f.min}` : ''}`,
        });
    case 'ints':
      return z
        .array(z.number(), { error: `${f.name} must be a list of integers` })
        .refine((v) => v.length >= 1 && v.length <= f.maxLength && v.every((x) => Number.isInteger(x) && x >= f.min), {
          message: `${f.name} must be a list of 1 to ${f.maxLength} integers ≥ ${f.min}`,
        })
        .refine((v) => v.every((x) => !Number.isInteger(x) || x <= MAX_FIELD_INT), {
          message: `${f.name} must hold integers of at most ${MAX_TEXT}`,
        });
    case 'text':
      return z
        .string({ error: `${f.name} must be ${f.rule}` })
        .refine((v) => v.length <= f.maxLength && f.pattern.test(v), { message: `${f.name} must be ${f.rule}` });
    case 'enum':
      return z.enum(f.options as [string, ...string[]], {
        error: `${f.name} must be one of ${f.options.map((o) => `"${o}"`).join(', ')}`,
      });
  }
}

const ID_RULE = 'id must be a non-empty string of at most 200 characters';
/** At most this many inputs in one `from` (a concat of 64 tensors is already rare). */
export const MAX_FROM = 64;
const FROM_RULE = `from must be a layer id, an input name or -1 (the previous layer), or a list of 1 to ${MAX_FROM} of them`;
const REF = z.union([z.string().min(1).max(200), z.literal(-1)]);
const SHARES_RULE = 'shares must name the layer whose weights it uses (1 to 200 characters)';

/** Zod schema of one leaf layer kind's fields (strict: unknown fields are errors). */
export function schemaOf(type: string, fields: readonly FieldSpec[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {
    type: z.literal(type),
    name: z.string({ error: 'name must be a string' }).max(200).optional(),
    id: z.string({ error: ID_RULE }).min(1, ID_RULE).max(200, ID_RULE).optional(),
    from: z.union([REF, z.array(REF).min(1).max(MAX_FROM)], { error: FROM_RULE }).optional(),
    shares: z.string({ error: SHARES_RULE }).min(1, SHARES_RULE).max(200, SHARES_RULE).optional(),
  };
  for (const f of fields) {
    const s = fieldSchema(f);
    shape[f.name] = f.required ? s : s.optional();
  }
  return z.strictObject(shape, {
    error: (iss) =>
      iss.code === 'unrecognized_keys'
        ? `unknown field${iss.keys.length > 1 ? 's' : ''} ${iss.keys.map((k) => `"${k}"`).join(', ')} for ${type}`
        : undefined,
  }) as unknown as z.ZodType<Record<string, unknown>>;
}

/** The value of every field, defaults applied. */
export function withDefaults(fields: readonly FieldSpec[], raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign({}, raw);
  for (const f of fields) if (out[f.name] === undefined && 'default' in f) out[f.name] = f.default;
  return out;
}

/** First zod issue as a message prefixed with the layer path: `layers[3].kernel must be …`. */
export function firstIssue(err: z.ZodError, path: string): string {
  const iss = err.issues[0];
  if (!iss) return `${path} is invalid`;
  const field = iss.path.length ? `${path}.${iss.path.map(String).join('.')}` : path;
  const msg = iss.message;
  // Messages that already name the field ("kernel must be …") are re-anchored on the full path.
  const named = iss.path.length && msg.startsWith(String(iss.path[0]) + ' ');
  return named ? `${path}.${msg}` : iss.code === 'unrecognized_keys' ? `${path}: ${msg}` : `${field}: ${msg}`;
}
