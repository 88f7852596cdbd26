/**
 * The plain feed-forward classics: LeNet-5, AlexNet and VGG (torchvision/models/alexnet.py,
 * vgg.py). Convolutions here carry a bias (no batch norm, except in the `_bn` VGGs, where
 * torchvision still keeps the conv bias).
 */
import type { LayerSpec } from '../format/model';
import {
  conv,
  bn,
  dropout,
  flatten,
  linear,
  maxpool,
  avgpool,
  relu,
  named,
  seq,
  definePreset,
  tv,
  tvCode,
  resolutionKnob,
} from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

const adaptive = (out: number): LayerSpec => ({ type: 'adaptiveavgpool2d', out });

export const lenet5: Preset = definePreset({
  name: 'lenet5',
  family: 'Classic',
  title: 'LeNet-5 (common modern variant)',
  paper: {
    title: 'Gradient-Based Learning Applied to Document Recognition',
    authors: 'LeCun, Bottou, Bengio, Haffner',
    year: 1998,
    url: 'https://doi.org/10.1109/5.726791',
  },
  input: [1, 32, 32],
  knobs: [],
  notes: [
    'The variant taught today (shared/reference/zoo.md): conv 6@5×5, pool 2, conv 16@5×5, pool 2, fc 400→120→84→10, ' +
      'all with biases and plain pooling: 61,706 parameters and 416,520 conv+linear MACs.',
    'The 1998 original differs: C3 connects only some of S2’s maps, S2/S4 are trainable subsampling layers and the ' +
      'output is an RBF layer; it has about 60,000 parameters.',
  ],
  layers: () => [
    conv(6, 5, { p: 0, bias: true }),
    relu(),
    avgpool(2),
    conv(16, 5, { p: 0, bias: true }),
    relu(),
    avgpool(2),
    flatten(),
    linear(120),
    relu(),
    linear(84),
    relu(),
    linear(10),
  ],
});

export const alexnet: Preset = definePreset({
  name: 'alexnet',
  family: 'Classic',
  code: tvCode('alexnet'),
  title: 'AlexNet (torchvision, one-GPU variant)',
  paper: {
    title: 'One weird trick for parallelizing convolutional neural networks',
    authors: 'Krizhevsky',
    year: 2014,
    url: 'https://arxiv.org/abs/1404.5997',
  },
  input: [3, 224, 224],
  knobs: [resolutionKnob(224, 63)],
  reference: tv(61_100_840, 714_188_480, '0.714'),
  notes: [
    'torchvision follows the single-tower "one weird trick" AlexNet (64-192-384-256-256 channels), not the 2012 ' +
      'two-GPU network with grouped convolutions and local response normalisation.',
  ],
  // torchvision names: features.0 … features.12, avgpool, classifier.0 … classifier.6 (torch.flatten unnamed).
  layers: () => [
    ...seq('features', [
      conv(64, 11, { s: 4, p: 2, bias: true }),
      relu(),
      maxpool(3, 2),
      conv(192, 5, { bias: true }),
      relu(),
      maxpool(3, 2),
      conv(384, 3, { bias: true }),
      relu(),
      conv(256, 3, { bias: true }),
      relu(),
      conv(256, 3, { bias: true }),
      relu(),
      maxpool(3, 2),
    ]),
    named('avgpool', adaptive(6)),
    flatten(),
    ...seq('classifier', [dropout(), linear(4096), relu(), dropout(), linear(4096), relu(), linear(1000)]),
  ],
});

/** torchvision vgg.py `cfgs`: channels of each 3×3 conv, 0 = 2×2 max pool. */
const VGG_CFG: Record<number, readonly number[]> = {
  11: [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
  13: [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
  16: [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
  19: [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
};

/**
 * Consecutive equal convs become one repeat block (VGG-19's four 512s are one line). Names are
 * torchvision's `features.<index>`: the index runs over every conv, batch norm, ReLU and pool, so an
 * iteration holding u of them is named `features.{i*u+k}` (filled in per iteration).
 */
function vggFeatures(depth: number, batchNorm: boolean): Layers {
  const cfg = VGG_CFG[depth];
  const out: Layers = [];
  let index = 0;
  for (let i = 0; i < cfg.length;) {
    const c = cfg[i];
    if (c === 0) {
      out.push(named(`features.${index++}`, maxpool(2, 2)));
      i++;
      continue;
    }
    let j = i;
    while (cfg[j] === c) j++;
    const unit = [conv(c, 3, { bias: true }), ...(batchNorm ? [bn()] : []), relu()];
    const u = unit.length;
    const at = (k: number) => (j - i > 1 ? `features.{i*${u}+${index + k}}` : `features.${index + k}`);
    const body = unit.map((l, k) => named(at(k), l));
    out.push(...(j - i > 1 ? [{ type: 'repeat', times: j - i, body }] : body));
    index += u * (j - i);
    i = j;
  }
  return out;
}

const VGG_REFS: Record<string, ReturnType<typeof tv>> = {
  vgg11: tv(132_863_336, 7_609_090_048, '7.609'),
  vgg11_bn: tv(132_868_840, 7_609_090_048, '7.609'),
  vgg13: tv(133_047_848, 11_308_466_176, '11.308'),
  vgg13_bn: tv(133_053_736, 11_308_466_176, '11.308'),
  vgg16: tv(138_357_544, 15_470_264_320, '15.470'),
  vgg16_bn: tv(138_365_992, 15_470_264_320, '15.470'),
  vgg19: tv(143_667_240, 19_632_062_464, '19.632'),
  vgg19_bn: tv(143_678_248, 19_632_062_464, '19.632'),
};

const vgg = (depth: number, batchNorm: boolean): Preset =>
  definePreset({
    name: `vgg${depth}${batchNorm ? '_bn' : ''}`,
    family: 'VGG',
    code: tvCode('vgg'),
    title: `VGG-${depth}${batchNorm ? ' with batch norm' : ''}`,
    paper: {
      title: 'Very Deep Convolutional Networks for Large-Scale Image Recognition',
      authors: 'Simonyan, Zisserman',
      year: 2015,
      url: 'https://arxiv.org/abs/1409.1556',
    },
    input: [3, 224, 224],
    knobs: [
      {
        name: 'depth',
        label: 'Depth',
        default: depth,
        options: [11, 13, 16, 19],
        help: 'Weighted layers: configurations A (11), B (13), D (16), E (19) of the paper',
      },
      resolutionKnob(224),
    ],
    reference: VGG_REFS[`vgg${depth}${batchNorm ? '_bn' : ''}`],
    layers: (k) => [
      ...vggFeatures(k.depth, batchNorm),
      named('avgpool', adaptive(7)),
      flatten(), // torch.flatten in forward: no module, unnamed
      ...seq('classifier', [linear(4096), relu(), dropout(), linear(4096), relu(), dropout(), linear(1000)]),
    ],
  });

export const CLASSIC_PRESETS: readonly Preset[] = [
  lenet5,
  alexnet,
  ...[11, 13, 16, 19].flatMap((d) => [vgg(d, false), vgg(d, true)]),
];
