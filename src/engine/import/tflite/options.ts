/**
 * The builtin options of an operator (its attributes: padding, strides, fused activation …) as
 * a plain object, read with the generated option tables. Only the option types the mapper uses
 * are read; the others give {}. Names are the generated accessors' (strideW, keepNumDims …).
 */
import { BuiltinOptions } from './generated/tflite/builtin-options';
import { BatchMatMulOptions } from './generated/tflite/batch-mat-mul-options';
import { CallOnceOptions } from './generated/tflite/call-once-options';
import { ConcatenationOptions } from './generated/tflite/concatenation-options';
import { Conv2DOptions } from './generated/tflite/conv2doptions';
import { DepthwiseConv2DOptions } from './generated/tflite/depthwise-conv2doptions';
import { FullyConnectedOptions } from './generated/tflite/fully-connected-options';
import { GatherOptions } from './generated/tflite/gather-options';
import { IfOptions } from './generated/tflite/if-options';
import { LeakyReluOptions } from './generated/tflite/leaky-relu-options';
import type { Operator } from './generated/tflite/operator';
import { AddOptions } from './generated/tflite/add-options';
import { DivOptions } from './generated/tflite/div-options';
import { MulOptions } from './generated/tflite/mul-options';
import { SubOptions } from './generated/tflite/sub-options';
import { Pool2DOptions } from './generated/tflite/pool2doptions';
import { ReducerOptions } from './generated/tflite/reducer-options';
import { ResizeBilinearOptions } from './generated/tflite/resize-bilinear-options';
import { ResizeNearestNeighborOptions } from './generated/tflite/resize-nearest-neighbor-options';
import { SoftmaxOptions } from './generated/tflite/softmax-options';
import { SqueezeOptions } from './generated/tflite/squeeze-options';
import { StridedSliceOptions } from './generated/tflite/strided-slice-options';
import { TransposeConvOptions } from './generated/tflite/transpose-conv-options';
import { UnidirectionalSequenceLSTMOptions } from './generated/tflite/unidirectional-sequence-lstmoptions';
import { WhileOptions } from './generated/tflite/while-options';

export type Options = Readonly<Record<string, number | boolean | number[]>>;

type Table = { __init(i: number, bb: unknown): unknown };

/** Option type → the generated table class and the scalar accessors to read. */
const READERS: ReadonlyMap<number, readonly [new () => Table, readonly string[]]> = new Map<
  number,
  readonly [new () => Table, readonly string[]]
>([
  [
    BuiltinOptions.Conv2DOptions,
    [Conv2DOptions, ['padding', 'strideW', 'strideH', 'fusedActivationFunction', 'dilationWFactor', 'dilationHFactor']],
  ],
  [
    BuiltinOptions.DepthwiseConv2DOptions,
    [
      DepthwiseConv2DOptions,
      [
        'padding',
        'strideW',
        'strideH',
        'depthMultiplier',
        'fusedActivationFunction',
        'dilationWFactor',
        'dilationHFactor',
      ],
    ],
  ],
  [
    BuiltinOptions.Pool2DOptions,
    [Pool2DOptions, ['padding', 'strideW', 'strideH', 'filterWidth', 'filterHeight', 'fusedActivationFunction']],
  ],
  [BuiltinOptions.FullyConnectedOptions, [FullyConnectedOptions, ['fusedActivationFunction', 'keepNumDims']]],
  [BuiltinOptions.AddOptions, [AddOptions, ['fusedActivationFunction']]],
  [BuiltinOptions.SubOptions, [SubOptions, ['fusedActivationFunction']]],
  [BuiltinOptions.MulOptions, [MulOptions, ['fusedActivationFunction']]],
  [BuiltinOptions.DivOptions, [DivOptions, ['fusedActivationFunction']]],
  [BuiltinOptions.ConcatenationOptions, [ConcatenationOptions, ['axis', 'fusedActivationFunction']]],
  [BuiltinOptions.SoftmaxOptions, [SoftmaxOptions, ['beta']]],
  [BuiltinOptions.ReducerOptions, [ReducerOptions, ['keepDims']]],
  [
    BuiltinOptions.TransposeConvOptions,
    [TransposeConvOptions, ['padding', 'strideW', 'strideH', 'fusedActivationFunction']],
  ],
  [BuiltinOptions.LeakyReluOptions, [LeakyReluOptions, ['alpha']]],
  [BuiltinOptions.ResizeBilinearOptions, [ResizeBilinearOptions, ['alignCorners', 'halfPixelCenters']]],
  [BuiltinOptions.ResizeNearestNeighborOptions, [ResizeNearestNeighborOptions, ['alignCorners', 'halfPixelCenters']]],
  [
    BuiltinOptions.StridedSliceOptions,
    [StridedSliceOptions, ['beginMask', 'endMask', 'ellipsisMask', 'newAxisMask', 'shrinkAxisMask', 'offset']],
  ],
  [BuiltinOptions.GatherOptions, [GatherOptions, ['axis', 'batchDims']]],
  [BuiltinOptions.BatchMatMulOptions, [BatchMatMulOptions, ['adjX', 'adjY']]],
  [BuiltinOptions.WhileOptions, [WhileOptions, ['condSubgraphIndex', 'bodySubgraphIndex']]],
  [BuiltinOptions.IfOptions, [IfOptions, ['thenSubgraphIndex', 'elseSubgraphIndex']]],
  [BuiltinOptions.CallOnceOptions, [CallOnceOptions, ['initSubgraphIndex']]],
  [BuiltinOptions.SqueezeOptions, [SqueezeOptions, []]],
  [
    BuiltinOptions.UnidirectionalSequenceLSTMOptions,
    [UnidirectionalSequenceLSTMOptions, ['fusedActivationFunction', 'timeMajor', 'diagonalRecurrentTensors']],
  ],
]);

/** Reads the operator's builtin options ({} for option types not listed above). */
export function readOptions(op: Operator): Options {
  const type = op.builtinOptionsType();
  const reader = READERS.get(type);
  if (!reader) return {};
  const [Cls, fields] = reader;
  const table = op.builtinOptions(new Cls()) as Record<string, () => unknown> | null;
  if (!table) return {};
  const out: Record<string, number | boolean | number[]> = {};
  for (const f of fields) {
    const v = table[f]();
    out[f] = typeof v === 'bigint' ? Number(v) : (v as number | boolean);
  }
  if (type === BuiltinOptions.SqueezeOptions) {
    const s = table as unknown as SqueezeOptions;
    const dims: number[] = [];
    for (let i = 0; i < Math.min(s.squeezeDimsLength(), 16); i++) dims.push(s.squeezeDims(i) ?? 0);
    out.squeezeDims = dims;
  }
  return out;
}
