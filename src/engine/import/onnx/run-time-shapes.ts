/**
 * Output shapes of operators FlopLab does not count whose size the file does not state (no
 * value_info, as the TorchScript exporter writes them), with a batch of one: the rows after them
 * are then shaped instead of taking the op's input shape. Semantics: onnx/docs/Operators.md;
 * NonMaxSuppression's K as onnx-tool assumes it (its node class, ThanatosShinji/onnx-tool @00f5f0a).
 */
import type { OnnxNode, OnnxTensor } from './decode';

export interface ShapeHost {
  constant(name: string | undefined): OnnxTensor | undefined;
  /** The file's dims of a data value (batch-axis.ts fileShape), where known. */
  file(v: string | undefined): number[] | null;
}

const numel = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);

/**
 * The output shape of a not-counted op whose size the file does not state, with a batch of one
 * (merged: the batch is not a dim of it), or null:
 * - NonZero: [rank, K] indices, K known only when run: at its largest, every element of x nonzero;
 * - RoiAlign: [R, C, output_height, output_width], R the RoIs' first dim, C the map's channels;
 * - NonMaxSuppression: [K, 3] (batch, class, box), K = min(max_output_boxes_per_class, boxes)
 *   as onnx-tool assumes;
 * - GatherND (batch_dims 0): the indices' dims but the last (q), then the data's dims after the
 *   q first ones.
 */
export function runTimeShape(n: OnnxNode, ins: readonly string[], h: ShapeHost): number[] | null {
  const file = h.file;
  if (n.opType === 'NonZero') {
    const f = file(ins[0]);
    return f ? [f.length, numel(f)] : null;
  }
  if (n.opType === 'NonMaxSuppression') {
    const boxes = file(n.inputs[0]);
    const most = h.constant(n.inputs[2])?.values?.[0];
    return boxes?.length === 3 && most !== undefined ? [Math.min(Number(most), boxes[1]), 3] : null;
  }
  if (n.opType === 'GatherND' && !(n.attrs.get('batch_dims')?.i ?? 0)) {
    const [d, idx] = [file(n.inputs[0]), file(n.inputs[1])];
    const q = idx?.[idx.length - 1];
    if (!d || !idx || q === undefined || q > d.length) return null;
    const out = [...idx.slice(0, -1), ...d.slice(q)];
    return out.length ? out : null;
  }
  // GatherElements: the output has the indices' shape (onnx/docs/Operators.md).
  if (n.opType === 'GatherElements') {
    const idx = file(n.inputs[1]) ?? h.constant(n.inputs[1])?.dims;
    return idx?.length ? [...idx] : null;
  }
  if (n.opType === 'RoiAlign') {
    const [x, rois] = [file(ins[0]), file(n.inputs[1])];
    if (!x || x.length !== 4 || !rois || rois.length !== 2) return null;
    const size = (k: string) => n.attrs.get(k)?.i ?? 1;
    return [rois[0], x[1], size('output_height'), size('output_width')];
  }
  return null;
}
