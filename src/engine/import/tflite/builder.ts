/**
 * The main subgraph's operators → a dataflow graph of model layers (graph.ts).
 *
 * A tensor is "data" when it is computed from the model's inputs; weights and the shape
 * arithmetic a converter leaves in the file (SHAPE → STRIDED_SLICE → PACK …) are not, and the
 * latter's values are worked out (shapecalc.ts) where a RESHAPE needs them. Every mapped op is
 * checked: its layers, run through the layer kinds' own shape rules, must give the output
 * shape the file states (dims the file leaves open, −1 in shape_signature, are taken from the
 * layers). An op that cannot be mapped, or whose layers disagree with the file, becomes one
 * "not counted" row (kind `opaque`) with the file's output shape and the weights it reads, so
 * every layer after it is still counted; it is never passed through.
 */
import { opaqueOpName } from '../../layers/opaque';
import type { LayerSpec } from '../../format/model';
import type { GraphNode } from '../graph';
import { chainSteps } from '../shape-track';
import type { TfliteOp, TfliteSubgraph } from './decode';
import { fileShape, flShape, numel, type Layout } from './layout';
import { mapOp, type Mapped, type OpContext } from './ops';
import type { Patterns } from './patterns';
import { shapeValue } from './shapecalc';
import { say } from '../../messages';
import { pushTo } from '../multimap';

/** Ops whose outputs describe a tensor's shape, not its values. */
const SHAPE_OPS = new Set(['SHAPE', 'RANK', 'SIZE']);
/** Ops whose several outputs are each mapped (others: output 0, and the rest are not counted). */
const MULTI = new Set(['SPLIT', 'SPLIT_V']);
/** Inputs that hold shapes, indices or axes, not weights (not counted as an op's parameters). */
const SHAPE_ARGS: Readonly<Record<string, readonly number[]>> = {
  RESHAPE: [1],
  TRANSPOSE: [1],
  PAD: [1],
  PADV2: [1, 2],
  MIRROR_PAD: [1],
  TILE: [1],
  SLICE: [1, 2],
  STRIDED_SLICE: [1, 2, 3],
  GATHER: [1],
  BROADCAST_TO: [1],
  MEAN: [1],
  SUM: [1],
  REDUCE_MAX: [1],
  REDUCE_MIN: [1],
  REDUCE_PROD: [1],
  EXPAND_DIMS: [1],
  SPLIT: [0],
  SPLIT_V: [1, 2],
  RESIZE_BILINEAR: [1],
  RESIZE_NEAREST_NEIGHBOR: [1],
  TRANSPOSE_CONV: [0],
};

/** A layer chain's output shape by the kinds' own rules (shape-track.ts), or why there is none. */
function chainShape(layers: readonly LayerSpec[], inputs: number[][]): number[] | string {
  if (!layers.length) return inputs[0];
  const steps = chainSteps(layers, inputs);
  return typeof steps === 'string' ? steps : (steps[steps.length - 1].output as number[]);
}

export const shortName = (name: string) => name.split(';')[0].slice(0, 200);

export class Builder {
  readonly nodes: GraphNode[] = [];
  readonly data = new Set<number>();
  /** Real file shapes of data tensors (batch first). */
  readonly shapes = new Map<number, number[]>();
  readonly layouts = new Map<number, Layout>();
  /** Values of worked-out shape arithmetic. */
  readonly computed = new Map<number, number[]>();
  /** Rows not counted: op → labels. */
  readonly notCounted = new Map<string, string[]>();
  /** QUANTIZE / DEQUANTIZE read as quantize layers, per op code. */
  readonly conversions = new Map<string, number>();
  readonly warnings: string[] = [];

  constructor(
    private readonly g: TfliteSubgraph,
    readonly batch: number,
    private readonly patterns: Patterns,
    /** A note for an op that calls other subgraphs (WHILE, IF …). */
    private readonly callNote: (op: TfliteOp) => string | null,
  ) {}

  values = (t: number): number[] | undefined =>
    t >= 0 ? (this.g.tensors[t]?.values ?? this.computed.get(t)) : undefined;
  layout = (t: number): Layout => this.layouts.get(t) ?? 'nhwc';
  file = (t: number): number[] => this.shapes.get(t) ?? this.g.tensors[t].shape;
  fl = (t: number): number[] => flShape(this.file(t), this.layout(t), this.batch);

  /** The file's dims of a tensor, null where its shape_signature leaves them open (−1). */
  private stated(t: number): (number | null)[] {
    const { shape, signature } = this.g.tensors[t];
    return shape.map((d, i) => (signature && signature[i] === -1 ? null : d));
  }

  addInput(t: number, layout: Layout) {
    this.data.add(t);
    this.layouts.set(t, layout);
    this.shapes.set(t, this.g.tensors[t].shape.slice());
  }

  /**
   * The real file shape of an op's output k: the file's when it states every dim, else what
   * the op's inputs and shape arithmetic make it, checked against the dims the file does state.
   */
  private outFile(op: TfliteOp, k: number): number[] | undefined {
    const t = op.outputs[k];
    const s = this.stated(t);
    if (s.every((d) => d !== null)) return s as number[];
    const x = op.inputs.find((i) => this.data.has(i));
    const xs = x === undefined ? [] : this.file(x);
    let target: number[] | undefined;
    if (op.code === 'RESHAPE') target = this.values(op.inputs[1]);
    else if (op.code === 'TRANSPOSE_CONV') target = this.values(op.inputs[0]);
    else if (op.code === 'EXPAND_DIMS' && x !== undefined) {
      const a = this.values(op.inputs[1])?.[0];
      const at = a === undefined ? -1 : a < 0 ? a + xs.length + 1 : a;
      if (at >= 0) target = [...xs.slice(0, at), 1, ...xs.slice(at)];
    } else if (op.code === 'FULLY_CONNECTED' && x !== undefined) {
      // Rows of I, or the input's leading dims with keep_num_dims (tensorflow/lite/kernels/fully_connected.cc).
      const [o, i] = this.g.tensors[op.inputs[1]]?.shape ?? [];
      if (o && i) target = op.options.keepNumDims ? [...xs.slice(0, -1), o] : [numel(xs) / i, o];
    }
    // Only the batch left open: the model's batch (a RESHAPE's element count must agree).
    const batched = s.slice(1).every((d) => d !== null) ? [this.batch, ...(s.slice(1) as number[])] : undefined;
    if (!target) return batched && (op.code !== 'RESHAPE' || numel(batched) === numel(xs)) ? batched : undefined;
    if (target.length !== s.length) return undefined;
    const known = target.filter((d) => d !== -1);
    const resolved = target.map((d) => (d === -1 ? numel(xs) / numel(known) : d));
    if (!resolved.every((d, j) => Number.isInteger(d) && d > 0 && (s[j] === null || s[j] === d))) return undefined;
    return resolved;
  }

  private ctx(op: TfliteOp): OpContext {
    return {
      batch: this.batch,
      tensor: (i) => this.g.tensors[i],
      isData: (i) => this.data.has(i),
      file: this.file,
      fl: (i) => {
        if (this.data.has(i)) return this.fl(i);
        const k = op.outputs.indexOf(i);
        const s = (k >= 0 ? this.outFile(op, k) : undefined) ?? this.g.tensors[i].shape;
        return flShape(s, this.layout(i), this.batch);
      },
      layout: this.layout,
      values: this.values,
      outFile: (k) => this.outFile(op, k),
    };
  }

  private label(op: TfliteOp, k = 0) {
    return `${op.code === 'CUSTOM' ? op.custom : op.code} "${shortName(this.g.tensors[op.outputs[k]]?.name ?? '')}"`;
  }

  private push(node: GraphNode, out: number, flOut: number[]) {
    this.nodes.push(node);
    this.data.add(out);
    const rank = this.g.tensors[out].shape.length;
    this.shapes.set(out, fileShape(flOut, rank, this.layout(out), this.batch));
  }

  /** Handles one operator (index i in the subgraph). */
  op(op: TfliteOp, i: number) {
    if (this.patterns.folded.has(i)) return;
    if (!op.outputs.length || op.outputs.some((t) => t < 0)) {
      if (op.inputs.some((t) => this.data.has(t))) this.warnings.push(say('imp.noOutputTensor', { op: op.code, i }));
      return;
    }
    const up = this.patterns.upsamples.get(i);
    if (up && this.data.has(up.input)) {
      const [, h, w] = this.file(up.input);
      const size = up.axis === 1 ? [h * up.factor, w] : [h, w * up.factor];
      const spec = { type: 'upsample', mode: 'nearest', size: size[0] === size[1] ? size[0] : size } as LayerSpec;
      return this.place(op, [up.input], 0, { layers: [spec] });
    }
    const data = op.inputs.filter((t) => t >= 0 && this.data.has(t));
    if (SHAPE_OPS.has(op.code) && data.length) {
      if (op.code === 'SHAPE') this.computed.set(op.outputs[0], this.file(data[0]));
      return;
    }
    if (!data.length) {
      const v = shapeValue(op, op.inputs.map(this.values));
      if (v) this.computed.set(op.outputs[0], v);
      return;
    }
    const call = this.callNote(op);
    if (call !== null) return this.opaque(op, data, 0, call);
    const outs = MULTI.has(op.code) ? op.outputs.length : 1;
    for (let k = 0; k < outs; k++) this.place(op, data, k, mapOp(op, this.ctx(op), data, k));
    for (let k = outs; k < op.outputs.length; k++) this.opaque(op, data, k, `output ${k + 1} of ${op.outputs.length}`);
  }

  /** Checks a mapping against the file's output shape and adds its nodes (or a not-counted row). */
  private place(op: TfliteOp, data: number[], k: number, m: Mapped) {
    if ('unsupported' in m) return this.opaque(op, data, k, m.unsupported);
    const out = op.outputs[k];
    const name = shortName(this.g.tensors[out].name);
    const named = (l: LayerSpec): LayerSpec => (name ? { ...l, name } : l);
    const label = this.label(op, k);
    let nodes: GraphNode[];
    let shape: number[] | string;
    if ('join' in m) {
      const join: LayerSpec = m.join === 'concat' ? { type: 'cat', dim: 1 } : { type: m.join };
      shape = chainShape([join, ...m.then], data.map(this.fl));
      const mid = m.then.length ? `${out}:${m.join}` : String(out);
      nodes = [{ label, name: name || undefined, op: m.join, inputs: data.map(String), output: mid }];
      if (m.then.length)
        nodes.push({ label, op: 'layers', layers: m.then.map(named), inputs: [mid], output: String(out) });
    } else if ('constant' in m) {
      const c = m.constant;
      shape = chainShape(m.layers, [this.fl(data[0]), m.constShape]);
      const param = { type: 'parameter', shape: m.constShape, name: shortName(this.g.tensors[c].name) } as LayerSpec;
      nodes = [
        { label: `constant "${param.name}"`, op: 'layers', layers: [param], inputs: [], output: `c${c}` },
        { label, op: 'layers', layers: m.layers.map(named), inputs: [String(data[0]), `c${c}`], output: String(out) },
      ];
    } else {
      const ins = m.inputs ?? data;
      shape = chainShape(m.layers, ins.map(this.fl));
      nodes = [{ label, op: 'layers', layers: m.layers.map(named), inputs: ins.map(String), output: String(out) }];
    }
    // Compared in the file's layout: the output of the layers against every dim the file states.
    const rank = this.g.tensors[out].shape.length;
    const want = this.outFile(op, k) ?? this.stated(out);
    const got = typeof shape === 'string' ? null : fileShape(shape, rank, this.layout(out), this.batch);
    const fits = got !== null && got.length === rank && got.every((d, j) => want[j] === null || want[j] === d);
    if (!fits) {
      const layers = 'layers' in m ? m.layers.map((l) => l.type).join(' → ') : m.join;
      const says = got ? `[${got.join(', ')}] (NHWC)` : shape;
      this.warnings.push(
        say('imp.tfliteMismatch', { label, layers, says: String(says), want: want.map((d) => d ?? '?').join(', ') }),
      );
      return this.opaque(op, data, k, 'its layers do not give the file’s shape');
    }
    // Quantize rows only: a float16 DEQUANTIZE of a computed tensor is a cast (an identity row).
    if ((op.code === 'QUANTIZE' || op.code === 'DEQUANTIZE') && 'layers' in m && m.layers[0]?.type === 'quantize')
      this.conversions.set(op.code, (this.conversions.get(op.code) ?? 0) + 1);
    for (const n of nodes.slice(0, -1)) this.nodes.push(n);
    this.push(nodes[nodes.length - 1], out, shape as number[]);
  }

  /** A "not counted" row: the file's output shape, its constant inputs' elements as weights. */
  private opaque(op: TfliteOp, data: number[], k: number, why: string) {
    const out = op.outputs[k];
    const raw = op.code === 'CUSTOM' ? `CUSTOM:${op.custom}` : op.code;
    const name = opaqueOpName(raw, 80 - (k ? 10 : 0)) + (k ? ` output ${k + 1}` : '');
    const label = this.label(op, k);
    const key = `${raw} (${why})`;
    pushTo(this.notCounted, key, shortName(this.g.tensors[out].name) || label);
    const skip = SHAPE_ARGS[op.code] ?? [];
    const params =
      k > 0
        ? 0
        : op.inputs.reduce(
            (s, t, j) =>
              t >= 0 && !this.data.has(t) && !skip.includes(j) && this.g.tensors[t].dataBytes
                ? s + numel(this.g.tensors[t].shape)
                : s,
            0,
          );
    const known = this.outFile(op, k);
    const sane = known && known.every((d) => Number.isInteger(d) && d >= 1 && d <= 2 ** 31);
    // Without a known, sane output shape the row is an error (an empty shape), never a guess.
    const fl = sane ? flShape(known, this.layout(out), this.batch) : [];
    if (!sane) this.warnings.push(say('imp.tfliteNoShape', { label, shape: this.g.tensors[out].shape.join(', ') }));
    const spec: LayerSpec = { type: 'opaque', op: name, shape: fl, ...(params ? { params } : {}) };
    const named = shortName(this.g.tensors[out].name);
    this.nodes.push({
      label,
      op: 'layers',
      layers: [named ? { ...spec, name: named } : spec],
      inputs: data.slice(0, 16).map(String),
      output: String(out),
    });
    this.data.add(out);
    if (sane) this.shapes.set(out, known);
  }
}
