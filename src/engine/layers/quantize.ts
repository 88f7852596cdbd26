/**
 * A float ↔ integer conversion of a quantized model: ONNX QuantizeLinear / DequantizeLinear,
 * TFLite QUANTIZE / DEQUANTIZE, torch.quantize_per_tensor / quantize_per_channel /
 * nn.quantized.Quantize and x.dequantize() / nn.quantized.DeQuantize. The output has the input's
 * shape. ONNX defines them (onnx/docs/Operators.md) as
 *   quantize:   y = saturate(round(x / scale) + zero_point)
 *   dequantize: x = (y − zero_point) · scale
 * with one scale and zero point per tensor, or one per channel (`per_channel`, along the channel
 * axis: ONNX axis 1, torch.quantize_per_channel(…, axis=1)), or one per block of `block_size`
 * channels (ONNX blocked quantization, opset 21: block_size > 0, axis 1). A blocked scale has the
 * input's rank and shape but along the axis, where it has ceil(C / block_size) (the spec's accepted
 * block sizes for S scales, [ceil(C / S), ceil(C / (S − 1)) − 1], all give S = ceil(C / B)): it holds
 * the batch dim too, so its size is numel_in / C · ceil(C / B), the batch included.
 *
 * Parameters: none. The scale and zero point are constants fixed by calibration, not learned, and
 * no PyTorch tool counts them (parameters() is empty: nn.quantized.Quantize registers them as
 * buffers). They are this layer's buffers, 2 (per tensor), 2·C (per channel) or 2 per block, for both modes:
 * every ONNX QuantizeLinear and DequantizeLinear node reads its own scale and zero point, so the
 * memory totals include what the file stores. onnx-tool counts the initializers it reads as
 * parameters (a scalar's volume is 0 there: per tensor 0, per channel 2·C): that is onnx-tool's own
 * count, stated in its convention's note, and not what parameters mean here.
 *
 * `dtype` (int8, uint8, int16) is informative: no tool's count and no exact count depends on it.
 * Symbols: `ops` = the exact operations per element (5 to quantize, 2 to dequantize), `q` = 1 for
 * quantize and 0 for dequantize, `C` = the channels (input dim 0).
 */
import { mul, ZERO } from '../expr';
import { commonSymbols, type LeafKind, type Params } from './kind';
import { say } from '../messages';

export const QUANTIZE_MODES = ['quantize', 'dequantize'] as const;
export type QuantizeMode = (typeof QUANTIZE_MODES)[number];
export const QUANTIZE_DTYPES = ['int8', 'uint8', 'int16'] as const;

/**
 * Exact operations per element: quantize divides by the scale (or multiplies by 1 / scale), rounds,
 * adds the zero point and saturates (a clamp: two comparisons, as relu6); dequantize subtracts the
 * zero point and multiplies by the scale.
 */
export const QUANTIZE_OPS: Readonly<Record<QuantizeMode, number>> = { quantize: 5, dequantize: 2 };

/**
 * How many scales (as many zero points) the layer reads: 1 per tensor, C per channel, and blocked
 * ceil(C / B) along the channels at each of the input's other positions, the batch's included (ONNX
 * QuantizeLinear: y_scale has x's rank, S_i = ceil(D_i / B) on the axis, D_j elsewhere).
 */
export function quantizeScales(p: Params, input: readonly number[], batch: number): number {
  const block = Number(p.block_size ?? 0);
  const C = input[0];
  if (block > 0) {
    let rest = batch;
    for (const d of input.slice(1)) rest *= d;
    return rest * Math.ceil(C / block);
  }
  return p.per_channel ? C : 1;
}

export const quantize: LeafKind = {
  type: 'quantize',
  label: 'Quantize / Dequantize',
  category: 'elementwise',
  summary: 'Float to integer (round(x / scale) + zero point, saturated) or back ((q − zero point) · scale)',
  fields: [
    {
      name: 'mode',
      kind: 'enum',
      options: QUANTIZE_MODES,
      default: 'quantize',
      label: 'Mode',
      help: 'quantize: y = saturate(round(x / scale) + zero_point) (QuantizeLinear, QUANTIZE, torch.quantize_per_tensor); dequantize: (q − zero_point) · scale (DequantizeLinear, DEQUANTIZE, x.dequantize())',
    },
    {
      name: 'dtype',
      kind: 'enum',
      options: QUANTIZE_DTYPES,
      default: 'int8',
      label: 'Integer type',
      help: 'The integer side’s type (informative: no count depends on it)',
    },
    {
      name: 'per_channel',
      kind: 'bool',
      default: false,
      label: 'Per channel',
      help: 'One scale and zero point per channel (axis 1) instead of one per tensor: 2·C buffers instead of 2',
    },
    {
      name: 'block_size',
      kind: 'int',
      min: 0,
      default: 0,
      label: 'Block size',
      help: 'Blocked quantization (ONNX block_size, axis 1): one scale and zero point per block of this many channels at every other position, batch included (0 = off)',
    },
  ],
  shape: (p, input) =>
    // Blocked and per channel are two granularities of one scale: both set is a contradiction, not a choice.
    p.per_channel && Number(p.block_size ?? 0) > 0 ? { error: say('layer.quantizeBlocked') } : { output: input },
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      C: input[0],
      q: p.mode === 'dequantize' ? 0 : 1,
      ops: QUANTIZE_OPS[(p.mode as QuantizeMode | undefined) ?? 'quantize'],
      scales: quantizeScales(p, input, batch),
    }),
  params: ZERO,
  buffers: mul(2, 'scales'),
  exact: mul('ops', 'numel_out'),
  exactNote:
    'Per element: quantize 5 (divide by the scale, round, add the zero point, and the saturating clamp’s two comparisons); dequantize 2 (subtract the zero point, multiply by the scale). The same with one scale per channel or per block.',
};
