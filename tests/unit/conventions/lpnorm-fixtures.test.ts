/**
 * The `lpnorm` and `hardmax` kinds against the real tools. The six PyTorch tools on F.normalize
 * (p 2 and 1, dim 1 and −1) and on hardmax written F.one_hot(x.argmax(-1), n), at batch 1 and 2:
 * tests/fixtures/lpnorm-tools.jsonl (scripts/fixtures/lpnorm_tool_fixtures.py) — all 0. onnx-tool on
 * the same F.normalize modules exported by torch.onnx (ReduceL2 → Clip → Expand → Div) and on
 * one-node LpNormalization / Hardmax files: tests/fixtures/onnx-tool-lpnorm.jsonl
 * (scripts/fixtures/onnx_tool_lpnorm.py), each file kept so the import is checked on it too.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../helpers/fixture-lines';
import { evaluateModel } from '../../../src/engine/evaluate';
import { importOnnx } from '../../../src/engine/import/onnx';
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
  source: 'export' | 'node';
  name: string;
  layer: LayerSpec;
  batch: number;
  input: number[];
  onnx: string;
  macs?: number;
  error?: string;
}

const toolRows = fixtureLines<ToolRow>('lpnorm-tools.jsonl');
const onnxRuns = fixtureLines<OnnxRun>('onnx-tool-lpnorm.jsonl');

const evaluate = (layers: LayerSpec[], input: number[], batch: number, conventions: readonly string[]) => {
  const m: Model = { format: 'floplab.model/2', input, batch, layers };
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r;
};

describe('lpnorm and hardmax: the six PyTorch tools', () => {
  it('four models at batch 1 and 2, no run failed', () => {
    expect(toolRows.map((r) => `${r.model}@${r.batch}`)).toEqual(
      [1, 2].flatMap((b) =>
        ['lpnorm_p2_dim1', 'lpnorm_p1_dim1', 'lpnorm_p2_last', 'hardmax_last'].map((m) => `${m}@${b}`),
      ),
    );
    expect(toolRows.filter((r) => r.errors)).toEqual([]);
  });

  it.each(toolRows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    expect(tools.length).toBeGreaterThanOrEqual(5);
    const result = evaluate(r.layers, r.input, r.batch, tools);
    expect(result.totals.counts.map(Number)).toEqual(tools.map((t) => r[t]));
    if (r.params !== undefined) expect(Number(result.totals.params)).toBe(r.params);
  });
});

describe('lpnorm and hardmax: onnx-tool', () => {
  const counted = onnxRuns.filter((r) => r.macs !== undefined);
  it('every file measured but the F.normalize p 1 export, on which onnx-tool stops (ReduceL1)', () => {
    expect(counted.length).toBe(14);
    expect(onnxRuns.filter((r) => r.error).map((r) => [r.name, /ReduceL1/.test(r.error ?? '')])).toEqual([
      ['lpnorm_p1_dim1', true],
      ['lpnorm_p1_dim1', true],
    ]);
  });

  it.each(counted.map((r) => [`${r.source} ${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    // The kind's rule on the layer the file stands for …
    const result = evaluate([r.layer], r.input.slice(1), r.batch, ['onnx-tool']);
    expect(Number(result.totals.counts[0])).toBe(r.macs);
    // … and the measured file itself, imported.
    const file = importOnnx(Uint8Array.from(Buffer.from(r.onnx, 'base64')), `${r.name}.onnx`);
    if (!file.ok) throw new Error(file.error);
    const read = evaluateModel(file.model, { conventions: ['onnx-tool'] });
    expect([read.errors, read.notCounted.length, Number(read.totals.counts[0])]).toEqual([0, 0, r.macs]);
  });
});
