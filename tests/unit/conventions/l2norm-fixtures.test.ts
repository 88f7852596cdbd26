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

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
type Tool = (typeof TOOLS)[number];

interface ToolRow extends Partial<Record<Tool | 'params', number>> {
  model: string;
  layers: LayerSpec[];
  batch: number;
  input: number[];
  errors?: Record<string, string>;
}
interface OnnxRun {
  name: string;
  call: string;
  batch: number;
  input: number[];
  macs: number;
  params: number;
}

const lines = fixtureLines;

const toolRows = lines<ToolRow>('l2norm-tools.jsonl');
const onnxRuns = lines<OnnxRun>('onnx-tool-l2norm.jsonl');

const evaluate = (layers: LayerSpec[], input: number[], batch: number, conventions: readonly string[]) => {
  const m: Model = { format: 'floplab.model/2', input, batch, layers };
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r;
};

describe('l2norm: the six PyTorch tools', () => {
  it('both forms at batch 1 and 2, no run failed', () => {
    expect(toolRows.map((r) => `${r.model}@${r.batch}`)).toEqual([
      'l2norm_module@1',
      'l2norm_function@1',
      'l2norm_module@2',
      'l2norm_function@2',
    ]);
    expect(toolRows.filter((r) => r.errors)).toEqual([]);
  });

  it.each(toolRows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    const result = evaluate(r.layers, r.input, r.batch, tools);
    expect(result.totals.counts.map(Number)).toEqual(tools.map((t) => r[t]));
    if (r.params !== undefined) expect(Number(result.totals.params)).toBe(r.params);
  });

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
