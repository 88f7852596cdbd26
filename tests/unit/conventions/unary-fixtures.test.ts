/**
 * The `unary` kind under every tool's convention against the real tools:
 *  - the six PyTorch tools on one-op modules, every op in every form it is written (torch.exp(x),
 *    x.exp(), -x, x ** 2, abs(x), 1 / x, nn.Softplus(), F.softplus(x) …), batch 1 and 2:
 *    tests/fixtures/unary-tools.jsonl, made by scripts/fixtures/unary_tool_fixtures.py;
 *  - onnx-tool on the same modules exported by torch.onnx: tests/fixtures/onnx-tool-unary.jsonl
 *    (scripts/fixtures/onnx_tool_unary.py);
 *  - Netscope on FlopLab's prototxt of each op: tests/fixtures/netscope-unary.jsonl
 *    (how it was made: scripts/fixtures/README-unary-tools.md).
 * How the Python writes an op changes no tool's number, which is why the kind has no `call`.
 */
import { describe, expect, it } from 'vitest';
import { fixtureLines } from '../../helpers/fixture-lines';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { UNARY_OPS } from '../../../src/engine/layers/unary';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
type Tool = (typeof TOOLS)[number];

interface ToolRow extends Partial<Record<Tool | 'params' | 'deepspeed_macs' | 'ptflops_aten', number>> {
  model: string;
  op: string;
  call: string;
  exponent?: number;
  batch: number;
  input: number[];
  output?: number[];
  errors?: Record<string, string>;
}
interface OnnxRun {
  name: string;
  op: string;
  exponent?: number;
  batch: number;
  input: number[];
  macs?: number;
  shape_macs?: number;
  error?: string;
}
interface NetscopeLine {
  layer: LayerSpec;
  batch: number;
  total: number | null;
  writerError?: string;
  caffeType: string | null;
}

const lines = fixtureLines;

const toolRows = lines<ToolRow>('unary-tools.jsonl');
const onnxRuns = lines<OnnxRun>('onnx-tool-unary.jsonl');
const netscopeLines = lines<NetscopeLine>('netscope-unary.jsonl');

const layerOf = (r: { op: string; exponent?: number }): LayerSpec =>
  r.exponent === undefined ? { type: 'unary', op: r.op } : { type: 'unary', op: r.op, exponent: r.exponent };
const modelOf = (layer: LayerSpec, input: number[], batch: number): Model => ({
  format: 'floplab.model/2',
  input,
  batch,
  layers: [layer],
});
const counts = (m: Model, conventions: readonly string[]) => {
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r.totals.counts.map(Number);
};

describe('unary: the six PyTorch tools', () => {
  it('every op in every form at batch 1 and 2, no run failed', () => {
    expect(new Set(toolRows.map((r) => r.op))).toEqual(new Set(UNARY_OPS));
    const batch1 = toolRows.filter((r) => r.batch === 1).map((r) => r.model);
    expect(toolRows.filter((r) => r.batch === 2).map((r) => r.model)).toEqual(batch1);
    expect(batch1).toHaveLength(40);
    expect(toolRows.filter((r) => r.errors)).toEqual([]);
  });

  it.each(toolRows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    // ptflops makes its own batch of 1: it is run at batch 1 only.
    expect(tools).toEqual(r.batch === 1 ? [...TOOLS] : TOOLS.filter((t) => t !== 'ptflops'));
    const m = modelOf(layerOf(r), r.input, r.batch);
    expect(counts(m, tools)).toEqual(tools.map((t) => r[t]));
    // No op here changes under no_grad (only nn.MultiheadAttention does): the -nograd settings agree.
    expect(counts(m, ['fvcore-nograd', 'torch-nograd', 'deepspeed-nograd'])).toEqual([r.fvcore, r.torch, r.deepspeed]);
    if (r.batch === 1) {
      const result = evaluateModel(m);
      expect([1, ...(result.rows[0].output ?? [])]).toEqual(r.output);
      expect(Number(result.totals.params)).toBe(r.params);
    }
  });

  it('how the code writes an op (function, method, operator, module) changes no tool’s number', () => {
    const byOp = new Map<string, Set<string>>();
    for (const r of toolRows) {
      const key = `${r.op} ${r.exponent ?? ''} ${r.batch}`;
      const numbers = JSON.stringify([...TOOLS, 'ptflops_aten', 'deepspeed_macs'].map((t) => r[t as Tool]));
      byOp.set(key, (byOp.get(key) ?? new Set()).add(numbers));
    }
    expect([...byOp].filter(([, v]) => v.size > 1)).toEqual([]);
  });
});

describe('unary: onnx-tool on the exported modules', () => {
  it('every module exported and profiled at batch 1 and 2', () => {
    expect(onnxRuns).toHaveLength(80);
    expect(onnxRuns.filter((r) => r.error)).toEqual([]);
  });

  it.each(onnxRuns.map((r) => [`${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const m = modelOf(layerOf(r), r.input.slice(1), r.batch);
    expect(counts(m, ['onnx-tool'])).toEqual([(r.macs as number) - (r.shape_macs as number)]);
  });
});

describe('unary: Netscope on the prototxt', () => {
  it('each op at batch 1 and 2: a Caffe layer for nine, none for the eight others', () => {
    expect(netscopeLines).toHaveLength(40);
    const refused = netscopeLines.filter((l) => l.writerError).map((l) => l.layer.op);
    expect(new Set(refused)).toEqual(new Set(['erf', 'sin', 'cos', 'atan', 'floor', 'ceil', 'round', 'sign']));
  });

  it.each(netscopeLines.map((l) => [`${JSON.stringify(l.layer)} at batch ${l.batch}`, l] as const))('%s', (_n, l) => {
    const m = modelOf(l.layer, [4, 6, 6], l.batch);
    // A layer the writer refuses has no Netscope number: FlopLab counts it 0 (the convention's note).
    expect(counts(m, ['netscope'])).toEqual([l.total ?? 0]);
  });
});
