/**
 * Which ONNX operators batch-axis.ts rewrites how: those with an `axis` attribute (shifted by one
 * on a merged value), those taking one map per sample (not rewritten: not counted on a merged
 * value), and the element-wise ones (operands given one rank). Semantics: onnx/docs/Operators.md.
 */

/** Ops with an `axis` attribute that counts dims (the batch as 0), and its default. */
export const AXIS_ATTR: Readonly<Record<string, number>> = {
  Concat: 0,
  Split: 0,
  Gather: 0,
  GatherElements: 0,
  Softmax: -1,
  LogSoftmax: -1,
  Hardmax: -1,
  LpNormalization: -1,
  ArgMax: 0,
  ArgMin: 0,
  TopK: -1,
  LayerNormalization: -1,
  Compress: 0,
};
/** Ops that take one [C, H, W] map (or [C, L], [C, D, H, W]) per sample: no batch-first rewrite of a merged value. */
export const PER_MAP = new Set([
  'Conv',
  'ConvTranspose',
  'QLinearConv',
  'ConvInteger',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'LpPool',
  'BatchNormalization',
  'InstanceNormalization',
  'LRN',
  'DepthToSpace',
  'SpaceToDepth',
  'RoiAlign',
  'MaxRoiPool',
]);
/** Element-wise on every input: the output is merged when a widest input is. */
export const ELEMENTWISE = new Set([
  'Add',
  'Sub',
  'Mul',
  'Div',
  'Mod',
  'Pow',
  'Max',
  'Min',
  'Sum',
  'Mean',
  'Where',
  'Equal',
  'Less',
  'Greater',
  'LessOrEqual',
  'GreaterOrEqual',
  'And',
  'Or',
  'Xor',
  'Not',
]);

/** Ops whose default axis is 1 before opset 13 (−1 from 13; onnx/docs/Changelog.md). */
export const LEGACY_AXIS_1: Readonly<Record<string, true>> = { Softmax: true, LogSoftmax: true, Hardmax: true };
