/**
 * Round trips model → ONNX (our writer) → import: the imported model evaluates to the same
 * rows (paths, types, shapes, parameters, buffers, MACs, exact FLOPs and the count of every
 * convention) as the original with its repeat blocks written out.
 */
import { describe, expect, it } from 'vitest';
import { modelToOnnx } from '../../../src/engine/export/onnx';
import { importOnnx } from '../../../src/engine/import/onnx';
import type { Model } from '../../../src/engine/format/model';
import { EVERY_KIND, MLP } from './models';
import { PRESETS } from '../../../src/engine/presets';
import { readModel, rowsOf, unrollRepeats, usesGraph, withoutAux, withoutCalls } from './helpers';

function roundTrip(m: Model, weights: 'none' | 'zeros' = 'none') {
  const w = modelToOnnx(m, { weights });
  if (!w.ok) throw new Error(w.error);
  const r = importOnnx(w.bytes, `${m.name}.onnx`);
  if (!r.ok) throw new Error(r.error);
  return { written: w, imported: r };
}

describe('ONNX round trip: same per-layer results', () => {
  const cases: [string, Model][] = [
    ['resnet18 (tests/fixtures/resnet18.json, repeat blocks unrolled)', readModel('resnet18.json')],
    ['every layer kind ONNX can carry (tests/unit/io/models.ts)', EVERY_KIND],
    ['MLP on a flat input', MLP],
    [
      'dilated pools ONNX writes (AveragePool dilations, opset 19+; PyTorch’s AvgPool has none)',
      {
        format: 'floplab.model/2',
        name: 'dilated-pools',
        batch: 1,
        input: [4, 12, 12],
        layers: [
          { type: 'avgpool2d', kernel: 3, stride: 1, padding: 1, dilation: 2 },
          { type: 'maxpool2d', kernel: 2, stride: 2, dilation: [1, 2] },
        ],
      },
    ],
    [
      'identities read from a Clip without bounds and a Max / Min of one input: written back as those nodes',
      {
        format: 'floplab.model/2',
        name: 'onnx-identities',
        batch: 2,
        input: [3, 4, 4],
        layers: [
          { type: 'identity', onnx_op: 'Clip' },
          { type: 'identity', onnx_op: 'Max' },
          { type: 'identity', onnx_op: 'Min' },
        ],
      },
    ],
    [
      'dilated 3-D pools',
      {
        format: 'floplab.model/2',
        name: 'dilated-pools-3d',
        batch: 1,
        input: [2, 9, 9, 9],
        layers: [
          { type: 'maxpool3d', kernel: [2, 2, 2], stride: [1], dilation: [1, 2, 3] },
          { type: 'avgpool3d', kernel: [1, 2, 2], stride: [1], padding: [0, 1, 1], dilation: [2] },
        ],
      },
    ],
  ];
  it.each(cases)('%s', (_label, m) => {
    const { imported } = roundTrip(m);
    const expected = rowsOf({ ...m, layers: unrollRepeats(m.layers) });
    expect(expected.errors).toBe(0);
    expect(rowsOf(imported.model)).toEqual(expected);
    expect(imported.model.input).toEqual(m.input);
    expect(imported.model.batch).toEqual(m.batch);
  });

  // Adaptive pooling to sizes other than 1 has no ONNX operator; the writer uses a fixed window,
  // which reads back as avgpool2d/maxpool2d (different rows, same shapes).
  // Presets wired as graphs (ViT, Swin) are refused by the writer (tests/unit/io/graph-export.test.ts).
  const presets = PRESETS.filter((p) => !/^(alexnet|vgg)/.test(p.name) && !usesGraph(p.build().layers));
  it.each(presets.map((p) => [p.name, p] as const))('preset %s (aux heads are not written)', (_n, p) => {
    const m = p.build();
    const { imported } = roundTrip(m);
    // ONNX keeps no trace of how the Python code wrote an op (nn.ReLU or F.relu): the file reads
    // back as modules, which thop and ptflops count differently from functional calls.
    expect(rowsOf(imported.model)).toEqual(rowsOf({ ...m, layers: withoutCalls(withoutAux(unrollRepeats(m.layers))) }));
    expect(imported.warnings).toEqual([]);
  });

  it('keeps layer and block names (resnet18: conv1, bn1, layer2.0 …)', () => {
    const { imported } = roundTrip(readModel('resnet18.json'));
    const names = imported.model.layers.map((l) => l.name).filter(Boolean);
    expect(names).toEqual([
      'conv1',
      'bn1',
      'layer2.0',
      'layer2.1',
      'layer3.0',
      'layer3.1',
      'layer4.0',
      'layer4.1',
      'fc',
    ]);
  });

  it('imports without warnings (the unused piece of a split is not reported)', () => {
    expect(roundTrip(MLP).imported.warnings).toEqual([]);
    expect(roundTrip(EVERY_KIND).imported.warnings).toEqual([]);
  });

  it('zero-filled weights: 4 bytes per parameter on top of the structure', () => {
    const none = roundTrip(MLP, 'none').written.bytes.length;
    const zeros = roundTrip(MLP, 'zeros');
    // 100·50 + 50·10 + 10 = 5,510 float32 parameters (weights and biases)
    expect(zeros.written.bytes.length - none).toBeGreaterThanOrEqual(5510 * 4);
    expect(zeros.written.bytes.length - none).toBeLessThan(5510 * 4 + 64);
    expect(rowsOf(zeros.imported.model)).toEqual(rowsOf(MLP));
  });
});

describe('ONNX writer refuses what ONNX cannot say', () => {
  it.each([
    ['adaptive pooling 7×7 → 3×3', { type: 'adaptiveavgpool2d', out: 3 }, /no fixed window/],
    ['an unknown layer type', { type: 'warp' }, /not a known layer type/],
    ['a shape error', { type: 'conv2d', out: 4, kernel: 9 }, /larger than the padded input/],
  ])('%s', (_l, layer, msg) => {
    const r = modelToOnnx({ format: 'floplab.model/2', input: [3, 7, 7], layers: [layer] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(msg);
  });
});
