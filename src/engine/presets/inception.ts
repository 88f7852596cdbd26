/**
 * GoogLeNet (Inception v1) and Inception v3 as torchvision builds them
 * (torchvision/models/googlenet.py, inception.py). Every conv is BasicConv2d: conv without
 * bias, BatchNorm (eps 0.001), ReLU. Inception modules are concat blocks of branches.
 */
import type { LayerSpec } from '../format/model';
import { avgpool, bn, concat, conv, dropout, flatten, fn, gap, linear, maxpool, named, relu } from './build';
import { definePreset, tv, tvCode } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];
type K = number | readonly [number, number];

/**
 * BasicConv2d `n`: conv (no bias) → BN → F.relu (its forward calls F.relu, no nn.ReLU: that row is
 * unnamed); padding 0 unless given. Names are torchvision's (`${n}.conv`, `${n}.bn`).
 */
const bc = (n: string, out: number, k: K, o: { s?: number; p?: number | readonly [number, number] } = {}) => [
  named(`${n}.conv`, conv(out, k, { s: o.s, p: o.p ?? 0 })),
  named(`${n}.bn`, bn()),
  fn(relu()),
];

// ——— GoogLeNet ———

/** Inception module `n` (ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj); torch.cat is unnamed. */
function inceptionV1(n: string, c1: number, c3r: number, c3: number, c5r: number, c5: number, pp: number): LayerSpec {
  return concat(
    bc(`${n}.branch1`, c1, 1),
    [...bc(`${n}.branch2.0`, c3r, 1), ...bc(`${n}.branch2.1`, c3, 3, { p: 1 })],
    // torchvision: "kernel_size=3 instead of kernel_size=5 is a known bug" kept for its weights.
    [...bc(`${n}.branch3.0`, c5r, 1), ...bc(`${n}.branch3.1`, c5, 3, { p: 1 })],
    [named(`${n}.branch4.0`, maxpool(3, 1, 1, true)), ...bc(`${n}.branch4.1`, pp, 1)],
  );
}

const googlenetLayers = (): Layers => [
  ...bc('conv1', 64, 7, { s: 2, p: 3 }),
  named('maxpool1', maxpool(3, 2, 0, true)),
  ...bc('conv2', 64, 1),
  ...bc('conv3', 192, 3, { p: 1 }),
  named('maxpool2', maxpool(3, 2, 0, true)),
  inceptionV1('inception3a', 64, 96, 128, 16, 32, 32),
  inceptionV1('inception3b', 128, 128, 192, 32, 96, 64),
  named('maxpool3', maxpool(3, 2, 0, true)),
  inceptionV1('inception4a', 192, 96, 208, 16, 48, 64),
  inceptionV1('inception4b', 160, 112, 224, 24, 64, 64),
  inceptionV1('inception4c', 128, 128, 256, 24, 64, 64),
  inceptionV1('inception4d', 112, 144, 288, 32, 64, 64),
  inceptionV1('inception4e', 256, 160, 320, 32, 128, 128),
  named('maxpool4', maxpool(2, 2, 0, true)),
  inceptionV1('inception5a', 256, 160, 320, 32, 128, 128),
  inceptionV1('inception5b', 384, 192, 384, 48, 128, 128),
  ...namedHead(true),
];

/**
 * avgpool, dropout, torch.flatten (no module: unnamed), fc with torchvision's names; GoogLeNet
 * flattens before its dropout, Inception v3 after.
 */
const namedHead = (flattenFirst: boolean): Layers => {
  const drop = named('dropout', dropout());
  return [
    named('avgpool', gap()),
    ...(flattenFirst ? [flatten(), drop] : [drop, flatten()]),
    named('fc', linear(1000)),
  ];
};

// ——— Inception v3 ———

// Inception A, C and E pool with F.avg_pool2d(x, 3, 1, 1); B and D with F.max_pool2d(x, 3, 2): no modules, unnamed.
const poolBranch = (n: string, out: number) => [fn(avgpool(3, 1, 1)), ...bc(`${n}.branch_pool`, out, 1)];

const inceptionA = (n: string, pool: number) =>
  concat(
    bc(`${n}.branch1x1`, 64, 1),
    [...bc(`${n}.branch5x5_1`, 48, 1), ...bc(`${n}.branch5x5_2`, 64, 5, { p: 2 })],
    [
      ...bc(`${n}.branch3x3dbl_1`, 64, 1),
      ...bc(`${n}.branch3x3dbl_2`, 96, 3, { p: 1 }),
      ...bc(`${n}.branch3x3dbl_3`, 96, 3, { p: 1 }),
    ],
    poolBranch(n, pool),
  );

const inceptionB = (n: string) =>
  concat(
    bc(`${n}.branch3x3`, 384, 3, { s: 2 }),
    [
      ...bc(`${n}.branch3x3dbl_1`, 64, 1),
      ...bc(`${n}.branch3x3dbl_2`, 96, 3, { p: 1 }),
      ...bc(`${n}.branch3x3dbl_3`, 96, 3, { s: 2 }),
    ],
    [fn(maxpool(3, 2))],
  );

function inceptionC(n: string, c7: number) {
  const row = (m: string, out: number) => bc(`${n}.${m}`, out, [1, 7], { p: [0, 3] });
  const col = (m: string, out: number) => bc(`${n}.${m}`, out, [7, 1], { p: [3, 0] });
  return concat(
    bc(`${n}.branch1x1`, 192, 1),
    [...bc(`${n}.branch7x7_1`, c7, 1), ...row('branch7x7_2', c7), ...col('branch7x7_3', 192)],
    [
      ...bc(`${n}.branch7x7dbl_1`, c7, 1),
      ...col('branch7x7dbl_2', c7),
      ...row('branch7x7dbl_3', c7),
      ...col('branch7x7dbl_4', c7),
      ...row('branch7x7dbl_5', 192),
    ],
    poolBranch(n, 192),
  );
}

const inceptionD = (n: string) =>
  concat(
    [...bc(`${n}.branch3x3_1`, 192, 1), ...bc(`${n}.branch3x3_2`, 320, 3, { s: 2 })],
    [
      ...bc(`${n}.branch7x7x3_1`, 192, 1),
      ...bc(`${n}.branch7x7x3_2`, 192, [1, 7], { p: [0, 3] }),
      ...bc(`${n}.branch7x7x3_3`, 192, [7, 1], { p: [3, 0] }),
      ...bc(`${n}.branch7x7x3_4`, 192, 3, { s: 2 }),
    ],
    [fn(maxpool(3, 2))],
  );

/** 1×3 and 3×1 side by side, concatenated (InceptionE's split branches `${b}a`, `${b}b`). */
const split = (b: string) => concat(bc(`${b}a`, 384, [1, 3], { p: [0, 1] }), bc(`${b}b`, 384, [3, 1], { p: [1, 0] }));

const inceptionE = (n: string) =>
  concat(
    bc(`${n}.branch1x1`, 320, 1),
    [...bc(`${n}.branch3x3_1`, 384, 1), split(`${n}.branch3x3_2`)],
    [
      ...bc(`${n}.branch3x3dbl_1`, 448, 1),
      ...bc(`${n}.branch3x3dbl_2`, 384, 3, { p: 1 }),
      split(`${n}.branch3x3dbl_3`),
    ],
    poolBranch(n, 192),
  );

/**
 * InceptionAux: its weights are part of the model (torchvision builds it with the pretrained
 * weights, so `num_params` counts them) but forward() runs it only in training mode, so the
 * eval-mode `_ops` leaves it out. An `aux` block models exactly that.
 */
const auxLogits = (): LayerSpec => ({
  type: 'aux',
  name: 'AuxLogits',
  body: [
    fn(avgpool(5, 3)),
    ...bc('AuxLogits.conv0', 128, 1),
    ...bc('AuxLogits.conv1', 768, 5),
    fn(gap()),
    flatten(),
    named('AuxLogits.fc', linear(1000)),
  ],
});

const inceptionV3Layers = (): Layers => [
  ...bc('Conv2d_1a_3x3', 32, 3, { s: 2 }),
  ...bc('Conv2d_2a_3x3', 32, 3),
  ...bc('Conv2d_2b_3x3', 64, 3, { p: 1 }),
  named('maxpool1', maxpool(3, 2)),
  ...bc('Conv2d_3b_1x1', 80, 1),
  ...bc('Conv2d_4a_3x3', 192, 3),
  named('maxpool2', maxpool(3, 2)),
  inceptionA('Mixed_5b', 32),
  inceptionA('Mixed_5c', 64),
  inceptionA('Mixed_5d', 64),
  inceptionB('Mixed_6a'),
  inceptionC('Mixed_6b', 128),
  inceptionC('Mixed_6c', 160),
  inceptionC('Mixed_6d', 160),
  inceptionC('Mixed_6e', 192),
  auxLogits(),
  inceptionD('Mixed_7a'),
  inceptionE('Mixed_7b'),
  inceptionE('Mixed_7c'),
  ...namedHead(false),
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
