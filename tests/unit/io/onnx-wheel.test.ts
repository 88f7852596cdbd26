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
  ptop_operator_mm: {
    weights:
      'onnx-tool counts the Gemm’s 1-element C (a Constant) as a weight; FlopLab reads a one-value C as the add’s scalar, no weight',
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
