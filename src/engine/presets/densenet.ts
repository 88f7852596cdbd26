/**
 * DenseNet-BC as torchvision builds it (torchvision/models/densenet.py): each dense layer is
 * BN-ReLU-1×1 conv (bn_size·k channels) then BN-ReLU-3×3 conv (k channels) concatenated to its
 * input; transitions halve channels (1×1 conv) and size (2×2 average pool). A dense block is
 * one repeat block of identical layer specs: the input width grows, the spec does not.
 */
import type { LayerSpec } from '../format/model';
import {
  avgpool,
  bn,
  concat,
  conv,
  fn,
  fnHead,
  maxpool,
  named,
  relu,
  repeat,
  definePreset,
  tv,
  tvCode,
  resolutionKnob,
} from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

const BN_SIZE = 4;

/** One _DenseLayer, named `${p}.norm1` … `${p}.conv2`; the concatenation (torch.cat) is no module: unnamed. */
const denseLayer = (growth: number, p: string): LayerSpec =>
  concat(
    [],
    [bn(), relu(), conv(BN_SIZE * growth, 1), bn(), relu(), conv(growth, 3)].map((l, i) =>
      named(`${p}.${['norm1', 'relu1', 'conv1', 'norm2', 'relu2', 'conv2'][i]}`, l),
    ),
  );

/** torchvision's names: features.conv0 …, features.denseblock<b>.denselayer<l> (from 1), features.transition<b>. */
export function densenetLayers(growth: number, blocks: readonly number[], init = 2 * growth): Layers {
  const stem = [conv(init, 7, { s: 2 }), bn(), relu(), maxpool(3, 2, 1)];
  const layers: Layers = stem.map((l, i) => named(`features.${['conv0', 'norm0', 'relu0', 'pool0'][i]}`, l));
  let c = init;
  blocks.forEach((n, i) => {
    const b = `features.denseblock${i + 1}`;
    // A dense block is one repeat of identical layers: each iteration is denselayer{i+1}.
    layers.push(
      ...(n === 1 ? [denseLayer(growth, `${b}.denselayer1`)] : repeat(n, [denseLayer(growth, `${b}.denselayer{i+1}`)])),
    );
    c += n * growth;
    if (i < blocks.length - 1) {
      c = Math.floor(c / 2);
      const t = `features.transition${i + 1}`;
      layers.push(
        named(`${t}.norm`, bn()),
        named(`${t}.relu`, relu()),
        named(`${t}.conv`, conv(c, 1)),
        named(`${t}.pool`, avgpool(2, 2)),
      );
    }
  });
  // densenet.py forward: F.relu(features, inplace=True), F.adaptive_avg_pool2d(out, (1, 1)) and
  // torch.flatten are functions, not modules: those rows stay unnamed.
  const [pool, flat, fc] = fnHead();
  return [...layers, named('features.norm5', bn()), fn(relu()), pool, flat, named('classifier', fc)];
}

const PAPER = {
  title: 'Densely Connected Convolutional Networks',
  authors: 'Huang, Liu, van der Maaten, Weinberger',
  year: 2017,
  url: 'https://arxiv.org/abs/1608.06993',
};

const densenet = (depth: number, growth: number, blocks: readonly number[], ref: ReturnType<typeof tv>): Preset =>
  definePreset({
    name: `densenet${depth}`,
    family: 'DenseNet',
    code: tvCode('densenet'),
    title: `DenseNet-${depth}`,
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [
      {
        name: 'growth',
        label: 'Growth rate k',
        default: growth,
        min: 4,
        max: 128,
        step: 1,
        help: 'Channels each dense layer adds; the stem has 2k channels and the bottleneck 4k (DenseNet-BC)',
      },
      resolutionKnob(224),
    ],
    reference: ref,
    layers: (k) => densenetLayers(k.growth, blocks),
  });

export const DENSENET_PRESETS: readonly Preset[] = [
  densenet(121, 32, [6, 12, 24, 16], tv(7_978_856, 2_834_161_664, '2.834')),
  densenet(161, 48, [6, 12, 36, 24], tv(28_681_000, 7_727_907_072, '7.728')),
  densenet(169, 32, [6, 12, 32, 32], tv(14_149_480, 3_359_843_328, '3.360')),
  densenet(201, 32, [6, 12, 48, 32], tv(20_013_928, 4_291_365_888, '4.291')),
];
