/**
 * The softmax kind's `call` (nn.Softmax, F.softmax, x.softmax) under the six PyTorch tools, against
 * what they print for a one-op module written each way, at batch 1 and 2
 * (tests/fixtures/softmax-call-tools.jsonl, made by scripts/fixtures/softmax_call_fixtures.py with
 * the runner of one_op_runs.py). thop hooks only nn.Softmax; ptflops and DeepSpeed patch F.softmax
 * (which nn.Softmax calls), not the Tensor method x.softmax that Ultralytics' attention uses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;

interface Row extends Partial<Record<(typeof TOOLS)[number] | 'deepspeed_macs', number>> {
  model: string;
  call: string;
  dim: number;
  batch: number;
  input: number[];
  errors?: Record<string, string>;
}

const rows = readFileSync(path.resolve(__dirname, '../../fixtures/softmax-call-tools.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

describe('softmax written as a module, a function or a Tensor method', () => {
  it('has the three forms at batch 1 and 2, no failed run', () => {
    expect(rows.map((r) => `${r.call}@${r.batch}`).sort()).toEqual(
      ['function@1', 'function@2', 'method@1', 'method@2', 'module@1', 'module@2'].sort(),
    );
    expect(rows.filter((r) => r.errors)).toEqual([]);
  });

  it.each(rows.map((r) => [`${r.model} at batch ${r.batch}`, r] as const))('%s', (_n, r) => {
    const tools = TOOLS.filter((t) => r[t] !== undefined);
    const m: Model = {
      format: 'floplab.model/2',
      input: r.input,
      batch: r.batch,
      layers: [{ type: 'softmax', dim: r.dim, call: r.call }],
    };
    const res = evaluateModel(m, { conventions: [...tools] });
    expect(res.errors).toBe(0);
    expect(res.totals.counts.map(Number)).toEqual(tools.map((t) => r[t]));
  });

  it('only the form changes ptflops and DeepSpeed: the method is 0 there, the others numel', () => {
    const at1 = (call: string) => rows.find((r) => r.batch === 1 && r.call === call)!;
    expect([at1('module').ptflops, at1('function').ptflops, at1('method').ptflops]).toEqual([70, 70, 0]);
    expect([at1('module').deepspeed, at1('function').deepspeed, at1('method').deepspeed]).toEqual([70, 70, 0]);
  });
});
