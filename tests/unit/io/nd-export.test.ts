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

describe('ONNX: sequences and volumes', () => {
  const cases: [string, Model][] = [
    [
      'a sequence [C, L]',
      {
        format: 'floplab.model/2',
        input: [4, 32],
        layers: [
          { type: 'conv1d', out: 8, kernel: 3, stride: 2, padding: 1, groups: 2 },
          { type: 'instancenorm', affine: true },
          { type: 'maxpool1d', kernel: 2 },
          { type: 'avgpool1d', kernel: 3, stride: 1, padding: 1, ceil: true },
          { type: 'conv1d', out: 6, kernel: 3, dilation: 2, bias: false },
        ],
      },
    ],
    [
      'a volume [C, D, H, W]',
      {
        format: 'floplab.model/2',
        input: [3, 6, 16, 16],
        layers: [
          { type: 'conv3d', out: 8, kernel: [1, 3, 3], stride: [1, 2, 2], padding: [0, 1, 1] },
          { type: 'instancenorm', affine: true },
          { type: 'maxpool3d', kernel: [2] },
          { type: 'avgpool3d', kernel: [1, 2, 2] },
          { type: 'conv3d', out: 4, kernel: [3], padding: [1], bias: false },
        ],
      },
    ],
  ];
  it.each(cases)(
    '%s: written as Conv / MaxPool / AveragePool / InstanceNormalization and read back to the same rows',
    (_n, m) => {
      const w = modelToOnnx(m);
      if (!w.ok) throw new Error(w.error);
      const r = importOnnx(w.bytes, 'nd.onnx');
      if (!r.ok) throw new Error(r.error);
      expect(r.model.layers.map((l) => l.type)).toEqual(m.layers.map((l) => l.type));
      expect(r.warnings).toEqual([]);
      expect(rowsOf(m).errors).toBe(0);
      expect(rowsOf(r.model)).toEqual(rowsOf(m));
    },
  );
});
