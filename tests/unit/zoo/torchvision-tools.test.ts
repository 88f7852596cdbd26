/**
 * Every torchvision preset under the six PyTorch tools, against what the real tools print on
 * torchvision's own model (tests/fixtures/torchvision-tools.jsonl: torch 2.13 CPU, thop @43c064a,
 * ptflops @d612c75, fvcore @3378afe, DeepSpeed @38327e0, torchinfo @5c4164f; made by
 * scripts/fixtures/torchvision_tool_fixtures.py). All 318 totals are equal: 306 for the 51 CNN
 * presets (258 before presets said how torchvision's source writes an op: F.relu in BasicConv2d and DenseNet,
 * F.adaptive_avg_pool2d in DenseNet and MobileNetV2, F.avg_pool2d / F.max_pool2d in Inception-v3,
 * x.mean([2, 3]) in MNASNet and ShuffleNetV2, ConvNeXt's LayerNorm2d subclass and its CNBlock's
 * permute + nn.Linear) and 12 for ViT-B/16 and Swin-T. A change to a rule or a preset that moves
 * any of the 318 numbers fails here.
 *
 * Zoo v2 (issue 15) appended 21 lines (RegNetX/Y 1.6–128 GF, ConvNeXt S/B/L, EfficientNetV2 S/M/L,
 * Swin V2 T/S/B, MaxViT-T; scripts/fixtures/README-torchvision-tools.md): 126 more totals. Where a tool's
 * number is not matched, PINNED holds both numbers and the precise cause, so a change to either fails.
 *
 * Then 11 dense-prediction lines (scripts/fixtures/seg_det_tool_fixtures.py): the six torchvision
 * segmentation models with their aux classifier at 520×520, the two SSDs up to their heads
 * (torchvision's backbone and head modules) and milesial/Pytorch-UNet's UNet at 572×572 — all 54 of
 * their totals equal — plus two models without the aux head, checked in dense-presets.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
const FIXTURES = path.resolve(__dirname, '../../fixtures');

interface ToolRow extends Partial<Record<(typeof TOOLS)[number] | 'deepspeed_macs', number>> {
  nograd?: Record<string, number>;
  model: string;
  input: number[];
}
const rows = readFileSync(path.join(FIXTURES, 'torchvision-tools.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ToolRow)
  .filter((r) => presetByName(r.model));
/**
 * model → tool → [FlopLab's count, the tool's count, why they differ]. Every one of the 444 totals of the
 * six tools is equal; the only pin is DeepSpeed's separate MACs figure on MaxViT-T.
 */
const PINNED: Readonly<Record<string, Readonly<Record<string, readonly [number, number, string]>>>> = {
  maxvit_t: {
    deepspeed_macs: [
      5_558_046_720,
      5_381_025_792,
      // 2·49²·C per group, window and grid, every MaxViT layer: 78,675,968 + 39,337,984 + 49,172,480 + 9,834,496.
      'DeepSpeed patches torch.einsum with _einsum_flops_compute (deepspeed/profiling/flops_profiler/profiler.py:771), ' +
        'which returns (flops, 0): its flops count the two attention einsums, its MACs do not (177,020,928 = both ' +
        'einsum products); torchvision’s _ops counts them (bmm), and FlopLab’s MACs are _ops.',
    ],
  },
};

describe('torchvision presets against the real tools', () => {
  it('covers the 74 torchvision presets it has fixtures for (ViT-B/16, Swin-T, Swin V2, MaxViT-T among them) and 9 dense-prediction ones', () =>
    expect(rows).toHaveLength(74 + 9));

  it.each(rows.map((r) => [r.model, r] as const))('%s', (name, r) => {
    const model = presetByName(name)!.build();
    expect(model.input).toEqual(r.input);
    const result = evaluateModel(model, { conventions: [...TOOLS] });
    const got = Object.fromEntries(TOOLS.map((t, i) => [t, Number(result.totals.counts[i])]));
    const pins = PINNED[name] ?? {};
    const want = Object.fromEntries(TOOLS.map((t) => [t, pins[t] ? pins[t][0] : (r[t] as number)]));
    expect(got).toEqual(want);
    for (const [tool, [, theirs]] of Object.entries(pins))
      expect([tool, r[tool as (typeof TOOLS)[number] | 'deepspeed_macs']]).toEqual([tool, theirs]);
    // DeepSpeed's MACs figure is the conv + linear MACs (torchvision's _ops) on every preset but MaxViT-T.
    expect(Number(result.totals.macs)).toBe(pins.deepspeed_macs ? pins.deepspeed_macs[0] : r.deepspeed_macs);
  });

  // Neither model has nn.MultiheadAttention, so torch.no_grad() changes nothing, as the -nograd conventions say.
  it.each(['swin_v2_t', 'maxvit_t'])('%s under torch.no_grad() counts as without it', (name) => {
    const r = rows.find((x) => x.model === name) as ToolRow & { nograd: Record<string, number> };
    const ids = ['fvcore-nograd', 'torch-nograd', 'deepspeed-nograd'];
    const result = evaluateModel(presetByName(name)!.build(), { conventions: ids });
    expect(ids.map((_, i) => Number(result.totals.counts[i]))).toEqual([
      r.nograd.fvcore,
      r.nograd.torch,
      r.nograd.deepspeed,
    ]);
    expect([r.nograd.fvcore, r.nograd.torch, r.nograd.deepspeed]).toEqual([r.fvcore, r.torch, r.deepspeed]);
  });
});
