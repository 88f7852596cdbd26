/**
 * Recurrent layers on a sequence [L, I] (nn.LSTM, nn.GRU, nn.RNN with batch_first=True; the output
 * sequence, not the final state): `layers` stacked, optionally bidirectional, LSTM optionally with a
 * projection (proj_size). Per layer and direction PyTorch holds W_ih [g·H, in], W_hh [g·H, Hout],
 * b_ih and b_hh [g·H] and, with a projection, W_hr [P, H]; g = 4 gates (LSTM), 3 (GRU), 1 (RNN);
 * Hout = P or H; in = I for the first layer, D·Hout after (D = 2 directions when bidirectional).
 *
 * The counting tools each have their own RNN formula (thop rnn_hooks.py, ptflops and DeepSpeed
 * rnn_flops, torchinfo's parameters × N·L, onnx-tool's LSTM/GRU nodes), so the kind provides
 * the sums they need as symbols, one direction each: Wih = Σ|W_ih|, Whh = Σ|W_hh|, Wr = Σ|W_hr|,
 * Bs = Σ(|b_ih| + |b_hh|) (only |b_ih| with `single_bias`, Keras's one bias per gate), thopIn = Σ in as thop sizes it (I, then D·H: it ignores proj_size),
 * K layers, D, g, H, P (= Hout), pj (1 with a projection), L, b; `cell` 1 LSTM, 2 GRU, 3 RNN (tanh), 4 RNN (relu).
 */
import { add, mul, sub } from '../expr';
import { commonSymbols, type LeafKind } from './kind';
import type { FieldSpec } from './fields';
import { say } from '../messages';

type Cell = 'lstm' | 'gru' | 'rnn';
const GATES: Record<Cell, number> = { lstm: 4, gru: 3, rnn: 1 };
const LABEL: Record<Cell, string> = { lstm: 'LSTM', gru: 'GRU', rnn: 'RNN' };

function fieldsOf(cell: Cell): FieldSpec[] {
  const f: FieldSpec[] = [
    {
      name: 'hidden',
      kind: 'int',
      min: 1,
      required: true,
      label: 'Hidden size',
      help: 'Features of the hidden state (H)',
    },
    { name: 'layers', kind: 'int', min: 1, default: 1, label: 'Layers', help: 'Stacked recurrent layers (num_layers)' },
    {
      name: 'bidirectional',
      kind: 'bool',
      default: false,
      label: 'Bidirectional',
      help: 'A second pass backwards; the output has 2·H features',
    },
    { name: 'bias', kind: 'bool', default: true, label: 'Bias', help: 'b_ih and b_hh (PyTorch default: true)' },
    {
      name: 'single_bias',
      kind: 'bool',
      default: false,
      label: 'One bias',
      help:
        cell === 'gru'
          ? 'One bias per gate instead of b_ih and b_hh: Keras’s GRU with reset_after=False'
          : `One bias per gate instead of b_ih and b_hh, as Keras’s ${cell === 'lstm' ? 'LSTM' : 'SimpleRNN'} holds`,
    },
  ];
  if (cell === 'lstm')
    f.push({
      name: 'proj',
      kind: 'int',
      min: 0,
      default: 0,
      label: 'Projection',
      help: 'proj_size: project the hidden state to P < H features (0 = none)',
    });
  if (cell === 'rnn')
    f.push({
      name: 'nonlinearity',
      kind: 'enum',
      options: ['tanh', 'relu'],
      default: 'tanh',
      label: 'Nonlinearity',
      help: 'tanh (default) or relu',
    });
  return f;
}

/** Per step, layer and direction, the exact ops after the two matrix products and their sum. */
const CELL_EXACT: Record<Cell, (h: string) => ReturnType<typeof mul>> = {
  // 3 sigmoids (4 each), tanh g (5), c' = f·c + i·g (3), tanh c' (5), o·tanh (1).
  lstm: (h) => mul(26, h),
  // r, z sigmoids (8), r·(W_hn h + b_hn) (1), tanh n (5), h' = (1 − z)·n + z·h (4).
  gru: (h) => mul(18, h),
  // tanh (5) or relu (1).
  rnn: (h) => mul(h, add(1, mul(4, 'tanh'))),
};

function recurrent(cell: Cell): LeafKind {
  const g = GATES[cell];
  return {
    type: cell,
    label: LABEL[cell],
    category: 'linear',
    summary: `${LABEL[cell]} over a sequence [L, I] (nn.${LABEL[cell]}, batch_first): the output sequence`,
    fields: fieldsOf(cell),
    shape(p, input) {
      if (input.length !== 2) return { error: say('layer.rnnSequence', { type: cell, shape: input.join(', ') }) };
      const h = p.hidden as number;
      const proj = (p.proj as number | undefined) ?? 0;
      if (proj >= h && proj > 0) return { error: say('layer.rnnProj', { type: cell, proj, h }) };
      return { output: [input[0], (p.bidirectional ? 2 : 1) * (proj || h)] };
    },
    symbols(p, input, output, batch) {
      const H = p.hidden as number;
      const P = ((p.proj as number | undefined) ?? 0) || H;
      const K = p.layers as number;
      const D = p.bidirectional ? 2 : 1;
      const b = p.bias ? 1 : 0;
      // Bias vectors per gate: PyTorch's b_ih and b_hh, or Keras's one (keras/src/layers/rnn).
      const nb = p.single_bias ? 1 : 2;
      const I = input[1];
      let Wih = 0;
      for (let l = 0; l < K; l++) Wih += g * H * (l === 0 ? I : D * P);
      return commonSymbols(input, output, batch, {
        L: input[0],
        I,
        H,
        P,
        K,
        D,
        g,
        b,
        Wih,
        Whh: K * g * H * P,
        Wr: P === H ? 0 : K * P * H,
        pj: P === H ? 0 : 1,
        Bs: K * nb * g * H * b,
        thopIn: I + (K - 1) * D * H,
        cell: cell === 'lstm' ? 1 : cell === 'gru' ? 2 : p.nonlinearity === 'relu' ? 4 : 3,
        tanh: p.nonlinearity === 'relu' ? 0 : 1,
      });
    },
    // Both directions: weights, biases, projections.
    params: mul('D', add('Wih', 'Whh', 'Wr', 'Bs')),
    // The weight products per step: N·L·D·(Wih + Whh + Wr).
    macs: mul('N', 'L', 'D', add('Wih', 'Whh', 'Wr')),
    exact: mul(
      'N',
      'L',
      'D',
      add(
        // W_ih x and W_hh h: g·H outputs per layer with in (resp. Hout) multiplies and one fewer adds.
        sub(mul(2, 'Wih'), mul('K', 'g', 'H')),
        sub(mul(2, 'Whh'), mul('K', 'g', 'H')),
        // Their sum and the biases per gate output (two, or one with single_bias).
        mul('K', 'g', 'H'),
        'Bs',
        mul('K', CELL_EXACT[cell]('H')),
        // The projection: P outputs of H multiplies and H − 1 adds.
        sub(mul(2, 'Wr'), mul('K', 'P', 'pj')),
      ),
    ),
    exactNote:
      'Per step, layer and direction: W_ih·x and W_hh·h (2·in − 1 and 2·Hout − 1 per gate output), their sum and the two biases, then the cell: LSTM 3 sigmoids (4 ops), 2 tanh (5), c′ = f·c + i·g and o·tanh(c′); GRU 2 sigmoids, a tanh, r·(…) and h′ = (1 − z)·n + z·h; RNN tanh (5) or relu (1); with a projection, P·(2H − 1).',
  };
}

export const lstm = recurrent('lstm');
export const gru = recurrent('gru');
export const rnn = recurrent('rnn');
