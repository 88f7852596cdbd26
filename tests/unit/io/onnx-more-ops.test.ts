/**
 * Issue 14: the ONNX operators that were still unmapped (LogSoftmax, Min / Max / Mean / Sum of several
 * inputs, Clip with any bounds, Pow, Tile, Expand, Where, the Reduce* family, TopK, CumSum, dilated
 * MaxPool, Gather of computed data, RoiAlign, NonMaxSuppression; then the comparisons and logic ops,
 * Greater, Less, GreaterOrEqual, LessOrEqual, Equal, And, Or, Xor, Not; then ArgMax and ArgMin), one node per file, each file
 * imported exactly as measured: tests/fixtures/onnx-tool-more-ops.jsonl keeps the bytes (base64) with
 * onnx-tool @00f5f0a's printed Total row and onnxruntime's output shapes, written by
 * scripts/fixtures/onnx_tool_more_ops.py (CI has no Python: only the JSONL is read).
 *
 * The four checks of the other ONNX fixture suites (onnx-fixture-suite.ts: imports, weights = onnx-tool's
 * params, the onnx-tool convention's total = its MACs, output shapes = onnxruntime's), after two
 * adjustments: onnx-tool counts the int64 index tensors a node reads (axes, shapes, k) as weights, which
 * FlopLab never does, so its params less those (`int_params`) are the bar; and a file onnx-tool cannot
 * profile has no count to compare. Then, per case, what FlopLab maps the node onto (or that it marks it
 * "not counted", keeping the file's shape).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/engine/import';
import { evaluateModel } from '../../../src/engine/evaluate';
import { onnxFixtureSuite, type Entry, type Gaps } from './onnx-fixture-suite';

interface Line {
  name: string;
  op: string;
  opset: number;
  batch: number;
  onnx: string;
  int_params: number;
  inferred: ((number | null)[] | null)[];
  ort?: number[][];
  macs?: number;
  params?: number;
  error?: string;
  stage?: string;
}

const LINES: Line[] = readFileSync(path.resolve(__dirname, '../../fixtures/onnx-tool-more-ops.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .slice(1)
  .map((l) => JSON.parse(l) as Line);

const DIR = mkdtempSync(path.join(tmpdir(), 'floplab-more-ops-'));
const key = (l: Line) => `${l.name}@${l.batch}`;
const ENTRIES: Entry[] = LINES.map((l) => {
  writeFileSync(path.join(DIR, `${key(l)}.onnx`), Buffer.from(l.onnx, 'base64'));
  return {
    name: key(l),
    file: `${key(l)}.onnx`,
    given: {},
    outputs: l.inferred.map((dims, k) => ({
      name: `y${k}`,
      dims,
      inferred: dims,
      ...(l.ort ? { onnxruntime: l.ort[k] } : {}),
    })),
    onnx_tool:
      l.macs === undefined
        ? { error: l.error ?? '?', stage: l.stage ?? '?' }
        : { macs: l.macs, params: (l.params ?? 0) - l.int_params },
  };
});

/** The same gap at both batches. */
const both = (name: string, gap: Gaps[string]): Gaps => ({ [`${name}@1`]: gap, [`${name}@2`]: gap });

const KNOWN_GAPS: Gaps = {
  ...both('gather_embedding', {
    weights:
      'Gather is one of model_profile’s hidden ops (NoMacsOps): onnx-tool leaves its table out of the params (0); FlopLab counts the embedding’s 10·8 = 80 weights',
  }),
  ...both('roialign', {
    outputs:
      'the output [R, C, oh, ow] puts the RoIs where FlopLab keeps the batch: the not-counted row gives [N, C, oh, ow]',
  }),
  ...both('nms', {
    outputs: 'the number of boxes kept is data-dependent (the file states [?, 3]): the row keeps [N, 3]',
  }),
  // With a batch of one, a reduction of every dim (or over the batch) is one over the sample's dims,
  // the batch's 1 made one of them (batch-axis.ts): counted as any reduction. At the fixed batch 2
  // of these files the whole graph is read as one sample (onnx/index.ts), so it is counted too; so
  // are the batch-1 files that move the batch (TopK, Tile, Gather along it), which have no conv.
  ...both('argmax_logits_nokeep', {
    outputs:
      'ArgMax of [N, 10] without keepdims is [N]; FlopLab keeps a dim besides the batch ([N, 1]), as for any reduction to [N]',
  }),
  // onnx-tool's ConvTransposeNode.shape_infer reads pads and output_shape, never auto_pad: pads 0, so its output
  // is base = s(in − 1) + d(k − 1) + 1 (13 × 13, 20 × 20) where ONNX's, onnxruntime's and FlopLab's is in · s.
  ...both('convtranspose_same_upper', {
    count: 'onnx-tool ignores auto_pad SAME_UPPER: it counts a 13 × 13 output, onnxruntime gives 12 × 12',
  }),
  ...both('convtranspose_same_lower_dilated', {
    count: 'onnx-tool ignores auto_pad SAME_LOWER: it counts a 20 × 20 output, onnxruntime gives 18 × 18',
  }),
  ...both('convtranspose_stride1_odd', {
    count:
      'pads [1, 1, 0, 0] at stride 1: the output (7 × 7) needs padding 1 and output_padding 1, which PyTorch’s ConvTranspose2d refuses (output_padding below the stride): a not-counted row, 0',
  }),
  ...both('expand_new_lead', {
    outputs: 'Expand to [3, 1, 4, 6, 6] puts a dim of 3 before the batch; the not-counted row gives [N, 1, 4, 6, 6]',
  }),
};

onnxFixtureSuite('one-node ONNX files of issue 14’s operators (onnx-tool-more-ops.jsonl)', ENTRIES, DIR, KNOWN_GAPS);

/** What each case maps onto: layer types in order ('opaque:Op' = a not-counted row). */
const MAPS: Readonly<Record<string, readonly string[]>> = {
  logsoftmax_axis1: ['logsoftmax'],
  logsoftmax_last: ['logsoftmax'],
  logsoftmax_opset11: ['logsoftmax'],
  min2: ['minimum'],
  min3: ['minimum'],
  min_broadcast: ['minimum'],
  min_const: ['parameter', 'minimum'],
  max2: ['maximum'],
  max3: ['maximum'],
  max_const: ['parameter', 'maximum'],
  mean2: ['add', 'mul'],
  mean3: ['add', 'mul'],
  sum2: ['add'],
  sum3: ['add'],
  clip_attrs_opset6: ['clamp'],
  clip_inputs: ['clamp'],
  clip_min_only: ['clamp'],
  clip_max_only: ['clamp'],
  clip_0_6_inputs: ['relu6'],
  pow_const: ['unary'],
  pow_data: ['pow'],
  pow_const_base: ['pow'],
  tile: ['tile'],
  expand: ['expand'],
  expand_short_shape: ['expand'],
  where: ['where'],
  where_const: ['where'],
  where_mask: ['parameter', 'where'],
  where_tensor_y: ['parameter', 'where'],
  reducesum_opset11_attr: ['reduce'],
  reducesum_opset13_input: ['reduce'],
  reducesum_noaxes: ['unsqueeze', 'reduce', 'squeeze'],
  reducemax_opset18: ['reduce'],
  reducemin_opset13: ['reduce'],
  reduceprod: ['reduce'],
  reducel1: ['reduce'],
  reducel2: ['reduce'],
  reducel2_opset18: ['reduce'],
  reducesumsquare: ['reduce'],
  reducelogsum: ['reduce'],
  reducelogsumexp: ['reduce'],
  reducemean_noaxes: ['unsqueeze', 'mean', 'squeeze'],
  topk_last: ['topk'],
  topk_axis1_smallest: ['topk'],
  topk_k1_axis2: ['topk'],
  topk_full_sort: ['topk'],
  topk_opset1_attr: ['topk'],
  topk_batch_axis: ['topk', 'squeeze', 'squeeze'],
  cumsum: ['cumsum'],
  cumsum_excl_rev: ['cumsum'],
  maxpool_dilated: ['maxpool2d'],
  maxpool_dilated_s2_p2: ['maxpool2d'],
  gather_data_indices: ['indexselect'],
  gather_data_scalar_axis2: ['select'],
  gather_data_runtime: ['take'],
  gather_runtime_2d: ['take'],
  gather_runtime_scalar: ['take'],
  gather_const_2d: ['take'],
  gather_batched_indices: ['take', 'squeeze'],
  gather_runtime_batch_axis: ['take'],
  reducesum_batch_axis: ['unsqueeze', 'reduce', 'squeeze'],
  reducemax_batch_and_c: ['unsqueeze', 'reduce'],
  tile_batch: ['tile'],
  expand_new_lead: ['opaque:Expand'],
  gather_embedding: ['embedding'],
  roialign: ['opaque:RoiAlign'],
  nms: ['opaque:NonMaxSuppression'],
  compare_greater_scalar: ['compare'],
  compare_greater_const_first: ['compare'],
  compare_less: ['compare'],
  compare_less_tensor: ['parameter', 'compare'],
  compare_greaterorequal: ['compare'],
  compare_lessorequal_scalar: ['compare'],
  compare_equal_broadcast: ['compare'],
  compare_and: ['compare'],
  compare_or_broadcast: ['compare'],
  compare_xor: ['compare'],
  compare_not: ['compare'],
  argmax_axis1_keep: ['topk'],
  argmax_last_nokeep: ['topk', 'squeeze'],
  argmin_axis2_nokeep_opset11: ['topk', 'squeeze'],
  argmax_select_last: ['topk'],
  argmax_logits_nokeep: ['topk'],
  convtranspose_pads_asym: ['convtranspose2d'],
  convtranspose_output_padding: ['convtranspose2d'],
  convtranspose_output_shape: ['convtranspose2d'],
  convtranspose_same_upper: ['convtranspose2d'],
  convtranspose_same_lower_dilated: ['convtranspose2d'],
  convtranspose_group_asym: ['convtranspose2d'],
  // An odd padding at stride 1 would need output_padding 1, which PyTorch refuses below the stride.
  convtranspose_stride1_odd: ['opaque:ConvTranspose'],
};

describe('what each operator maps onto (batch 1 files)', () => {
  it('names every case of the fixture, and only those', () => {
    expect(Object.keys(MAPS).sort()).toEqual([...new Set(LINES.map((l) => l.name))].sort());
  });
  it.each(LINES.filter((l) => l.batch === 1).map((l) => [l.name, l] as const))('%s', (name, l) => {
    const r = importFile(`${name}.onnx`, Uint8Array.from(Buffer.from(l.onnx, 'base64')), {});
    if (!r.ok) throw new Error(r.error);
    const types = r.model.layers.map((s) => (s.type === 'opaque' ? `opaque:${String(s.op)}` : s.type));
    expect(types).toEqual(MAPS[name]);
    // A node without a kind is a "not counted" row, never a silent 0.
    const e = evaluateModel(r.model, { conventions: ['onnx-tool'] });
    expect(e.notCounted.length > 0).toBe(types.some((t) => t.startsWith('opaque:')));
  });
});

describe('fields the importer reads from each form', () => {
  const layersOf = (name: string) => {
    const l = LINES.find((x) => x.name === name && x.batch === 1)!;
    const r = importFile(`${name}.onnx`, Uint8Array.from(Buffer.from(l.onnx, 'base64')), {});
    if (!r.ok) throw new Error(r.error);
    return r.model.layers.map((s) => {
      const { name: _n, id: _i, from: _f, ...rest } = s as Record<string, unknown>;
      return rest;
    });
  };
  it.each([
    ['clip_attrs_opset6', [{ type: 'clamp', min: -1, max: 1 }]],
    ['clip_inputs', [{ type: 'clamp', min: -1, max: 1 }]],
    ['clip_min_only', [{ type: 'clamp', min: 0.5 }]],
    ['clip_max_only', [{ type: 'clamp', max: 2 }]],
    ['logsoftmax_axis1', [{ type: 'logsoftmax', dim: 1 }]],
    ['logsoftmax_last', [{ type: 'logsoftmax', dim: -1 }]],
    ['reducesum_opset11_attr', [{ type: 'reduce', op: 'sum', dims: [2, 3], keepdim: true }]],
    ['reducesum_opset13_input', [{ type: 'reduce', op: 'sum', dims: [1] }]],
    ['reducemax_opset18', [{ type: 'reduce', op: 'amax', dims: [-1], keepdim: true }]],
    ['reducel2_opset18', [{ type: 'reduce', op: 'l2', dims: [3] }]],
    ['reducelogsumexp', [{ type: 'reduce', op: 'logsumexp', dims: [1] }]],
    ['maxpool_dilated_s2_p2', [{ type: 'maxpool2d', kernel: 3, stride: 2, padding: 2, dilation: 2 }]],
    ['min_const', [{ type: 'parameter', shape: [1, 1, 1] }, { type: 'minimum' }]],
    ['cumsum', [{ type: 'cumsum', dim: 1 }]],
    ['tile', [{ type: 'tile', repeats: [2, 1, 3] }]],
    ['mean3', [{ type: 'add' }, { type: 'mul', scalar: 0.3333333 }]],
    ['gather_data_indices', [{ type: 'indexselect', dim: 1, index: [0, 2] }]],
    ['expand', [{ type: 'expand', shape: [4, 6, 6] }]],
    ['expand_short_shape', [{ type: 'expand', shape: [4, 6, 6] }]],
    ['where_const', [{ type: 'where', y: 0 }]],
    // The causal mask is a buffer of the data's rank; −∞ is held as float32's lowest value.
    [
      'where_mask',
      [
        { type: 'parameter', shape: [1, 6, 6], buffer: true },
        { type: 'where', y: -3.4028235e38 },
      ],
    ],
    ['where_tensor_y', [{ type: 'parameter', shape: [4, 1, 1], buffer: true }, { type: 'where' }]],
    ['pow_const_base', [{ type: 'pow', base: 2 }]],
    ['pow_const', [{ type: 'unary', op: 'pow', exponent: 2 }]],
    ['cumsum_excl_rev', [{ type: 'cumsum', dim: -1, exclusive: true, reverse: true }]],
    ['topk_last', [{ type: 'topk', dim: -1, k: 3 }]],
    // ConvTranspose: the padding and output_padding that give ONNX's output size (begin and end pads may differ).
    [
      'convtranspose_pads_asym',
      [
        {
          type: 'convtranspose2d',
          out: 2,
          kernel: 3,
          stride: 2,
          padding: [2, 1],
          output_padding: 1,
          groups: 1,
          bias: false,
        },
      ],
    ],
    [
      'convtranspose_output_shape',
      [
        {
          type: 'convtranspose2d',
          out: 2,
          kernel: 3,
          stride: 2,
          padding: [0, 1],
          output_padding: [0, 1],
          groups: 1,
          bias: false,
        },
      ],
    ],
    [
      'convtranspose_same_upper',
      [
        {
          type: 'convtranspose2d',
          out: 2,
          kernel: 3,
          stride: 2,
          padding: 1,
          output_padding: 1,
          groups: 1,
          bias: false,
        },
      ],
    ],
    // ArgMin: the smallest value's index, k = 1, then the axis squeezed (keepdims 0).
    [
      'argmin_axis2_nokeep_opset11',
      [
        { type: 'topk', dim: 2, k: 1, largest: false },
        { type: 'squeeze', dim: 2 },
      ],
    ],
    ['topk_axis1_smallest', [{ type: 'topk', dim: 1, k: 2, largest: false }]],
    ['topk_opset1_attr', [{ type: 'topk', dim: -1, k: 2 }]],
    // Run-time indices: only their shape, which takes the axis' place (a scalar drops it).
    ['gather_data_runtime', [{ type: 'take', dim: 1, indexShape: [3] }]],
    ['gather_runtime_2d', [{ type: 'take', dim: 2, indexShape: [2, 3] }]],
    ['gather_runtime_scalar', [{ type: 'take', dim: -1 }]],
    ['gather_const_2d', [{ type: 'take', dim: 1, indexShape: [2, 2] }]],
    // A 0-d constant is the compare kind's scalar; first, it swaps the op (Greater(0, x) is x < 0).
    ['compare_greater_scalar', [{ type: 'compare', op: 'gt', scalar: 0.5 }]],
    ['compare_greater_const_first', [{ type: 'compare', op: 'lt', scalar: 0 }]],
    ['compare_lessorequal_scalar', [{ type: 'compare', op: 'le', scalar: -1 }]],
    [
      'compare_less_tensor',
      [
        { type: 'parameter', shape: [4, 1, 1], buffer: true },
        { type: 'compare', op: 'lt' },
      ],
    ],
    ['compare_less', [{ type: 'compare', op: 'lt' }]],
    ['compare_greaterorequal', [{ type: 'compare', op: 'ge' }]],
    ['compare_equal_broadcast', [{ type: 'compare', op: 'eq' }]],
    ['compare_and', [{ type: 'compare', op: 'and' }]],
    ['compare_or_broadcast', [{ type: 'compare', op: 'or' }]],
    ['compare_xor', [{ type: 'compare', op: 'xor' }]],
    ['compare_not', [{ type: 'compare', op: 'not' }]],
  ])('%s', (name, want) => {
    expect(layersOf(name)).toEqual(want);
  });
});
