/**
 * Transposed convolution (torch.nn.ConvTranspose2d). Shape (PyTorch docs):
 *   Hout = (Hin − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1.
 * Weight [Cin, Cout/g, Kh, Kw]: parameters Cin·(Cout/g)·Kh·Kw + Cout. Each input element is
 * multiplied by (Cout/g)·Kh·Kw weights and scattered into the output.
 */
import { add, div, mul, sub, sym } from '../expr';
import { pairOf, type Pair } from '../format/model';
import { commonSymbols, needsMap, type LeafKind } from './kind';
import { BIAS, DILATION, KERNEL, OUT_CHANNELS, STRIDE } from './common-fields';
import { groupsHint } from './dims';
import { say } from '../messages';

export interface Axis {
  readonly k: number;
  readonly s: number;
  readonly p: number;
  readonly d: number;
  readonly op: number;
}

function axes(p: Readonly<Record<string, unknown>>): [Axis, Axis] {
  const k = pairOf(p.kernel as Pair);
  const s = pairOf(p.stride as Pair);
  const pad = pairOf(p.padding as Pair);
  const d = pairOf(p.dilation as Pair);
  const op = pairOf(p.output_padding as Pair);
  return [0, 1].map((i) => ({ k: k[i], s: s[i], p: pad[i], d: d[i], op: op[i] })) as [Axis, Axis];
}

export const outLen = (n: number, a: Axis) => (n - 1) * a.s - 2 * a.p + a.d * (a.k - 1) + a.op + 1;

/**
 * Along one axis: T = (input, tap) pairs that land inside the output, U = output positions that
 * receive at least one of them. Exact arithmetic uses them: a product per landing pair, and
 * (contributions − 1) adds per covered output. Tap t of input i lands at o = i·s + t·d − p, so
 * each tap covers an arithmetic progression with step s: counted per tap, and merged per
 * residue class for U — O(K log K), whatever the sizes.
 */
export function landing(n: number, out: number, a: Axis): { T: number; U: number } {
  let T = 0;
  const byResidue = new Map<number, [number, number][]>();
  for (let t = 0; t < a.k; t++) {
    const off = t * a.d - a.p;
    // Inputs i with 0 ≤ i·s + off ≤ out − 1.
    const lo = Math.max(0, Math.ceil(-off / a.s));
    const hi = Math.min(n - 1, Math.floor((out - 1 - off) / a.s));
    if (hi < lo) continue;
    T += hi - lo + 1;
    const r = ((off % a.s) + a.s) % a.s;
    const j0 = (off - r) / a.s;
    const list = byResidue.get(r) ?? [];
    list.push([j0 + lo, j0 + hi]);
    byResidue.set(r, list);
  }
  let U = 0;
  for (const list of byResidue.values()) {
    list.sort((x, y) => x[0] - y[0]);
    let [from, to] = list[0];
    for (const [f, e] of list.slice(1)) {
      if (f > to + 1) {
        U += to - from + 1;
        [from, to] = [f, e];
      } else to = Math.max(to, e);
    }
    U += to - from + 1;
  }
  return { T, U };
}

/** DeepSpeed's _conv_trans_flops_compute sizes its bias term with the forward-conv formula (Python floor). */
export const dsLen = (n: number, a: Axis) => Math.floor((n + 2 * a.p - (a.d * (a.k - 1) + 1)) / a.s) + 1;

const perIn = mul('Cin', div('Cout', 'g'), 'Kh', 'Kw');

export const convtranspose2d: LeafKind = {
  type: 'convtranspose2d',
  label: 'ConvTranspose2d',
  category: 'conv',
  summary: 'Transposed ("de-") convolution: upsamples by the stride',
  fields: [
    OUT_CHANNELS,
    KERNEL,
    STRIDE(1),
    {
      name: 'padding',
      kind: 'pair',
      min: 0,
      default: 0,
      label: 'Padding',
      help: 'Rows/columns cropped from each side of the output',
    },
    {
      name: 'output_padding',
      kind: 'pair',
      min: 0,
      default: 0,
      label: 'Output padding',
      help: 'Extra rows/columns added on one side of the output; smaller than the stride or the dilation',
    },
    DILATION,
    {
      name: 'groups',
      kind: 'int',
      min: 1,
      default: 1,
      label: 'Groups',
      help: 'Channel groups; Cin and Cout must divide by it',
    },
    BIAS,
  ],
  shape(p, input) {
    const bad = needsMap('convtranspose2d', input);
    if (bad) return { error: bad };
    const [c, h, w] = input;
    const g = p.groups as number;
    const out = p.out as number;
    if (c % g !== 0)
      return { error: say('layer.inGroups', { type: 'convtranspose2d', c, g, hint: groupsHint(c, out) }) };
    if (out % g !== 0)
      return {
        error: say('layer.outGroups', { type: 'convtranspose2d', c: out, g, hint: groupsHint(c, out) }),
      };
    const [ah, aw] = axes(p);
    for (const [name, a] of [
      ['height', ah],
      ['width', aw],
    ] as const)
      if (a.op >= a.s && a.op >= a.d)
        return {
          error: say('layer.outputPadding', { op: a.op, side: say(`word.${name}`), s: a.s, d: a.d }),
        };
    const ho = outLen(h, ah);
    const wo = outLen(w, aw);
    if (ho < 1 || wo < 1)
      return {
        error: say('layer.cropsTooMuch', { ho, wo, ph: ah.p, pw: aw.p }),
      };
    return { output: [out, ho, wo] };
  },
  symbols(p, input, output, batch) {
    const [ah, aw] = axes(p);
    const lh = landing(input[1], output[1], ah);
    const lw = landing(input[2], output[2], aw);
    return commonSymbols(input, output, batch, {
      Kh: ah.k,
      Kw: aw.k,
      Sh: ah.s,
      Sw: aw.s,
      Ph: ah.p,
      Pw: aw.p,
      Dh: ah.d,
      Dw: aw.d,
      OPh: ah.op,
      OPw: aw.op,
      g: p.groups as number,
      b: p.bias ? 1 : 0,
      Th: lh.T,
      Tw: lw.T,
      Uh: lh.U,
      Uw: lw.U,
      Hds: dsLen(input[1], ah),
      Wds: dsLen(input[2], aw),
    });
  },
  params: add(mul('Cin', div('Cout', 'g'), 'Kh', 'Kw'), mul('b', 'Cout')),
  // What PyTorch (and torchvision's FlopCounterMode-based _ops) computes: every input element times every tap.
  macs: mul('N', 'Hin', 'Win', perIn),
  exact: add(
    sub(mul(2, 'N', 'Cout', div('Cin', 'g'), 'Th', 'Tw'), mul('N', 'Cout', 'Uh', 'Uw')),
    mul(sym('b'), 'numel_out'),
  ),
  exactNote:
    'Only products that land inside the output count: per output channel, (Cin/g)·Th·Tw multiplies (Th, Tw = input-tap pairs landing in range per axis), contributions − 1 adds for each of the Uh·Uw covered outputs, and 1 bias add per output element.',
};
