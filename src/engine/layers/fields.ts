/**
 * Field metadata for layer kinds. One list per kind drives validation (a zod schema is
 * generated from it), defaults, the editor's form and the format documentation.
 */
import { z } from 'zod';
import { groupDigits } from '../digits';
import { say } from '../messages';

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

const intRule = (min: number, field: string): string =>
  min < 0
    ? say('field.int', { field, min })
    : min > 1
      ? say('field.positiveAtLeast', { field, min })
      : say(min > 0 ? 'field.positive' : 'field.nonNegative', { field });
const intAtLeast = (min: number, path: string) =>
  z
    .number({ error: intRule(min, path) })
    .refine((v) => Number.isInteger(v) && v >= min, { message: intRule(min, path) })
    // The format's ceiling for any size, stated (2^40 used to get "must be a positive integer").
    .refine((v) => !Number.isInteger(v) || v <= MAX_FIELD_INT, {
      message: say('field.atMost', { field: path, max: MAX_TEXT }),
    });

/** Largest integer a layer field takes (a size, a count): larger ones are refused with this named. */
export const MAX_FIELD_INT = 1e9;
const MAX_TEXT = groupDigits(MAX_FIELD_INT);

function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.kind) {
    case 'int':
      return intAtLeast(f.min, f.name);
    case 'pair':
      return z.union([intAtLeast(f.min, f.name), z.tuple([intAtLeast(f.min, f.name), intAtLeast(f.min, f.name)])], {
        error: say(f.min > 0 ? 'field.pairPositive' : 'field.pairNonNegative', { field: f.name }),
      });
    case 'padding':
      return z.union(
        [intAtLeast(0, f.name), z.tuple([intAtLeast(0, f.name), intAtLeast(0, f.name)]), z.literal('same')],
        {
          error: say('field.padding', { field: f.name }),
        },
      );
    case 'bool':
      return z.boolean({ error: say('field.bool', { field: f.name }) });
    case 'number':
      return z
        .number({ error: say('field.number', { field: f.name }) })
        .refine((v) => Number.isFinite(v) && (f.min === undefined || v >= f.min), {
          message:
            f.min !== undefined
              ? say('field.finiteAtLeast', { field: f.name, min: f.min })
              : say('field.finite', { field: f.name }),
        });
    case 'ints':
      return z
        .array(z.number(), { error: say('field.ints', { field: f.name }) })
        .refine((v) => v.length >= 1 && v.length <= f.maxLength && v.every((x) => Number.isInteger(x) && x >= f.min), {
          message: say('field.intsRange', { field: f.name, max: f.maxLength, min: f.min }),
        })
        .refine((v) => v.every((x) => !Number.isInteger(x) || x <= MAX_FIELD_INT), {
          message: say('field.intsAtMost', { field: f.name, max: MAX_TEXT }),
        });
    case 'text':
      return z
        .string({ error: `${f.name} must be ${f.rule}` })
        .refine((v) => v.length <= f.maxLength && f.pattern.test(v), { message: `${f.name} must be ${f.rule}` });
    case 'enum':
      return z.enum(f.options as [string, ...string[]], {
        error: say('field.oneOf', { field: f.name, list: f.options.map((o) => `"${o}"`).join(', ') }),
      });
  }
}

const ID_RULE = say('field.id', { field: 'id' });
/** At most this many inputs in one `from` (a concat of 64 tensors is already rare). */
export const MAX_FROM = 64;
const FROM_RULE = say('field.from', { field: 'from', max: MAX_FROM });
const REF = z.union([z.string().min(1).max(200), z.literal(-1)]);
const SHARES_RULE = say('field.shares', { field: 'shares' });

/** Zod schema of one leaf layer kind's fields (strict: unknown fields are errors). */
export function schemaOf(type: string, fields: readonly FieldSpec[]): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {
    type: z.literal(type),
    name: z
      .string({ error: say('field.name', { field: 'name' }) })
      .max(200)
      .optional(),
    id: z.string({ error: ID_RULE }).min(1, ID_RULE).max(200, ID_RULE).optional(),
    from: z.union([REF, z.array(REF).min(1).max(MAX_FROM)], { error: FROM_RULE }).optional(),
    shares: z.string({ error: SHARES_RULE }).min(1, SHARES_RULE).max(200, SHARES_RULE).optional(),
  };
  for (const f of fields) {
    const s = fieldSchema(f);
    shape[f.name] = f.required ? s : s.optional();
  }
  // An unknown field's message is worded by firstIssue, which knows the layer's path.
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** The value of every field, defaults applied. */
export function withDefaults(fields: readonly FieldSpec[], raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign({}, raw);
  for (const f of fields) if (out[f.name] === undefined && 'default' in f) out[f.name] = f.default;
  return out;
}

/** First zod issue as a message prefixed with the layer path: `layers[3].kernel must be …`. */
export function firstIssue(err: z.ZodError, path: string, type: string): string {
  const iss = err.issues[0];
  if (!iss) return say('field.invalid', { field: path });
  const field = iss.path.length ? `${path}.${iss.path.map(String).join('.')}` : path;
  const msg = iss.message;
  // Messages that already name the field ("kernel must be …") are re-anchored on the full path.
  const named = iss.path.length && msg.startsWith(String(iss.path[0]) + ' ');
  if (named) return `${path}.${msg}`;
  if (iss.code === 'unrecognized_keys')
    return say(iss.keys.length > 1 ? 'field.unknownN' : 'field.unknown1', {
      field: path,
      list: iss.keys.map((k) => `"${k}"`).join(', '),
      type,
    });
  // zod's own sentence (a case no field rule words): English, after the field's path.
  return `${field}: ${msg}`;
}
