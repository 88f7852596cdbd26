/**
 * Share links: the whole editor state (model, convention, settings, selection) in a URL hash.
 *
 * Links are written in the readable v2 form, which the address bar also shows while editing:
 *
 *   '#v2?conv=thop&num=si&dtype=fp32&theme=dark&device=pixel-4&prec=int8&sel=layers%5B3%5D'
 *     + '&model=' + base64url(deflate(model JSON))   [&cmp=… the A/B model] [&hide=… per hidden part]
 *
 * Settings are plain, named parameters a person can read and edit; only the model (and the A/B
 * model) is compressed. `device=none` is no device. Every v1 link still opens:
 *
 *   '#v1.' + base64url(deflate(compact JSON))
 *
 * Compact JSON = the model without its fixed `format` tag, plus short keys for the rest:
 *   { m: model, c: convention, s: { n: numberFormat, d: dtype, t: theme, v: device, r: precision },
 *     p: selection, x: comparison model (A/B view), h: hidden parts (exercise links) }
 * Both forms decode to that payload and go through the same checks. Decoding never throws: a
 * damaged, truncated or tampered link gives { ok: false, error } with a sentence for a notice.
 *
 * Pure and Node-compatible (no zustand, no DOM): the CLI imports it to print `--link`s.
 */
import { deflateSync, Inflate } from 'fflate';
import { z } from 'zod';
import { MODEL_FORMAT, type Model } from '../engine/format/model';
import { LIMITS, parseModel } from '../engine/format/schema';
import { evaluationRows, MAX_EVALUATED_ROWS } from '../engine/work';
import { conventionById, DEFAULT_CONVENTION } from '../engine/conventions/registry';
import { DTYPES, MAX_DEVICE_ID, NUMBER_FORMATS, THEMES, type Dtype, type NumberFormat, type Theme } from './defaults';
import { say } from '../engine/messages';
import { groupDigits } from '../engine/digits';

/** The form links are written in; 'v1' links are read too. */
export const SHARE_VERSION = 'v2';
const V1_PREFIX = '#v1.';
const V2_PREFIX = '#v2?';
/** Longest hash we try to read (a ResNet-50 needs ~1,000 characters). */
export const MAX_HASH_CHARS = 200_000;
/** Most JSON a link may inflate to: stops a tiny "zip bomb" link from eating memory. The model format's own limit. */
export const MAX_JSON_BYTES = LIMITS.maxJsonChars;
/** Most rows a linked model may expand to (repeat × body; src/engine/work.ts), so a link cannot hang the engine. */
export const MAX_EXPANDED_LAYERS = MAX_EVALUATED_ROWS;

export interface ShareSettings {
  readonly numberFormat: NumberFormat;
  readonly dtype: Dtype;
  readonly theme: Theme;
  /** Runtime estimate device id (null: none) and precision. */
  readonly device: string | null;
  readonly precision: Dtype;
}

export interface ShareState {
  readonly model: Model;
  readonly convention: string;
  /** Display settings; missing ones take the receiver's defaults. */
  readonly settings?: Partial<ShareSettings>;
  readonly selection?: string | null;
  /** A second model shown next to this one (the A/B view); absent in ordinary links. */
  readonly compare?: Model | null;
  /** More models beside B (C, D, …: the A/B/C view), at most MAX_COMPARE_MORE. */
  readonly compareMore?: readonly Model[];
  /** Exercise links: parts and numbers hidden until "reveal" ('totals', 'layer:layers[3]', …). */
  readonly hide?: readonly string[];
  /** The live address bar's marker of the browser that wrote it (`save=`; never in Copy link). */
  readonly origin?: string;
}

/** Most models beside B a link may carry (C, D, E). */
export const MAX_COMPARE_MORE = 3;

/** Most hidden-part entries an exercise link may carry. */
export const MAX_HIDE_ENTRIES = 50;

export type DecodeResult = { ok: true; state: ShareState; warning?: string } | { ok: false; error: string };

// ---- base64url -------------------------------------------------------------------------------

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Decodes unpadded base64url; null on any character outside the alphabet or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? LOOKUP[c] : -1;
    if (v < 0) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

// ---- compression -------------------------------------------------------------------------

function inflateBounded(data: Uint8Array): Uint8Array | string {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > MAX_JSON_BYTES) throw new RangeError('too large');
      chunks.push(chunk);
    });
    inflater.push(data, true);
  } catch (err) {
    return err instanceof RangeError && total > MAX_JSON_BYTES
      ? `it unpacks to more than ${MAX_JSON_BYTES / 1e6} MB`
      : 'its data is damaged or incomplete (it does not decompress)';
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

// ---- schema ------------------------------------------------------------------------------

const payloadSchema = z.object({
  m: z.record(z.string(), z.unknown(), { error: say('link.noModel') }),
  c: z.string({ error: say('link.conventionString') }).max(100),
  s: z
    .object({
      n: z.enum(NUMBER_FORMATS as [NumberFormat, ...NumberFormat[]]).optional(),
      d: z.enum(DTYPES as [Dtype, ...Dtype[]]).optional(),
      t: z.enum(THEMES as [Theme, ...Theme[]]).optional(),
      v: z.string().max(MAX_DEVICE_ID).nullable().optional(),
      r: z.enum(DTYPES as [Dtype, ...Dtype[]]).optional(),
    })
    .optional(),
  p: z.string().max(2000).nullable().optional(),
  o: z
    .string()
    .regex(/^[\w-]{1,40}$/, { error: say('link.saveMarker') })
    .optional(),
  x: z.record(z.string(), z.unknown(), { error: say('link.compareObject') }).optional(),
  xs: z
    .array(z.record(z.string(), z.unknown()), { error: say('link.compareMoreObjects') })
    .max(MAX_COMPARE_MORE, { error: say('link.compareTooMany', { n: MAX_COMPARE_MORE + 2 }) })
    .optional(),
  h: z
    .array(z.string().max(2000), { error: say('link.hiddenList') })
    .max(MAX_HIDE_ENTRIES)
    .optional(),
});

// ---- encode / decode -----------------------------------------------------------------------

function withoutFormat(m: Model): Omit<Model, 'format'> {
  const { format: _format, ...rest } = m;
  return rest;
}

const packModel = (m: Model): string =>
  toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(withoutFormat(m))), { level: 9, mem: 8 }));

/** The hash for a state, in the readable v2 form (see the head of this file). */
export function encodeShare(state: ShareState): string {
  const s = state.settings ?? {};
  const q = new URLSearchParams();
  q.set('conv', state.convention);
  if (s.numberFormat) q.set('num', s.numberFormat);
  if (s.dtype) q.set('dtype', s.dtype);
  if (s.theme) q.set('theme', s.theme);
  if (s.device !== undefined) q.set('device', s.device ?? 'none');
  if (s.precision) q.set('prec', s.precision);
  if (state.selection) q.set('sel', state.selection);
  for (const part of state.hide ?? []) q.append('hide', part);
  // B, then C, D…: one `cmp` each, in order (a reader that knows only B takes the first).
  if (state.compare) {
    q.set('cmp', packModel(state.compare));
    for (const more of state.compareMore ?? []) q.append('cmp', packModel(more));
  }
  q.set('model', packModel(state.model));
  if (state.origin) q.set('save', state.origin);
  return V2_PREFIX + q.toString();
}

/** The v1 hash for a state: '#v1.' + base64url(deflate(compact JSON)); kept for tests and old readers. */
export function encodeShareV1(state: ShareState): string {
  const { format: _format, ...model } = state.model;
  const s = state.settings ?? {};
  const settings = { n: s.numberFormat, d: s.dtype, t: s.theme, v: s.device, r: s.precision };
  const payload = {
    m: model,
    c: state.convention,
    ...(Object.values(settings).some((v) => v !== undefined) ? { s: settings } : {}),
    ...(state.selection ? { p: state.selection } : {}),
    ...(state.compare ? { x: withoutFormat(state.compare) } : {}),
    ...(state.hide && state.hide.length ? { h: [...state.hide] } : {}),
  };
  const json = new TextEncoder().encode(JSON.stringify(payload));
  return V1_PREFIX + toBase64Url(deflateSync(json, { level: 9, mem: 8 }));
}

/** Inflates and parses one packed JSON value (v1's payload, v2's models); a sentence when it cannot. */
function unpack(text: string): { value: unknown } | string {
  const bytes = fromBase64Url(text);
  if (!bytes || bytes.length === 0) return 'it has been cut short or altered (bad characters)';
  const inflated = inflateBounded(bytes);
  if (typeof inflated === 'string') return inflated;
  try {
    return { value: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated)) };
  } catch {
    return 'its contents are not valid data';
  }
}

/** v2's named parameters → the v1 payload (checked by the same schema). */
function v2Payload(query: string): { value: unknown } | string {
  let q: URLSearchParams;
  try {
    q = new URLSearchParams(query);
  } catch {
    return 'its parameters cannot be read';
  }
  const model = q.get('model');
  if (!model) return 'it has no model';
  const m = unpack(model);
  if (typeof m === 'string') return m;
  const [cmp, ...cmpMore] = q.getAll('cmp');
  const x = cmp ? unpack(cmp) : null;
  if (typeof x === 'string') return `its comparison model: ${x}`;
  const xs: unknown[] = [];
  for (const packed of cmpMore) {
    const more = unpack(packed);
    if (typeof more === 'string') return `its comparison model ${String.fromCharCode(67 + xs.length)}: ${more}`;
    xs.push(more.value);
  }
  const opt = (k: string) => q.get(k) ?? undefined;
  const device = q.get('device');
  const s = {
    n: opt('num'),
    d: opt('dtype'),
    t: opt('theme'),
    r: opt('prec'),
    ...(device !== null ? { v: device === 'none' ? null : device } : {}),
  };
  const hide = q.getAll('hide');
  return {
    value: {
      m: m.value,
      c: q.get('conv') ?? DEFAULT_CONVENTION,
      ...(Object.values(s).some((v) => v !== undefined) ? { s } : {}),
      ...(q.get('sel') ? { p: q.get('sel') } : {}),
      ...(x ? { x: x.value } : {}),
      ...(xs.length ? { xs } : {}),
      ...(hide.length ? { h: hide } : {}),
      ...(q.get('save') ? { o: q.get('save') } : {}),
    },
  };
}

const fail = (why: string): DecodeResult => ({ ok: false, error: say('link.cannotOpen', { why }) });

/** Reads a hash ('#v1.…', with or without '#', or a whole URL). Never throws. */
export function decodeShare(hash: string): DecodeResult {
  try {
    if (typeof hash !== 'string') return fail('it is not text');
    let h = hash.includes('#') ? hash.slice(hash.indexOf('#')) : `#${hash}`;
    h = h.trim();
    if (h.length > MAX_HASH_CHARS) return fail(`it is longer than ${MAX_HASH_CHARS} characters`);
    const version = /^#(v\d+)[.?]/.exec(h);
    if (!version) return fail('it does not hold a FlopLab model (expected "#v2?…" or "#v1.…" after the address)');
    if (version[1] !== 'v1' && version[1] !== 'v2')
      return fail(`it was made by a newer FlopLab (link format ${version[1]}; this one reads v1 and v2)`);
    const read = h.startsWith(V1_PREFIX)
      ? unpack(h.slice(V1_PREFIX.length))
      : h.startsWith(V2_PREFIX)
        ? v2Payload(h.slice(V2_PREFIX.length))
        : 'it does not hold a FlopLab model';
    if (typeof read === 'string') return fail(read);
    const value = read.value;
    const payload = payloadSchema.safeParse(value);
    if (!payload.success) return fail(payload.error.issues[0]?.message ?? say('link.notState'));
    const { m, c, s, p, x, xs, h: hidden, o } = payload.data;
    const parsed = parseModel({ ...m, format: MODEL_FORMAT });
    if (!parsed.ok) return fail(say('link.modelInvalid', { error: parsed.error }));
    if (evaluationRows(parsed.model, MAX_EXPANDED_LAYERS) > MAX_EXPANDED_LAYERS)
      return fail(`its model expands to more than ${groupDigits(MAX_EXPANDED_LAYERS)} layers`);
    const compared = x ? parseModel({ ...x, format: MODEL_FORMAT }) : null;
    if (compared && !compared.ok) return fail(say('link.compareInvalid', { error: compared.error }));
    if (compared?.ok && evaluationRows(compared.model, MAX_EXPANDED_LAYERS) > MAX_EXPANDED_LAYERS)
      return fail(`its comparison model expands to more than ${groupDigits(MAX_EXPANDED_LAYERS)} layers`);
    const more: Model[] = [];
    for (const [i, raw] of (compared?.ok ? (xs ?? []) : []).entries()) {
      const letter = String.fromCharCode(67 + i); // C, D, E
      const one = parseModel({ ...raw, format: MODEL_FORMAT });
      if (!one.ok) return fail(say('link.compareNInvalid', { letter, error: one.error }));
      if (evaluationRows(one.model, MAX_EXPANDED_LAYERS) > MAX_EXPANDED_LAYERS)
        return fail(`its comparison model ${letter} expands to more than ${groupDigits(MAX_EXPANDED_LAYERS)} layers`);
      more.push(one.model);
    }
    const known = conventionById(c) !== undefined;
    const settings: Partial<ShareSettings> = {
      ...(s?.n ? { numberFormat: s.n } : {}),
      ...(s?.d ? { dtype: s.d } : {}),
      ...(s?.t ? { theme: s.t } : {}),
      ...(s?.v !== undefined ? { device: s.v } : {}),
      ...(s?.r ? { precision: s.r } : {}),
    };
    return {
      ok: true,
      state: {
        model: parsed.model,
        convention: known ? c : DEFAULT_CONVENTION,
        settings,
        selection: p ?? null,
        ...(compared?.ok ? { compare: compared.model } : {}),
        ...(more.length ? { compareMore: more } : {}),
        ...(hidden && hidden.length ? { hide: hidden } : {}),
        ...(o ? { origin: o } : {}),
      },
      ...(known ? {} : { warning: say('link.unknownConvention', { id: c, fallback: DEFAULT_CONVENTION }) }),
    };
  } catch (err) {
    return fail(`unexpected problem (${(err as Error)?.message ?? String(err)})`);
  }
}

/** A full link: `base` (any hash dropped) + the state's hash. */
export function makeShareUrl(base: string, state: ShareState): string {
  const i = base.indexOf('#');
  return (i < 0 ? base : base.slice(0, i)) + encodeShare(state);
}
