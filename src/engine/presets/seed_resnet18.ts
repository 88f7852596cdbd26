/**
 * The seed article's ResNet-18 example, with the explanation of its "1.8 G FLOPs".
 */
import { definePreset, tv, tvCode } from './build';
import type { LayerSpec } from '../format/model';
import { RESNET_PAPER, resnetLayers } from './resnet';
import type { Preset } from './types';

/**
 * The seed article's worked example (shared/seed, RaySue 2020; shared/reference/conventions.md):
 * ResNet-18 at 224×224, its stages named as the article names them.
 */
export const seedResnet18: Preset = definePreset({
  name: 'seed_resnet18',
  family: 'ResNet',
  code: tvCode('resnet'),
  title: 'ResNet-18 — the seed article’s worked example',
  paper: RESNET_PAPER,
  input: [3, 224, 224],
  knobs: [],
  reference: tv(
    11_689_512,
    1_814_073_344,
    '1.814',
    'The same network as resnet18: the article’s "1.8 G FLOPs" is this MAC count.',
  ),
  notes: [
    'The article lists conv1 112·112·7·7·3·64; for each stage conv2_x … conv5_x two 3×3 convs and a 1×1 ' +
      'shortcut; fc 512·1000 — then "add them up and multiply by 2: 1.8 G FLOPs".',
    'The 1.8 G is in fact the MAC count: the full network has 1,814,073,344 conv + fc multiply-accumulates ' +
      '(torchvision’s _ops 1.814). At 2 FLOPs per MAC that is ≈ 3.63 GFLOPs (torch’s FlopCounterMode prints ' +
      '3,628,146,688).',
    'Why the article still lands on 1.8: its printed terms cover one of the two blocks per stage (and give conv2_x ' +
      'a shortcut it does not have), summing to 902,074,368 MACs; doubling that gives 1.804 G, close to the true ' +
      'MAC count, not to the FLOPs.',
  ],
  layers: () => {
    const named = ['conv1', 'conv2_x', 'conv3_x', 'conv4_x', 'conv5_x'];
    // The article's names, not torchvision's module names (resnet.ts): those are dropped first.
    const layers = JSON.parse(
      JSON.stringify(resnetLayers(18), (k, v: unknown) => (k === 'name' ? undefined : v)),
    ) as LayerSpec[];
    // conv1 is layer 0; after the stem (conv, bn, relu, maxpool) each stage is 2 BasicBlocks = 2 × (residual, relu).
    const stageStarts = [0, 4, 8, 12, 16];
    return layers.map((l, i) => {
      const s = stageStarts.indexOf(i);
      if (s >= 0) return { ...l, name: named[s] };
      return i === layers.length - 1 ? { ...l, name: 'fc' } : l;
    });
  },
});
