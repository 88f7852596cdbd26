/**
 * U-Net as milesial/Pytorch-UNet writes it (unet/unet_model.py and unet/unet_parts.py at
 * 21d7850f2af30a9695bbeea75f3136aa538cfc4a; UNet(n_channels=3, n_classes=2, bilinear=False), the
 * defaults of its train.py and hubconf.py): padded 3×3 convs with BatchNorm (so the output has
 * the input's size, unlike the paper's unpadded convs and crops), max-pool down, ConvTranspose2d
 * up, F.pad of the upsampled map to the skip's size, and cat([skip, up]).
 */
import type { LayerSpec } from '../format/model';
import { cna, conv, maxpool, definePreset, resolutionKnob } from './build';
import { named, takes } from './seg-parts';
import type { Preset } from './types';

type Layers = LayerSpec[];

/** DoubleConv: (3×3 conv without bias, BN, ReLU) twice. */
const doubleConv = (out: number): Layers => [...cna(out, 3), ...cna(out, 3)];

/**
 * Up(in, out): ConvTranspose2d(in, in/2, 2, stride 2) on the deeper map, F.pad by the size
 * difference to the skip (half before, the rest after; zeros when the sizes already agree, but
 * the call is made), torch.cat([skip, up], dim=1), DoubleConv.
 */
function up(cin: number, out: number, deep: string, deepSide: number, skip: string, skipSide: number, id: string) {
  const diff = skipSide - 2 * deepSide;
  const half = Math.floor(diff / 2);
  return [
    ...named(takes(deep, [{ type: 'convtranspose2d', out: cin / 2, kernel: 2, stride: 2 }]), `${id}_up`),
    { type: 'pad', pad: [half, diff - half, half, diff - half], id: `${id}_pad` },
    { type: 'cat', dim: 1, from: [skip, `${id}_pad`] },
    ...named(doubleConv(out), id),
  ] as Layers;
}

function unetLayers(classes: number, n: number): Layers {
  const sides = [n];
  for (let i = 1; i <= 4; i++) sides.push(Math.floor(sides[i - 1] / 2));
  const downs = [128, 256, 512, 1024].flatMap((c, i) => named([maxpool(2), ...doubleConv(c)], `x${i + 2}`));
  return [
    ...named(doubleConv(64), 'x1'),
    ...downs,
    ...up(1024, 512, 'x5', sides[4], 'x4', sides[3], 'u1'),
    ...up(512, 256, 'u1', sides[3], 'x3', sides[2], 'u2'),
    ...up(256, 128, 'u2', sides[2], 'x2', sides[1], 'u3'),
    ...up(128, 64, 'u3', sides[1], 'x1', sides[0], 'u4'),
    conv(classes, 1, { bias: true }),
  ];
}

export const UNET_PRESETS: readonly Preset[] = [
  definePreset({
    name: 'unet',
    family: 'U-Net',
    task: 'segmentation',
    code: {
      repo: 'milesial/Pytorch-UNet',
      commit: '21d7850f2af30a9695bbeea75f3136aa538cfc4a',
      path: 'unet/unet_model.py',
    },
    title: 'U-Net (milesial/Pytorch-UNet)',
    paper: {
      title: 'U-Net: Convolutional Networks for Biomedical Image Segmentation',
      authors: 'Ronneberger, Fischer, Brox',
      year: 2015,
      url: 'https://arxiv.org/abs/1505.04597',
    },
    input: [3, 572, 572],
    knobs: [
      {
        name: 'classes',
        label: 'Classes',
        default: 2,
        min: 1,
        max: 1000,
        step: 1,
        help: 'n_classes: output channels of the last 1×1 conv (2: the repository’s default, Carvana car / background)',
      },
      resolutionKnob(572, 16, 2048),
    ],
    notes: [
      'No torchvision weights: the reference numbers are the real tools run on the repository’s own UNet ' +
        '(tests/fixtures/torchvision-tools.jsonl, scripts/fixtures/seg_det_tool_fixtures.py), 31,037,698 parameters.',
      'Written from milesial/Pytorch-UNet, the widely used PyTorch U-Net: padded convs with BatchNorm and a transposed-conv ' +
        'upsampling, not the paper’s unpadded convs and crops; at 572×572 (the paper’s tile) the maps are 286, 143, 71 and 35, ' +
        'so the upsampled 70 and 142 are padded by F.pad to 71 and 143.',
    ],
    layers: (k) => unetLayers(k.classes, k.resolution),
  }),
];
