/**
 * RegNetX / RegNetY (torchvision/models/regnet.py). Stage widths and depths come from the
 * paper's quantised linear rule (BlockParams.from_init_params), computed here in float32 as
 * torch does; blocks are ResBottleneckBlocks (1×1, grouped 3×3, [SE], 1×1, bottleneck ratio 1).
 */
import type { LayerSpec } from '../format/model';
import { cna, conv, bn, head, makeDivisible, relu, residual, stage, definePreset, tv, resolutionKnob } from './build';
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

function block(cin: number, out: number, stride: number, groupWidth: number, seRatio?: number): Layers {
  const proj = cin !== out || stride !== 1 ? [conv(out, 1, { s: stride, p: 0 }), bn()] : [];
  const se: LayerSpec[] = seRatio
    ? [
        {
          type: 'scale',
          body: [
            { type: 'adaptiveavgpool2d' },
            conv(roundHalfEven(seRatio * cin), 1, { bias: true }),
            relu(),
            conv(out, 1, { bias: true }),
            { type: 'sigmoid' },
          ],
        },
      ]
    : [];
  const body = [...cna(out, 1), ...cna(out, 3, { s: stride, g: out / groupWidth }), ...se, ...cna(out, 1, {}, null)];
  return [residual(body, proj), relu()];
}

export function regnetLayers(p: RegNetParams): Layers {
  const layers: Layers = cna(32, 3, { s: 2 });
  let cin = 32;
  for (const s of regnetStages(p)) {
    layers.push(
      ...stage(
        s.depth,
        block(cin, s.width, 2, s.groupWidth, p.seRatio),
        block(s.width, s.width, 1, s.groupWidth, p.seRatio),
      ),
    );
    cin = s.width;
  }
  return [...layers, ...head()];
}

const PAPER = {
  title: 'Designing Network Design Spaces',
  authors: 'Radosavovic, Kosaraju, Girshick, He, Dollár',
  year: 2020,
  url: 'https://arxiv.org/abs/2003.13678',
};

const regnet = (name: string, title: string, p: RegNetParams, ref: ReturnType<typeof tv>): Preset =>
  definePreset({
    name,
    family: 'RegNet',
    title,
    paper: PAPER,
    input: [3, 224, 224],
    knobs: [resolutionKnob(224)],
    reference: ref,
    notes: [
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
];
