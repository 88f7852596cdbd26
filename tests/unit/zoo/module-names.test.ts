/**
 * Presets name their rows after torchvision's modules (issue 16), so a row can be matched with the
 * per-module output of torchinfo or thop. Expected names, types and output shapes come from the
 * real models: tests/fixtures/torchvision-module-names.json, written by
 * scripts/fixtures/torchvision_module_names.py (forward hooks on every leaf module of
 * torchvision.models.<name>(weights=None), batch 1, the preset's input; the segmentation models with
 * aux_loss=True, the SSD detectors' backbone and head as SSD.forward calls them).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { PRESETS } from '../../../src/engine/presets';

/**
 * A leaf module, a parameter a module holds beside its children (type "Parameter") or a composite module
 * FlopLab writes as one kind (attention: its children's weights are used through F.linear, so their hooks
 * never fire), with the output shape of each call.
 */
type Leaf = [name: string, type: string, shapes: number[][], composite?: 'composite'];
const FIXTURE = JSON.parse(
  readFileSync(new URL('../../fixtures/torchvision-module-names.json', import.meta.url), 'utf8'),
) as Record<string, Leaf[]>;

/** Presets whose rows carry torchvision's module names. */
const COVERED = [
  'alexnet',
  'mobilenet_v2',
  'mobilenet_v3_large',
  'mobilenet_v3_small',
  'efficientnet_b0',
  'efficientnet_b1',
  'efficientnet_b2',
  ...[3, 4, 5, 6, 7].map((b) => `efficientnet_b${b}`),
  'efficientnet_v2_s',
  'efficientnet_v2_m',
  'efficientnet_v2_l',
  'convnext_tiny',
  'convnext_small',
  'convnext_base',
  'convnext_large',
  'googlenet',
  'inception_v3',
  'mnasnet0_5',
  'mnasnet0_75',
  'mnasnet1_0',
  'mnasnet1_3',
  'densenet121',
  'densenet161',
  'densenet169',
  'densenet201',
  'squeezenet1_0',
  'squeezenet1_1',
  'shufflenet_v2_x0_5',
  'shufflenet_v2_x1_0',
  'shufflenet_v2_x1_5',
  'shufflenet_v2_x2_0',
  ...['400mf', '800mf', '1_6gf', '3_2gf', '8gf', '16gf', '32gf'].flatMap((s) => [`regnet_x_${s}`, `regnet_y_${s}`]),
  'regnet_y_128gf',
  ...[11, 13, 16, 19].flatMap((d) => [`vgg${d}`, `vgg${d}_bn`]),
  ...['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'vit_h_14'],
  ...['swin_t', 'swin_s', 'swin_b', 'swin_v2_t', 'swin_v2_s', 'swin_v2_b'],
  'maxvit_t',
  'resnet18',
  'resnet34',
  'resnet50',
  'resnet101',
  'resnet152',
  'resnext50_32x4d',
  'resnext101_32x8d',
  'resnext101_64x4d',
  'wide_resnet50_2',
  'wide_resnet101_2',
  ...['fcn_resnet50', 'fcn_resnet101', 'deeplabv3_resnet50', 'deeplabv3_resnet101'],
  ...['deeplabv3_mobilenet_v3_large', 'lraspp_mobilenet_v3_large'],
  ...['ssd300_vgg16', 'ssdlite320_mobilenet_v3_large'],
];

/** Leaf modules with weights: every one of them must be a row. */
const WEIGHTED = new Set(['Conv2d', 'Linear', 'BatchNorm2d']);

/** Names that describe a functional step (torch.flatten, F.relu) rather than a module have a space. */
const isModulePath = (name: string) => !name.includes(' ');

describe.each(COVERED)('%s', (name) => {
  const preset = PRESETS.find((p) => p.name === name);
  const leaves = FIXTURE[name];
  const rows = evaluateModel(preset!.build(), { conventions: ['torchvision'] }).rows;
  const named = rows.filter((r) => r.name !== undefined && isModulePath(r.name));
  const byName = new Map(leaves.map((l) => [l[0], l]));

  it('is in the fixture', () => {
    expect(preset).toBeDefined();
    expect(leaves?.length).toBeGreaterThan(0);
  });

  it('names rows only after leaf modules (or composites, parameters), with their output shapes', () => {
    const wrong = named
      .map((r) => {
        const leaf = byName.get(r.name!);
        // A block row may carry the name of the module it is (Inception v3's AuxLogits).
        if (!leaf && r.block && leaves.some((l) => l[0].startsWith(`${r.name}.`))) return null;
        if (!leaf) return `${r.path} ${r.name}: no such leaf module`;
        // A training-only block (Inception v3's AuxLogits) does not run in eval: no shape to compare.
        if (r.trainingOnly && leaf[2].length === 0) return null;
        const shape = JSON.stringify(r.output);
        if (!leaf[2].some((s) => JSON.stringify(s) === shape))
          return `${r.path} ${r.name}: output ${shape}, torchvision ${JSON.stringify(leaf[2])}`;
        return null;
      })
      .filter((x) => x !== null);
    expect(wrong).toEqual([]);
  });

  it('has a row for every conv, linear and batch-norm module', () => {
    const names = new Set(named.map((r) => r.name));
    // A row named after a composite (a Swin block's attn) stands for the modules under it (attn.qkv, attn.proj).
    const composites = leaves.filter((l) => l[3] === 'composite' && names.has(l[0])).map((l) => `${l[0]}.`);
    const missing = leaves
      .filter((l) => WEIGHTED.has(l[1]) && !names.has(l[0]) && !composites.some((c) => l[0].startsWith(c)))
      .map((l) => `${l[0]} (${l[1]})`);
    expect(missing).toEqual([]);
  });

  // Leaf modules without a row are allowed beyond convs, linears and batch norms: EfficientNet's
  // StochasticDepth is the identity at inference and has no row.
  it('has a row per call of each module it names (one nn.ReLU called twice: two rows)', () => {
    const calls = new Map<string, number>();
    for (const r of named) if (!r.trainingOnly) calls.set(r.name!, (calls.get(r.name!) ?? 0) + 1);
    const off = leaves
      .filter((l) => calls.has(l[0]) && calls.get(l[0]) !== l[2].length)
      .map((l) => `${l[0]}: ${calls.get(l[0]) ?? 0} rows, ${l[2].length} calls`);
    expect(off).toEqual([]);
  });
});
