/**
 * torch.einsum on one or two operands, written per sample: the batch is implicit, as in every
 * FlopLab shape, so `ld,md->lm` is PyTorch's `bld,bmd->blm` and `ld,de->le` a projection by a
 * weight (its operand taken once per sample, as PyTorch broadcasts it). Letters a–z or A–Z, one
 * per dim, an explicit output after `->` (no ellipsis). Symbols: `P` the product of every index
 * size (per sample), `O` the output's size, `S` 1 when an index is summed away, `k` operands,
 * `sp` 1 when the equation is one fvcore treats as a bmm.
 */
import { mul, num, sub, ZERO, type Expr } from '../expr';
import type { Shape } from '../format/model';
import { commonSymbols, type LeafKind, type ShapeResult } from './kind';
import { say } from '../messages';

interface Parsed {
  readonly inputs: string[];
  readonly output: string;
}

const parse = (eq: string): Parsed => {
  const [lhs, output] = eq.split('->');
  return { inputs: lhs.split(','), output };
};

/** Size of every index, or an error naming the operand and dim. */
function indexSizes(eq: Parsed, inputs: readonly Shape[]): Map<string, number> | string {
  const size = new Map<string, number>();
  for (let i = 0; i < eq.inputs.length; i++) {
    const letters = eq.inputs[i];
    const shape = inputs[i];
    if (letters.length !== shape.length)
      return say('layer.einsumOperand', {
        i: i + 1,
        letters,
        n: letters.length,
        shape: shape.join(', '),
        m: shape.length,
      });
    for (let d = 0; d < letters.length; d++) {
      const known = size.get(letters[d]);
      if (known !== undefined && known !== shape[d])
        return say('layer.einsumIndex', { c: letters[d], a: known, b: shape[d] });
      size.set(letters[d], shape[d]);
    }
  }
  return size;
}

function einsumShape(p: Readonly<Record<string, unknown>>, inputs: readonly Shape[]): ShapeResult {
  const eq = parse(p.equation as string);
  if (eq.inputs.length !== inputs.length)
    return {
      error: say(`layer.einsumCount${eq.inputs.length > 1 ? 'N' : '1'}${inputs.length > 1 ? 'N' : '1'}` as const, {
        eq: p.equation as string,
        n: eq.inputs.length,
        m: inputs.length,
      }),
    };
  const size = indexSizes(eq, inputs);
  if (typeof size === 'string') return { error: size };
  const out: number[] = [];
  for (const c of eq.output) {
    if (!size.has(c)) return { error: say('layer.einsumOutNone', { c }) };
    if (eq.output.indexOf(c) !== eq.output.lastIndexOf(c)) return { error: say('layer.einsumOutRepeat', { c }) };
    out.push(size.get(c) as number);
  }
  return { output: out.length ? out : [1] };
}

/**
 * fvcore's einsum_flop_jit maps the letters to a, b, c… in order of appearance (the batch first)
 * and counts two equations as bmm: abc,abd->acd and abc,adc->adb.
 */
function fvcoreBmm(eq: Parsed): boolean {
  const full = [...eq.inputs.map((s) => `#${s}`), `#${eq.output}`];
  const map = new Map<string, string>();
  const canon = full.map((s) =>
    [...s]
      .map((c) => {
        if (!map.has(c)) map.set(c, String.fromCharCode(97 + map.size));
        return map.get(c);
      })
      .join(''),
  );
  const text = `${canon.slice(0, -1).join(',')}->${canon[canon.length - 1]}`;
  return text === 'abc,abd->acd' || text === 'abc,adc->adb';
}

export const einsum: LeafKind = {
  type: 'einsum',
  label: 'Einsum',
  category: 'linear',
  summary: 'torch.einsum on one or two operands, written per sample (ld,md->lm)',
  fields: [
    {
      name: 'equation',
      kind: 'text',
      pattern: /^[a-zA-Z]{1,8}(,[a-zA-Z]{1,8})?->[a-zA-Z]{0,8}$/,
      maxLength: 40,
      rule: 'an equation such as "ld,md->lm": one or two operands of 1–8 letters and an explicit output, batch left out',
      required: true,
      label: 'Equation',
      help: 'As in torch.einsum without the batch letter: ld,md->lm is a batched Q·Kᵀ, ld,de->le a projection',
    },
  ],
  arity: [1, 2],
  shape: (p, _input, inputs) => einsumShape(p, inputs),
  symbols(p, input, output, batch, inputs) {
    const eq = parse(p.equation as string);
    const size = indexSizes(eq, inputs) as Map<string, number>;
    let P = 1;
    for (const v of size.values()) P *= v;
    let O = 1;
    for (const c of eq.output) O *= size.get(c) as number;
    const summed = [...size.keys()].some((c) => !eq.output.includes(c));
    return commonSymbols(input, output, batch, {
      P,
      O,
      S: summed ? 1 : 0,
      k: inputs.length,
      sp: fvcoreBmm(eq) ? 1 : 0,
    });
  },
  params: ZERO,
  macs: mul('N', 'P', 'S', sub('k', 1)),
  // Two operands: P multiplies and P − O adds; one operand: the P − O adds of a sum.
  exact: mul('N', sub(mul('k', 'P'), 'O')),
  exactNote:
    'Two operands: one multiply per index combination (P) and P − O adds into the O outputs; one operand: the P − O adds of the sums (0 for a transpose).',
};

/**
 * numpy's einsum_path cost as the tools read it: (P·N·(1 + S) + 1) printed with "%.3e" and read
 * back, i.e. rounded to 4 significant digits, ties to even (Python's formatting of an exact integer).
 */
export function numpyEinsumCost(N: number, P: number, S: number): Expr {
  const v = BigInt(N) * BigInt(P) * BigInt(1 + S) + 1n;
  const digits = v.toString().length;
  if (digits <= 4) return num(Number(v));
  const unit = 10n ** BigInt(digits - 4);
  let q = v / unit;
  const r = v % unit;
  if (r * 2n > unit || (r * 2n === unit && q % 2n === 1n)) q += 1n;
  // q (at most 10,000) × 10 … 10: exact whatever the size.
  return mul(Number(q), ...Array<number>(digits - 4).fill(10));
}
