/**
 * RegNetX / RegNetY (torchvision/models/regnet.py). Stage widths and depths come from the
 * paper's quantised linear rule (BlockParams.from_init_params), computed here in float32 as
 * torch does; blocks are ResBottleneckBlocks (1×1, grouped 3×3, [SE], 1×1, bottleneck ratio 1).
 */
import type { LayerSpec } from '../format/model';
import { bn, cna, conv, flatten, gap, linear, makeDivisible, indexedRuns, named, relu, residual, seq } from './build';
import { definePreset, tv, tvCode, resolutionKnob } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];
const f32 = Math.fround;

/** Python's round(): halves to even (torch.round does the same). */
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

export interface RegNetParams {
  depth: number;
  w0: number;
  wa: number;
  wm: number;
  groupWidth: number;
  seRatio?: number;
}

/** Per-stage (width, depth, group width) from the design-space parameters (from_init_params). */
export function regnetStages(p: RegNetParams): { width: number; depth: number; groupWidth: number }[] {
  const widths: number[] = [];
  for (let i = 0; i < p.depth; i++) {
    const cont = f32(f32(i * f32(p.wa)) + p.w0);
    const capacity = roundHalfEven(f32(f32(Math.log(f32(cont / p.w0))) / Math.log(p.wm)));
    widths.push(roundHalfEven(f32(f32(p.w0 * f32(Math.pow(p.wm, capacity))) / 8)) * 8);
  }
  const stages: { width: number; depth: number; groupWidth: number }[] = [];
  for (const w of widths) {
    const last = stages[stages.length - 1];
    if (last && last.width === w) last.depth++;
    else stages.push({ width: w, depth: 1, groupWidth: p.groupWidth });
  }
  // _adjust_widths_groups_compatibilty with bottleneck ratio 1: group width ≤ width, width a multiple of it.
  for (const s of stages) {
    s.groupWidth = Math.min(s.groupWidth, s.width);
    s.width = makeDivisible(s.width, s.groupWidth);
  }
  return stages;
}

/**
 * ResBottleneckBlock `p` with torchvision's names (`${p}.proj.0`, `${p}.f.a.0` …, `${p}.f.se.fc1` …,
 * `${p}.activation`); the residual add and SE's `scale * input` are no modules: those rows stay unnamed.
 */
function block(p: string, cin: number, out: number, stride: number, groupWidth: number, seRatio?: number): Layers {
  const proj = cin !== out || stride !== 1 ? seq(`${p}.proj`, [conv(out, 1, { s: stride, p: 0 }), bn()]) : [];
  const se: LayerSpec[] = seRatio
    ? [
        {
          type: 'scale',
          body: [
            named(`${p}.f.se.avgpool`, { type: 'adaptiveavgpool2d' }),
            named(`${p}.f.se.fc1`, conv(roundHalfEven(seRatio * cin), 1, { bias: true })),
            named(`${p}.f.se.activation`, relu()),
            named(`${p}.f.se.fc2`, conv(out, 1, { bias: true })),
            named(`${p}.f.se.scale_activation`, { type: 'sigmoid' }),
          ],
        },
      ]
    : [];
  const body = [
    ...seq(`${p}.f.a`, cna(out, 1)),
    ...seq(`${p}.f.b`, cna(out, 3, { s: stride, g: out / groupWidth })),
    ...se,
    ...seq(`${p}.f.c`, cna(out, 1, {}, null)),
  ];
  return [residual(body, proj), named(`${p}.activation`, relu())];
}

export function regnetLayers(p: RegNetParams): Layers {
  const layers: Layers = seq('stem', cna(32, 3, { s: 2 }));
  let cin = 32;
  regnetStages(p).forEach((s, i) => {
    const b = `trunk_output.block${i + 1}.block${i + 1}`;
    const units = Array.from(
      { length: s.depth },
      (_, j) => (t: string) =>
        j === 0
          ? block(`${b}-${t}`, cin, s.width, 2, s.groupWidth, p.seRatio)
          : block(`${b}-${t}`, s.width, s.width, 1, s.groupWidth, p.seRatio),
    );
    layers.push(...indexedRuns(units));
    cin = s.width;
  });
  // torch.flatten: no module, unnamed.
  return [...layers, named('avgpool', gap()), flatten(), named('fc', linear(1000))];
}

const PAPER = {
  title: 'Designing Network Design Spaces',
  authors: 'Radosavovic, Kosaraju, Girshick, He, Dollár',
  year: 2020,
  url: 'https://arxiv.org/abs/2003.13678',
};

const regnet = (
  name: string,
  title: string,
  p: RegNetParams,
  ref: ReturnType<typeof tv>,
  extraNotes: readonly string[] = [],
): Preset =>
  definePreset({
    name,
    family: 'RegNet',
    code: tvCode('regnet'),
    title,
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: ref,
    notes: [
      ...extraNotes,
      `Design-space parameters (torchvision builder): depth ${p.depth}, w0 ${p.w0}, wa ${p.wa}, wm ${p.wm}, ` +
        `group width ${p.groupWidth}${p.seRatio ? `, SE ratio ${p.seRatio}` : ''}.`,
    ],
    layers: () => regnetLayers(p),
  });

export const REGNET_PRESETS: readonly Preset[] = [
  regnet(
    'regnet_x_400mf',
    'RegNetX-400MF',
    { depth: 22, w0: 24, wa: 24.48, wm: 2.54, groupWidth: 16 },
    tv(5_495_976, 413_812_608, '0.414'),
  ),
  regnet(
    'regnet_y_400mf',
    'RegNetY-400MF',
    { depth: 16, w0: 48, wa: 27.89, wm: 2.09, groupWidth: 8, seRatio: 0.25 },
    tv(4_344_144, 401_842_848, '0.402'),
  ),
  regnet(
    'regnet_x_800mf',
    'RegNetX-800MF',
    { depth: 16, w0: 56, wa: 35.73, wm: 2.28, groupWidth: 16 },
    tv(7_259_656, 799_699_712, '0.800'),
  ),
  regnet(
    'regnet_y_800mf',
    'RegNetY-800MF',
    { depth: 14, w0: 56, wa: 38.84, wm: 2.4, groupWidth: 16, seRatio: 0.25 },
    tv(6_432_512, 833_856_256, '0.834'),
  ),
  regnet(
    'regnet_x_1_6gf',
    'RegNetX-1.6GF',
    { depth: 18, w0: 80, wa: 34.01, wm: 2.25, groupWidth: 24 },
    tv(9_190_136, 1_602_849_792, '1.603'),
  ),
  regnet(
    'regnet_y_1_6gf',
    'RegNetY-1.6GF',
    { depth: 27, w0: 48, wa: 20.71, wm: 2.65, groupWidth: 24, seRatio: 0.25 },
    tv(11_202_430, 1_612_076_160, '1.612'),
  ),
  regnet(
    'regnet_x_3_2gf',
    'RegNetX-3.2GF',
    { depth: 25, w0: 88, wa: 26.31, wm: 2.25, groupWidth: 48 },
    tv(15_296_552, 3_176_621_952, '3.177'),
  ),
  regnet(
    'regnet_y_3_2gf',
    'RegNetY-3.2GF',
    { depth: 21, w0: 80, wa: 42.63, wm: 2.66, groupWidth: 24, seRatio: 0.25 },
    tv(19_436_338, 3_176_482_752, '3.176'),
  ),
  regnet(
    'regnet_x_8gf',
    'RegNetX-8GF',
    { depth: 23, w0: 80, wa: 49.56, wm: 2.88, groupWidth: 120 },
    tv(39_572_648, 7_995_132_416, '7.995'),
  ),
  regnet(
    'regnet_y_8gf',
    'RegNetY-8GF',
    { depth: 17, w0: 192, wa: 76.82, wm: 2.19, groupWidth: 56, seRatio: 0.25 },
    tv(39_381_472, 8_473_070_592, '8.473'),
  ),
  regnet(
    'regnet_x_16gf',
    'RegNetX-16GF',
    { depth: 22, w0: 216, wa: 55.59, wm: 2.1, groupWidth: 128 },
    tv(54_278_536, 15_940_755_456, '15.941'),
  ),
  regnet(
    'regnet_y_16gf',
    'RegNetY-16GF',
    { depth: 18, w0: 200, wa: 106.23, wm: 2.48, groupWidth: 112, seRatio: 0.25 },
    tv(83_590_140, 15_911_510_272, '15.912'),
  ),
  regnet(
    'regnet_x_32gf',
    'RegNetX-32GF',
    { depth: 23, w0: 320, wa: 69.86, wm: 2.0, groupWidth: 168 },
    tv(107_811_560, 31_735_929_792, '31.736'),
  ),
  regnet(
    'regnet_y_32gf',
    'RegNetY-32GF',
    { depth: 20, w0: 232, wa: 115.89, wm: 2.53, groupWidth: 232, seRatio: 0.25 },
    tv(145_046_770, 32_279_552_832, '32.280'),
  ),
  regnet(
    'regnet_y_128gf',
    'RegNetY-128GF',
    { depth: 27, w0: 456, wa: 160.83, wm: 2.52, groupWidth: 264, seRatio: 0.25 },
    tv(644_812_894, 127_517_815_680, '127.518'),
    [
      'torchvision has only SWAG weights for it: IMAGENET1K_SWAG_LINEAR_V1 is defined at 224×224 (the reference ' +
        'here); the DEFAULT, IMAGENET1K_SWAG_E2E_V1, at 384×384 (_ops 374.570, resolution knob 384).',
    ],
  ),
];
