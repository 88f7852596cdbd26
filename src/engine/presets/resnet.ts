/**
 * ResNet, ResNeXt and Wide ResNet as torchvision builds them (torchvision/models/resnet.py):
 * 7×7 stem, four stages of BasicBlock (18, 34) or Bottleneck (50+) blocks, the stride on the
 * 3×3 conv (ResNet v1.5), 1×1 projection shortcuts where the shape changes, ReLU after the add.
 */
import type { LayerSpec } from '../format/model';
import { definePreset, resolutionKnob, tv, tvCode } from './build';
import { bn, conv, flatten, gap, indexedRuns, linear, maxpool, named, relu, residual, seq } from './build';
import type { Preset, PresetKnob } from './types';

type Layers = LayerSpec[];

export const RESNET_STAGES: Readonly<Record<number, readonly [number, number, number, number]>> = {
  18: [2, 2, 2, 2],
  34: [3, 4, 6, 3],
  50: [3, 4, 6, 3],
  101: [3, 4, 23, 3],
  152: [3, 8, 36, 3],
};

export const RESNET_PAPER = {
  title: 'Deep Residual Learning for Image Recognition',
  authors: 'He, Zhang, Ren, Sun',
  year: 2016,
  url: 'https://arxiv.org/abs/1512.03385',
};

/** Conv → BN → (ReLU) named `${p}.conv${n}`, `${p}.bn${n}`, `${p}.relu` (one nn.ReLU a block calls each time). */
function cbr(p: string, n: number, out: number, k: number, o: Parameters<typeof conv>[2], withRelu = true): Layers {
  const layers = [named(`${p}.conv${n}`, conv(out, k, o)), named(`${p}.bn${n}`, bn())];
  return withRelu ? [...layers, named(`${p}.relu`, relu())] : layers;
}

/** The 1×1 projection shortcut (`downsample`: Sequential(conv1x1, BatchNorm2d)), or none. */
const downsample = (p: string, project: boolean, out: number, stride: number): Layers =>
  project ? seq(`${p}.downsample`, [conv(out, 1, { s: stride, p: 0 }), bn()]) : [];

/**
 * BasicBlock: 3×3 → 3×3, expansion 1. The residual block is `out += identity` (no module: the block
 * row is left unnamed), then the block's one nn.ReLU again.
 */
function basic(p: string, cin: number, planes: number, stride: number): Layers {
  const proj = downsample(p, stride !== 1 || cin !== planes, planes, stride);
  const body = [...cbr(p, 1, planes, 3, { s: stride }), ...cbr(p, 2, planes, 3, {}, false)];
  return [residual(body, proj), named(`${p}.relu`, relu())];
}

/**
 * Bottleneck: 1×1 → 3×3 (stride, groups, dilation d) → 1×1, expansion 4; width =
 * planes·(base/64)·groups. d > 1 only in the segmentation backbones (replace_stride_with_dilation).
 */
export function bottleneck(
  p: string,
  cin: number,
  planes: number,
  stride: number,
  groups = 1,
  base = 64,
  d = 1,
): Layers {
  const width = Math.floor(planes * (base / 64)) * groups;
  const out = planes * 4;
  const proj = downsample(p, stride !== 1 || cin !== out, out, stride);
  const body = [
    ...cbr(p, 1, width, 1, {}),
    ...cbr(p, 2, width, 3, { s: stride, g: groups, d }),
    ...cbr(p, 3, out, 1, {}, false),
  ];
  return [residual(body, proj), named(`${p}.relu`, relu())];
}

/** The whole network for a depth (18 … 152), groups and width per group (ResNeXt, Wide ResNet). */
export function resnetLayers(depth: number, groups = 1, widthPerGroup = 64, classes = 1000): Layers {
  const counts = RESNET_STAGES[depth];
  const isBasic = depth < 50;
  const layers: Layers = [...cbr('', 1, 64, 7, { s: 2 }).map(unprefixed), named('maxpool', maxpool(3, 2, 1))];
  let cin = 64;
  [64, 128, 256, 512].forEach((planes, i) => {
    const out = isBasic ? planes : planes * 4;
    const block = (c: number, st: number) => (t: string) =>
      isBasic
        ? basic(`layer${i + 1}.${t}`, c, planes, st)
        : bottleneck(`layer${i + 1}.${t}`, c, planes, st, groups, widthPerGroup);
    const units = Array.from({ length: counts[i] }, (_, j) => (j === 0 ? block(cin, i === 0 ? 1 : 2) : block(out, 1)));
    layers.push(...indexedRuns(units));
    cin = out;
  });
  // torch.flatten(x, 1) in forward is no module: the flatten row stays unnamed.
  return [...layers, named('avgpool', gap()), flatten(), named('fc', linear(classes))];
}

/** The stem's names have no prefix (`conv1`, not `.conv1`). */
const unprefixed = (l: LayerSpec): LayerSpec => named((l.name as string).slice(1), l);

const depthKnob = (dflt: number, options: readonly number[]): PresetKnob => ({
  name: 'depth',
  label: 'Depth',
  default: dflt,
  options,
  help: 'Number of weighted layers: blocks per stage from the paper (BasicBlock below 50, Bottleneck from 50)',
});

const DEPTHS = [18, 34, 50, 101, 152] as const;
const REFS: Record<number, ReturnType<typeof tv>> = {
  18: tv(11_689_512, 1_814_073_344, '1.814'),
  34: tv(21_797_672, 3_663_761_408, '3.664'),
  50: tv(25_557_032, 4_089_184_256, '4.089'),
  101: tv(44_549_160, 7_801_405_440, '7.801'),
  152: tv(60_192_808, 11_513_626_624, '11.514'),
};

const resnets: Preset[] = DEPTHS.map((d) =>
  definePreset({
    name: `resnet${d}`,
    family: 'ResNet',
    code: tvCode('resnet'),
    title: `ResNet-${d}`,
    paper: RESNET_PAPER,
    input: [3, 224, 224],
    knobs: [depthKnob(d, DEPTHS), resolutionKnob(224)],
    reference: REFS[d],
    layers: (k) => resnetLayers(k.depth),
  }),
);

const RESNEXT_PAPER = {
  title: 'Aggregated Residual Transformations for Deep Neural Networks',
  authors: 'Xie, Girshick, Dollár, Tu, He',
  year: 2017,
  url: 'https://arxiv.org/abs/1611.05431',
};
const WIDE_PAPER = {
  title: 'Wide Residual Networks',
  authors: 'Zagoruyko, Komodakis',
  year: 2016,
  url: 'https://arxiv.org/abs/1605.07146',
};

const variant = (
  name: string,
  family: string,
  title: string,
  paper: typeof RESNET_PAPER,
  depth: number,
  groups: number,
  widthPerGroup: number,
  ref: ReturnType<typeof tv>,
): Preset =>
  definePreset({
    name,
    family,
    code: tvCode('resnet'),
    title,
    paper,
    input: [3, 224, 224],
    knobs: [depthKnob(depth, [50, 101, 152]), resolutionKnob(224)],
    reference: ref,
    layers: (k) => resnetLayers(k.depth, groups, widthPerGroup),
  });

export const RESNET_PRESETS: readonly Preset[] = [
  ...resnets,
  variant(
    'resnext50_32x4d',
    'ResNeXt',
    'ResNeXt-50 32×4d',
    RESNEXT_PAPER,
    50,
    32,
    4,
    tv(25_028_904, 4_230_479_872, '4.230'),
  ),
  variant(
    'resnext101_32x8d',
    'ResNeXt',
    'ResNeXt-101 32×8d',
    RESNEXT_PAPER,
    101,
    32,
    8,
    tv(88_791_336, 16_414_015_488, '16.414'),
  ),
  variant(
    'resnext101_64x4d',
    'ResNeXt',
    'ResNeXt-101 64×4d',
    RESNEXT_PAPER,
    101,
    64,
    4,
    tv(83_455_272, 15_460_270_080, '15.460'),
  ),
  variant(
    'wide_resnet50_2',
    'Wide ResNet',
    'Wide ResNet-50-2',
    WIDE_PAPER,
    50,
    1,
    128,
    tv(68_883_240, 11_398_021_120, '11.398'),
  ),
  variant(
    'wide_resnet101_2',
    'Wide ResNet',
    'Wide ResNet-101-2',
    WIDE_PAPER,
    101,
    1,
    128,
    tv(126_886_696, 22_753_050_624, '22.753'),
  ),
];
