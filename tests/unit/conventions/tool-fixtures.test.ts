/**
 * The 30 small networks of shared/reference/tool-fixtures.jsonl, each counted by the real tools
 * (thop 0.1.1, ptflops 0.7.6, fvcore @3378afe, torch 2.13 FlopCounterMode, DeepSpeed @38327e0,
 * torchinfo @5c4164f) on the same network built in PyTorch, eval mode, at the model's batch.
 * Every total must match exactly. The file is read at test time from ../shared (next to the repo).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';

const FILE = path.resolve(__dirname, '../../../../shared/reference/tool-fixtures.jsonl');
const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'torchvision', 'deepspeed', 'torchinfo'] as const;

interface Fixture {
  readonly model: Model & { name: string };
  readonly expected: Record<(typeof TOOLS)[number] | 'params' | 'deepspeed_macs', number>;
}

const fixtures: Fixture[] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Fixture);

describe('tool fixtures (shared/reference/tool-fixtures.jsonl)', () => {
  it('has the 30 networks', () => expect(fixtures).toHaveLength(30));

  it.each(fixtures.map((f) => [f.model.name, f] as const))('%s', (_name, f) => {
    const r = evaluateModel(f.model, { conventions: [...TOOLS] });
    expect(r.errors).toBe(0);
    const got = {
      params: Number(r.totals.params),
      ...Object.fromEntries(TOOLS.map((t, i) => [t, Number(r.totals.counts[i])])),
      // DeepSpeed's MACs figure counts conv + linear MACs only, bias excluded (the engine's `macs`).
      deepspeed_macs: Number(r.totals.macs),
    };
    expect(got).toEqual(f.expected);
  });
});
