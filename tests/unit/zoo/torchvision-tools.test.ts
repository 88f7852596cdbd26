/**
 * Every torchvision preset under the six PyTorch tools, against what the real tools print on
 * torchvision's own model (tests/fixtures/torchvision-tools.jsonl: torch 2.13 CPU, thop @43c064a,
 * ptflops @d612c75, fvcore @3378afe, DeepSpeed @38327e0, torchinfo @5c4164f; made by
 * scripts/fixtures/torchvision_tool_fixtures.py). All 318 totals are equal: 306 for the 51 CNN
 * presets (258 before presets said how torchvision's source writes an op: F.relu in BasicConv2d and DenseNet,
 * F.adaptive_avg_pool2d in DenseNet and MobileNetV2, F.avg_pool2d / F.max_pool2d in Inception-v3,
 * x.mean([2, 3]) in MNASNet and ShuffleNetV2, ConvNeXt's LayerNorm2d subclass and its CNBlock's
 * permute + nn.Linear) and 12 for ViT-B/16 and Swin-T. Zoo v2 adds 9 dense-prediction models
 * (scripts/fixtures/seg_det_tool_fixtures.py): the six torchvision segmentation models with their
 * aux classifier at 520×520, the two SSDs up to their heads (torchvision's backbone and head
 * modules) and milesial/Pytorch-UNet's UNet at 572×572 — all 54 of their totals equal too. A change
 * to a rule or a preset that moves any of the 372 numbers fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
const FIXTURES = path.resolve(__dirname, '../../fixtures');

interface ToolRow extends Partial<Record<(typeof TOOLS)[number] | 'deepspeed_macs', number>> {
  model: string;
  input: number[];
}
const rows = readFileSync(path.join(FIXTURES, 'torchvision-tools.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ToolRow)
  .filter((r) => presetByName(r.model));
describe('torchvision presets against the real tools', () => {
  it('covers the 53 torchvision classifier presets (vit_b_16 and swin_t among them) and 9 dense-prediction ones', () =>
    expect(rows).toHaveLength(62));

  it.each(rows.map((r) => [r.model, r] as const))('%s', (name, r) => {
    const model = presetByName(name)!.build();
    expect(model.input).toEqual(r.input);
    const result = evaluateModel(model, { conventions: [...TOOLS] });
    const got = Object.fromEntries(TOOLS.map((t, i) => [t, Number(result.totals.counts[i])]));
    const want = Object.fromEntries(TOOLS.map((t) => [t, r[t] as number]));
    expect(got).toEqual(want);
    // DeepSpeed's MACs figure is the conv + linear MACs (torchvision's _ops) on every preset.
    expect(Number(result.totals.macs)).toBe(r.deepspeed_macs);
  });
});
