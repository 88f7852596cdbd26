/**
 * Text ⇄ value for the inline field editors, driven by the kind's FieldSpec. Parsing only
 * turns typing into the format's JSON values; range rules (kernel ≥ 1, groups divide Cin) are
 * the engine's, which reports them on the row, so the message the user sees is the engine's.
 */
import type { FieldSpec } from '../../engine/layers/fields';
import { t as tr } from '../i18n';

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

const INT = /^[+-]?\d+$/;

function parseInt10(t: string): number | null {
  return INT.test(t) ? Number(t) : null;
}

/** "3" → 3; "3, 5", "3x5", "3×5", "[3, 5]" → [3, 5]; equal sides collapse to one number. */
function parsePair(text: string): number | [number, number] | null {
  const t = text.trim().replace(/^\[|\]$/g, '');
  const parts = t.split(/\s*[,x×\s]\s*/).filter((p) => p !== '');
  if (parts.length === 1) return parseInt10(parts[0]);
  if (parts.length !== 2) return null;
  const [h, w] = parts.map(parseInt10);
  if (h === null || w === null) return null;
  return [h, w];
}

/** Empty text = the field's default (the patch deletes the field); a required field reports it. */
export function parseField(f: FieldSpec, text: string): Parsed {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  switch (f.kind) {
    case 'int': {
      const v = parseInt10(t);
      return v === null ? { ok: false, error: tr('field.err.int', { label: f.label }) } : { ok: true, value: v };
    }
    case 'pair': {
      const v = parsePair(t);
      return v === null ? { ok: false, error: tr('field.err.pair', { label: f.label }) } : { ok: true, value: v };
    }
    case 'padding': {
      if (t.toLowerCase() === 'same') return { ok: true, value: 'same' };
      const v = parsePair(t);
      return v === null ? { ok: false, error: tr('field.err.padding', { label: f.label }) } : { ok: true, value: v };
    }
    case 'number': {
      const v = Number(t);
      return t !== '' && Number.isFinite(v)
        ? { ok: true, value: v }
        : { ok: false, error: tr('field.err.number', { label: f.label }) };
    }
    case 'text':
      return t.length <= f.maxLength && f.pattern.test(t)
        ? { ok: true, value: t }
        : { ok: false, error: `${f.label}: ${f.rule}` };
    case 'enum':
      return f.options.includes(t)
        ? { ok: true, value: t }
        : { ok: false, error: tr('field.err.enum', { label: f.label }) };
    case 'ints': {
      const parts = t
        .replace(/^\[|\]$/g, '')
        .split(/\s*[,x×\s]\s*/)
        .filter((p) => p !== '');
      const v = parts.map(parseInt10);
      return v.length && v.every((x) => x !== null)
        ? { ok: true, value: v }
        : { ok: false, error: tr('field.err.ints', { label: f.label }) };
    }
    case 'bool':
      return t === 'true' || t === 'false'
        ? { ok: true, value: t === 'true' }
        : { ok: false, error: tr('field.err.bool', { label: f.label }) };
  }
}

/** The text an editor shows for a stored value (undefined = empty, the default shows as placeholder). */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

/** Placeholder text: the default, or "required". */
export function fieldPlaceholder(f: FieldSpec): string {
  if ('default' in f && f.default !== undefined) return String(f.default);
  if (f.kind === 'pair' && !f.required) return tr('field.sameAsKernel');
  return f.required ? tr('field.requiredShort') : '';
}

/** Two field values are the same when their JSON is (pairs are small arrays). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const STARTER_LISTS: Readonly<Record<string, number[]>> = {
  permute: [0, 1, 2, 3],
  mean: [2, 3],
  reshape: [-1],
  pad: [1, 1],
  parameter: [1],
};

/** Starting values for a new layer's required fields, so it computes as soon as it is inserted. */
export function starterFields(type: string, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.required) continue;
    if (f.name === 'kernel') {
      const k = type.includes('pool') ? 2 : 3;
      out.kernel = f.kind === 'ints' ? [k] : k;
    } else if (f.name === 'out') out.out = type === 'linear' ? 10 : 64;
    else if (f.name === 'times') out.times = 2;
    else if (f.kind === 'int' || f.kind === 'pair') out[f.name] = Math.max(1, f.min);
    // Lists that compute on a [C, H, W] map: the permutation that keeps it, a global average, a
    // flat reshape, one pixel of padding, a one-element parameter.
    else if (f.kind === 'ints') out[f.name] = STARTER_LISTS[type] ?? (f.min < 0 ? [-1] : [1]);
    // einsum: a transpose of the map's last two dims, which computes on any [C, H, W].
    else if (f.kind === 'text') out[f.name] = 'chw->cwh';
  }
  return out;
}

/** A layer's `from` as the editor shows it: "p3, -1" (-1 = the previous layer). */
export function fromText(from: unknown): string {
  return (Array.isArray(from) ? from : [from]).map(String).join(', ');
}

/**
 * Typing in the From field: "p3" → "p3", "p3, -1" → ["p3", -1]; empty → undefined (the previous
 * layer's output). Whether the names exist is the engine's to say, on the row.
 */
export function parseFrom(text: string): Parsed {
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (!parts.length) return { ok: true, value: undefined };
  if (parts.length > 64) return { ok: false, error: tr('field.err.from') };
  const refs = parts.map((p) => (p === '-1' ? -1 : p));
  return { ok: true, value: refs.length === 1 ? refs[0] : refs };
}
