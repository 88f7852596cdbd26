/**
 * The `quantize` kind under every tool's convention against the real tools:
 *  - the six PyTorch tools on one-op modules that quantize x (torch.quantize_per_tensor,
 *    torch.quantize_per_channel, nn.quantized.Quantize) and possibly dequantize it again
 *    (x.dequantize(), torch.dequantize, nn.quantized.DeQuantize), batch 1 and 2:
 *    tests/fixtures/quantize-tools.jsonl, made by scripts/fixtures/quantize_tool_fixtures.py;
 *  - onnx-tool on one-node QuantizeLinear / DequantizeLinear graphs (and a Q → DQ pair) built with
 *    onnx.helper: tests/fixtures/onnx-tool-quantize.jsonl (scripts/fixtures/onnx_tool_quantize.py).
 * Netscope has no Caffe layer to run (the prototxt writer refuses the kind): its note says 0.
 * How it was made: scripts/fixtures/README-quantize-tools.md.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../helpers/fixture-lines';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
type Tool = (typeof TOOLS)[number];

interface ToolRow extends Partial<Record<Tool | 'params' | 'buffers' | 'deepspeed_macs' | 'ptflops_aten', number>> {
  model: string;
  layers: LayerSpec[];
  call: string;
  batch: number;
  input: number[];
  output?: number[];
  errors?: Record<string, string>;
}
interface OnnxRun {
  name: string;
  layers: LayerSpec[];
  options?: string;
  batch: number;
  input: number[];
  macs?: number;
  shape_macs?: number;
  params?: number;
  error?: string;
}

const lines = fixtureLines;

const toolRows = lines<ToolRow>('quantize-tools.jsonl');
const onnxRuns = lines<OnnxRun>('onnx-tool-quantize.jsonl');

const modelOf = (layers: LayerSpec[], input: number[], batch: number): Model => ({
  format: 'floplab.model/2',
  input,
  batch,
  layers,
});
const counts = (m: Model, conventions: readonly string[]) => {
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r.totals.counts.map(Number);
};

describe('quantize: the six PyTorch tools', () => {
  it('every form at batch 1 and 2, no run failed', () => {
    const batch1 = toolRows.filter((r) => r.batch === 1).map((r) => r.model);
    expect(toolRows.filter((r) => r.batch === 2).map((r) => r.model)).toEqual(batch1);
    expect(batch1).toHaveLength(8);
    expect(toolRows.filter((r) => r.errors)).toEqual([]);
  });

  it.each(toolRows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    // ptflops makes its own batch of 1: it is run at batch 1 only.
    expect(tools).toEqual(r.batch === 1 ? [...TOOLS] : TOOLS.filter((t) => t !== 'ptflops'));
    const m = modelOf(r.layers, r.input, r.batch);
    expect(counts(m, tools)).toEqual(tools.map((t) => r[t]));
    expect(counts(m, ['fvcore-nograd', 'torch-nograd', 'deepspeed-nograd'])).toEqual([r.fvcore, r.torch, r.deepspeed]);
    if (r.batch === 1) {
      const result = evaluateModel(m);
      expect([1, ...(result.rows[result.rows.length - 1].output ?? [])]).toEqual(r.output);
      // No tool and no module holds a parameter: the scale and zero point are not learned.
      expect(Number(result.totals.params)).toBe(r.params);
      // nn.quantized.Quantize holds them as 2 buffers, as FlopLab's quantize layer; a function's
      // scale is a Python number (0 buffers) and DeQuantize reads the quantized tensor's own.
      if (r.call === 'module') expect(Number(result.rows[0].buffers)).toBe(r.buffers);
    }
  });
});

describe('quantize: onnx-tool on one-node graphs', () => {
  it('every graph at batch 1 and 2; QuantizeLinear without its zero point is not profiled', () => {
    expect(onnxRuns).toHaveLength(22);
    expect(onnxRuns.filter((r) => r.error).map((r) => [r.name, r.error])).toEqual([
      ['q_no_zero_point', expect.stringContaining('list index out of range') as unknown],
      ['q_no_zero_point', expect.stringContaining('list index out of range') as unknown],
    ]);
  });

  it.each(onnxRuns.filter((r) => !r.error).map((r) => [`${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const m = modelOf(r.layers, r.input.slice(1), r.batch);
    expect(counts(m, ['onnx-tool'])).toEqual([(r.macs as number) - (r.shape_macs as number)]);
    // onnx-tool's params are the scale / zero-point initializers: 0 for scalars, 2·C per channel per node.
    const perChannel = r.layers.filter((l) => (l as { per_channel?: boolean }).per_channel).length;
    expect(r.params).toBe(perChannel * 2 * r.input[1]);
  });
});
