/**
 * ShuffleNet v2 (torchvision/models/shufflenetv2.py). A stride-1 unit splits the channels in
 * half (torch.chunk), transforms one half and concatenates; a stride-2 unit runs two branches
 * on the whole input. Both end in a channel shuffle with 2 groups. Convs have no bias.
 */
import type { LayerSpec } from '../format/model';
import { bn, cna, concat, conv, linear, maxpool, named, repeat, seq } from './build';
import { definePreset, tv, tvCode, resolutionKnob } from './build';
import type { Preset } from './types';

type Layers = LayerSpec[];

const shuffle = (): LayerSpec => ({ type: 'channelshuffle', groups: 2 });
const half = (index: number): LayerSpec => ({ type: 'chunk', chunks: 2, index });

/** branch2: 1×1 → BN-ReLU, 3×3 depthwise (stride) → BN, 1×1 → BN-ReLU (`${p}.branch2.0` … `.7`). */
const branch2 = (p: string, c: number, stride: number): Layers =>
  seq(`${p}.branch2`, [...cna(c, 1), ...cna(c, 3, { s: stride, g: c }, null), ...cna(c, 1)]);

/**
 * InvertedResidual `p` with torchvision's names. torch.chunk, torch.cat and channel_shuffle are
 * functions in its forward, no modules: their rows stay unnamed.
 */
function unit(p: string, cin: number, out: number, stride: number): Layers {
  const c = out / 2;
  if (stride === 1) return [concat([half(0)], [half(1), ...branch2(p, c, 1)]), shuffle()];
  // branch1: 3×3 depthwise (stride) → BN, 1×1 → BN-ReLU.
  const branch1 = seq(`${p}.branch1`, [conv(cin, 3, { s: stride, g: cin }), bn(), ...cna(c, 1)]);
  return [concat(branch1, branch2(p, c, stride)), shuffle()];
}

/** torchvision stages_out_channels per width: stem, three stages, conv5. */
const CHANNELS: Record<string, readonly number[]> = {
  '0.5': [24, 48, 96, 192, 1024],
  '1': [24, 116, 232, 464, 1024],
  '1.5': [24, 176, 352, 704, 1024],
  '2': [24, 244, 488, 976, 2048],
};
const REPEATS = [4, 8, 4];

function shufflenetLayers(width: number): Layers {
  const ch = CHANNELS[String(width)];
  const layers: Layers = [...seq('conv1', cna(ch[0], 3, { s: 2 })), named('maxpool', maxpool(3, 2, 1))];
  let cin = ch[0];
  REPEATS.forEach((n, i) => {
    const out = ch[i + 1];
    const stage = `stage${i + 2}`;
    layers.push(...unit(`${stage}.0`, cin, out, 2), ...repeat(n - 1, unit(`${stage}.{i+1}`, out, out, 1)));
    cin = out;
  });
  // forward(): x.mean([2, 3]) then fc — a global average pool written as a tensor method, which
  // no hook or patch of the counting tools sees (the `mean` kind; no module, unnamed).
  return [...layers, ...seq('conv5', cna(ch[4], 1)), { type: 'mean', dims: [2, 3] }, named('fc', linear(1000))];
}

const REFS: Record<string, ReturnType<typeof tv>> = {
  '0.5': tv(1_366_792, 40_476_448, '0.040'),
  '1': tv(2_278_604, 144_907_992, '0.145'),
  '1.5': tv(3_503_624, 295_759_392, '0.296'),
  '2': tv(7_393_996, 583_253_464, '0.583'),
};

const shufflenet = (width: number): Preset =>
  definePreset({
    name: `shufflenet_v2_x${String(width).replace('.', '_')}${Number.isInteger(width) ? '_0' : ''}`,
    family: 'ShuffleNet',
    code: tvCode('shufflenetv2'),
    title: `ShuffleNet v2 ${width.toFixed(1)}×`,
    paper: {
      title: 'ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design',
      authors: 'Ma, Zhang, Zheng, Sun',
      year: 2018,
      url: 'https://arxiv.org/abs/1807.11164',
    },
    input: [3, 224, 224],
    knobs: [
      {
        name: 'width',
        label: 'Width',
        default: width,
        options: [0.5, 1, 1.5, 2],
        help: 'Channel configuration of the paper’s Table 5 (0.5×, 1×, 1.5×, 2×)',
      },
      resolutionKnob(224),
    ],
    reference: REFS[String(width)],
    layers: (k) => shufflenetLayers(k.width),
  });

export const SHUFFLENET_PRESETS: readonly Preset[] = [0.5, 1, 1.5, 2].map(shufflenet);
