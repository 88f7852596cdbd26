/**
 * The onnx-tool convention on the N-D kinds against onnx-tool itself on the exported modules
 * (tests/fixtures/onnx-tool-nd-kinds.jsonl, made by scripts/fixtures/onnx_tool_nd_kinds.py: the
 * same modules as nd-kinds-tools.jsonl, exported as scripts/fixtures/onnx_tool_fixtures.py does,
 * at batch 1 and for four of them at batch 2). FlopLab's count is onnx-tool's total less its shape
 * arithmetic, as for every file. Runs torch cannot export or onnx-tool cannot profile are listed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { AS_LAYERS } from './nd-kinds-models';

interface Run {
  name: string;
  nd_kinds_name: string;
  batch: number;
  input: number[];
  macs?: number;
  shape_macs?: number;
  stage?: string;
  error?: string;
}

const runs = readFileSync(path.resolve(__dirname, '../../fixtures/onnx-tool-nd-kinds.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Run & { meta?: unknown })
  .filter((r) => !r.meta);

describe('onnx-tool on exported N-D modules', () => {
  it('has 35 runs; the failures are torch refusing an export or onnx-tool an RNN node', () => {
    expect(runs).toHaveLength(35);
    expect(runs.filter((r) => r.error).map((r) => `${r.name}: ${r.stage}`)).toEqual([
      'lstm_proj: export',
      'rnn_tanh: profile',
      'adaptiveavgpool1d: export',
    ]);
  });

  const ok = runs.filter((r) => r.macs !== undefined);
  it.each(ok.map((r) => [`${r.name} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const layers = AS_LAYERS[r.nd_kinds_name];
    expect(layers, r.nd_kinds_name).toBeDefined();
    const input = r.input.slice(1); // the fixture's input includes the batch
    const result = evaluateModel(
      { format: 'floplab.model/2', input, batch: r.batch, layers },
      { conventions: ['onnx-tool'] },
    );
    expect(result.errors).toBe(0);
    expect(Number(result.totals.counts[0])).toBe((r.macs as number) - (r.shape_macs as number));
  });
});
