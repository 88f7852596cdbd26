/**
 * SqueezeNet 1.0 and 1.1 (torchvision/models/squeezenet.py). Fire module: 1×1 squeeze, then
 * 1×1 and 3×3 expand branches concatenated; every conv has a bias; pools use ceil mode.
 */
import type { LayerSpec } from '../format/model';
import { concat, conv, dropout, flatten, gap, maxpool, named, relu, seq } from './build';
import { definePreset, tv, tvCode, resolutionKnob } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

/** Fire module `p` with torchvision's names; the torch.cat of its two branches is no module (unnamed). */
const fire = (p: string, squeeze: number, e1: number, e3: number): Layers => [
  named(`${p}.squeeze`, conv(squeeze, 1, { bias: true })),
  named(`${p}.squeeze_activation`, relu()),
  concat(
    [named(`${p}.expand1x1`, conv(e1, 1, { bias: true })), named(`${p}.expand1x1_activation`, relu())],
    [named(`${p}.expand3x3`, conv(e3, 3, { bias: true })), named(`${p}.expand3x3_activation`, relu())],
  ),
];

const pool = () => maxpool(3, 2, 0, true);

/** Fire settings (squeeze, expand) in order; 0 marks a max pool. */
const V10: readonly (readonly [number, number] | 0)[] = [
  [16, 64],
  [16, 64],
  [32, 128],
  0,
  [32, 128],
  [48, 192],
  [48, 192],
  [64, 256],
  0,
  [64, 256],
];
const V11: readonly (readonly [number, number] | 0)[] = [
  [16, 64],
  [16, 64],
  0,
  [32, 128],
  [32, 128],
  0,
  [48, 192],
  [48, 192],
  [64, 256],
  [64, 256],
];

function squeezenet(version: '1_0' | '1_1'): Layers {
  const stem = version === '1_0' ? conv(96, 7, { s: 2, p: 0, bias: true }) : conv(64, 3, { s: 2, p: 0, bias: true });
  // features.<index>: the stem's conv, ReLU and pool are 0–2, then one index per Fire module or pool.
  const fires = (version === '1_0' ? V10 : V11).flatMap((f, i) =>
    f === 0 ? [named(`features.${i + 3}`, pool())] : fire(`features.${i + 3}`, f[0], f[1], f[1]),
  );
  const classifier = seq('classifier', [dropout(), conv(1000, 1, { bias: true }), relu(), gap()]);
  // torch.flatten: no module, unnamed.
  return [...seq('features', [stem, relu(), pool()]), ...fires, ...classifier, flatten()];
}

const PAPER = {
  title: 'SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and <0.5MB model size',
  authors: 'Iandola, Han, Moskewicz, Ashraf, Dally, Keutzer',
  year: 2016,
  url: 'https://arxiv.org/abs/1602.07360',
};

export const SQUEEZENET_PRESETS: readonly Preset[] = [
  definePreset({
    name: 'squeezenet1_0',
    family: 'SqueezeNet',
    code: tvCode('squeezenet'),
    title: 'SqueezeNet 1.0',
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: tv(1_248_424, 818_924_576, '0.819'),
    layers: () => squeezenet('1_0'),
  }),
  definePreset({
    name: 'squeezenet1_1',
    family: 'SqueezeNet',
    code: tvCode('squeezenet'),
    title: 'SqueezeNet 1.1',
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: tv(1_235_496, 349_151_936, '0.349'),
    notes: [
      'Version 1.1 (SqueezeNet repository, not the paper): 3×3 stem with 64 channels and earlier pooling, 2.4× fewer MACs.',
    ],
    layers: () => squeezenet('1_1'),
  }),
];
