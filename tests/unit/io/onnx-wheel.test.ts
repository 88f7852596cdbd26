/**
 * Issue 14: ONNX files written by other exporters than FlopLab's own code, committed here because
 * they come with the onnx wheel installed from the local Python index (onnx/backend/test/data/,
 * Apache-2.0; tests/fixtures/onnx-wheel/SOURCES.md): onnx-caffe2's exports of the Caffe2 zoo
 * ("light" models, weights built by ConstantOfShape) and PyTorch's legacy exporter on single modules
 * and operators. tests/fixtures/onnx-wheel/expected.jsonl was written by
 * scripts/fixtures/onnx_wheel_fixtures.py (onnx-tool @00f5f0a's Total row and node rows; onnx's
 * inferred and onnxruntime's output shapes). The checks are onnx-real.test.ts's: the file imports,
 * its weights equal onnx-tool's params, the onnx-tool convention equals onnx-tool's MACs, and the
 * output shapes equal onnxruntime's (onnx's inferred ones where onnxruntime cannot run the file).
 */
import path from 'node:path';
import { onnxFixtureSuite, readEntries, type Gaps } from './onnx-fixture-suite';

const DIR = path.resolve(__dirname, '../../fixtures/onnx-wheel');

/** What FlopLab does not meet yet, file by file and check by check, with the cause. */
const KNOWN_GAPS: Gaps = {
  ptconv_Embedding: {
    weights:
      'onnx-tool hides Gather (NoMacsOps) and with it the table’s 12 values; FlopLab counts the embedding table as parameters, as torch does',
  },
  ptconv_Embedding_sparse: {
    weights: 'as ptconv_Embedding: onnx-tool does not count the hidden Gather’s table',
  },
  ptconv_Linear_no_bias: {
    weights:
      '80 vs 160: onnx-tool counts the weight twice, on the Transpose of the initializer (not folded there) and on the MatMul; FlopLab folds the Transpose (a weight read once)',
  },
  ptconv_PoissonNLLLLoss_no_reduce: {
    weights:
      'the loss’s target is a graph input read as a run-time constant: the Mul by it is not counted (partial); onnx-tool counts the target as 100 weights',
    count: 'the Mul by the run-time target is not counted (see weights)',
  },
  ptop_operator_add_broadcast: {
    count:
      'the second operand [3] is a graph input without the batch dim, read as a run-time constant: the Add with it is not counted (partial)',
  },
  ptop_operator_add_size1_right_broadcast: {
    count:
      'as ptop_operator_add_broadcast: an operand without the batch dim is a run-time constant, the Add not counted',
  },
  ptop_operator_add_size1_singleton_broadcast: {
    count:
      'as ptop_operator_add_broadcast: an operand without the batch dim is a run-time constant, the Add not counted',
  },
  ptop_operator_addmm: {
    count:
      'both Gemm operands are graph inputs (no constant weight): a product of run-time tensors of other batch sizes is not counted (partial)',
  },
  ptop_operator_mm: {
    weights:
      'the matrix is a graph input, not a weight: the Gemm is not counted (partial); onnx-tool counts its 1-element C as a weight',
    count: 'the Gemm of two graph inputs is not counted (see weights)',
  },
  ptop_operator_basic: {
    outputs:
      'every input is 1-D [1]: no batch dim, so each is read as batch 1 of [1] (a notice says so) and the output carries that trailing 1: [1, 1] where onnxruntime gives [1]',
  },
  ptop_operator_chunk: {
    outputs:
      'the 1-D input [3] is read as batch 3 of [1] (no batch dim), so its split along axis 0 splits the batch: not counted (onnx-tool counts 0 too), both outputs keep [3, 1]',
  },
  ptop_operator_symbolic_override_nested: {
    outputs:
      'every input is 1-D [1], read as batch 1 of [1]: the outputs carry that trailing 1 (see ptop_operator_basic)',
  },
  ptop_operator_non_float_params: {
    weights:
      'the Add’s second operand is an int64 initializer: FlopLab takes int32/int64 tensors for shapes and indices, never weights, so the Add with it is not counted; onnx-tool counts 4 weights and 4 MACs',
    count: 'the Add of an int64 constant is not counted (see weights)',
  },
  ptop_operator_params: {
    count: '440 vs 444: the Add of a graph-input operand read as a run-time constant is not counted (partial)',
  },
  ptop_operator_repeat: {
    weights:
      'onnx-tool counts the Tile’s int64 repeats [4] as 4 weights; FlopLab counts shapes and indices as no weights (the Tile is the tile kind, 0 MACs as in onnx-tool)',
  },
  ptop_operator_repeat_dim_overflow: {
    weights: 'as ptop_operator_repeat: the Tile’s int64 repeats are no weights here',
  },
};

onnxFixtureSuite(
  'ONNX files from the onnx wheel (tests/fixtures/onnx-wheel) against onnx-tool',
  readEntries(DIR),
  DIR,
  KNOWN_GAPS,
);
