/**
 * The two checks of a kind's measured fixtures, shared by the fixture tests of several kinds: the six
 * PyTorch tools' numbers (a `*-tools.jsonl` of scripts/fixtures/one_op_runs.py) equal each
 * convention's total on the line's layers, at the line's batch; onnx-tool's numbers on the same
 * modules exported (or on one-node files) equal the onnx-tool convention on the line's layer, and
 * importing the measured file itself (kept in the line, base64) gives that number too.
 */
import { expect, it } from 'vitest';
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
  source?: 'export' | 'node';
  name: string;
  layer: LayerSpec;
  batch: number;
  input: number[];
  onnx: string;
  macs?: number;
  error?: string;
}

const evaluate = (layers: LayerSpec[], input: number[], batch: number, conventions: readonly string[]) => {
  const m: Model = { format: 'floplab.model/2', input, batch, layers };
  const r = evaluateModel(m, { conventions: [...conventions] });
  expect(r.errors).toBe(0);
  return r;
};

/** The PyTorch tools' lines of `file`: `models` at batch 1 and 2, none failed, each tool's total equal. */
export function pytorchToolChecks(file: string, models: readonly string[]): void {
  const rows = fixtureLines<ToolRow>(file);
  it('every model at batch 1 and 2, no run failed', () => {
    expect(rows.map((r) => `${r.model}@${r.batch}`)).toEqual([1, 2].flatMap((b) => models.map((m) => `${m}@${b}`)));
    expect(rows.filter((r) => r.errors)).toEqual([]);
  });
  it.each(rows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    expect(tools.length).toBeGreaterThanOrEqual(5);
    const result = evaluate(r.layers, r.input, r.batch, tools);
    expect(result.totals.counts.map(Number)).toEqual(tools.map((t) => r[t]));
    if (r.params !== undefined) expect(Number(result.totals.params)).toBe(r.params);
  });
}

/** onnx-tool's lines of `file`: the lines it printed a number for (`counted`), each equal, rule and file. */
export function onnxToolChecks(file: string, counted: number): OnnxRun[] {
  const runs = fixtureLines<OnnxRun>(file);
  const measured = runs.filter((r) => r.macs !== undefined);
  it(`onnx-tool printed a number for ${counted} of the ${runs.length} files`, () => {
    expect(measured.length).toBe(counted);
  });
  it.each(measured.map((r) => [`${r.source ?? 'export'} ${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    // The kind's rule on the layer the file stands for …
    const result = evaluate([r.layer], r.input.slice(1), r.batch, ['onnx-tool']);
    expect(Number(result.totals.counts[0])).toBe(r.macs);
    // … and the measured file itself, imported.
    const read = importOnnx(Uint8Array.from(Buffer.from(r.onnx, 'base64')), `${r.name}.onnx`);
    if (!read.ok) throw new Error(read.error);
    const e = evaluateModel(read.model, { conventions: ['onnx-tool'] });
    expect([e.errors, e.notCounted.length, Number(e.totals.counts[0])]).toEqual([0, 0, r.macs]);
  });
  return runs;
}
