/**
 * A float ↔ integer conversion of a quantized model: ONNX QuantizeLinear / DequantizeLinear,
 * TFLite QUANTIZE / DEQUANTIZE, torch.quantize_per_tensor / quantize_per_channel /
 * nn.quantized.Quantize and x.dequantize() / nn.quantized.DeQuantize. The output has the input's
 * shape. ONNX defines them (onnx/docs/Operators.md) as
 *   quantize:   y = saturate(round(x / scale) + zero_point)
 *   dequantize: x = (y − zero_point) · scale
 * with one scale and zero point per tensor, or one per channel (`per_channel`, along the channel
 * axis: ONNX axis 1, torch.quantize_per_channel(…, axis=1)).
 *
 * Parameters: none. The scale and zero point are constants fixed by calibration, not learned, and
 * no PyTorch tool counts them (parameters() is empty: nn.quantized.Quantize registers them as
 * buffers). They are this layer's buffers, 2 (per tensor) or 2·C (per channel), for both modes:
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
import { commonSymbols, type LeafKind } from './kind';

export const QUANTIZE_MODES = ['quantize', 'dequantize'] as const;
export type QuantizeMode = (typeof QUANTIZE_MODES)[number];
export const QUANTIZE_DTYPES = ['int8', 'uint8', 'int16'] as const;

/**
 * Exact operations per element: quantize divides by the scale (or multiplies by 1 / scale), rounds,
 * adds the zero point and saturates (a clamp: two comparisons, as relu6); dequantize subtracts the
 * zero point and multiplies by the scale.
 */
export const QUANTIZE_OPS: Readonly<Record<QuantizeMode, number>> = { quantize: 5, dequantize: 2 };

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
  ],
  shape: (_p, input) => ({ output: input }),
  symbols: (p, input, output, batch) =>
    commonSymbols(input, output, batch, {
      C: input[0],
      q: p.mode === 'dequantize' ? 0 : 1,
      ops: QUANTIZE_OPS[(p.mode as QuantizeMode | undefined) ?? 'quantize'],
      scales: p.per_channel ? input[0] : 1,
    }),
  params: ZERO,
  buffers: mul(2, 'scales'),
  exact: mul('ops', 'numel_out'),
  exactNote:
    'Per element: quantize 5 (divide by the scale, round, add the zero point, and the saturating clamp’s two comparisons); dequantize 2 (subtract the zero point, multiply by the scale). The same with one scale per channel.',
};
