/**
 * The typed registry of layer kinds. Adding a kind = one file in this folder + one line here.
 * `parseLayer` validates one layer's own fields (children are validated when they run), so an
 * invalid layer becomes an error on its row while the rest of the model still computes.
 */
import { z } from 'zod';
import type { LayerSpec } from '../format/model';
import type { BlockKind } from './block';
import { firstIssue, schemaOf, withDefaults } from './fields';
import { quickValid } from './quick-validate';
import type { LeafKind, Params } from './kind';
import { conv2d } from './conv2d';
import { linear } from './linear';
import { batchnorm2d } from './batchnorm2d';
import { relu } from './relu';
import { maxpool2d } from './maxpool2d';
import { avgpool2d } from './avgpool2d';
import { adaptiveavgpool2d } from './adaptiveavgpool2d';
import { flatten } from './flatten';
import { lrn } from './lrn';
import { residual } from './residual';
import { concat } from './concat';
import { scale } from './scale';
import { repeat } from './repeat';
import { aux } from './aux';
import { chunk } from './chunk';
import { convtranspose2d } from './convtranspose2d';
import { adaptivemaxpool2d } from './adaptivemaxpool2d';
import { layernorm } from './layernorm';
import { relu6 } from './relu6';
import { leakyrelu } from './leakyrelu';
import { prelu } from './prelu';
import { elu } from './elu';
import { sigmoid } from './sigmoid';
import { tanh } from './tanh';
import { hardswish } from './hardswish';
import { hardsigmoid } from './hardsigmoid';
import { silu } from './silu';
import { gelu } from './gelu';
import { softmax } from './softmax';
import { dropout } from './dropout';
import { upsample } from './upsample';
import { channelshuffle } from './channelshuffle';
import { identity } from './identity';
import { layerscale } from './layerscale';
import { add } from './add';
import { sub } from './sub';
import { mul } from './mul';
import { div } from './div';
import { cat } from './cat';
import { matmul } from './matmul';
import { reshape } from './reshape';
import { permute } from './permute';
import { transpose } from './transpose';
import { parameter } from './parameter';
import { select } from './select';
import { attention } from './attention';
import { squeeze } from './squeeze';
import { unsqueeze } from './unsqueeze';
import { slice } from './slice';
import { pad } from './pad';
import { mean } from './mean';
import { embedding } from './embedding';
import { sdpa } from './sdpa';
import { windowattention } from './windowattention';
import { conv1d, conv3d } from './conv-nd';
import {
  adaptiveavgpool1d,
  adaptiveavgpool3d,
  adaptivemaxpool1d,
  adaptivemaxpool3d,
  avgpool1d,
  avgpool3d,
  maxpool1d,
  maxpool3d,
} from './pool-nd';
import { batchnorm1d, batchnorm3d, groupnorm, instancenorm } from './norm-nd';
import { pixelshuffle } from './pixelshuffle';
import { gru, lstm, rnn } from './recurrent';
import { reduce } from './reduce';
import { roll } from './roll';
import { einsum } from './einsum';
import { unary } from './unary';
import { quantize } from './quantize';
import { opaque } from './opaque';
import { maximum } from './maximum';
import { l2norm } from './l2norm';
import { minimum } from './minimum';
import { clamp } from './clamp';
import { logsoftmax } from './logsoftmax';
import { cumsum } from './cumsum';
import { pow } from './pow';
import { where } from './where';
import { expand } from './expand';
import { tile } from './tile';
import { compare } from './compare';
import { mod } from './mod';
import { hardmax } from './hardmax';
import { gather } from './gather';
import { convtranspose1d, convtranspose3d } from './convtranspose-nd';
import { lpnorm } from './lpnorm';
import { shapeops } from './shapeops';
import { indexselect } from './indexselect';
import { topk } from './topk';
import { take } from './take';
import { say } from '../messages';

export const LEAF_KINDS: readonly LeafKind[] = [
  conv2d,
  linear,
  batchnorm2d,
  relu,
  maxpool2d,
  avgpool2d,
  adaptiveavgpool2d,
  flatten,
  lrn,
  chunk,
  convtranspose2d,
  adaptivemaxpool2d,
  layernorm,
  relu6,
  leakyrelu,
  prelu,
  elu,
  sigmoid,
  tanh,
  hardswish,
  hardsigmoid,
  silu,
  gelu,
  softmax,
  dropout,
  upsample,
  channelshuffle,
  identity,
  layerscale,
  add,
  sub,
  mul,
  div,
  cat,
  matmul,
  reshape,
  permute,
  transpose,
  parameter,
  select,
  attention,
  squeeze,
  unsqueeze,
  slice,
  pad,
  mean,
  embedding,
  sdpa,
  windowattention,
  conv1d,
  conv3d,
  maxpool1d,
  avgpool1d,
  adaptiveavgpool1d,
  adaptivemaxpool1d,
  maxpool3d,
  avgpool3d,
  adaptiveavgpool3d,
  adaptivemaxpool3d,
  batchnorm1d,
  batchnorm3d,
  groupnorm,
  instancenorm,
  pixelshuffle,
  lstm,
  gru,
  rnn,
  reduce,
  roll,
  einsum,
  maximum,
  minimum,
  clamp,
  logsoftmax,
  cumsum,
  pow,
  where,
  expand,
  tile,
  compare,
  mod,
  hardmax,
  gather,
  convtranspose1d,
  convtranspose3d,
  lpnorm,
  indexselect,
  topk,
  take,
  l2norm,
  unary,
  quantize,
  shapeops,
  opaque,
];

export const BLOCK_KINDS: readonly BlockKind[] = [residual, concat, scale, repeat, aux];

export type AnyKind = LeafKind | BlockKind;

const BY_TYPE = new Map<string, AnyKind>([...LEAF_KINDS, ...BLOCK_KINDS].map((k) => [k.type, k]));

export const LAYER_TYPES: readonly string[] = [...BY_TYPE.keys()];

export const kindOf = (type: string): AnyKind | undefined => BY_TYPE.get(type);
export const isBlock = (k: AnyKind): k is BlockKind => k.category === 'block';

const layerList = z.array(z.looseObject({ type: z.string() }), { error: 'must be a list of layers' });

const SCHEMAS = new Map<string, z.ZodType<Record<string, unknown>>>();
/** The zod schema of one kind's own fields (child lists as lists of typed objects). */
export function layerSchema(kind: AnyKind): z.ZodType<Record<string, unknown>> {
  let s = SCHEMAS.get(kind.type);
  if (!s) {
    s = schemaOf(kind.type, kind.fields);
    if (isBlock(kind)) {
      const extra: Record<string, z.ZodType> = {};
      for (const lf of kind.listFields) {
        const t = lf.nested ? z.array(layerList, { error: 'must be a list of layer lists' }) : layerList;
        extra[lf.name] = lf.required ? t : t.optional();
      }
      s = (s as unknown as z.ZodObject).extend(extra) as unknown as z.ZodType<Record<string, unknown>>;
    }
    SCHEMAS.set(kind.type, s);
  }
  return s;
}

export type Parsed = { readonly kind: AnyKind; readonly params: Params } | { readonly error: string };

// Models are immutable values (the editor replaces what it changes), so a layer object
// that was parsed once parses the same way again: cache by identity.
const CACHE = new WeakMap<object, Parsed>();
const HOLE = '\u241f';

/** Validates one layer's own fields and applies defaults. `path` names it in messages. */
export function parseLayer(spec: unknown, path: string): Parsed {
  const cacheable = typeof spec === 'object' && spec !== null;
  let r = cacheable ? CACHE.get(spec) : undefined;
  if (!r) {
    // Parsed with a placeholder path, so one cached answer serves every place the object occurs.
    r = parseUncached(spec, HOLE);
    if (cacheable) CACHE.set(spec, r);
  }
  return 'error' in r ? { error: r.error.split(HOLE).join(path) } : r;
}

function parseUncached(spec: unknown, path: string): Parsed {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return { error: say('limit.needsType', { path }) };
  const type = (spec as LayerSpec).type;
  if (typeof type !== 'string') return { error: say('row.typeMissing', { path }) };
  const kind = kindOf(type);
  if (!kind) return { error: say('row.unknownType', { path, type }) };
  const lists = isBlock(kind) ? kind.listFields : [];
  // A block's weights are its layers': those say what they share.
  if (lists.length && (spec as LayerSpec).shares !== undefined) return { error: say('row.blockShares', { path }) };
  if (quickValid(kind.fields, lists, spec as Record<string, unknown>))
    return { kind, params: withDefaults(kind.fields, spec as Record<string, unknown>) };
  const r = layerSchema(kind).safeParse(spec);
  if (!r.success) return { error: firstIssue(r.error, path, kind.type) };
  return { kind, params: withDefaults(kind.fields, r.data) };
}
