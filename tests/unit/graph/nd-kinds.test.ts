/**
 * N-D kinds (1-D and 3-D convolutions and pools, batch/group/instance norm on every rank, pixel
 * shuffle, F.linear, views, reductions…) against what the real tools print on single PyTorch
 * modules (tests/fixtures/nd-kinds-tools.jsonl, made by scripts/fixtures/nd_kinds_tool_fixtures.py:
 * torch 2.13 CPU, the tool commits of scripts/fixtures/README-torchvision-tools.md, batch 1, each
 * run in a fresh process). Every fixture model is either written here in the model format and
 * equal under all six tools (and under no_grad), or listed in NOT_YET with the reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { AS_LAYERS } from './nd-kinds-models';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
type Tool = (typeof TOOLS)[number];
interface Row extends Partial<Record<Tool | 'params' | 'deepspeed_macs', number>> {
  model: string;
  input: number[];
  nograd?: Partial<Record<'fvcore' | 'torch' | 'deepspeed', number>>;
  errors?: Record<string, string>;
}

const rows = readFileSync(path.resolve(__dirname, '../../fixtures/nd-kinds-tools.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

/** Fixture models no kind expresses yet, with the reason (a new kind must move its model above). */
const NOT_YET: Record<string, string> = {
  masked_fill: 'no masked_fill / comparison kind yet (0 under every tool)',
};

const modelOf = (r: Row) => ({
  format: 'floplab.model/2' as const,
  name: r.model,
  input: r.input,
  layers: AS_LAYERS[r.model],
});

describe('N-D kinds against the real tools', () => {
  it('every fixture model is written here or listed as not yet expressible', () => {
    const unknown = rows.map((r) => r.model).filter((m) => !(m in AS_LAYERS) && !(m in NOT_YET));
    expect(unknown).toEqual([]);
  });

  const written = rows.filter((r) => r.model in AS_LAYERS);
  it.each(written.map((r) => [r.model, r] as const))('%s', (_m, r) => {
    const result = evaluateModel(modelOf(r), {
      conventions: [...TOOLS, 'fvcore-nograd', 'torch-nograd', 'deepspeed-nograd'],
    });
    expect(result.rows.filter((x) => x.error).map((x) => x.error)).toEqual([]);
    const got = Object.fromEntries(TOOLS.map((t, i) => [t, Number(result.totals.counts[i])]));
    const want = Object.fromEntries(TOOLS.map((t) => [t, r[t]]));
    expect(got).toEqual(want);
    expect(Number(result.totals.params)).toBe(r.params);
    const ng = ['fvcore', 'torch', 'deepspeed'] as const;
    expect(Object.fromEntries(ng.map((t, i) => [t, Number(result.totals.counts[TOOLS.length + i])]))).toEqual(
      Object.fromEntries(ng.map((t) => [t, r.nograd?.[t]])),
    );
  });
});
