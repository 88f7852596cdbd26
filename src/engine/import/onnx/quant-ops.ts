/**
 * ONNX QuantizeLinear / DequantizeLinear of a computed tensor → the `quantize` kind
 * (layers/quantize.ts). y = saturate(round(x / scale) + zero_point) and x = (y − zero_point) · scale
 * (onnx/docs/Operators.md): one scale (and zero point) per tensor, a 1-D scale along `axis` (per
 * channel, axis 1 = the channels), or blocked (block_size > 0, opset 21: a scale of x's rank with
 * ceil(C / block_size) along axis 1). The scale and zero point are constants: the layer's buffers.
 * A DequantizeLinear of a constant (int8 weights) is folded as before (fold.ts): no row.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode } from './decode';
import type { Mapped, OpContext } from './ops';
import { say } from '../../messages';

/** TensorProto.DataType → the kind's `dtype`. */
const DTYPES: Readonly<Record<number, string>> = { 2: 'uint8', 3: 'int8', 5: 'int16' };
const TYPE_NAMES: Readonly<Record<number, string>> = {
  4: 'uint16',
  6: 'int32',
  17: 'float8e4m3fn',
  18: 'float8e4m3fnuz',
  19: 'float8e5m2',
  20: 'float8e5m2fnuz',
  21: 'uint4',
  22: 'int4',
};

/** A graph input read as a run-time constant: its shape and stated element type, as a tensor without values. */
function fedTensor(ctx: OpContext, name: string): { dims: number[]; dataType?: number } | undefined {
  const fed = ctx.fedInput?.(name);
  return fed ? { dims: fed.shape.map(Number), ...(fed.type ? { dataType: fed.type } : {}) } : undefined;
}

/**
 * A blocked scale the quantize kind holds (layers/quantize.ts quantizeScales): along axis 1 (the
 * channels, the only axis the kind blocks), of the shape the spec gives, [N, ceil(C / B), …rest], so
 * the buffers are what the file stores; otherwise why not (a row whose buffers were not the file's).
 */
function blockedScale(
  n: OnnxNode,
  ctx: OpContext,
  block: number,
  dims: readonly number[],
): { ok: true } | { unsupported: string } {
  const rank = ctx.rank === undefined ? undefined : ctx.rank + 1;
  const raw = n.attrs.get('axis')?.i ?? 1;
  const axis = raw < 0 && rank !== undefined ? raw + rank : raw;
  if (axis !== 1) return { unsupported: `blocked quantization along axis ${raw} (only along axis 1, the channels)` };
  if (!ctx.shape || ctx.batch === undefined)
    return { unsupported: 'blocked quantization of an input of unknown shape' };
  const want = [ctx.batch, Math.ceil(ctx.shape[0] / block), ...ctx.shape.slice(1)];
  if (want.length !== dims.length || want.some((d, i) => d !== dims[i]))
    return {
      unsupported: `a blocked scale [${dims.join(', ')}] where block_size ${block} gives [${want.join(', ')}]`,
    };
  return { ok: true };
}

/**
 * A blocked scale or zero point given as a graph input with the batch dim (it has x's rank, so the
 * importer reads it as data, batch first): its full shape and stated type.
 */
function batchedTensor(ctx: OpContext, name: string): { dims: number[]; dataType?: number } | undefined {
  const v = ctx.valueShape?.(name);
  if (!v?.batched || ctx.batch === undefined) return undefined;
  const type = ctx.inputType?.(name);
  return { dims: [ctx.batch, ...v.shape], ...(type ? { dataType: type } : {}) };
}

/** One quantize layer for a QuantizeLinear / DequantizeLinear node, or why it is not one. */
export function quantizeOp(n: OnnxNode, ctx: OpContext): Mapped {
  const mode = n.opType === 'QuantizeLinear' ? 'quantize' : 'dequantize';
  // A constant scale and zero point, or ones fed as graph inputs (run-time constants of a known shape, as
  // ONNX's own operator tests feed them): their values change no count, their shape and type are read.
  // A blocked one has x's rank, batch included, so a fed one is read as data with the batch.
  const block = n.attrs.get('block_size')?.i ?? 0;
  const operand = (v: string) =>
    ctx.constant(v) ?? fedTensor(ctx, v) ?? (block > 0 && ctx.inputType?.(v) ? batchedTensor(ctx, v) : undefined);
  const scale = operand(n.inputs[1]);
  if (!scale) return { unsupported: 'a scale computed at run time (only a constant scale)' };
  const zero = n.inputs[2] ? operand(n.inputs[2]) : undefined;
  if (n.inputs[2] && !zero) return { unsupported: 'a zero point computed at run time (only a constant one)' };
  const warnings: string[] = [];
  const count = scale.dims.reduce((a, b) => a * b, 1);
  const blocked = block > 0 ? blockedScale(n, ctx, block, scale.dims) : undefined;
  if (blocked && 'unsupported' in blocked) return blocked;
  // The zero point has the scale's shape (Operators.md): otherwise the buffers would not be what the file stores.
  if (blocked && zero && (zero.dims.length !== scale.dims.length || zero.dims.some((d, i) => d !== scale.dims[i])))
    return {
      unsupported: `a zero point [${zero.dims.join(', ')}] of another shape than its scale [${scale.dims.join(', ')}]`,
    };
  // Fed scale and zero point read as data (batchedTensor): the layer's buffers, said so.
  const held = blocked ? n.inputs.slice(1).filter((v) => v && ctx.valueShape?.(v)?.batched) : [];
  if (held.length) warnings.push(say('imp.blockedFed', { list: held.join(', ') }));
  const perChannel = !blocked && scale.dims.length > 0 && count > 1;
  if (perChannel) {
    const rank = ctx.rank === undefined ? undefined : ctx.rank + 1;
    const raw = n.attrs.get('axis')?.i ?? 1;
    const axis = raw < 0 && rank !== undefined ? raw + rank : raw;
    if (axis !== 1) warnings.push(say('imp.scaleAxis', { axis: raw, n: count }));
    else if (ctx.shape && ctx.shape[0] !== count) warnings.push(say('imp.scaleCount', { n: count, c: ctx.shape[0] }));
  }
  // The integer type: the zero point's, else output_dtype (opset 21), else QuantizeLinear's default uint8.
  const type = zero?.dataType ?? n.attrs.get('output_dtype')?.i ?? (mode === 'quantize' ? 2 : undefined);
  const dtype = type === undefined ? undefined : DTYPES[type];
  if (type !== undefined && !dtype) warnings.push(say('imp.intType', { type: TYPE_NAMES[type] ?? type }));
  const layer = {
    type: 'quantize',
    mode,
    ...(dtype && dtype !== 'int8' ? { dtype } : {}),
    ...(perChannel ? { per_channel: true } : {}),
    ...(blocked ? { block_size: block } : {}),
  } as LayerSpec;
  return {
    layers: [layer],
    ...(warnings.length ? { warning: warnings.join('; ') } : {}),
    ...(held.length ? { held } : {}),
  };
}
