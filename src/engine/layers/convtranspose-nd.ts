/**
 * 1-D and 3-D transposed convolutions (torch.nn.ConvTranspose1d on [C, L], nn.ConvTranspose3d on
 * [C, D, H, W]; ONNX ConvTranspose of rank 3 or 5), built on convtranspose2d as conv-nd.ts builds
 * conv1d / conv3d on conv2d: every tool counts every rank with one rule (thop count_convNd, ptflops
 * conv_flops_counter_hook, fvcore conv_flop_jit, flop_counter conv_flop_count, DeepSpeed
 * _conv_trans_flops_compute: input or output numel × (Cout/g or Cin/g) × kernel volume).
 * - convtranspose1d is a convtranspose2d over [C, L, 1]: H = L, W = 1, Kh = the kernel, Kw = 1.
 * - convtranspose3d folds depth into height: Hin = D·H, Ho = Do·Ho, Kh = Kd·Kh; the exact count's
 *   landing pairs and covered outputs per axis multiply (Th = Td·Th, Uh = Ud·Uh), as they are
 *   counted independently along each axis (convtranspose2d.ts `landing`).
 */
import type { Shape } from '../format/model';
import { convtranspose2d, dsLen, landing, outLen, type Axis } from './convtranspose2d';
import { groupsHint } from './dims';
import { BIAS, GROUPS, OUT_CHANNELS } from './common-fields';
import type { LeafKind, Params } from './kind';
import { intField, ints3Field, triple } from './nd-fields';
import { say } from '../messages';

/** convtranspose1d's fields as convtranspose2d's over [C, L, 1]. */
function as2d(p: Params): Params {
  return {
    out: p.out,
    kernel: [p.kernel as number, 1],
    stride: [p.stride as number, 1],
    padding: [p.padding as number, 0],
    output_padding: [p.output_padding as number, 0],
    dilation: [p.dilation as number, 1],
    groups: p.groups,
    bias: p.bias,
  };
}

const renamed = (error: string, type: string) => error.replace(/^convtranspose2d/, type);

export const convtranspose1d: LeafKind = {
  type: 'convtranspose1d',
  label: 'ConvTranspose1d',
  category: 'conv',
  summary: 'Transposed convolution along a sequence [C, L]: upsamples by the stride (vocoders, decoders)',
  fields: [
    OUT_CHANNELS,
    intField('kernel', 'Kernel', 1, undefined, 'Kernel size (k)'),
    intField('stride', 'Stride', 1, 1, 'Stride'),
    intField('padding', 'Padding', 0, 0, 'Positions cropped from each end of the output'),
    intField(
      'output_padding',
      'Output padding',
      0,
      0,
      'Positions added at the end; smaller than the stride or the dilation',
    ),
    intField('dilation', 'Dilation', 1, 1, 'Spacing between kernel taps'),
    GROUPS,
    BIAS,
  ],
  shape(p, input) {
    if (input.length !== 2)
      return { error: say('layer.needsSequence', { type: 'convtranspose1d', shape: input.join(', ') }) };
    const r = convtranspose2d.shape(as2d(p), [input[0], input[1], 1], []);
    if ('error' in r) return { error: renamed(r.error, 'convtranspose1d') };
    return { output: [r.output[0], r.output[1]] };
  },
  symbols: (p, input, output, batch) =>
    convtranspose2d.symbols(as2d(p), [input[0], input[1], 1], [output[0], output[1], 1], batch, []),
  params: convtranspose2d.params,
  macs: convtranspose2d.macs,
  exact: convtranspose2d.exact,
  exactNote: convtranspose2d.exactNote,
};

/** The three axes [d, h, w] of a convtranspose3d's fields. */
function axes3(p: Params): [Axis, Axis, Axis] {
  const [k, s, pad, d, op] = [
    triple(p.kernel, 1),
    triple(p.stride, 1),
    triple(p.padding, 0),
    triple(p.dilation, 1),
    triple(p.output_padding, 0),
  ];
  return [0, 1, 2].map((i) => ({ k: k[i], s: s[i], p: pad[i], d: d[i], op: op[i] })) as [Axis, Axis, Axis];
}

export const convtranspose3d: LeafKind = {
  type: 'convtranspose3d',
  label: 'ConvTranspose3d',
  category: 'conv',
  summary: 'Transposed convolution over a volume [C, D, H, W] (3-D U-Net decoders)',
  fields: [
    OUT_CHANNELS,
    ints3Field('kernel', 'Kernel', 1, undefined, 'Kernel size: one number or [d, h, w]'),
    ints3Field('stride', 'Stride', 1, 1, 'Stride: one number or [d, h, w]'),
    ints3Field('padding', 'Padding', 0, 0, 'Cropped from each side of the output: one number or [d, h, w]'),
    ints3Field(
      'output_padding',
      'Output padding',
      0,
      0,
      'Added on one side: one number or [d, h, w], below the stride',
    ),
    ints3Field('dilation', 'Dilation', 1, 1, 'Spacing between kernel taps: one number or [d, h, w]'),
    GROUPS,
    BIAS,
  ],
  shape(p, input) {
    const type = 'convtranspose3d';
    if (input.length !== 4) return { error: say('layer.needsVolume', { type, shape: input.join(', ') }) };
    const [c, g, out] = [input[0], p.groups as number, p.out as number];
    if (c % g !== 0) return { error: say('layer.inGroups', { type, c, g, hint: groupsHint(c, out) }) };
    if (out % g !== 0) return { error: say('layer.outGroups', { type, c: out, g, hint: groupsHint(c, out) }) };
    const ax = axes3(p);
    const sides = ['depth', 'height', 'width'] as const;
    for (const [i, a] of ax.entries())
      if (a.op >= a.s && a.op >= a.d)
        return {
          error: renamed(say('layer.outputPadding', { op: a.op, side: say(`word.${sides[i]}`), s: a.s, d: a.d }), type),
        };
    const sizes = ax.map((a, i) => outLen(input[i + 1], a));
    if (sizes.some((v) => v < 1))
      return {
        error: renamed(
          say('layer.cropsTooMuch', {
            ho: `${sizes[0]}×${sizes[1]}`,
            wo: sizes[2],
            ph: `${ax[0].p}×${ax[1].p}`,
            pw: ax[2].p,
          }),
          type,
        ),
      };
    return { output: [out, ...sizes] };
  },
  symbols(p, input: Shape, output: Shape, batch) {
    const [ad, ah, aw] = axes3(p);
    // convtranspose2d's symbols on the folded map [C, D·H, W], then the folded axis's own values.
    const two = {
      out: p.out,
      kernel: [ah.k, aw.k],
      stride: [ah.s, aw.s],
      padding: [ah.p, aw.p],
      dilation: [ah.d, aw.d],
      output_padding: [ah.op, aw.op],
      groups: p.groups,
      bias: p.bias,
    };
    const sy = convtranspose2d.symbols(
      two,
      [input[0], input[1] * input[2], input[3]],
      [output[0], output[1] * output[2], output[3]],
      batch,
      [],
    );
    // The W axis is unfolded: its symbols (Kw, Tw, Uw, Wds) are the 2-D ones.
    const [ld, lh] = [landing(input[1], output[1], ad), landing(input[2], output[2], ah)];
    return Object.assign(sy, {
      Kh: ad.k * ah.k,
      Th: ld.T * lh.T,
      Uh: ld.U * lh.U,
      Hds: dsLen(input[1], ad) * dsLen(input[2], ah),
      Din: input[1],
      Do: output[1],
      Kd: ad.k,
    });
  },
  params: convtranspose2d.params,
  macs: convtranspose2d.macs,
  exact: convtranspose2d.exact,
  exactNote: convtranspose2d.exactNote,
};
