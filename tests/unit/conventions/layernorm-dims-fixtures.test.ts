/**
 * The `layernorm` kind over several trailing dims (`dims`: nn.LayerNorm([4, 6, 6]), nn.LayerNorm([6, 6],
 * elementwise_affine=False)) and over one (nn.LayerNorm(6)) against the real tools, at batch 1 and 2: the
 * six PyTorch tools (tests/fixtures/layernorm-dims-tools.jsonl, scripts/fixtures/layernorm_dims_tool_fixtures.py)
 * and onnx-tool on the torch.onnx exports, one LayerNormalization node of axis −3, −2, −1
 * (tests/fixtures/onnx-tool-layernorm-dims.jsonl, scripts/fixtures/onnx_tool_layernorm_dims.py). onnx-tool
 * counts numel / shape[axis] rows: 36 for [4, 6, 6] where the layer normalises 1 row per sample.
 */
import { describe } from 'vitest';
import { onnxToolChecks, pytorchToolChecks } from './tool-fixture-suite';

describe('layernorm over several dims: the six PyTorch tools', () => {
  pytorchToolChecks('layernorm-dims-tools.jsonl', ['layernorm_chw', 'layernorm_hw_noaffine', 'layernorm_w']);
});

describe('layernorm over several dims: onnx-tool', () => {
  onnxToolChecks('onnx-tool-layernorm-dims.jsonl', 6);
});
