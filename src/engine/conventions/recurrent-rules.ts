/**
 * How each tool counts nn.LSTM / nn.GRU / nn.RNN (symbols of layers/recurrent.ts; Wih, Whh, Wr, Bs
 * are one direction's sums over the layers). Read from the tools' sources and checked on seven
 * modules in tests/fixtures/nd-kinds-tools.jsonl (tests/unit/graph/nd-kinds.test.ts):
 * - thop rnn_hooks.py _count_{lstm,gru,rnn}_cell: g·H·(in + H) + per-cell extras, with in = I, then
 *   D·H (proj_size ignored), × L × N × D;
 * - ptflops rnn_flops_counter_hook and DeepSpeed _rnn_forward_hook: the weight matrices' sizes
 *   (DeepSpeed 2·|W| − g·H each), per-cell extras (RNN H, GRU 7H, LSTM 10H), the biases, × L × D
 *   (× N for DeepSpeed; ptflops reports one image);
 * - torch 2.13's CPU FlopCounterMode: nn.LSTM without a projection runs the fused mkldnn kernel it
 *   does not see (0); with one, and GRU and RNN, it sees the mm/addmm of every step: 2·N·L·D·(Wih + Whh + Wr);
 * - torchinfo: every parameter × N·L (the "weight_ih_l0"-style names take its RNN branch);
 * - onnx-tool LSTMNode / GRUNode per exported layer: (|W| + |R| + |B|)·N·L + N·L·H·(LSTM 180, GRU 110),
 *   the last term without the direction factor (its ht_size); ONNX RNN has no node class (0).
 */
import { add, mul, sub, type Expr } from '../expr';

type Cell = 'lstm' | 'gru' | 'rnn';
const each = (f: (c: Cell) => Expr): Record<Cell, Expr> => ({ lstm: f('lstm'), gru: f('gru'), rnn: f('rnn') });

/** thop's per-cell extras: (x·H + y·b·H). */
const THOP_EXTRA: Record<Cell, [number, number]> = { lstm: [8, 8], gru: [7, 6], rnn: [1, 2] };
export const THOP_RNN = each((c) =>
  mul(
    'N',
    'L',
    'D',
    add(mul('g', 'H', add('thopIn', mul('K', 'H'))), mul('K', 'H', add(THOP_EXTRA[c][0], mul(THOP_EXTRA[c][1], 'b')))),
  ),
);

/** ptflops / DeepSpeed rnn_flops extras per cell: RNN H, GRU 7H, LSTM 10H. */
const EXTRA: Record<Cell, number> = { lstm: 10, gru: 7, rnn: 1 };
export const PTFLOPS_RNN = each((c) => mul('L', 'D', add('Wih', 'Whh', mul('K', EXTRA[c], 'H'), 'Bs')));
export const DEEPSPEED_RNN = each((c) =>
  mul('N', 'L', 'D', add(sub(mul(2, add('Wih', 'Whh')), mul(2, 'K', 'g', 'H')), mul('K', EXTRA[c], 'H'), 'Bs')),
);

/** FlopCounterMode's mm/addmm on CPU: LSTM only with a projection (pj), GRU and RNN always. */
export const TORCH_RNN = {
  lstm: mul(2, 'pj', 'N', 'L', 'D', add('Wih', 'Whh', 'Wr')),
  gru: mul(2, 'N', 'L', 'D', add('Wih', 'Whh')),
  rnn: mul(2, 'N', 'L', 'D', add('Wih', 'Whh')),
};

/** torchvision's _ops: FlopCounterMode's MACs (its count halved). */
export const TORCHVISION_RNN = {
  lstm: mul('pj', 'N', 'L', 'D', add('Wih', 'Whh', 'Wr')),
  gru: mul('N', 'L', 'D', add('Wih', 'Whh')),
  rnn: mul('N', 'L', 'D', add('Wih', 'Whh')),
};

export const TORCHINFO_RNN = each(() => mul('N', 'L', 'D', add('Wih', 'Whh', 'Wr', 'Bs')));

/** onnx-tool, one LSTM/GRU node per layer (an LSTM with a projection cannot be exported: 0). */
export const ONNX_TOOL_RNN = {
  lstm: mul(sub(1, 'pj'), 'N', 'L', add(mul('D', add('Wih', 'Whh', 'Bs')), mul(180, 'K', 'H'))),
  gru: mul('N', 'L', add(mul('D', add('Wih', 'Whh', 'Bs')), mul(110, 'K', 'H'))),
};
