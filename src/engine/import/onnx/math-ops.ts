/**
 * ONNX operators of several inputs or along one axis, split from ops.ts for size (semantics:
 * onnx/docs/Operators.md): Max / Min of computed tensors (maximum, minimum; a constant operand is
 * taken first by the builder's constantOperand as a parameter), CumSum (cumsum), Softmax and
 * LogSoftmax (softmax, logsoftmax), Mean (an add, then a multiply by 1/k), Where / Expand / Tile
 * (where, expand, tile), Pow (the unary kind's x ** constant; else the pow kind, its exponent computed or
 * fed at run time), TopK with a constant k (topk) and
 * Hardmax (hardmax), LpNormalization (lpnorm) and
 * the comparisons and logic ops Greater, Less, GreaterOrEqual, LessOrEqual, Equal, And, Or, Xor, Not (compare).
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { ONE_BATCH, isBatchAxis } from './ops-shape';
import { unaryOp } from './unary-ops';
import { say } from '../../messages';
import { SWAPPED, type CompareOp } from '../../layers/compare';
import { CHANNELS } from './layernorm2d';

const int = (n: OnnxNode, k: string, d: number) => n.attrs.get(k)?.i ?? d;

/**
 * x ** y with y a graph input read as a run-time constant (ONNX's node test pow_bcast_scalar feeds a
 * 0-d exponent): the pow kind's fed_exponent, whose output is x's shape, when y broadcasts to x
 * (Operators.md's multidirectional broadcasting, aligned on the right, each dim 1 or x's); else the
 * output would not be x's shape and the node stays not counted.
 */
function fedExponent(exponent: readonly number[], ctx: OpContext): Mapped {
  if (!ctx.shape || ctx.batch === undefined) return { unsupported: 'Pow by a fed exponent of x of unknown shape' };
  const x = [ctx.batch, ...ctx.shape];
  const off = x.length - exponent.length;
  if (off < 0 || exponent.some((d, i) => d !== 1 && d !== x[off + i]))
    return { unsupported: `Pow by a fed exponent [${exponent.join(', ')}] that does not broadcast to x` };
  return { layers: [{ type: 'pow', fed_exponent: true } as LayerSpec] };
}

export function mathOp(n: OnnxNode, ctx: OpContext): Mapped {
  switch (n.opType) {
    case 'Max':
    case 'Min': {
      const type = n.opType === 'Max' ? 'maximum' : 'minimum';
      if (ctx.dataInputs >= 2) return { layers: [{ type }], all: true };
      // An identity naming its op: onnx-tool's MaxNode / MinNode count one input all the same.
      return { layers: [{ type: 'identity', onnx_op: n.opType }], warning: say('why.oneInput', { op: n.opType }) };
    }
    case 'CumSum': {
      // The axis is a constant input (a scalar or a one-element tensor); it counts the batch as 0.
      const axis = ctx.constant(n.inputs[1])?.values;
      if (axis?.length !== 1) return { unsupported: 'CumSum along a computed axis' };
      const dim = Number(axis[0]);
      if (dim === 0 || (ctx.rank !== undefined && dim === -(ctx.rank + 1)))
        return { unsupported: 'CumSum along the batch' };
      const flags = {
        ...(int(n, 'exclusive', 0) ? { exclusive: true } : {}),
        ...(int(n, 'reverse', 0) ? { reverse: true } : {}),
      };
      return { layers: [{ type: 'cumsum', dim, ...flags } as LayerSpec] };
    }
    case 'Softmax': {
      // The axis counts the batch as 0, as the softmax kind's dim. Its default is −1 from opset 13;
      // before, 1, and the input is coerced to 2-D from the axis on (onnx/docs/Changelog.md Softmax-1/11).
      const legacy = !!ctx.opset && ctx.opset < 13;
      const axis = Number(n.attrs.get('axis')?.i ?? (legacy ? 1 : -1));
      if (!legacy) return { layers: [{ type: 'softmax', dim: axis }] };
      return fromAxis(axis, ctx, { type: 'softmax', dim: -1 } as LayerSpec, 'Softmax');
    }
    case 'Hardmax': {
      // As Softmax: the axis counts the batch as 0, default −1 from opset 13; before, 1, and the input is
      // coerced to 2-D from the axis on (onnx/docs/Changelog.md Hardmax-1/11).
      const legacy = !!ctx.opset && ctx.opset < 13;
      const axis = Number(n.attrs.get('axis')?.i ?? (legacy ? 1 : -1));
      if (!legacy && isBatchAxis(axis, ctx)) return { unsupported: `Hardmax along the batch (${ONE_BATCH})` };
      if (!legacy) return { layers: [{ type: 'hardmax', dim: axis } as LayerSpec] };
      return fromAxis(axis, ctx, { type: 'hardmax', dim: -1 } as LayerSpec, 'Hardmax');
    }
    case 'LpNormalization': {
      // x / ‖x‖p along `axis` (default −1; p 1 or 2, default 2); no eps, unlike F.normalize's clamp.
      const p = int(n, 'p', 2);
      if (p !== 1 && p !== 2) return { unsupported: `LpNormalization with p = ${p} (ONNX allows 1 and 2)` };
      const dim = int(n, 'axis', -1);
      if (isBatchAxis(dim, ctx)) return { unsupported: `LpNormalization along the batch (${ONE_BATCH})` };
      const spec = { type: 'lpnorm', p: String(p), dim, clamp: false };
      return { layers: [spec as LayerSpec] };
    }
    case 'LayerNormalization':
      return layerNorm(n, ctx);
    case 'LogSoftmax':
      // The axis counts the batch as 0, as the kind's dim. Opset < 13 coerces to 2-D from the axis on;
      // the count (3 per element, onnx-tool 80 per element) does not depend on the vector length.
      return { layers: [{ type: 'logsoftmax', dim: int(n, 'axis', ctx.opset && ctx.opset < 13 ? 1 : -1) }] };
    case 'Pow': {
      // x ** constant: the unary kind; two computed operands or a constant base: the pow kind.
      if (ctx.dataInputs === 2) return { layers: [{ type: 'pow' }], all: true };
      const fed = ctx.fedInput?.(n.inputs[1]);
      if (fed) return fedExponent(fed.shape, ctx);
      const base = ctx.constant(n.inputs[0]);
      if (!base) return unaryOp(n, ctx);
      const v = base.values;
      if (v?.length !== 1 || !Number.isFinite(v[0])) return { unsupported: 'Pow of a constant base of several values' };
      return { layers: [{ type: 'pow', base: Number(v[0].toPrecision(7)) } as LayerSpec] };
    }
    case 'TopK': {
      // k: an attribute before opset 10, then a constant input; the axis counts the batch as 0.
      const k = n.attrs.get('k')?.i ?? ctx.constant(n.inputs[1])?.values?.[0];
      const dim = int(n, 'axis', -1);
      if (dim === 0 || (ctx.rank !== undefined && dim === -(ctx.rank + 1)))
        return { unsupported: 'TopK along the batch' };
      if (k === undefined) return { unsupported: 'TopK with a computed k (the output size is known only when run)' };
      const largest = int(n, 'largest', 1) ? {} : { largest: false };
      return { layers: [{ type: 'topk', dim, k: Number(k), ...largest } as LayerSpec] };
    }
    case 'ArgMax':
    case 'ArgMin': {
      // The index of the largest (smallest) value along `axis`: torch.topk(x, 1, dim).indices, then the
      // axis squeezed unless keepdims. The same work (exact: R − 1 comparisons per output); onnx-tool's
      // ArgMaxNode and TopKNode have no _profile_core (0, onnx_tool/node.py); the PyTorch tools 0.
      const dim = int(n, 'axis', 0);
      if (dim === 0 || (ctx.rank !== undefined && dim === -(ctx.rank + 1)))
        return { unsupported: `${n.opType} along the batch` };
      const largest = n.opType === 'ArgMax' ? {} : { largest: false };
      // FlopLab keeps a dim besides the batch: [N, F] → [N] stays [N, 1], as the reduce kinds give it.
      const topk = { type: 'topk', dim, k: 1, ...largest } as LayerSpec;
      if (int(n, 'keepdims', 1)) return { layers: [topk] };
      if (ctx.rank === 1) return { layers: [topk], warning: say('why.argmaxKeep') };
      return { layers: [topk, { type: 'squeeze', dim }] };
    }
    case 'RoiAlign': {
      // Output [R, C, oh, ow]: R (the rois' first dim) takes the batch's place. onnx-tool: 0 (no profile).
      const r = ctx.valueShape?.(n.inputs[1])?.shape[0];
      return { unsupported: `its output puts the ${r ?? 'R'} RoIs where the batch is (${ONE_BATCH})` };
    }
    case 'NonMaxSuppression':
      // onnx-tool counts 0 and assumes min(max_output_boxes_per_class, boxes) rows of [b, class, box].
      return {
        unsupported:
          'how many boxes it keeps is known only when run, and its output [K, 3] has no batch (onnx-tool counts 0, assuming K = min(max_output_boxes_per_class, boxes))',
      };
    case 'Mean':
      // (x1 + … + xk) / k: an add of the k inputs, then a multiply by 1/k (onnx-tool has no Mean node class).
      if (ctx.dataInputs < 2) return { unsupported: `Mean of ${ctx.dataInputs} computed input(s)` };
      return {
        layers: [{ type: 'add' }, { type: 'mul', scalar: Number((1 / ctx.dataInputs).toPrecision(7)) }] as LayerSpec[],
        all: true,
      };
    case 'Where':
      return whereOp(n, ctx);
    case 'Greater':
    case 'Less':
    case 'GreaterOrEqual':
    case 'LessOrEqual':
    case 'Equal':
    case 'And':
    case 'Or':
    case 'Xor':
    case 'Not':
      return compareOp(n, ctx);
    case 'Expand':
    case 'Tile':
      return expandOrTile(n, ctx);
    case 'Mod': {
      // x mod y of two tensors, or of a one-value constant divisor (a dividend constant has no kind).
      const fmod = int(n, 'fmod', 0) ? { fmod: true } : {};
      if (ctx.dataInputs === 2) return { layers: [{ type: 'mod', ...fmod } as LayerSpec], all: true };
      const d = ctx.constant(n.inputs[1])?.values;
      if (d?.length !== 1 || ctx.constant(n.inputs[0])) return { unsupported: 'Mod by a constant tensor' };
      return { layers: [{ type: 'mod', ...fmod, scalar: held(d[0]).value } as LayerSpec] };
    }
    default:
      return { unsupported: 'no layer kind for this operator' };
  }
}

/** float32's largest value: where a file writes ±∞ as an operand (Where's −∞ mask), the field holds ±this. */
const F32_MAX = 3.4028235e38;

/** A constant's one value as a number field (7 significant digits, float32's); ±∞ held as ±F32_MAX, said. */
function held(v: number): { value: number; warning?: string } {
  if (Number.isFinite(v)) return { value: Number(v.toPrecision(7)) };
  const sign = v > 0 ? '' : '−';
  return {
    value: v > 0 ? F32_MAX : -F32_MAX,
    warning: `${sign}∞ is held as ${sign}3.4028235e38 (no count depends on it)`,
  };
}

/**
 * Where(condition, x, y): a constant x or y of one value is the where kind's `x` / `y` field; a constant
 * tensor (a causal-mask condition) is a parameter input the builder made first (operands.ts).
 */
function whereOp(n: OnnxNode, ctx: OpContext): Mapped {
  const fields: Record<string, number> = {};
  let warning: string | undefined;
  for (const [at, k] of [
    [1, 'x'],
    [2, 'y'],
  ] as const) {
    const c = ctx.constant(n.inputs[at]);
    if (!c) continue;
    if (c.dims.reduce((a, b) => a * b, 1) !== 1) continue; // a parameter input (the builder's whereOperands)
    if (c.values?.length !== 1) return { unsupported: `Where with a constant ${k} of unknown value` };
    const h = held(c.values[0]);
    fields[k] = h.value;
    warning = h.warning ?? warning;
  }
  if (ctx.dataInputs + Object.keys(fields).length !== 3)
    return { unsupported: 'Where with a constant operand that does not broadcast with the data' };
  return { layers: [{ type: 'where', ...fields } as LayerSpec], all: true, ...(warning ? { warning } : {}) };
}

/**
 * Expand / Tile with a constant target or repeats that keep the batch first: Expand's target of the
 * input's rank starts with 1 or the batch, a shorter one aligns with the last dims; Tile repeats the batch
 * once. A target with more dims puts new ones before the batch: no kind.
 */
function expandOrTile(n: OnnxNode, ctx: OpContext): Mapped {
  const v = ctx.constant(n.inputs[1])?.values?.map(Number);
  const rank = ctx.rank;
  if (!v || rank === undefined)
    return { unsupported: `${n.opType} with a computed ${n.opType === 'Tile' ? 'repeats' : 'shape'}` };
  if (n.opType === 'Tile') {
    if (v.length !== rank + 1 || v[0] !== 1)
      return { unsupported: `Tile by [${v.join(', ')}] (it repeats the batch; ${ONE_BATCH})` };
    return { layers: [{ type: 'tile', repeats: v.slice(1) } as LayerSpec] };
  }
  const keeps = v.length <= rank || (v.length === rank + 1 && (v[0] === 1 || v[0] === ctx.batch));
  if (!keeps || v.some((d) => d < 1))
    return { unsupported: `Expand to [${v.join(', ')}] (it does not keep the batch first; ${ONE_BATCH})` };
  return { layers: [{ type: 'expand', shape: v.length === rank + 1 ? v.slice(1) : v } as LayerSpec] };
}

const product = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);

/**
 * `spec` (a softmax or a layer norm over the last dim) applied to every dim from batch-first
 * `axis` on, as one vector: the dims from the axis flattened into one, `spec`, and the shape back.
 * The axis already the last dim: `spec` alone.
 */
function fromAxis(axis: number, ctx: OpContext, spec: LayerSpec, op: string): Mapped {
  if (axis === -1) return { layers: [spec] };
  const s = ctx.shape;
  if (!s) return { unsupported: `${op} over the dims from axis ${axis} of an input of unknown shape` };
  const at = axis < 0 ? axis + s.length + 1 : axis;
  if (at < 1 || at > s.length) return { unsupported: `${op} from axis ${axis}, the batch included` };
  if (at === s.length) return { layers: [spec] };
  const before = s.slice(0, at - 1);
  const flat: LayerSpec = before.length
    ? ({ type: 'reshape', shape: [...before, product(s.slice(at - 1))] } as LayerSpec)
    : ({ type: 'flatten' } as LayerSpec);
  return { layers: [flat, spec, ...(s.length > 1 ? [{ type: 'reshape', shape: [...s] } as LayerSpec] : [])] };
}

/**
 * LayerNormalization normalises every dim from `axis` (default −1) on, with scale and B of those
 * dims (onnx/docs/Operators.md): the last dim is the layernorm kind's `last`; k trailing dims are its
 * `dims` k, as nn.LayerNorm([C, H, W]) (torch.onnx writes it with axis −k). FlopLab's own writer puts
 * a LayerNorm2d over the channels of [N, C, H, W] as axis 1 with a [C] scale: read back as that.
 */
function layerNorm(n: OnnxNode, ctx: OpContext): Mapped {
  const affine = !!n.inputs[1] && !noAffine(n, ctx);
  const axis = int(n, 'axis', -1);
  const scale = ctx.constant(n.inputs[1])?.dims;
  // LayerNorm2d: folded from Transpose → LayerNormalization → Transpose (layernorm2d.ts), or FlopLab's old
  // writer's axis 1 with a [C] Scale on [N, C, H, W], which ONNX defines only where C = W (or 1): then it is
  // read as ONNX says (over C, H, W), elsewhere as the LayerNorm2d it was written for.
  const ch = ctx.shape?.[0];
  const oldForm = axis === 1 && ctx.rank === 3 && scale?.length === 1 && scale[0] === ch && ch !== ctx.shape?.[2];
  if (n.attrs.get(CHANNELS) || oldForm) return { layers: [{ type: 'layernorm', affine }] };
  // The dims normalised: −axis from the end, or from a non-negative axis and the rank (batch = axis 0).
  const k = axis < 0 ? -axis : ctx.rank === undefined ? undefined : ctx.rank + 1 - axis;
  if (k === undefined) return { unsupported: `LayerNormalization from axis ${axis} of an input of unknown rank` };
  if (axis === 0 || (ctx.rank !== undefined && k > ctx.rank))
    return { unsupported: `LayerNormalization from axis ${axis}, the batch included` };
  const spec = { type: 'layernorm', affine, last: true, ...(k > 1 ? { dims: k } : {}) } as LayerSpec;
  // The kind holds γ and β of the whole normalised shape (2·C); ONNX's B is optional and Scale and B need
  // only broadcast to that shape ([D] over [L, D], [1, 1, W]): then the file holds fewer weights, said.
  const c = ctx.shape && ctx.shape.length >= k ? product(ctx.shape.slice(-k)) : undefined;
  const size = (v: string | undefined) => {
    const t = v ? ctx.constant(v) : undefined;
    return t ? product(t.dims) : v ? undefined : 0;
  };
  const held = [size(n.inputs[1]), size(n.inputs[2])];
  if (affine && c !== undefined && held.every((v) => v !== undefined) && held.some((v) => v !== c))
    return {
      layers: [spec],
      warning: `LayerNormalization's Scale and B hold ${held[0]} and ${held[1]} values, not ${c} each (the normalised shape): the parameters are counted as 2 × ${c}, the affine arithmetic per element`,
    };
  return { layers: [spec] };
}

/**
 * A LayerNormalization without affine as torch.onnx writes it (nn.LayerNorm(…, elementwise_affine=False), and
 * FlopLab's writer): Scale a Constant node of ones, B absent or a Constant of zeros. Initializers of ones and
 * zeros are an affine layer's freshly initialised γ and β (a model counted before training), so they stay affine.
 */
function noAffine(n: OnnxNode, ctx: OpContext): boolean {
  const made = (v: string, value: number) => {
    const t = ctx.constant(v);
    return !ctx.stored?.(v) && !!t?.values?.length && t.values.every((x) => Number(x) === value);
  };
  return made(n.inputs[1], 1) && (!n.inputs[2] || made(n.inputs[2], 0));
}

/** ONNX comparison and logic operators → the compare kind's op. */
const COMPARE: Readonly<Record<string, CompareOp>> = {
  Greater: 'gt',
  Less: 'lt',
  GreaterOrEqual: 'ge',
  LessOrEqual: 'le',
  Equal: 'eq',
  And: 'and',
  Or: 'or',
  Xor: 'xor',
  Not: 'not',
};

/**
 * A comparison or logic op of two computed tensors (a constant tensor operand is a parameter input the
 * builder made first, operands.ts), or of one and a one-value constant, the compare kind's `scalar`: a
 * constant first swaps the op (Greater(0.5, x) is x < 0.5). Not reads its one input.
 */
function compareOp(n: OnnxNode, ctx: OpContext): Mapped {
  const op = COMPARE[n.opType];
  if (op === 'not' || ctx.dataInputs === 2) return { layers: [{ type: 'compare', op } as LayerSpec], all: true };
  const at = ctx.constant(n.inputs[0]) ? 0 : 1;
  const c = ctx.constant(n.inputs[at]);
  if (c && c.dims.reduce((a, b) => a * b, 1) !== 1)
    return { unsupported: `${n.opType} with a constant tensor of more dims than the data` };
  if (c?.values?.length !== 1) return { unsupported: `${n.opType} with a constant operand of unknown value` };
  const h = held(c.values[0]);
  const spec = { type: 'compare', op: at === 0 ? SWAPPED[op] : op, scalar: h.value } as LayerSpec;
  return { layers: [spec], ...(h.warning ? { warning: h.warning } : {}) };
}
