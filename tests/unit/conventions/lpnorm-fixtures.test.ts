/**
 * The `lpnorm` and `hardmax` kinds against the real tools. The six PyTorch tools on F.normalize
 * (p 2 and 1, dim 1 and −1) and on hardmax written F.one_hot(x.argmax(-1), n), at batch 1 and 2:
 * tests/fixtures/lpnorm-tools.jsonl (scripts/fixtures/lpnorm_tool_fixtures.py) — all 0. onnx-tool on
 * the same F.normalize modules exported by torch.onnx (ReduceL2 → Clip → Expand → Div) and on
 * one-node LpNormalization / Hardmax files: tests/fixtures/onnx-tool-lpnorm.jsonl
 * (scripts/fixtures/onnx_tool_lpnorm.py), each file kept so the import is checked on it too.
 */
import { describe, expect, it } from 'vitest';
import { onnxToolChecks, pytorchToolChecks } from './tool-fixture-suite';

describe('lpnorm and hardmax: the six PyTorch tools', () => {
  pytorchToolChecks('lpnorm-tools.jsonl', ['lpnorm_p2_dim1', 'lpnorm_p1_dim1', 'lpnorm_p2_last', 'hardmax_last']);
});

describe('lpnorm and hardmax: onnx-tool', () => {
  const runs = onnxToolChecks('onnx-tool-lpnorm.jsonl', 14);
  it('on the F.normalize p 1 export onnx-tool stops (ReduceL1 has no node class), at both batches', () => {
    expect(runs.filter((r) => r.error).map((r) => [r.name, /ReduceL1/.test(r.error ?? '')])).toEqual([
      ['lpnorm_p1_dim1', true],
      ['lpnorm_p1_dim1', true],
    ]);
  });
});
