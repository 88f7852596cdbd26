/**
 * The recurrent kinds' `single_bias`: Keras's LSTM and SimpleRNN cells, and GRU with
 * reset_after=False, hold one bias vector per gate (keras/src/layers/rnn/lstm.py LSTMCell.build:
 * `self.bias = self.add_weight(shape=(self.units * 4,))`), where PyTorch holds b_ih and b_hh.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { modelToPytorch } from '../../../src/engine/export';
import type { Model } from '../../../src/engine/format/model';

const seq = (layer: Record<string, unknown>): Model =>
  ({ format: 'floplab.model/2', input: [20, 32], layers: [{ type: layer.type as string, ...layer }] }) as Model;

describe('single_bias on lstm / gru / rnn', () => {
  const I = 32;
  const H = 24;
  it.each([
    // g gates: Keras's count_params() of LSTM(24), GRU(24, reset_after=False), SimpleRNN(24) on 32 features.
    ['lstm', 4, 4 * (I * H + H * H + H)],
    ['gru', 3, 3 * (I * H + H * H + H)],
    ['rnn', 1, I * H + H * H + H],
  ])('%s: g·(I·H + H·H + H) parameters, one bias add per gate output', (type, g, keras) => {
    const one = evaluateModel(seq({ type, hidden: H, single_bias: true })).rows[0];
    const two = evaluateModel(seq({ type, hidden: H })).rows[0];
    expect(one.error).toBeUndefined();
    expect(one.params).toBe(BigInt(keras));
    expect(two.params - one.params).toBe(BigInt(g * H));
    // The exact count adds each bias once per step: L·g·H fewer adds than with two biases.
    expect(two.flops - one.flops).toBe(BigInt(20 * g * H));
  });

  it('is ignored without a bias, and bidirectional doubles it', () => {
    const none = evaluateModel(seq({ type: 'lstm', hidden: H, bias: false, single_bias: true })).rows[0];
    expect(none.params).toBe(BigInt(4 * (I * H + H * H)));
    const bi = evaluateModel(seq({ type: 'lstm', hidden: H, bidirectional: true, single_bias: true })).rows[0];
    expect(bi.params).toBe(BigInt(2 * 4 * (I * H + H * H + H)));
  });

  it('the PyTorch writer refuses it (nn.LSTM always holds two biases) instead of writing other counts', () => {
    const r = modelToPytorch(seq({ type: 'lstm', hidden: H, single_bias: true }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/one bias per gate/);
    expect(modelToPytorch(seq({ type: 'lstm', hidden: H })).ok).toBe(true);
  });
});
