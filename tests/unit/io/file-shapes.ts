/**
 * The output shapes of an imported ONNX model as the file shows them, for the checks against
 * onnxruntime: an output in `meta.outputsWithoutBatch` is the file's whole shape, one in
 * `meta.outputsMergedWithBatch` is [N·d0, …] (its batch merged into the first dim), any other is
 * batch × the shape FlopLab gives (onnx/index.ts writes both lists).
 */
import type { Model } from '../../../src/engine/format/model';
import type { ModelResult } from '../../../src/engine/evaluate';

export function fileShapes(model: Model, e: ModelResult): (number[] | null)[] {
  const whole = new Set((model.meta?.outputsWithoutBatch ?? []) as number[]);
  const merged = new Set((model.meta?.outputsMergedWithBatch ?? []) as number[]);
  return e.outputs.map((o, i) =>
    !o.shape
      ? null
      : whole.has(i)
        ? [...o.shape]
        : merged.has(i)
          ? [e.batch * o.shape[0], ...o.shape.slice(1)]
          : [e.batch, ...o.shape],
  );
}
