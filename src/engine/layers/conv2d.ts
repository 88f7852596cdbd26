/**
 * 2-D convolution (torch.nn.Conv2d): groups, dilation, bias, padding "same".
 * Depthwise when groups = Cin. Sources: PyTorch Conv2d docs (shape); the seed article
 * (parameters Kh·Kw·Cin·Cout + Cout; group conv 1/g of that).
 */
import { add, mul, div, sub, sym } from '../expr';
import { needsMap, commonSymbols, type LeafKind } from './kind';
import { BIAS, DILATION, GROUPS, KERNEL, OUT_CHANNELS, PADDING, STRIDE } from './common-fields';
import { outSize, slide, windowOf, windowSymbols } from './geometry';
import { groupsHint } from './dims';
import { say } from '../messages';

const perOut = mul(div('Cin', 'g'), 'Kh', 'Kw');

export const conv2d: LeafKind = {
  type: 'conv2d',
  label: 'Conv2d',
  category: 'conv',
  summary: 'Convolution; groups = Cin makes it depthwise',
  fields: [OUT_CHANNELS, KERNEL, STRIDE(1), PADDING, DILATION, GROUPS, BIAS],
  shape(p, input) {
    const bad = needsMap('conv2d', input);
    if (bad) return { error: bad };
    const [c, h, w] = input;
    const g = p.groups as number;
    const out = p.out as number;
    if (c % g !== 0) return { error: say('layer.inGroups', { type: 'conv2d', c, g, hint: groupsHint(c, out) }) };
    if (out % g !== 0)
      return { error: say('layer.outGroups', { type: 'conv2d', c: out, g, hint: groupsHint(c, out) }) };
    const r = slide('conv2d', h, w, windowOf(p), { same: p.padding === 'same' });
    return 'error' in r ? r : { output: [out, r.h, r.w] };
  },
  symbols(p, input, output, batch) {
    const win = windowOf(p);
    // DeepSpeed's _conv_flops_compute re-derives the output size with padding d·(k−1)//2 on both
    // sides, which is one short of PyTorch's padding="same" for an even dilated kernel span.
    const ds = (i: 0 | 1) =>
      outSize(input[i + 1], win.kernel[i], win.stride[i], win.padding[i], win.dilation[i], false);
    return commonSymbols(
      input,
      output,
      batch,
      Object.assign(windowSymbols(win), { g: p.groups as number, b: p.bias ? 1 : 0, Hds: ds(0), Wds: ds(1) }),
    );
  },
  params: add(mul('Cout', perOut), mul('b', 'Cout')),
  macs: mul('N', 'Cout', 'Ho', 'Wo', perOut),
  // Per output: (Cin/g)·Kh·Kw multiplies, one fewer adds, plus the bias add.
  exact: mul('N', 'Cout', 'Ho', 'Wo', add(sub(mul(2, perOut), 1), sym('b'))),
  exactNote:
    'Per output element: (Cin/g)·Kh·Kw multiplies, (Cin/g)·Kh·Kw − 1 adds, and 1 bias add when there is a bias.',
};
