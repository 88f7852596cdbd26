/**
 * GoogLeNet (Inception v1) and Inception v3 as torchvision builds them
 * (torchvision/models/googlenet.py, inception.py). Every conv is BasicConv2d: conv without
 * bias, BatchNorm (eps 0.001), ReLU. Inception modules are concat blocks of branches.
 */
import type { LayerSpec } from '../format/model';
import {
  avgpool,
  cna,
  concat,
  dropout,
  flatten,
  fn,
  gap,
  head,
  linear,
  maxpool,
  relu,
  definePreset,
  tv,
  tvCode,
} from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];
type K = number | readonly [number, number];

/** BasicConv2d: conv (no bias) → BN → F.relu (its forward calls F.relu, no nn.ReLU); padding 0 unless given. */
const bc = (out: number, k: K, o: { s?: number; p?: number | readonly [number, number] } = {}) => [
  ...cna(out, k, { s: o.s, p: o.p ?? 0 }, null),
  fn(relu()),
];

// ——— GoogLeNet ———

/** Inception module (ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj). */
function inceptionV1(c1: number, c3r: number, c3: number, c5r: number, c5: number, pp: number): LayerSpec {
  return concat(
    bc(c1, 1),
    [...bc(c3r, 1), ...bc(c3, 3, { p: 1 })],
    // torchvision: "kernel_size=3 instead of kernel_size=5 is a known bug" kept for its weights.
    [...bc(c5r, 1), ...bc(c5, 3, { p: 1 })],
    [maxpool(3, 1, 1, true), ...bc(pp, 1)],
  );
}

const googlenetLayers = (): Layers => [
  ...bc(64, 7, { s: 2, p: 3 }),
  maxpool(3, 2, 0, true),
  ...bc(64, 1),
  ...bc(192, 3, { p: 1 }),
  maxpool(3, 2, 0, true),
  inceptionV1(64, 96, 128, 16, 32, 32),
  inceptionV1(128, 128, 192, 32, 96, 64),
  maxpool(3, 2, 0, true),
  inceptionV1(192, 96, 208, 16, 48, 64),
  inceptionV1(160, 112, 224, 24, 64, 64),
  inceptionV1(128, 128, 256, 24, 64, 64),
  inceptionV1(112, 144, 288, 32, 64, 64),
  inceptionV1(256, 160, 320, 32, 128, 128),
  maxpool(2, 2, 0, true),
  inceptionV1(256, 160, 320, 32, 128, 128),
  inceptionV1(384, 192, 384, 48, 128, 128),
  ...head(1000, [dropout()]),
];

// ——— Inception v3 ———

// Inception A, C and E pool with F.avg_pool2d(x, 3, 1, 1); B and D with F.max_pool2d(x, 3, 2).
const poolBranch = (out: number) => [fn(avgpool(3, 1, 1)), ...bc(out, 1)];

const inceptionA = (pool: number) =>
  concat(
    bc(64, 1),
    [...bc(48, 1), ...bc(64, 5, { p: 2 })],
    [...bc(64, 1), ...bc(96, 3, { p: 1 }), ...bc(96, 3, { p: 1 })],
    poolBranch(pool),
  );

const inceptionB = () =>
  concat(bc(384, 3, { s: 2 }), [...bc(64, 1), ...bc(96, 3, { p: 1 }), ...bc(96, 3, { s: 2 })], [fn(maxpool(3, 2))]);

function inceptionC(c7: number) {
  const row = (out: number) => bc(out, [1, 7], { p: [0, 3] });
  const col = (out: number) => bc(out, [7, 1], { p: [3, 0] });
  return concat(
    bc(192, 1),
    [...bc(c7, 1), ...row(c7), ...col(192)],
    [...bc(c7, 1), ...col(c7), ...row(c7), ...col(c7), ...row(192)],
    poolBranch(192),
  );
}

const inceptionD = () =>
  concat(
    [...bc(192, 1), ...bc(320, 3, { s: 2 })],
    [...bc(192, 1), ...bc(192, [1, 7], { p: [0, 3] }), ...bc(192, [7, 1], { p: [3, 0] }), ...bc(192, 3, { s: 2 })],
    [fn(maxpool(3, 2))],
  );

/** 1×3 and 3×1 side by side, concatenated (InceptionE's split branches). */
const split = () => concat(bc(384, [1, 3], { p: [0, 1] }), bc(384, [3, 1], { p: [1, 0] }));

const inceptionE = () =>
  concat(bc(320, 1), [...bc(384, 1), split()], [...bc(448, 1), ...bc(384, 3, { p: 1 }), split()], poolBranch(192));

/**
 * InceptionAux: its weights are part of the model (torchvision builds it with the pretrained
 * weights, so `num_params` counts them) but forward() runs it only in training mode, so the
 * eval-mode `_ops` leaves it out. An `aux` block models exactly that.
 */
const auxLogits = (): LayerSpec => ({
  type: 'aux',
  name: 'AuxLogits',
  body: [fn(avgpool(5, 3)), ...bc(128, 1), ...bc(768, 5), fn(gap()), flatten(), linear(1000)],
});

const inceptionV3Layers = (): Layers => [
  ...bc(32, 3, { s: 2 }),
  ...bc(32, 3),
  ...bc(64, 3, { p: 1 }),
  maxpool(3, 2),
  ...bc(80, 1),
  ...bc(192, 3),
  maxpool(3, 2),
  inceptionA(32),
  inceptionA(64),
  inceptionA(64),
  inceptionB(),
  inceptionC(128),
  inceptionC(160),
  inceptionC(160),
  inceptionC(192),
  auxLogits(),
  inceptionD(),
  inceptionE(),
  inceptionE(),
  ...head(1000, [dropout()]),
];

export const INCEPTION_PRESETS: readonly Preset[] = [
  definePreset({
    name: 'googlenet',
    family: 'Inception',
    code: tvCode('googlenet'),
    title: 'GoogLeNet (Inception v1), without auxiliary heads',
    paper: {
      title: 'Going Deeper with Convolutions',
      authors: 'Szegedy, Liu, Jia, Sermanet, Reed, Anguelov, Erhan, Vanhoucke, Rabinovich',
      year: 2015,
      url: 'https://arxiv.org/abs/1409.4842',
    },
    input: [3, 224, 224],
    knobs: [],
    reference: tv(6_624_904, 1_498_376_192, '1.498'),
    notes: [
      'torchvision adds batch norm to every conv and drops the two auxiliary classifiers when loading its weights.',
      'The "5×5" branch uses a 3×3 kernel, a known torchvision quirk kept so its weights load; the paper’s network ' +
        'has 5×5 kernels there.',
    ],
    layers: googlenetLayers,
  }),
  definePreset({
    name: 'inception_v3',
    family: 'Inception',
    code: tvCode('inception'),
    title: 'Inception v3 (with its auxiliary classifier)',
    paper: {
      title: 'Rethinking the Inception Architecture for Computer Vision',
      authors: 'Szegedy, Vanhoucke, Ioffe, Shlens, Wojna',
      year: 2016,
      url: 'https://arxiv.org/abs/1512.00567',
    },
    input: [3, 299, 299],
    knobs: [],
    reference: tv(
      27_161_264,
      5_713_216_096,
      '5.713',
      'num_params includes the AuxLogits head (3,326,696 parameters); _ops is counted in eval mode, where the head ' +
        'does not run, so its MACs are not in it.',
    ),
    layers: inceptionV3Layers,
  }),
];
