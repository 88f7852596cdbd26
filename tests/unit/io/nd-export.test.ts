/**
 * Writers on token models (floplab.model/2's any-rank tensors): the PyTorch writer gives each
 * module the sizes PyTorch means (nn.Linear / nn.LayerNorm on the last dim, softmax and flatten
 * dims as written); the ONNX writer, which writes a linear layer as Gemm on a flat vector, refuses
 * what it cannot express instead of writing a wrong graph.
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx, modelToPytorch } from '../../../src/engine/export';
import type { Model } from '../../../src/engine/format/model';

const tokens: Model = {
  format: 'floplab.model/2',
  input: [10, 16],
  layers: [
    { type: 'layernorm' },
    { type: 'linear', out: 32 },
    { type: 'softmax', dim: -1 },
    { type: 'reshape', shape: [10, 4, 8] },
    { type: 'flatten', start: 2 },
  ],
};

describe('writers on tokens [L, D]', () => {
  it('PyTorch: linear and layer norm on the last dim, softmax and flatten dims as written', () => {
    const r = modelToPytorch({ ...tokens, layers: tokens.layers.filter((l) => l.type !== 'reshape') });
    if (!r.ok) throw new Error(r.error);
    expect(r.code).toContain('nn.LayerNorm(16');
    expect(r.code).toContain('nn.Linear(16, 32');
    expect(r.code).toContain('nn.Softmax(dim=-1)');
    expect(r.code).toContain('nn.Flatten(start_dim=2)');
  });

  it('ONNX: a linear layer on tokens is refused with the reason, not written as a wrong Gemm', () => {
    const r = modelToOnnx(tokens);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(
        /layers\[1\]: linear on 10×16: the ONNX writer writes a linear layer on a flat \[F\] input only/,
      );
  });
});
