/**
 * 1-D and 3-D convolutions (torch.nn.Conv1d on [C, L], torch.nn.Conv3d on [C, D, H, W]), built on
 * conv2d so that one set of formulas serves all three, as every counting tool's own conv rule does
 * (thop count_convNd, ptflops conv_flops_counter_hook, fvcore conv_flop_jit, flop_counter
 * conv_flop_count, DeepSpeed _conv_flops_compute: numel of the output × (Cin/g) × kernel volume).
 * - conv1d is a conv2d over [C, L, 1]: H = L, W = 1, Kh = the kernel, Kw = 1.
 * - conv3d folds depth into height: Hin = D·H, Ho = Do·Ho, Kh = Kd·Kh (and Hds = Dds·Hds), so every
 *   conv2d formula gives the 3-D count; `Din`, `Do`, `Kd` name the depth on their own.
 */
import type { Shape } from '../format/model';
import { conv2d } from './conv2d';
import { outSize } from './geometry';
import { groupsHint } from './dims';
import { BIAS, GROUPS, OUT_CHANNELS } from './common-fields';
import type { LeafKind, Params } from './kind';
import { intField, ints3Field, triple } from './nd-fields';
import { say } from '../messages';

/** conv1d's fields as conv2d's: kernel [k, 1], stride [s, 1], padding [p, 0] or "same", dilation [d, 1]. */
function as2d(p: Params): Params {
  const pad = p.padding;
  return {
    out: p.out,
    kernel: [p.kernel as number, 1],
    stride: [p.stride as number, 1],
    padding: pad === 'same' ? 'same' : [pad as number, 0],
    dilation: [p.dilation as number, 1],
    groups: p.groups,
    bias: p.bias,
  };
}

export const conv1d: LeafKind = {
  type: 'conv1d',
  label: 'Conv1d',
  category: 'conv',
  summary: 'Convolution along a sequence [C, L] (audio, text, time series)',
  fields: [
    OUT_CHANNELS,
    intField('kernel', 'Kernel', 1, undefined, 'Kernel size (k)'),
    intField('stride', 'Stride', 1, 1, 'Stride'),
    {
      name: 'padding',
      kind: 'padding',
      default: 0,
      label: 'Padding',
      help: 'Zero padding per side: a number or "same"',
    },
    intField('dilation', 'Dilation', 1, 1, 'Spacing between kernel taps'),
    GROUPS,
    BIAS,
  ],
  shape(p, input) {
    if (input.length !== 2) return { error: say('layer.needsSequence', { type: 'conv1d', shape: input.join(', ') }) };
    if (Array.isArray(p.padding)) return { error: say('layer.conv1dPadding') };
    const r = conv2d.shape(as2d(p), [input[0], input[1], 1], []);
    if ('error' in r) return { error: r.error.replace(/^conv2d/, 'conv1d').replace(/ height /, ' length ') };
    return { output: [r.output[0], r.output[1]] };
  },
  symbols: (p, input, output, batch) =>
    conv2d.symbols(as2d(p), [input[0], input[1], 1], [output[0], output[1], 1], batch, []),
  params: conv2d.params,
  macs: conv2d.macs,
  exact: conv2d.exact,
  exactNote: conv2d.exactNote,
};

/** Output [D, H, W] of a 3-D window (PyTorch's rule per dim), or an error naming the dim. */
export function slide3(type: string, p: Params, input: Shape, ceil = false): number[] | string {
  const k = triple(p.kernel, 1);
  const s = triple(p.stride ?? p.kernel, 1);
  const pad = triple(p.padding, 0);
  const d = triple(p.dilation, 1);
  for (const field of ['kernel', 'stride', 'padding', 'dilation'])
    if (Array.isArray(p[field]) && (p[field] as number[]).length === 2) return say('layer.oneOrDhw', { type, field });
  const out: number[] = [];
  for (let i = 0; i < 3; i++) {
    const eff = d[i] * (k[i] - 1) + 1;
    const padded = input[i + 1] + 2 * pad[i];
    if (eff > padded)
      return say('layer.kernelLarger3d', {
        type,
        k: k[i],
        side: say((['word.depth', 'word.height', 'word.width'] as const)[i]),
        padded,
        size: input[i + 1],
        pad: pad[i],
      });
    out.push(outSize(input[i + 1], k[i], s[i], pad[i], d[i], ceil));
  }
  return out;
}

export const conv3d: LeafKind = {
  type: 'conv3d',
  label: 'Conv3d',
  category: 'conv',
  summary: 'Convolution over a volume [C, D, H, W] (video, medical scans)',
  fields: [
    OUT_CHANNELS,
    ints3Field('kernel', 'Kernel', 1, undefined, 'Kernel size: one number or [d, h, w]'),
    ints3Field('stride', 'Stride', 1, 1, 'Stride: one number or [d, h, w]'),
    ints3Field('padding', 'Padding', 0, 0, 'Zero padding per side: one number or [d, h, w]'),
    ints3Field('dilation', 'Dilation', 1, 1, 'Spacing between kernel taps: one number or [d, h, w]'),
    GROUPS,
    BIAS,
  ],
  shape(p, input) {
    if (input.length !== 4) return { error: say('layer.needsVolume', { type: 'conv3d', shape: input.join(', ') }) };
    const g = p.groups as number;
    const out = p.out as number;
    if (input[0] % g !== 0)
      return {
        error: say('layer.inGroups', { type: 'conv3d', c: input[0], g, hint: groupsHint(input[0], out) }),
      };
    if (out % g !== 0)
      return {
        error: say('layer.outGroups', { type: 'conv3d', c: out, g, hint: groupsHint(input[0], out) }),
      };
    const r = slide3('conv3d', p, input);
    return typeof r === 'string' ? { error: r } : { output: [out, ...r] };
  },
  symbols(p, input, output, batch) {
    const k = triple(p.kernel, 1);
    const s = triple(p.stride, 1);
    const pad = triple(p.padding, 0);
    const d = triple(p.dilation, 1);
    // conv2d's symbols on the folded map [C, D·H, W], kernel [Kd·Kh, Kw]; DeepSpeed's re-derived
    // output size (Hds) is the product of its per-dim sizes, as _conv_flops_compute multiplies them.
    const ds = (i: number) => outSize(input[i + 1], k[i], s[i], pad[i], d[i], false);
    const sy = conv2d.symbols(
      { out: p.out, kernel: [k[0] * k[1], k[2]], stride: 1, padding: 0, dilation: 1, groups: p.groups, bias: p.bias },
      [input[0], input[1] * input[2], input[3]],
      [output[0], output[1] * output[2], output[3]],
      batch,
      [],
    );
    return Object.assign(sy, { Hds: ds(0) * ds(1), Wds: ds(2), Din: input[1], Do: output[1], Kd: k[0] });
  },
  params: conv2d.params,
  macs: conv2d.macs,
  exact: conv2d.exact,
  exactNote: conv2d.exactNote,
};
