/**
 * Formulas several conventions share, named once so each convention file reads as its tool's
 * rule table. Symbols are those of the layer kinds (src/engine/layers/<kind>.ts).
 */
import { add, div, mul, type Expr } from '../expr';
import type { Rule } from './types';

/** Conv weight MACs per output position and output channel: (Cin/g)·Kh·Kw. */
export const CONV_TAPS = mul(div('Cin', 'g'), 'Kh', 'Kw');
/** Conv2d multiply-accumulates, bias excluded: N·Cout·Ho·Wo·(Cin/g)·Kh·Kw. */
export const CONV_MACS = mul('N', 'Cout', 'Ho', 'Wo', CONV_TAPS);
/** ConvTranspose2d multiply-accumulates as PyTorch computes them: N·Hin·Win·Cin·(Cout/g)·Kh·Kw. */
export const CONVT_MACS = mul('N', 'Hin', 'Win', 'Cin', div('Cout', 'g'), 'Kh', 'Kw');
/** Linear multiply-accumulates, bias excluded: N·R·I·O (R rows: 1 for a flat vector, L for tokens [L, D]). */
export const LINEAR_MACS = mul('N', 'R', 'I', 'O');
/**
 * windowattention: version 1 (Swin) keeps its formula, version 2 (Swin V2: cosine attention and the
 * continuous-position bias MLP) takes its own; the function form shows each row only its own.
 */
export const bySwinVersion =
  (v1: Expr, v2: Expr): Rule =>
  (s) =>
    s.v2 ? v2 : v1;
/** Swin V2's cpb_mlp as nn.Linear MACs, once per call whatever the batch: Tb·512·2 + Tb·512·h. */
export const CPB_LINEAR_MACS = mul('Tb', 512, add(2, 'h'));

/** One bias add per output element. */
export const BIAS_ADDS = mul('b', 'numel_out');

/** The element-wise activations (one output per input). */
export const ACTIVATIONS = [
  'relu',
  'relu6',
  'leakyrelu',
  'prelu',
  'elu',
  'sigmoid',
  'tanh',
  'hardswish',
  'hardsigmoid',
  'silu',
  'gelu',
] as const;

/** Repeat the same note for several types. */
export function sameNote(types: readonly string[], note: string): Record<string, string> {
  return Object.fromEntries(types.map((t) => [t, note]));
}

/** Notes every convention shares for the structural blocks (their children are counted on their own rows). */
export const STRUCTURAL_NOTES: Readonly<Record<string, string>> = {
  repeat: 'The repeat itself does no arithmetic; each pass of its body is counted on its own rows.',
  aux: 'Training-only head: no inference compute under any convention; its parameters still count.',
};
