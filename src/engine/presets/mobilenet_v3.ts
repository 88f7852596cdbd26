/**
 * MobileNet v3 Large and Small (torchvision/models/mobilenetv3.py) and MNASNet
 * (torchvision/models/mnasnet.py; torchvision's is the B1 variant, without squeeze-excite).
 */
import type { LayerSpec } from '../format/model';
import {
  act,
  cna,
  conv,
  dropout,
  flatten,
  gap,
  linear,
  indexedRuns,
  makeDivisible,
  named,
  residual,
  seq,
  scale,
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

// ——— MobileNet v3 ———

/** bneck rows: input, kernel, expanded, output, squeeze-excite, hard-swish, stride (torchvision). */
export type Bneck = readonly [number, number, number, number, boolean, boolean, number];

export const LARGE: readonly Bneck[] = [
  [16, 3, 16, 16, false, false, 1],
  [16, 3, 64, 24, false, false, 2],
  [24, 3, 72, 24, false, false, 1],
  [24, 5, 72, 40, true, false, 2],
  [40, 5, 120, 40, true, false, 1],
  [40, 5, 120, 40, true, false, 1],
  [40, 3, 240, 80, false, true, 2],
  [80, 3, 200, 80, false, true, 1],
  [80, 3, 184, 80, false, true, 1],
  [80, 3, 184, 80, false, true, 1],
  [80, 3, 480, 112, true, true, 1],
  [112, 3, 672, 112, true, true, 1],
  [112, 5, 672, 160, true, true, 2],
  [160, 5, 960, 160, true, true, 1],
  [160, 5, 960, 160, true, true, 1],
];

const SMALL: readonly Bneck[] = [
  [16, 3, 16, 16, true, false, 2],
  [16, 3, 72, 24, false, false, 2],
  [24, 3, 88, 24, false, false, 1],
  [24, 5, 96, 40, true, true, 2],
  [40, 5, 240, 40, true, true, 1],
  [40, 5, 240, 40, true, true, 1],
  [40, 5, 120, 48, true, true, 1],
  [48, 5, 144, 48, true, true, 1],
  [48, 5, 288, 96, true, true, 2],
  [96, 5, 576, 96, true, true, 1],
  [96, 5, 576, 96, true, true, 1],
];

/**
 * torchvision SqueezeExcitation: pool, 1×1 conv (bias), activation, 1×1 conv (bias), gate; x · gate.
 * With a prefix, its modules' names (`….avgpool`, `.fc1`, `.activation`, `.fc2`, `.scale_activation`);
 * the product `scale * input` is no module: the scale block's row stays unnamed.
 */
export function squeezeExcite(
  channels: number,
  squeeze: number,
  inner = 'relu',
  gate = 'hardsigmoid',
  p?: string,
): LayerSpec {
  const body = [gap(), conv(squeeze, 1, { bias: true }), act(inner), conv(channels, 1, { bias: true }), act(gate)];
  if (p === undefined) return scale(body);
  const names = ['avgpool', 'fc1', 'activation', 'fc2', 'scale_activation'];
  return scale(body.map((l, i) => named(`${p}.${names[i]}`, l)));
}

/**
 * One bneck row: InvertedResidual `${p}.block.k` (torchvision names), residual when shapes match (no
 * module). Without `p` the rows stay unnamed (the segmentation and SSD backbones). Dilation d > 1
 * (torchvision's dilated=True tail) puts d on the depthwise conv and makes its stride 1; the residual
 * still follows the row's stride (use_res_connect).
 */
export function bneck(row: Bneck, alpha: number, p?: string, d = 1): Layers {
  const [i, k, e, o, se, hs, s] = row;
  const [cin, exp, out] = [i, e, o].map((c) => makeDivisible(c * alpha));
  const a = hs ? 'hardswish' : 'relu';
  const parts: Layers[] = [
    ...(exp !== cin ? [cna(exp, 1, {}, a)] : []),
    cna(exp, k, { s: d > 1 ? 1 : s, g: exp, d }, a),
    ...(se
      ? [[squeezeExcite(exp, makeDivisible(Math.floor(exp / 4)), 'relu', 'hardsigmoid', p && `${p}.block.SE`)]]
      : []),
    cna(out, 1, {}, null),
  ];
  // The squeeze-excite module is one child (`block.2`) whose layers are named inside it.
  const body =
    p === undefined
      ? parts.flat()
      : parts.flatMap((part, j) =>
          part.length === 1 && part[0].type === 'scale'
            ? [renameSE(part[0], `${p}.block.SE`, `${p}.block.${j}`)]
            : seq(`${p}.block.${j}`, part),
        );
  return s === 1 && cin === out ? [residual(body)] : body;
}

/** The squeeze-excite block with its placeholder prefix replaced by its index in the Sequential. */
const renameSE = (se: LayerSpec, from: string, to: string): LayerSpec => ({
  ...se,
  body: (se.body as LayerSpec[]).map((l) => named((l.name as string).replace(from, to), l)),
});

function mobilenetV3Layers(rows: readonly Bneck[], lastChannel: number, alpha: number): Layers {
  const lastIn = makeDivisible(rows[rows.length - 1][3] * alpha);
  const units = rows.map((r) => (tok: string) => bneck(r, alpha, `features.${tok}`));
  return [
    ...seq('features.0', cna(makeDivisible(16 * alpha), 3, { s: 2 }, 'hardswish')),
    ...indexedRuns(units, 1),
    ...seq(`features.${rows.length + 1}`, cna(6 * lastIn, 1, {}, 'hardswish')),
    named('avgpool', gap()),
    flatten(), // torch.flatten: no module, unnamed
    ...seq('classifier', [linear(makeDivisible(lastChannel * alpha)), act('hardswish'), dropout(), linear(1000)]),
  ];
}

export const V3_PAPER = {
  title: 'Searching for MobileNetV3',
  authors: 'Howard, Sandler, Chu, Chen, Chen, Tan, Wang, Zhu, Pang, Vasudevan, Le, Adam',
  year: 2019,
  url: 'https://arxiv.org/abs/1905.02244',
};

const v3 = (size: 'large' | 'small'): Preset =>
  definePreset({
    name: `mobilenet_v3_${size}`,
    family: 'MobileNet',
    code: tvCode('mobilenetv3'),
    title: `MobileNet v3 ${size === 'large' ? 'Large' : 'Small'}`,
    paper: V3_PAPER,
    input: [3, 224, 224],
    knobs: [
      widthKnob('Width multiplier α: every channel count becomes _make_divisible(α·c, 8) (torchvision width_mult)'),
      resolutionKnob(224),
    ],
    reference: size === 'large' ? tv(5_483_032, 216_589_760, '0.217') : tv(2_542_856, 56_510_400, '0.057'),
    notes: [
      size === 'large'
        ? 'TF-slim (mobilenet/README.md) lists 217 M MACs and 5.4 M parameters for Large 1.0 (1001 classes).'
        : 'TF-slim (mobilenet/README.md) lists 66 M MACs and 2.9 M parameters for its Small 1.0 checkpoint, well ' +
          'above torchvision’s 56,510,400 and 2,542,856; the TF-slim figure is not reconciled here.',
    ],
    layers: (k) => mobilenetV3Layers(size === 'large' ? LARGE : SMALL, size === 'large' ? 1280 : 1024, k.width),
  });

// ——— MNASNet ———

/** _InvertedResidual `p`: 1×1 expand, k×k depthwise, 1×1 linear projection (`${p}.layers.0` … `.7`); residual when shapes match (no module). */
function mnasBlock(p: string, cin: number, out: number, k: number, s: number, t: number): Layers {
  const mid = cin * t;
  const body = seq(`${p}.layers`, [...cna(mid, 1), ...cna(mid, k, { s, g: mid }), ...cna(out, 1, {}, null)]);
  return cin === out && s === 1 ? [residual(body)] : body;
}

/** _stack rows: kernel, first stride, expansion, repeats (torchvision mnasnet.py). */
const MNAS_STACKS: readonly (readonly [number, number, number, number])[] = [
  [3, 2, 3, 3],
  [5, 2, 3, 3],
  [5, 2, 6, 3],
  [3, 1, 6, 2],
  [5, 2, 6, 4],
  [3, 1, 6, 1],
];

/** _get_depths: _round_to_multiple_of(d·α, 8) (same rule as _make_divisible). */
const mnasDepths = (alpha: number) => [32, 16, 24, 40, 80, 96, 192, 320].map((d) => makeDivisible(d * alpha));

/** torchvision's names: `layers.0` … `layers.7` (stem), `layers.8` … `layers.13` (stacks), `layers.14` … `.16`, classifier. */
function mnasnetLayers(alpha: number): Layers {
  const d = mnasDepths(alpha);
  const layers: Layers = seq('layers', [
    ...cna(d[0], 3, { s: 2 }),
    ...cna(d[0], 3, { g: d[0] }),
    ...cna(d[1], 1, {}, null),
  ]);
  MNAS_STACKS.forEach(([k, s, t, n], i) => {
    const units = Array.from(
      { length: n },
      (_, j) => (tok: string) =>
        mnasBlock(`layers.${i + 8}.${tok}`, j === 0 ? d[i + 1] : d[i + 2], d[i + 2], k, j === 0 ? s : 1, t),
    );
    layers.push(...indexedRuns(units));
  });
  // mnasnet.py forward: x.mean([2, 3]) (no module: unnamed), then the classifier (Dropout, Linear).
  const tail = cna(1280, 1).map((l, i) => named(`layers.${14 + i}`, l));
  return [...layers, ...tail, { type: 'mean', dims: [2, 3] }, ...seq('classifier', [dropout(), linear(1000)])];
}

const MNAS_REFS: Record<string, ReturnType<typeof tv>> = {
  '0.5': tv(2_218_512, 104_455_968, '0.104'),
  '0.75': tv(3_170_208, 215_493_104, '0.215'),
  '1': tv(4_383_312, 314_415_872, '0.314'),
  '1.3': tv(6_282_256, 526_362_432, '0.526'),
};

const mnas = (alpha: number): Preset =>
  definePreset({
    name: `mnasnet${String(alpha).replace('.', '_')}${Number.isInteger(alpha) ? '_0' : ''}`,
    family: 'MNASNet',
    code: tvCode('mnasnet'),
    title: `MNASNet ${alpha.toFixed(alpha === 0.75 ? 2 : 1)} (B1)`,
    paper: {
      title: 'MnasNet: Platform-Aware Neural Architecture Search for Mobile',
      authors: 'Tan, Chen, Pang, Vasudevan, Sandler, Howard, Le',
      year: 2019,
      url: 'https://arxiv.org/abs/1807.11626',
    },
    input: [3, 224, 224],
    knobs: [
      {
        ...widthKnob('Depth multiplier α: channels _round_to_multiple_of(α·c, 8); the last conv keeps 1280'),
        default: alpha,
      },
      resolutionKnob(224),
    ],
    reference: MNAS_REFS[String(alpha)],
    notes: ['torchvision’s MNASNet is the B1 search result without squeeze-excite, not the paper’s MnasNet-A1.'],
    layers: (k) => mnasnetLayers(k.width),
  });

export const MOBILENET_V3_PRESETS: readonly Preset[] = [v3('large'), v3('small')];
export const MNASNET_PRESETS: readonly Preset[] = [0.5, 0.75, 1, 1.3].map(mnas);
