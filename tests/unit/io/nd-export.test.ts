/**
 * Writers on token models (floplab.model/2's any-rank tensors): the PyTorch writer gives each
 * module the sizes PyTorch means (nn.Linear / nn.LayerNorm on the last dim, softmax and flatten
 * dims as written); the ONNX writer writes a linear layer on tokens as torch.onnx does (MatMul by
 * the [I, O] weight, then Add of the bias), a permute as Transpose, and refuses what it cannot
 * express (a flatten that keeps several dims) instead of writing a wrong graph.
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx, modelToPytorch } from '../../../src/engine/export';
import { importOnnx } from '../../../src/engine/import/onnx';
import { rowsOf } from './helpers';
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

  it('ONNX: linear on tokens as MatMul + Add, permute as Transpose, read back to the same rows', () => {
    const m: Model = {
      ...tokens,
      layers: [
        ...tokens.layers.slice(0, 3),
        { type: 'linear', out: 8, bias: false },
        { type: 'reshape', shape: [10, 2, 4] },
        { type: 'permute', dims: [0, 3, 1, 2] },
        { type: 'layernorm', last: true },
        { type: 'linear', out: 5, in: 2 },
      ],
    };
    const w = modelToOnnx(m);
    if (!w.ok) throw new Error(w.error);
    const r = importOnnx(w.bytes, 'tokens.onnx');
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers.map((l) => l.type)).toEqual(m.layers.map((l) => l.type));
    expect(rowsOf(r.model)).toEqual(rowsOf(m));
    expect(rowsOf(m).errors).toBe(0);
  });

  it('ONNX: a flatten that keeps several dims is refused with the reason, not written wrong', () => {
    const r = modelToOnnx(tokens);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/layers\[4\]: .*flatten/);
  });
});
