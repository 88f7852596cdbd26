/**
 * The `l2norm` kind's two written forms against the real tools: ssd.pytorch's L2Norm module (its
 * own `weight`) and torchvision SSD's scale_weight · F.normalize(x) (`call: function`, the scale a
 * parameter of the enclosing module). The six PyTorch tools at batch 1 and 2:
 * tests/fixtures/l2norm-tools.jsonl (scripts/fixtures/l2norm_tool_fixtures.py); onnx-tool on the
 * same modules exported to ONNX: tests/fixtures/onnx-tool-l2norm.jsonl
 * (scripts/fixtures/onnx_tool_l2norm.py). Only torchinfo and onnx-tool tell the forms apart.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../helpers/fixture-lines';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { pytorchToolChecks } from './tool-fixture-suite';

interface OnnxRun {
  name: string;
  call: string;
  batch: number;
  input: number[];
  macs: number;
  params: number;
}

const toolRows = fixtureLines<{ model: string; batch: number; torchinfo?: number }>('l2norm-tools.jsonl');
const onnxRuns = fixtureLines<OnnxRun>('onnx-tool-l2norm.jsonl');

const evaluate = (layers: LayerSpec[], input: number[], batch: number, conventions: readonly string[]) => {
  const m: Model = { format: 'floplab.model/2', input, batch, layers };
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r;
};

describe('l2norm: the six PyTorch tools', () => {
  pytorchToolChecks('l2norm-tools.jsonl', ['l2norm_module', 'l2norm_function']);

  it('torchinfo is where the forms differ: N·C for the module, 0 for F.normalize', () => {
    const ti = (model: string, batch: number) =>
      toolRows.find((r) => r.model === model && r.batch === batch)?.torchinfo;
    expect([
      ti('l2norm_module', 1),
      ti('l2norm_module', 2),
      ti('l2norm_function', 1),
      ti('l2norm_function', 2),
    ]).toEqual([4, 8, 0, 0]);
  });
});

describe('l2norm: onnx-tool', () => {
  it.each(onnxRuns.map((r) => [`${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const layer: LayerSpec = r.call === 'function' ? { type: 'l2norm', call: 'function' } : { type: 'l2norm' };
    const result = evaluate([layer], r.input.slice(1), r.batch, ['onnx-tool']);
    expect(Number(result.totals.counts[0])).toBe(r.macs);
  });
});
