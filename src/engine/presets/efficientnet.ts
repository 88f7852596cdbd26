/**
 * EfficientNet B0–B7 (torchvision/models/efficientnet.py): one B0 definition scaled by the
 * compound coefficients of each variant — channels `_make_divisible(c·width, 8)`, blocks per
 * stage ceil(n·depth), input resolution. MBConv = 1×1 expand, k×k depthwise, squeeze-excite
 * (squeeze to max(1, Cin/4), SiLU, sigmoid gate), 1×1 projection; SiLU everywhere.
 */
import type { LayerSpec } from '../format/model';
import {
  cna,
  dropout,
  flatten,
  gap,
  indexedRuns,
  linear,
  makeDivisible,
  named,
  residual,
  seq,
  seqOf,
  definePreset,
  tv,
  tvCode,
  resolutionKnob,
} from './build';
import { squeezeExcite } from './mobilenet_v3';
import type { Preset } from './types';

type Layers = LayerSpec[];

/** MBConvConfig rows of B0: expansion, kernel, stride, input, output, layers. */
const B0: readonly (readonly [number, number, number, number, number, number])[] = [
  [1, 3, 1, 32, 16, 1],
  [6, 3, 2, 16, 24, 2],
  [6, 5, 2, 24, 40, 2],
  [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3],
  [6, 5, 2, 112, 192, 4],
  [6, 3, 1, 192, 320, 1],
];

/** torchvision's (width_mult, depth_mult, resolution) per variant (the official TF values). */
export const EFFICIENTNET_SCALING: readonly (readonly [number, number, number])[] = [
  [1.0, 1.0, 224],
  [1.0, 1.1, 240],
  [1.1, 1.2, 288],
  [1.2, 1.4, 300],
  [1.4, 1.8, 380],
  [1.6, 2.2, 456],
  [1.8, 2.6, 528],
  [2.0, 3.1, 600],
];

/**
 * MBConv; with a prefix its layers carry torchvision's names (`features.2.0.block.0.0` …; the
 * squeeze-excite is `block.k.fc1` …). Not rows: the residual add and the StochasticDepth module
 * (`….stochastic_depth`, the identity at inference, so it is left out; its name has no row).
 */
export function mbconv(cin: number, out: number, k: number, s: number, t: number, p?: string): Layers {
  const exp = makeDivisible(cin * t);
  const head: Layers[] = [...(exp !== cin ? [cna(exp, 1, {}, 'silu')] : []), cna(exp, k, { s, g: exp }, 'silu')];
  // The squeeze-excite is child `block.<n>` and names its own layers (its scale row stays unnamed).
  const q = p && `${p}.block`;
  const se = squeezeExcite(exp, Math.max(1, Math.floor(cin / 4)), 'silu', 'sigmoid', q && `${q}.${head.length}`);
  const project = cna(out, 1, {}, null);
  const body = [...seqOf(q, head), se, ...(q ? seq(`${q}.${head.length + 1}`, project) : project)];
  return s === 1 && cin === out ? [residual(body)] : body;
}

export function efficientnetLayers(width: number, depth: number): Layers {
  const ch = (c: number) => makeDivisible(c * width);
  const layers: Layers = seq('features.0', cna(ch(32), 3, { s: 2 }, 'silu'));
  B0.forEach(([t, k, s, i, o, n], stage) => {
    const reps = Math.ceil(n * depth);
    const units = Array.from(
      { length: reps },
      (_, j) => (tok: string) =>
        mbconv(j === 0 ? ch(i) : ch(o), ch(o), k, j === 0 ? s : 1, t, `features.${stage + 1}.${tok}`),
    );
    layers.push(...indexedRuns(units));
  });
  return [
    ...layers,
    ...seq('features.8', cna(4 * ch(320), 1, {}, 'silu')),
    named('avgpool', gap()),
    flatten(), // torch.flatten: no module, unnamed
    ...seq('classifier', [dropout(), linear(1000)]),
  ];
}

const REFS: readonly ReturnType<typeof tv>[] = [
  tv(5_288_548, 385_814_752, '0.386'),
  tv(7_794_184, 686_802_832, '0.687'),
  tv(9_109_994, 1_087_529_456, '1.088'),
  tv(12_233_232, 1_827_141_392, '1.827'),
  tv(19_341_616, 4_393_771_024, '4.394'),
  tv(30_389_784, 10_266_384_752, '10.266'),
  tv(43_040_704, 19_067_593_536, '19.068'),
  tv(66_347_960, 37_745_884_192, '37.746'),
];

const efficientnet = (b: number): Preset =>
  definePreset({
    name: `efficientnet_b${b}`,
    family: 'EfficientNet',
    code: tvCode('efficientnet'),
    title: `EfficientNet-B${b}`,
    paper: {
      title: 'EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks',
      authors: 'Tan, Le',
      year: 2019,
      url: 'https://arxiv.org/abs/1905.11946',
    },
    input: [3, EFFICIENTNET_SCALING[b][2], EFFICIENTNET_SCALING[b][2]],
    knobs: [
      {
        name: 'variant',
        label: 'Compound scaling (B0–B7)',
        default: b,
        options: [0, 1, 2, 3, 4, 5, 6, 7],
        help: 'Width and depth multipliers of variant Bn (resolution is its own knob)',
      },
      resolutionKnob(EFFICIENTNET_SCALING[b][2]),
    ],
    reference: REFS[b],
    notes:
      b === 0
        ? []
        : [
            `Defined at ${EFFICIENTNET_SCALING[b][2]}×${EFFICIENTNET_SCALING[b][2]}: width ×${EFFICIENTNET_SCALING[b][0]}, ` +
              `depth ×${EFFICIENTNET_SCALING[b][1]} of B0.`,
          ],
    layers: (k) => efficientnetLayers(EFFICIENTNET_SCALING[k.variant][0], EFFICIENTNET_SCALING[k.variant][1]),
  });

export const EFFICIENTNET_PRESETS: readonly Preset[] = [0, 1, 2, 3, 4, 5, 6, 7].map(efficientnet);
