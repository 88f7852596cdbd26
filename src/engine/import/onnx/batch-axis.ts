/**
 * Values whose batch is not a dim of its own. FlopLab's rows are batch-first: a value is batch B
 * × a per-sample shape, and the ONNX mappers read axes that way (0 is the batch). Real files also
 * hold values with the batch merged into their first dim, [B·d0, d1, …]:
 * - torchvision's detectors take a list of [C, H, W] images: the graph input has no batch dim
 *   (B = 1), and the transform unsqueezes it, resizes it and takes it back out with x[0];
 * - with a batch of one, x[0], squeeze(0) and a reduction over dim 0 drop the batch, and a
 *   transpose may move it (the detectors' post-processing, per image);
 * - timm's Swin reshapes [B, H, W, C] into [B·windows, 7, 7, C].
 * Such a value is "merged" here, held as batch B × [d0, d1, …]: its file axis a ≥ 0 is the
 * batch-first axis a + 1. A node reading one is rewritten to its batch-first equivalent before it
 * is mapped (axes and perms shifted, pads and scales given a batch entry, a Reshape's target
 * resolved against the file's dims); with a batch of one, the ops that add or drop the leading 1
 * become what they do to the per-sample shape. Where the merged batch would be mixed with other
 * samples (B > 1 and file axis 0 touched), the node is not counted, with that reason.
 */
import type { LayerSpec } from '../../format/model';
import type { OnnxNode, OnnxTensor } from './decode';
import { runTimeShape } from './run-time-shapes';
import { asReshape, axesOf, prefixed, REDUCE, withAttr, withList } from './node-rewrite';
import { AXIS_ATTR, ELEMENTWISE, LEGACY_AXIS_1, PER_MAP } from './batch-axis-ops';

const INT64 = 7;

export type BatchStep =
  /** Map this node (the file's, or its batch-first rewrite), after `before`; `merged`: its outputs are merged. */
  | {
      readonly node: OnnxNode;
      readonly merged: boolean;
      readonly before?: LayerSpec[];
      readonly after?: LayerSpec[];
    }
  /** These layers, on the first data input (none: the value itself). */
  | { readonly layers: LayerSpec[]; readonly merged: boolean }
  | { readonly unsupported: string; readonly merged: boolean };

export interface BatchAxisHost {
  batch(): number;
  /** The file's ai.onnx opset (0 when it names none): Softmax's default axis changed at 13. */
  opset(): number;
  constant(name: string | undefined): OnnxTensor | undefined;
  /** Registers a constant the rewrite made (a shifted axes list, a resolved target). */
  define(name: string, t: OnnxTensor): void;
  /** Per-sample shape of a data value, where known. */
  shape(v: string): readonly number[] | null | undefined;
  /** Adds a row of `layers` on `input` writing `output` (an operand given the other's rank). */
  row(input: string, layers: LayerSpec[], output: string): void;
}

const ints = (n: OnnxNode, k: string) => n.attrs.get(k)?.ints?.map(Number);
const numel = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);

export class BatchAxis {
  /** Values whose first file dim is the batch merged with d0. */
  readonly merged = new Set<string>();
  /** Merged values that are scalars in the file (a reduction of every dim), held as [1]. */
  private readonly scalars = new Set<string>();

  constructor(private readonly h: BatchAxisHost) {}

  /** The file's dims of a data value from its per-sample shape: [B·d0, …] merged, [B, …] else. */
  fileShape(v: string, shape: readonly number[]): number[] {
    const b = this.h.batch();
    return this.merged.has(v) && shape.length ? [b * shape[0], ...shape.slice(1)] : [b, ...shape];
  }

  /** The output shape of a not-counted op the file states none for (run-time-shapes.ts), with a batch of one. */
  opaqueShape(n: OnnxNode, ins: readonly string[]): number[] | null {
    if (this.h.batch() !== 1 || !ins.length) return null;
    return runTimeShape(n, ins, {
      constant: (v) => this.h.constant(v),
      file: (v) => {
        const s = v === undefined ? null : this.h.shape(v);
        return s && v !== undefined ? this.fileShape(v, s) : null;
      },
    });
  }

  /** Marks the node's outputs merged or not. */
  mark(outputs: readonly string[], merged: boolean) {
    for (const o of outputs) {
      if (!o) continue;
      if (merged) this.merged.add(o);
      else this.merged.delete(o);
    }
  }

  /** What to map for node `n` when one of its data inputs `ins` is merged (null: none is). */
  merging(n: OnnxNode, ins: readonly string[]): BatchStep | null {
    if (!ins.some((v) => this.merged.has(v))) return null;
    const b = this.h.batch();
    const x = ins[0];
    const m = this.merged.has(x);
    if (this.single(n, x)) return { layers: [], merged: m };
    if (ELEMENTWISE.has(n.opType) && b === 1) return this.ranked(n, ins);
    // MatMul broadcasts its leading dims as numpy does; 1-D operands are vectors, not to be ranked.
    if (n.opType === 'MatMul' && b === 1 && ins.length === 2 && ins.every((v) => (this.fileRank(v) ?? 0) >= 2))
      return this.ranked(n, ins);
    if (ELEMENTWISE.has(n.opType) || !m) return { node: n, merged: this.widestMerged(ins) };
    const shape = this.h.shape(x);
    const rank = shape ? shape.length : undefined; // the file's rank
    const touches = (a: number) => a === 0 || (rank !== undefined && a === -rank);
    const across = `${n.opType} along dim 0, where the file merges the batch (${b}) with another dim: it would mix samples`;
    const shift = (a: number) => (a >= 0 ? a + 1 : a);
    if (PER_MAP.has(n.opType))
      return {
        unsupported: `${n.opType} on [${shape ? this.fileShape(x, shape).join(', ') : '?'}]: its first dim holds several maps per sample (boxes, windows), and FlopLab's ${n.opType} rows take one map per sample`,
        merged: true,
      };
    if (n.opType in AXIS_ATTR) {
      // Softmax, LogSoftmax, Hardmax: −1 by default from opset 13, 1 before (Changelog.md).
      const legacy = n.opType in LEGACY_AXIS_1 && this.h.opset() > 0 && this.h.opset() < 13;
      const a = n.attrs.get('axis')?.i ?? (legacy ? 1 : AXIS_ATTR[n.opType]);
      if (b > 1 && touches(a)) return { unsupported: across, merged: true };
      return { node: withAttr(n, 'axis', { type: 2, i: shift(a) }), merged: true };
    }
    if (n.opType === 'Transpose') {
      const perm = ints(n, 'perm') ?? (rank === undefined ? undefined : [...Array(rank).keys()].reverse());
      if (!perm) return { unsupported: 'a transpose without perm of unknown rank', merged: true };
      if (b > 1 && perm[0] !== 0) return { unsupported: across, merged: true };
      return { node: withAttr(n, 'perm', { type: 7, ints: [0, ...perm.map((p) => p + 1)] }), merged: true };
    }
    if (n.opType === 'Reshape') return this.reshape(n, x, shape);
    if (n.opType === 'Flatten') return shape ? this.flatten(n, x, shape) : null;
    if (this.reducesAll(n) && rank !== undefined && b === 1) return this.reduceAll(n, rank, false);
    const listed = this.axesNormalised(n, rank);
    if (listed) {
      const { axes, where } = listed;
      if (n.opType === 'Unsqueeze' && axes.includes(0) && b === 1) {
        // [d0, …] → [1, d0, …]: the leading 1 is the batch again.
        const rest = axes.filter((a) => a !== 0);
        if (!rest.length) return { layers: [], merged: false };
        return { node: withList(n, this.h.define, where, rest), merged: false };
      }
      const outRank = rank === undefined ? undefined : n.opType === 'Unsqueeze' ? rank + axes.length : rank;
      if (b > 1 && axes.some((a) => a === 0 || (outRank !== undefined && a === -outRank)))
        return { unsupported: across, merged: true };
      return { node: withList(n, this.h.define, where, axes.map(shift)), merged: true };
    }
    if ((n.opType === 'Pad' || n.opType === 'Tile') && b > 1) {
      // Padding or repeating the merged dim 0 would add rows across samples.
      const v = (ints(n, 'pads') ?? this.h.constant(n.inputs[1])?.values)?.map(Number);
      const r = n.opType === 'Pad' ? (v ? v.length / 2 : 0) : 0;
      const zeroLead = v ? (n.opType === 'Pad' ? !v[0] && !v[r] : v[0] === 1) : false;
      if (!zeroLead) return { unsupported: across, merged: true };
    }
    if (n.opType === 'Pad')
      return {
        node: prefixed(n, this.h, 1, 'pads', (v) => [0, ...v.slice(0, v.length / 2), 0, ...v.slice(v.length / 2)]),
        merged: true,
      };
    if (n.opType === 'Tile') return { node: prefixed(n, this.h, 1, undefined, (v) => [1, ...v]), merged: true };
    // Expand's target and CumSum's axis count the merged dim as the file does: with a batch of one only.
    if (n.opType === 'Expand')
      return b === 1
        ? { node: prefixed(n, this.h, 1, undefined, (v) => [1, ...v]), merged: true }
        : { unsupported: across, merged: true };
    if (n.opType === 'CumSum') {
      if (b > 1) return { unsupported: across, merged: true };
      return { node: prefixed(n, this.h, 1, undefined, (v) => [v[0] >= 0 ? v[0] + 1 : v[0]]), merged: true };
    }
    if (n.opType === 'Resize' || n.opType === 'Upsample') {
      const at = n.opType === 'Resize' ? (n.inputs[3] ? 3 : n.inputs.length > 2 ? 2 : 1) : 1;
      if (b > 1 && at === 3) return { unsupported: across, merged: true };
      return { node: prefixed(n, this.h, at, 'scales', (v) => [1, ...v]), merged: true };
    }
    if (n.opType === 'Einsum')
      return { unsupported: `Einsum on a value whose first dim merges the batch (${b}) with others`, merged: true };
    return { node: n, merged: true };
  }

  /**
   * A node on batch-first data that merges the batch into a dim (a Reshape or Flatten to
   * [B·windows, …]) or, with a batch of one, drops or moves its leading 1; null: none of these.
   */
  batchFirst(n: OnnxNode, ins: readonly string[]): BatchStep | null {
    const x = ins[0];
    if (x === undefined) return null;
    if (this.single(n, x)) return { layers: [], merged: false };
    const s = this.h.shape(x);
    if (n.opType === 'Reshape') return this.reshape(n, x, s);
    if (n.opType === 'Flatten' && s && (n.attrs.get('axis')?.i ?? 1) !== 1) return this.flatten(n, x, s);
    return this.h.batch() === 1 ? this.dropLead(n, x) : null;
  }

  /** The file's rank of a data value, where known. */
  private fileRank(v: string): number | undefined {
    const s = this.h.shape(v);
    return s ? s.length + (this.merged.has(v) ? 0 : 1) : undefined;
  }

  /** The node's axes list; an Unsqueeze's negative axes made non-negative (they count the output's rank). */
  private axesNormalised(n: OnnxNode, fileRank: number | undefined) {
    const listed = axesOf(n, this.h.constant);
    if (!listed || n.opType !== 'Unsqueeze' || fileRank === undefined) return listed;
    const out = fileRank + listed.axes.length;
    return { ...listed, axes: listed.axes.map((a) => (a < 0 ? a + out : a)) };
  }

  /** A Reduce* without axes (and not told to do nothing then): every dim, the batch too. */
  private reducesAll(n: OnnxNode): boolean {
    if (!REDUCE.test(n.opType) || n.attrs.get('axes')?.ints?.length) return false;
    if (n.inputs[1]) {
      // An axes input: all only when it is a constant with no entries (computed axes are not known).
      const given = this.h.constant(n.inputs[1]);
      if (!given || given.dims.reduce((a, d) => a * d, 1) > 0) return false;
    }
    return !(n.attrs.get('noop_with_empty_axes')?.i ?? 0);
  }

  /**
   * A reduction of every dim with a batch of one (the largest box coordinate): every dim of the
   * sample reduced with its dims kept; a batch-first input's 1 is first made a dim of the sample
   * (`batchFirst`: an unsqueeze before) and, kept, is the batch again after (a squeeze). Without
   * keepdims the file's output is a scalar: held as [1] (flattened), merged, known as a scalar.
   */
  private reduceAll(n: OnnxNode, fileRank: number, batchFirst: boolean): BatchStep {
    const keep = (n.attrs.get('keepdims')?.i ?? 1) !== 0;
    if (!keep) this.scalars.add(n.outputs[0]);
    // Batch-first dims 1 … fileRank: after the unsqueeze, or of the merged value, the whole sample.
    const dims = Array.from({ length: fileRank }, (_v, i) => i + 1);
    const name = `${n.outputs[0]}:batch-first axes`;
    this.h.define(name, { dims: [dims.length], dataType: INT64, values: dims });
    const attrs = new Map(n.attrs);
    attrs.set('keepdims', { type: 2, i: 1 });
    attrs.delete('axes');
    const unsqueeze = { type: 'unsqueeze', dim: 1 } as LayerSpec;
    const after = keep
      ? batchFirst
        ? [{ type: 'squeeze', dim: 1 } as LayerSpec]
        : []
      : [{ type: 'flatten' } as LayerSpec];
    return {
      node: { ...n, inputs: [n.inputs[0], name], attrs },
      merged: !(keep && batchFirst),
      before: batchFirst ? [unsqueeze] : [],
      after,
    };
  }

  /** A Concat of one tensor, or a Split into one part, is the tensor itself, whatever the axis. */
  private single(n: OnnxNode, x: string): boolean {
    if (n.opType === 'Concat') return n.inputs.length === 1;
    if (n.opType !== 'Split' || n.outputs.length !== 1) return false;
    // Into one part: the whole axis unless a size says less (torchvision's Split [1] of a [K, 2]).
    const size = (n.attrs.get('split')?.ints ?? this.h.constant(n.inputs[1])?.values)?.map(Number);
    if (!size) return true;
    const s = this.h.shape(x);
    if (!s) return false;
    const f = this.fileShape(x, s);
    const a = n.attrs.get('axis')?.i ?? 0;
    return size[0] === f[a < 0 ? a + f.length : a];
  }

  /** Nodes that took a batch of one apart (dropLead): right at batch 1 only, said in a notice. */
  readonly dropped: string[] = [];

  /** With a batch of one, ops that drop or move the leading 1 of a batch-first value. */
  private dropLead(n: OnnxNode, x: string): BatchStep | null {
    const step = this.dropLeadStep(n, x);
    if (step) this.dropped.push(n.name || n.outputs[0]);
    return step;
  }

  private dropLeadStep(n: OnnxNode, x: string): BatchStep | null {
    const shape = this.h.shape(x);
    const rank = shape ? shape.length + 1 : undefined;
    const lead = (a: number) => a === 0 || (rank !== undefined && a === -rank);
    if (n.opType === 'Gather' && lead(n.attrs.get('axis')?.i ?? 0)) {
      const idx = this.h.constant(n.inputs[1]);
      // x[0] (or x[-1]) of a batch of one: the sample itself, its first dim now d0.
      if (idx?.dims.length === 0 && (idx.values?.[0] === 0 || idx.values?.[0] === -1))
        return { layers: [], merged: true };
      return null;
    }
    if (n.opType === 'Transpose') {
      const perm = ints(n, 'perm');
      if (!perm || perm[0] === 0) return null;
      // The batch's 1 moves: an unsqueeze makes it a dim of the sample, which is then permuted.
      return {
        layers: [
          { type: 'unsqueeze', dim: 1 },
          { type: 'permute', dims: [0, ...perm.map((p) => p + 1)] },
        ] as LayerSpec[],
        merged: true,
      };
    }
    if (this.reducesAll(n) && rank !== undefined) return this.reduceAll(n, rank, true);
    const listed = this.axesNormalised(n, rank);
    if (!listed || !listed.axes.some(lead)) return null;
    const { axes, where } = listed;
    if (n.opType === 'Unsqueeze') {
      // [1, d…] → a new leading 1: it is the batch, the old one a 1 in front of the sample.
      const rest = axes.filter((a) => a !== 0).sort((p, q) => p - q);
      return { node: withList(n, this.h.define, where, [1, ...rest]), merged: false };
    }
    const rest = axes.filter((a) => !lead(a));
    if (n.opType === 'Squeeze') {
      // squeeze(0) of a batch of one: the sample, its first dim now d0.
      if (!rest.length) return { layers: [], merged: true };
      return { node: withList(n, this.h.define, where, rest), merged: true };
    }
    if (!REDUCE.test(n.opType)) return null;
    // A reduction over the batch of one (and other axes): the batch's 1 made a dim of the sample, then
    // reduced with the rest, so the kind counts what it counts for any reduction. Kept dims: the 1
    // is the batch again; else the output is merged.
    const shifted = [1, ...rest.map((a) => (a >= 0 ? a + 1 : a))];
    const keep = (n.attrs.get('keepdims')?.i ?? 1) !== 0;
    return {
      node: withList(n, this.h.define, where, shifted),
      merged: !keep,
      before: [{ type: 'unsqueeze', dim: 1 } as LayerSpec],
      ...(keep ? { after: [{ type: 'squeeze', dim: 1 } as LayerSpec] } : {}),
    };
  }

  /**
   * An element-wise op on a merged value and others, with a batch of one: each file tensor is its
   * per-sample tensor, so every operand is given the widest one's rank with 1s in front, as numpy
   * broadcasting does (a box's [K, 4] times the largest coordinate, a scalar). The output is merged.
   */
  private ranked(n: OnnxNode, ins: readonly string[]): BatchStep {
    const shapes = ins.map((v) => this.h.shape(v));
    if (shapes.some((s) => !s)) return { node: n, merged: this.widestMerged(ins) };
    const rank = (v: string, s: readonly number[]) =>
      this.scalars.has(v) ? 0 : this.merged.has(v) ? s.length : s.length + 1;
    // Constant operands count too: x[0] + a [1, F] constant is [1, F] in the file.
    const constants = n.inputs.flatMap((v) => (ins.includes(v) ? [] : [this.h.constant(v)?.dims.length ?? 0]));
    const wide = Math.max(...ins.map((v, i) => rank(v, shapes[i] as number[])), ...constants);
    const inputs = n.inputs.slice();
    ins.forEach((v, i) => {
      const missing = Math.max(wide, 1) - (shapes[i] as number[]).length;
      if (missing <= 0) return;
      const out = `${v}:rank ${wide}`;
      this.h.row(
        v,
        Array.from({ length: missing }, () => ({ type: 'unsqueeze', dim: 1 }) as LayerSpec),
        out,
      );
      this.merged.add(out);
      for (let k = 0; k < inputs.length; k++) if (inputs[k] === v) inputs[k] = out;
    });
    return { node: { ...n, inputs }, merged: true };
  }

  /** Merged when a widest input (the most file dims) is merged (broadcasting aligns the last dims). */
  private widestMerged(ins: readonly string[]): boolean {
    let best = -1;
    let merged = false;
    for (const v of ins) {
      const s = this.h.shape(v);
      if (!s) continue;
      const r = s.length + (this.merged.has(v) ? 0 : 1);
      if (r > best) [best, merged] = [r, this.merged.has(v)];
      else if (r === best && this.merged.has(v)) merged = true;
    }
    return merged;
  }

  /** A Reshape of a merged value, or one that merges the batch, resolved against the file's dims. */
  reshape(n: OnnxNode, x: string, shape: readonly number[] | null | undefined): BatchStep | null {
    const target = this.h.constant(n.inputs[1])?.values?.map(Number);
    if (!target || !shape)
      return this.merged.has(x)
        ? { unsupported: 'reshape to a computed target of a value whose first dim merges the batch', merged: true }
        : null;
    const f = this.fileShape(x, shape);
    const zero = !(n.attrs.get('allowzero')?.i ?? 0);
    const dims = target.map((d, i) => (d === 0 && zero ? (f[i] ?? 0) : d));
    const known = numel(dims.filter((d) => d !== -1));
    const at = dims.indexOf(-1);
    if (at >= 0) dims[at] = known ? numel(f) / known : 0;
    if (dims.some((d) => !Number.isInteger(d) || d < 0) || numel(dims) !== numel(f)) return null;
    return this.reshapeTo(n, x, shape, dims);
  }

  /** Flatten(axis): the file's [d0 ⋯ d(a−1), da ⋯], as a Reshape. */
  private flatten(n: OnnxNode, x: string, shape: readonly number[]): BatchStep | null {
    const f = this.fileShape(x, shape);
    const a = n.attrs.get('axis')?.i ?? 1;
    const at = a < 0 ? a + f.length : a;
    return this.reshapeTo(n, x, shape, [numel(f.slice(0, at)), numel(f.slice(at))]);
  }

  /** The file's `out` dims as batch-first: [B, …] kept as it is (null), else merged [B·d0, …]. */
  private reshapeTo(n: OnnxNode, x: string, shape: readonly number[], out: number[]): BatchStep | null {
    const b = this.h.batch();
    const per = numel(shape);
    if (out[0] === b && numel(out.slice(1)) === per) {
      if (!this.merged.has(x) && n.opType === 'Reshape') return null;
      return { node: asReshape(n, this.h.define, out), merged: false };
    }
    // A 0-d scalar (Reshape to [] of one value): held as [1] per sample, as every scalar (reduceAll).
    if (!out.length && per === 1 && b === 1) return { node: asReshape(n, this.h.define, [1, 1]), merged: false };
    if (!out.length || out[0] % b)
      return { unsupported: `reshape to [${out.join(', ')}] (it splits the batch ${b})`, merged: true };
    return { node: asReshape(n, this.h.define, [b, out[0] / b, ...out.slice(1)]), merged: true };
  }
}
