/**
 * The ONNX writer writes files onnxruntime runs (onnx/docs/Operators.md): a LayerNormalization's Scale
 * spans the dims from its axis on (LayerNorm2d is Transpose → LayerNormalization over C → Transpose, as
 * torchvision's module computes it; axis 1 with a [C] Scale was refused by onnxruntime where C ≠ W), Scale is
 * always given (ones from a Constant node without affine, as torch.onnx writes it), and Resize to a size
 * names the spatial axes (sizes [1, C, h, w] resized a batch of 2 to 1, and onnxruntime's linear mode
 * refused it). Checked by running the written files in onnxruntime 1.30 (every-kind, batch 2: [2, 10]);
 * here the written nodes, and that each reads back to the same layer.
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { decodeOnnx } from '../../../src/engine/import/onnx/decode';
import { importOnnx } from '../../../src/engine/import/onnx';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { fixtureLines } from '../../helpers/fixture-lines';
import { presetByName } from '../../../src/engine/presets';

const write = (layer: LayerSpec, input = [4, 6, 5]) => {
  const m: Model = { format: 'floplab.model/2', name: 'w', input, batch: 2, layers: [layer] };
  const w = modelToOnnx(m, { weights: 'zeros' });
  if (!w.ok) throw new Error(w.error);
  const g = decodeOnnx(w.bytes);
  if (!g) throw new Error('no graph');
  const back = importOnnx(w.bytes, 'w.onnx');
  if (!back.ok) throw new Error(back.error);
  return { g, m, back };
};

describe('the ONNX writer’s LayerNormalization and Resize are valid files', () => {
  it.each([
    [
      'LayerNorm2d (over [C, H, W]’s channels)',
      { type: 'layernorm' },
      ['Transpose', 'LayerNormalization', 'Transpose'],
      -1,
      [4],
      {},
    ],
    ['over the last dim', { type: 'layernorm', last: true }, ['LayerNormalization'], -1, [5], { last: true }],
    [
      'over the last 3 dims',
      { type: 'layernorm', dims: 3 },
      ['LayerNormalization'],
      -3,
      [4, 6, 5],
      { last: true, dims: 3 },
    ],
  ] as const)(
    '%s: Scale over the dims from the axis on, read back as the layer',
    (_t, layer, ops, axis, scale, read) => {
      const { g, m, back } = write(layer as LayerSpec);
      expect(g.nodes.map((n) => n.opType)).toEqual(ops);
      const ln = g.nodes.find((n) => n.opType === 'LayerNormalization')!;
      expect(Number(ln.attrs.get('axis')?.i)).toBe(axis);
      expect(g.initializers.get(ln.inputs[1])?.dims).toEqual(scale);
      expect(back.model.layers).toEqual([{ type: 'layernorm', affine: true, ...read }]);
      expect(evaluateModel(back.model).totals).toEqual(evaluateModel(m).totals);
    },
  );

  it('without affine: Scale is a Constant node of ones and there is no B; read back without parameters', () => {
    const { g, back } = write({ type: 'layernorm', affine: false } as LayerSpec);
    const ln = g.nodes.find((n) => n.opType === 'LayerNormalization')!;
    expect(ln.inputs.length).toBe(2);
    const made = g.nodes.find((n) => n.outputs[0] === ln.inputs[1]);
    expect(made?.opType).toBe('Constant');
    expect(back.model.layers).toEqual([expect.objectContaining({ type: 'layernorm', affine: false })]);
    expect(evaluateModel(back.model).totals.params).toBe(0n);
  });

  it('Resize to a size: sizes of the spatial axes, named by axes; read back as the upsample', () => {
    const { g, back } = write({ type: 'upsample', mode: 'bilinear', size: [10, 12] } as LayerSpec, [3, 8, 8]);
    const resize = g.nodes.find((n) => n.opType === 'Resize')!;
    expect(resize.attrs.get('axes')?.ints?.map(Number)).toEqual([2, 3]);
    expect(g.initializers.get(resize.inputs[3])?.values?.map(Number)).toEqual([10, 12]);
    expect(back.model.layers).toEqual([
      expect.objectContaining({ type: 'upsample', mode: 'bilinear', size: [10, 12] }),
    ]);
  });
});

describe('torch.onnx’s LayerNorm without affine (tests/fixtures/onnx-tool-layernorm-dims.jsonl)', () => {
  // nn.LayerNorm([6, 6], elementwise_affine=False): Scale and B are Constant nodes of ones and zeros; torch's
  // parameters are 0 (tests/fixtures/layernorm-dims-tools.jsonl), onnx-tool counts the constants (72).
  const line = fixtureLines<{ name: string; batch: number; onnx: string }>('onnx-tool-layernorm-dims.jsonl').find(
    (l) => l.name === 'layernorm_hw_noaffine' && l.batch === 1,
  )!;
  it('reads as a layernorm without affine: 0 parameters, as torch counts', () => {
    const r = importOnnx(Uint8Array.from(Buffer.from(line.onnx, 'base64')), 'noaffine.onnx');
    if (!r.ok) throw new Error(r.error);
    expect(r.model.layers).toEqual([expect.objectContaining({ type: 'layernorm', affine: false, dims: 2 })]);
    expect(evaluateModel(r.model).totals.params).toBe(0n);
  });
});

describe('node names: unique, iteration names filled in', () => {
  // onnxruntime refuses a file with two nodes of one name: 34 of the 41 presets the writer takes (batch 2,
  // weights zero-filled) failed to load for it (`layer1.{i}.relu` written as is in every iteration; the one
  // `relu` torchvision's Bottleneck calls three times); all 41 load and run in onnxruntime 1.30 now.
  it.each(['resnet18', 'resnet50', 'mobilenet_v2', 'densenet121'])('%s', (preset) => {
    const w = modelToOnnx({ ...presetByName(preset)!.build(), batch: 2 });
    if (!w.ok) throw new Error(w.error);
    const g = decodeOnnx(w.bytes)!;
    const names = g.nodes.map((n) => n.name).filter(Boolean);
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.includes('{i'))).toEqual([]);
  });

  it('resnet50: the Bottleneck’s one relu, called three times, is written relu, relu:2, relu:3', () => {
    const w = modelToOnnx(presetByName('resnet50')!.build());
    if (!w.ok) throw new Error(w.error);
    const names = decodeOnnx(w.bytes)!.nodes.map((n) => n.name);
    expect(names.filter((n) => /^layer1\.0\.relu/.test(n))).toEqual([
      'layer1.0.relu',
      'layer1.0.relu:2',
      'layer1.0.relu:3',
    ]);
  });
});
