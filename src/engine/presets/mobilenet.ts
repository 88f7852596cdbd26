/**
 * MobileNet v1 (Howard et al. 2017, the paper's network; channel rounding as TF-slim's
 * mobilenet_v1.py: max(int(d·α), 8)) and MobileNet v2 (torchvision/models/mobilenetv2.py:
 * channels `_make_divisible(c·α, 8)`, last conv 1280·max(1, α)). Both take a width
 * multiplier α and an input resolution ρ, the two knobs of the papers.
 */
import type { LayerSpec } from '../format/model';
import {
  cna,
  conv,
  bn,
  dropout,
  fnHead,
  head,
  indexedRuns,
  makeDivisible,
  seq,
  seqOf,
  residual,
  runs,
  definePreset,
  tv,
  tvCode,
  resolutionKnob,
} from './build';
import type { Preset, PresetKnob } from './types';

type Layers = LayerSpec[];

const widthKnob = (help: string): PresetKnob => ({
  name: 'width',
  label: 'Width multiplier α',
  default: 1,
  min: 0.25,
  max: 1.4,
  step: 0.05,
  help,
});

// ——— MobileNet v1 ———

/** Depthwise-separable layers after the stem: (pointwise channels, stride). */
const V1_LAYERS: readonly (readonly [number, number])[] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

/** TF-slim mobilenet_v1.py `depth`: max(int(d · depth_multiplier), min_depth = 8). */
export const v1Depth = (d: number, alpha: number): number => Math.max(Math.floor(d * alpha), 8);

export function mobilenetV1Layers(alpha: number): Layers {
  let cin = v1Depth(32, alpha);
  const units = V1_LAYERS.map(([c, s]) => {
    const out = v1Depth(c, alpha);
    // Depthwise 3×3 then pointwise 1×1, each followed by BN and ReLU (paper, Figure 3).
    const unit = [...cna(cin, 3, { s, g: cin }), ...cna(out, 1)];
    cin = out;
    return unit;
  });
  return [...cna(v1Depth(32, alpha), 3, { s: 2 }), ...runs(units), ...head(1000, [dropout()])];
}

export const mobilenetV1: Preset = definePreset({
  name: 'mobilenet_v1',
  family: 'MobileNet',
  title: 'MobileNet v1 (1.0-224)',
  paper: {
    title: 'MobileNets: Efficient Convolutional Neural Networks for Mobile Vision Applications',
    authors: 'Howard, Zhu, Chen, Kalenichenko, Wang, Weyand, Andreetto, Adam',
    year: 2017,
    url: 'https://arxiv.org/abs/1704.04861',
  },
  input: [3, 224, 224],
  knobs: [
    widthKnob('Width multiplier α: every layer has int(α·channels) channels, at least 8 (TF-slim mobilenet_v1.py)'),
    resolutionKnob(224),
  ],
  notes: [
    'Paper (Tables 4, 6, 7): 569 M mult-adds and 4.2 M parameters at 1.0-224. This preset (1000-way linear ' +
      'classifier, BN γ and β after every conv) has 568,740,352 MACs and 4,231,976 parameters.',
    'TF-slim (mobilenet_v1.md) lists 4.24 / 2.59 / 1.34 / 0.47 M parameters at α = 1 / 0.75 / 0.5 / 0.25. Its ' +
      'checkpoints classify 1001 classes (with a "background" class) with a biased 1×1 conv, and its batch norm ' +
      'learns β only (no γ) while the count includes the moving mean and variance: parameters − γ + 2·C + (C_last + 1) ' +
      '= 4,243,945 at 1.0, which reproduces all four figures. The extra class adds C_last MACs (1,024 at 1.0).',
    'TF-slim’s MAC table agrees with this preset (rounded to millions) except the 0.75 rows (317/233/162/104 M ' +
      'listed, 325/239/166/107 M here; the paper’s Table 6 also gives 325 M for 0.75-224), 0.5-224 (150 listed, ' +
      '149,497,088 here; paper 149 M) and 0.25-192 (34 listed, 30,212,608 here, which is 41 M·(192/224)² as the ' +
      'other resolutions are).',
    'There is no torchvision MobileNet v1, so there is no `_ops` reference; the zoo tests check the paper and the ' +
      'TF-slim table instead.',
  ],
  layers: (k) => mobilenetV1Layers(k.width),
});

// ——— MobileNet v2 ———

/** torchvision inverted_residual_setting: expansion t, channels c, repeats n, first stride s. */
const V2_SETTING: readonly (readonly [number, number, number, number])[] = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
];

/**
 * InvertedResidual: 1×1 expand (skipped when t = 1), 3×3 depthwise, linear 1×1 projection; with
 * a prefix its layers carry torchvision's names (`features.3.conv.0.0` … `features.3.conv.3`).
 * The residual block is `x + self.conv(x)` (no module): its row stays unnamed.
 */
export function invertedResidual(
  cin: number,
  out: number,
  stride: number,
  t: number,
  act = 'relu6',
  p?: string,
): Layers {
  const hidden = Math.round(cin * t);
  const body = seqOf(p && `${p}.conv`, [
    ...(t !== 1 ? [cna(hidden, 1, {}, act)] : []),
    cna(hidden, 3, { s: stride, g: hidden }, act),
    conv(out, 1),
    bn(),
  ]);
  return stride === 1 && cin === out ? [residual(body)] : body;
}

export function mobilenetV2Layers(alpha: number): Layers {
  let cin = makeDivisible(32 * alpha);
  const layers: Layers = seq('features.0', cna(cin, 3, { s: 2 }, 'relu6'));
  let index = 1;
  for (const [t, c, n, s] of V2_SETTING) {
    const out = makeDivisible(c * alpha);
    const units = Array.from(
      { length: n },
      (_, i) => (tok: string) =>
        invertedResidual(i === 0 ? cin : out, out, i === 0 ? s : 1, t, 'relu6', `features.${tok}`),
    );
    layers.push(...indexedRuns(units, index));
    index += n;
    cin = out;
  }
  const last = makeDivisible(1280 * Math.max(1, alpha));
  // mobilenetv2.py _forward_impl: nn.functional.adaptive_avg_pool2d(x, (1, 1)) and torch.flatten,
  // no modules: those rows stay unnamed.
  const [pool, flat, drop, fc] = fnHead(1000, [dropout()]);
  return [
    ...layers,
    ...seq(`features.${index}`, cna(last, 1, {}, 'relu6')),
    pool,
    flat,
    ...seq('classifier', [drop, fc]),
  ];
}

export const mobilenetV2Preset: Preset = definePreset({
  name: 'mobilenet_v2',
  family: 'MobileNet',
  code: tvCode('mobilenetv2'),
  title: 'MobileNet v2',
  paper: {
    title: 'MobileNetV2: Inverted Residuals and Linear Bottlenecks',
    authors: 'Sandler, Howard, Zhu, Zhmoginov, Chen',
    year: 2018,
    url: 'https://arxiv.org/abs/1801.04381',
  },
  input: [3, 224, 224],
  knobs: [
    widthKnob(
      'Width multiplier α: channels _make_divisible(α·c, 8) (torchvision width_mult); the last 1×1 conv keeps 1280 ' +
        'channels for α < 1',
    ),
    resolutionKnob(224),
  ],
  reference: tv(3_504_872, 300_774_272, '0.301'),
  notes: [
    'TF-slim (mobilenet/README.md) lists MACs truncated to whole millions; this preset reproduces all 22 of its ' +
      'width × resolution entries (e.g. 0.35-224: 59,285,808 → 59 M; 0.5-160: 50,184,000 → 50 M). The 1001st class ' +
      'of its checkpoints adds 1,280 MACs.',
    'Its parameter counts (6.06 … 1.66 M; 3.47 M at 1.0) leave out batch-norm γ and β and include the 1001st ' +
      'class: 3,504,872 − 2·17,056 + 1,281 = 3,472,041 at 1.0. torchvision’s num_params (3,504,872) counts γ and β; ' +
      'Keras (3,538,984) also counts the moving mean and variance.',
  ],
  layers: (k) => mobilenetV2Layers(k.width),
});

export const MOBILENET_PRESETS: readonly Preset[] = [mobilenetV1, mobilenetV2Preset];
