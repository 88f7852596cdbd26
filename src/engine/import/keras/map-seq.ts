/**
 * Keras recurrent and attention layers → FlopLab's lstm / gru / rnn and attention kinds
 * (keras/src/layers/rnn, keras/src/layers/attention/multi_head_attention.py).
 */
import type { LayerSpec } from '../../format/model';
import { bool, num, str, type KCall, type MapContext, type Mapped } from './map-util';

const CELL: Record<string, 'lstm' | 'gru' | 'rnn'> = {
  LSTM: 'lstm',
  GRU: 'gru',
  SimpleRNN: 'rnn',
  CuDNNLSTM: 'lstm',
  CuDNNGRU: 'gru',
};

/**
 * One bias per gate or two. Keras's LSTM and SimpleRNN cells hold one bias vector (g·H), and so
 * does GRU with reset_after=False; GRU with reset_after=True holds an input and a recurrent bias
 * (2, 3H), as PyTorch does, and so do the CuDNN layers of Keras 2 (keras/src/layers/rnn/lstm.py,
 * gru.py, simple_rnn.py: `self.bias = self.add_weight(shape=…)`).
 */
function singleBias(cls: string, cfg: Readonly<Record<string, unknown>>): boolean {
  if (cls.startsWith('CuDNN')) return false;
  if (cls === 'GRU') return !bool(cfg.reset_after, false);
  return true;
}

function recurrentSpecs(
  cls: string,
  cfg: Readonly<Record<string, unknown>>,
  name: string,
  bidirectional: boolean,
): LayerSpec[] | string {
  const cell = CELL[cls];
  if (!cell) return `${cls} (no recurrent kind)`;
  const act = str(cfg.activation, 'tanh');
  if (cell === 'rnn' && act !== 'tanh' && act !== 'relu') return `SimpleRNN with activation ${act}`;
  const bias = bool(cfg.use_bias, true);
  const spec: LayerSpec = {
    type: cell,
    name,
    hidden: num(cfg.units, 0),
    ...(bidirectional ? { bidirectional: true } : {}),
    bias,
    ...(bias && singleBias(cls, cfg) ? { single_bias: true } : {}),
    ...(cell === 'rnn' && act === 'relu' ? { nonlinearity: 'relu' } : {}),
  };
  // return_sequences=False: only the last step leaves the layer.
  if (bool(cfg.return_sequences, false)) return [spec];
  return [spec, { type: 'select', name: `${name}/last step`, dim: 1, index: -1 }];
}

export function recurrent(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.as(0, 'same');
  if (!x.shape || x.shape.length !== 2) return { unsupported: `${call.cls} needs a sequence [L, I]` };
  const specs = recurrentSpecs(call.cls, call.cfg, call.name, false);
  return typeof specs === 'string' ? { unsupported: specs } : { specs, moved: false };
}

/** Bidirectional(layer, merge_mode="concat"): the kinds' bidirectional (2·H features). */
export function bidirectional(call: KCall, ctx: MapContext): Mapped {
  const x = ctx.as(0, 'same');
  const inner = call.cfg.layer as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (!x.shape || x.shape.length !== 2) return { unsupported: 'Bidirectional needs a sequence [L, I]' };
  if (!inner || typeof inner.class_name !== 'string' || !inner.config) return { unsupported: 'no wrapped layer' };
  const mode = str(call.cfg.merge_mode, 'concat');
  if (mode !== 'concat') return { unsupported: `merge_mode "${mode}" (only concat)` };
  const back = call.cfg.backward_layer as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (back?.config && num(back.config.units, -1) !== num(inner.config.units, -2))
    return { unsupported: 'a backward layer of another size' };
  const specs = recurrentSpecs(inner.class_name, inner.config, call.name, true);
  return typeof specs === 'string' ? { unsupported: specs } : { specs, moved: false };
}

/** TimeDistributed(Dense) is Dense on the last axis; other wrapped layers are not counted. */
export function timeDistributed(call: KCall): KCall | { unsupported: string } {
  const inner = call.cfg.layer as { class_name?: unknown; config?: Record<string, unknown> } | undefined;
  if (inner?.class_name === 'Dense' && inner.config) return { cls: 'Dense', cfg: inner.config, name: call.name };
  return { unsupported: `TimeDistributed(${String(inner?.class_name ?? '?')})` };
}

/**
 * MultiHeadAttention as nn.MultiheadAttention when it is the same computation: self-attention
 * (query, value and key one tensor [L, E]), key_dim·heads = E, value_dim = key_dim, output E.
 * Then Keras's weights — query/key/value kernels [E, H, d] with biases [H, d], output kernel
 * [H, d, E] with bias [E] — are 4E² + 4E, the kind's count. Otherwise not counted, with the
 * file's weights and the output shape [Lq, E_out].
 */
export function multiHeadAttention(call: KCall, ctx: MapContext): Mapped {
  const q = ctx.as(0, 'same');
  if (!q.shape || q.shape.length !== 2) return { unsupported: 'MultiHeadAttention on a tensor that is not [L, E]' };
  const [L, E] = q.shape;
  const heads = num(call.cfg.num_heads, 0);
  const kd = num(call.cfg.key_dim, 0);
  const vd = call.cfg.value_dim === null || call.cfg.value_dim === undefined ? kd : num(call.cfg.value_dim, 0);
  const out = call.cfg.output_shape;
  const outE = typeof out === 'number' ? out : Array.isArray(out) && out.length === 1 ? Number(out[0]) : E;
  const axes = call.cfg.attention_axes;
  const self = ctx.inputs.every((v) => v.id === ctx.inputs[0].id);
  const why = !self
    ? 'cross-attention (query and value are different tensors)'
    : heads * kd !== E
      ? `key_dim ${kd} × ${heads} heads ≠ ${E} features`
      : vd !== kd
        ? `value_dim ${vd} ≠ key_dim ${kd}`
        : outE !== E
          ? `output_shape ${outE}`
          : axes !== null && axes !== undefined && !(Array.isArray(axes) && axes.length === 1 && axes[0] === 1)
            ? `attention_axes ${JSON.stringify(axes)}`
            : bool(call.cfg.use_gate, false)
              ? 'use_gate'
              : null;
  if (why) return { unsupported: why, kerasShape: [L, outE] };
  return {
    specs: [
      {
        type: 'attention',
        name: call.name,
        heads,
        bias: bool(call.cfg.use_bias, true),
        // Keras returns no attention scores unless asked; PyTorch's need_weights=True would add
        // the head-averaged weights, which Keras does not compute.
        need_weights: false,
      },
    ],
    moved: false,
    only: [0],
  };
}
