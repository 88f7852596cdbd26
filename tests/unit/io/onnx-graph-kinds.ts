/**
 * One small model per layer kind the ONNX writer writes for graphs and transformers
 * (src/engine/export/onnx-nodes-tensor.ts), each on the inputs its operator needs.
 */
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const on = (name: string, input: number[], layers: LayerSpec[], batch = 1): [string, Model] => [
  name,
  { format: 'floplab.model/2', name, batch, input, layers },
];
const two = (name: string, input: number[], second: LayerSpec, layer: LayerSpec, batch = 1): [string, Model] =>
  on(
    name,
    input,
    [
      { type: 'identity', id: 'a' },
      { ...second, id: 'b', from: 'input' },
      { ...layer, from: ['a', 'b'] },
    ],
    batch,
  );

export const GRAPH_KINDS: [string, Model][] = [
  on(
    'parameter + cat (class token), batch 2',
    [196, 64],
    [
      { type: 'identity', id: 'x' },
      { type: 'parameter', shape: [1, 64], id: 'cls' },
      { type: 'cat', dim: 1, from: ['cls', 'x'], id: 'tokens' },
      { type: 'parameter', shape: [197, 64], id: 'pos' },
      { type: 'add', from: ['tokens', 'pos'] },
    ],
    2,
  ),
  two('add of three inputs', [4, 6, 6], { type: 'relu' }, { type: 'add' }),
  on(
    'add, sub, mul, div by a number',
    [4, 6, 6],
    [
      { type: 'add', scalar: 1 },
      { type: 'sub', scalar: 2 },
      { type: 'mul', scalar: 0.5 },
      { type: 'div', scalar: 3 },
    ],
  ),
  two('sub of two tensors', [4, 6, 6], { type: 'sigmoid' }, { type: 'sub' }),
  two('div of two tensors', [4, 6, 6], { type: 'sigmoid' }, { type: 'div' }),
  two('mul broadcast [C, 1, 1] × [C, H, W]', [4, 6, 6], { type: 'adaptiveavgpool2d', out: 1 }, { type: 'mul' }),
  two('maximum', [4, 6, 6], { type: 'tanh' }, { type: 'maximum' }),
  two('minimum', [4, 6, 6], { type: 'tanh' }, { type: 'minimum' }),
  on('pow with a number as the base', [4, 6, 6], [{ type: 'pow', base: 2 }]),
  two('matmul of two computed tensors', [8, 16], { type: 'transpose', dim0: 1, dim1: 2 }, { type: 'matmul' }),
  two('einsum ld,md->lm', [8, 16], { type: 'linear', out: 16 }, { type: 'einsum', equation: 'ld,md->lm' }),
  on(
    'sdpa on q, k, v',
    [8, 16],
    [
      { type: 'linear', out: 16, id: 'q' },
      { type: 'linear', out: 16, id: 'k', from: 'input' },
      { type: 'linear', out: 16, id: 'v', from: 'input' },
      { type: 'sdpa', from: ['q', 'k', 'v'] },
    ],
  ),
  on('attention (nn.MultiheadAttention), batch 2', [10, 32], [{ type: 'attention', heads: 4 }], 2),
  on('attention without bias', [10, 32], [{ type: 'attention', heads: 2, bias: false }]),
  on('pad (F.pad pairs from the last dim)', [4, 6, 6], [{ type: 'pad', pad: [1, 2, 0, 3] }]),
  on('slice with a step', [8, 6, 6], [{ type: 'slice', dim: 1, start: 1, end: 7, step: 2 }]),
  on('select (x[:, 0])', [5, 16], [{ type: 'select', dim: 1, index: 0 }]),
  on('index_select', [8, 6], [{ type: 'indexselect', dim: 1, index: [0, 2, 2, 7] }]),
  on('take by indices of a shape', [8, 6], [{ type: 'take', dim: 2, indexShape: [3, 2] }]),
  on('gather (GatherElements) by an index shape', [8, 6], [{ type: 'gather', dim: 2, indexShape: [8, 3] }]),
  on('embedding', [12], [{ type: 'embedding', vocab: 100, dim: 16 }]),
  on('transpose', [4, 6, 8], [{ type: 'transpose', dim0: 1, dim1: -1 }]),
  on('expand', [4, 1, 6], [{ type: 'expand', shape: [4, 5, 6] }]),
  on('tile', [4, 6], [{ type: 'tile', repeats: [2, 3] }]),
  on(
    'squeeze, unsqueeze',
    [4, 1, 6],
    [
      { type: 'squeeze', dim: 2 },
      { type: 'unsqueeze', dim: -1 },
    ],
  ),
  ...(['sum', 'amax', 'amin', 'prod', 'l1', 'l2', 'sumsquare', 'logsum', 'logsumexp'] as const).map((op) =>
    on(`reduce ${op}`, [4, 6, 6], [{ type: 'reduce', op, dims: [2, 3], keepdim: op === 'l2' }]),
  ),
  on('cumsum, exclusive and reversed', [4, 6], [{ type: 'cumsum', dim: -1, exclusive: true, reverse: true }]),
  on('topk', [4, 10], [{ type: 'topk', dim: -1, k: 3 }]),
  on('roll (Swin’s shift)', [8, 8, 16], [{ type: 'roll', shifts: [-3, -3], dims: [1, 2] }]),
  on('compare with a number: the model’s output is booleans', [4, 6], [{ type: 'compare', op: 'gt', scalar: 0.5 }]),
  on(
    'logic of two comparisons, then arithmetic on the booleans',
    [4, 6],
    [
      { type: 'compare', op: 'lt', scalar: 1, id: 'small' },
      { type: 'compare', op: 'ge', scalar: -1, from: 'input', id: 'large' },
      { type: 'compare', op: 'and', from: ['small', 'large'], id: 'both' },
      { type: 'compare', op: 'not', id: 'neither' },
      { type: 'mul', from: ['input', 'neither'] },
    ],
  ),
  on(
    'where: a mask, the input and a number (masked_fill)',
    [4, 6],
    [
      { type: 'compare', op: 'eq', scalar: 0, id: 'mask' },
      { type: 'where', y: -1e9, from: ['mask', 'input'] },
    ],
  ),
  on(
    'where of three tensors, the condition computed',
    [4, 6],
    [
      { type: 'sigmoid', id: 's' },
      { type: 'tanh', from: 'input', id: 't' },
      { type: 'where', from: ['s', 't', 'input'] },
    ],
  ),
  on('l2norm (SSD)', [16, 5, 5], [{ type: 'l2norm' }]),
  on('l2norm across spatial, one scale', [16, 5, 5], [{ type: 'l2norm', across_spatial: true, channel_shared: true }]),
];
