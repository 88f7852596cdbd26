/**
 * EfficientNetV2 S/M/L (torchvision/models/efficientnet.py, `_efficientnet_conf`): the early
 * stages are Fused-MBConv — one k×k conv expands (with the stride), a 1×1 conv projects, no
 * squeeze-excite; with expansion 1 a single k×k conv does both — and the later stages are the
 * MBConv of EfficientNet v1. A 1×1 conv to 1280 channels precedes the head. The stage tables are
 * the paper's Table 4 (S) and torchvision's own M/L tables; no width or depth multiplier.
 */
import type { LayerSpec } from '../format/model';
import { cna, dropout, flatten, gap, indexedRuns, linear, makeDivisible, named, residual, seq, seqOf } from './build';
import { definePreset, tv, tvCode, resolutionKnob } from './build';
import { mbconv } from './efficientnet';
import type { Preset } from './types';

type Layers = LayerSpec[];

/** Block type, expansion, kernel, stride, input, output, layers (FusedMBConvConfig / MBConvConfig). */
type Row = readonly ['fused' | 'mb', number, number, number, number, number, number];

const SETTINGS: Record<'s' | 'm' | 'l', readonly Row[]> = {
  s: [
    ['fused', 1, 3, 1, 24, 24, 2],
    ['fused', 4, 3, 2, 24, 48, 4],
    ['fused', 4, 3, 2, 48, 64, 4],
    ['mb', 4, 3, 2, 64, 128, 6],
    ['mb', 6, 3, 1, 128, 160, 9],
    ['mb', 6, 3, 2, 160, 256, 15],
  ],
  m: [
    ['fused', 1, 3, 1, 24, 24, 3],
    ['fused', 4, 3, 2, 24, 48, 5],
    ['fused', 4, 3, 2, 48, 80, 5],
    ['mb', 4, 3, 2, 80, 160, 7],
    ['mb', 6, 3, 1, 160, 176, 14],
    ['mb', 6, 3, 2, 176, 304, 18],
    ['mb', 6, 3, 1, 304, 512, 5],
  ],
  l: [
    ['fused', 1, 3, 1, 32, 32, 4],
    ['fused', 4, 3, 2, 32, 64, 7],
    ['fused', 4, 3, 2, 64, 96, 7],
    ['mb', 4, 3, 2, 96, 192, 10],
    ['mb', 6, 3, 1, 192, 224, 19],
    ['mb', 6, 3, 2, 224, 384, 25],
    ['mb', 6, 3, 1, 384, 640, 7],
  ],
};

/**
 * torchvision's FusedMBConv: the expansion and the spatial conv fused into one k×k conv; with a
 * prefix, its names (`${p}.block.0.0` …). The residual add and StochasticDepth (identity at
 * inference) have no named row.
 */
export function fusedMbconv(cin: number, out: number, k: number, s: number, t: number, p?: string): Layers {
  const exp = makeDivisible(cin * t);
  const parts = exp !== cin ? [cna(exp, k, { s }, 'silu'), cna(out, 1, {}, null)] : [cna(out, k, { s }, 'silu')];
  const body = seqOf(p && `${p}.block`, parts);
  return s === 1 && cin === out ? [residual(body)] : body;
}

/** torchvision's names: features.0 (stem), features.<stage>.<j>, the last conv, avgpool, classifier. */
export function efficientnetV2Layers(rows: readonly Row[]): Layers {
  const layers: Layers = seq('features.0', cna(rows[0][4], 3, { s: 2 }, 'silu'));
  rows.forEach(([type, t, k, s, i, o, n], stage) => {
    const unit = type === 'fused' ? fusedMbconv : mbconv;
    const units = Array.from(
      { length: n },
      (_, j) => (tok: string) => unit(j === 0 ? i : o, o, k, j === 0 ? s : 1, t, `features.${stage + 1}.${tok}`),
    );
    layers.push(...indexedRuns(units));
  });
  // torch.flatten: no module, unnamed.
  const tail = [named('avgpool', gap()), flatten(), ...seq('classifier', [dropout(), linear(1000)])];
  return [...layers, ...seq(`features.${rows.length + 1}`, cna(1280, 1, {}, 'silu')), ...tail];
}

const efficientnetV2 = (size: 's' | 'm' | 'l', side: number, ref: ReturnType<typeof tv>): Preset =>
  definePreset({
    name: `efficientnet_v2_${size}`,
    family: 'EfficientNet',
    code: tvCode('efficientnet'),
    title: `EfficientNetV2-${size.toUpperCase()}`,
    paper: {
      title: 'EfficientNetV2: Smaller Models and Faster Training',
      authors: 'Tan, Le',
      year: 2021,
      url: 'https://arxiv.org/abs/2104.00298',
    },
    input: [3, side, side],
    knobs: [resolutionKnob(side)],
    reference: ref,
    notes: [
      `Defined at ${side}×${side} (torchvision's IMAGENET1K_V1 crop). Fused-MBConv in the first ` +
        `${SETTINGS[size].filter((r) => r[0] === 'fused').length} stages, MBConv with squeeze-excite after.`,
    ],
    layers: () => efficientnetV2Layers(SETTINGS[size]),
  });

export const EFFICIENTNET_V2_PRESETS: readonly Preset[] = [
  efficientnetV2('s', 384, tv(21_458_488, 8_365_617_152, '8.366')),
  efficientnetV2('m', 480, tv(54_139_356, 24_582_460_384, '24.582')),
  efficientnetV2('l', 480, tv(118_515_272, 56_079_699_008, '56.080')),
];
