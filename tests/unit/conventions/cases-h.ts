/**
 * Hand-worked expected counts, part of tests/unit/conventions/per-layer.test.ts (split for size):
 * the `quantize` kind (float ↔ integer conversions), on [4, 6, 6] at batch 2 (288 elements). The
 * six PyTorch tools print 0 for every form (tests/fixtures/quantize-tools.jsonl: no hook, patch or
 * handle for quantize_per_tensor, quantize_per_channel or dequantize); onnx-tool counts
 * QuantizeLinear and DequantizeLinear 2 per element, 576 (tests/fixtures/onnx-tool-quantize.jsonl,
 * batch-2 lines), whatever the type or per-channel scale; Netscope 0 (no Caffe layer); exact and seed
 * the kind's own count (layers/quantize.ts exactNote: quantize 5 per element, dequantize 2).
 */
import { uncountedByPyTorchCase, type LayerCase } from './layer-case';

const N = 288;

// onnx-tool: 2 per element for every form; Netscope: no Caffe layer.
const quantizeCase = (fields: Record<string, unknown>, exactPerElement: number, source: string): LayerCase =>
  uncountedByPyTorchCase('quantize', fields, exactPerElement, { onnxTool: 2 * N, netscope: 0 }, source);

export const CASES: readonly LayerCase[] = [
  quantizeCase(
    { mode: 'quantize' },
    5,
    'q_int8: QuantizeLinearNode (MUL + ADD) 2·288; divide, round, add, clamp (2 compares); no Caffe layer',
  ),
  quantizeCase(
    { mode: 'quantize', dtype: 'uint8', per_channel: true },
    5,
    'qdq_per_channel_uint8: QuantizeLinear 2·288 with a scale per channel too',
  ),
  quantizeCase({ mode: 'dequantize' }, 2, 'dq_int8: DequantizeLinearNode 2·288; subtract, multiply'),
  quantizeCase(
    { mode: 'dequantize', dtype: 'int16' },
    2,
    'q_int16 (opset 21): the integer type changes no count; dequantize subtract + multiply',
  ),
];
