/**
 * The ONNX importer's graph builder: walks the nodes in order, folds constants, follows shapes
 * and the exporters' idioms (GELU as erf, channel shuffle, bias Add after MatMul, layer scale,
 * recurrent layouts) and maps each operator to layers (ops.ts), or to a not-counted row.
 */

import { CHANNELS, UNFOLDED } from './layernorm2d';
import { GeluPattern } from './gelu-pattern';
import { opaqueOpName } from '../../layers/opaque';
import type { LayerSpec } from '../../format/model';
import type { GraphNode } from '../graph';
import { ShapeTrack } from '../shape-track';
import { constantOf, fold, FOLDABLE } from './fold';
import { SeqLayout } from './recurrent';
import type { OnnxGraph, OnnxNode, OnnxTensor } from './decode';
import { mapOp } from './ops';
import { DataType } from './schema';
import { ShufflePatterns } from './shuffle';
import { readersOf, UnbindPatterns } from './unbind';
import { CONTROL_FLOW, controlFlow } from './control-flow';
import { biasAdd, compareOperands, concatOperands, constantMul, constantOperand, whereOperands } from './operands';
import { say } from '../../messages';
import { BatchAxis, type BatchStep } from './batch-axis';
import { ShapeArith } from './shape-arith';
import { pushTo } from '../multimap';

const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div']);
const MIN_MAX_OPS = new Set(['Max', 'Min']);
/** Comparisons of two operands (math-ops.ts compareOp): a constant tensor operand is a parameter row. */
const COMPARISONS = new Set(['Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Equal', 'And', 'Or', 'Xor']);

/** Operators whose output describes a tensor's shape, not its values. */
const SHAPE_OPS = new Set(['Shape', 'Size']);

export class Builder {
  readonly nodes: GraphNode[] = [];
  readonly data = new Set<string>();
  readonly consts = new Map<string, OnnxTensor>();
  /** Unsupported operators: op type → node names. */
  readonly unsupported = new Map<string, string[]>();
  readonly warnings: string[] = [];
  /** Index in `nodes` of the row writing each value. */
  readonly producer = new Map<string, number>();

  constructor(readonly g: OnnxGraph) {}

  constant = (name: string | undefined) =>
    name ? (this.g.initializers.get(name) ?? this.consts.get(name)) : undefined;

  /** Shapes (batch included) of inputs read as run-time constants, where known. */
  readonly constantInputs = new Map<string, readonly number[]>();
  /** The element types the file states for its graph inputs (TensorProto.DataType). */
  readonly inputTypes = new Map<string, number>();
  /** Batch of the graph input (the first dim a Shape of a data value gives). */
  batch = 1;
  /** Nodes on constants only that could not be folded (listed in the warnings). */
  readonly unfolded: string[] = [];
  /** Folded nodes onnx-tool counts (shape-arith.ts). */
  readonly shapeArith = new ShapeArith();
  private readonly foldContext = {
    constant: (name: string) => this.constant(name),
    shapeOf: (name: string) => {
      const known = this.constantInputs.get(name);
      if (known) return known;
      const s = this.seq.fileShape(name, this.batch) ?? this.shapes.get(name);
      return s && this.seq.isTagged(name) ? s : s ? this.lead.fileShape(name, s) : null;
    },
  };
  /** Sequence-first layouts around LSTM / GRU / RNN (recurrent.ts). */
  readonly seq = new SeqLayout({
    push: (node) => this.push(node),
    markData: (v) => this.data.add(v),
    shape: (v) => this.shapes.get(v),
    constantValues: (name) => this.constant(name)?.values,
    warn: (t) => this.warnings.push(t),
    feedsRecurrent: (v) =>
      ((this.readers ??= readersOf(this.g))(v) ?? []).some((r) => ['LSTM', 'GRU', 'RNN'].includes(r.opType)),
  });

  /** Idioms that move data between axes: ShuffleNet's channel shuffle (shuffle.ts), attention's q, k, v (unbind.ts). */
  private readonly moves = {
    batch: () => this.batch,
    constant: (name: string | undefined) => this.constant(name),
    shape: (v: string) => this.shapes.get(v),
    push: (node: GraphNode) => this.push(node),
    readers: (v: string) => (this.readers ??= readersOf(this.g))(v),
    nodes: () => this.g.nodes,
  };
  private readers?: ReturnType<typeof readersOf>;
  private readonly shuffles = new ShufflePatterns(this.moves);
  private readonly unbinds = new UnbindPatterns(this.moves);

  /** Values whose batch the file merges into their first dim (batch-axis.ts). */
  readonly lead = new BatchAxis({
    batch: () => this.batch,
    opset: () => this.g.opset,
    constant: (name) => this.constant(name),
    define: (name, t) => this.consts.set(name, t),
    shape: (v) => this.shapes.get(v),
    row: (input, layers, output) => {
      if (!this.data.has(output)) this.push({ label: output, op: 'layers', layers, inputs: [input], output });
    },
  });

  /** Shapes of the data values so far (the kinds' shape rules). */
  readonly shapes = new ShapeTrack();

  /** Values some node reads (an input nobody reads is left out of the model). */
  readonly used = new Set<string>();

  /**
   * Graph inputs a layer holds as its own tensors (Mapped.held): left out of the model's inputs, as a
   * run-time constant is, without the 'no node reads' notice (the mapper says what they became).
   */
  readonly held = new Set<string>();

  push(node: GraphNode) {
    for (const v of node.inputs) this.used.add(v);
    this.shapes.add(node);
    this.nodes.push(node);
    this.producer.set(node.output, this.nodes.length - 1);
    this.data.add(node.output);
  }

  /**
   * An operator no kind models: a "not counted" row (layers/opaque.ts) that takes every data
   * input, has the output shape the file states (value_info; else its first input's, said in a
   * warning) and carries the weights the file stores for it.
   */
  notCounted(n: OnnxNode, ins: readonly string[], why: string, out: string, k = 0) {
    // NonZero's count is known only when run (at its largest), RoiAlign's from its inputs: when the file states no shape.
    const bound = k === 0 && !this.g.valueInfo.get(out) ? this.lead.opaqueShape(n, ins) : null;
    if (bound) {
      this.lead.mark([out], true);
      if (n.opType === 'NonZero') this.bounded.push(n.name || out);
    }
    const key = `${n.opType} (${why})`;
    const list = this.unsupported.get(key) ?? [];
    if (!list.includes(n.name || n.outputs[0])) list.push(n.name || n.outputs[0]);
    this.unsupported.set(key, list);
    // GatherElements' output has its indices' shape (Operators.md): indices that carry the batch give it per sample.
    const i = n.inputs[1];
    const gathered =
      n.opType === 'GatherElements' && !bound && this.data.has(i) && !this.lead.merged.has(i)
        ? this.shapes.get(i)
        : null;
    const known = bound ?? (gathered ? [...gathered] : undefined);
    this.push({
      label: n.name || n.opType,
      op: 'layers',
      layers: [this.opaqueSpec(n, out, k, known)],
      inputs: ins,
      output: out,
    });
  }

  /** `known`: a shape worked out from the inputs (runTimeShape, GatherElements), used where the file states none. */
  private opaqueSpec(n: OnnxNode, out: string, k: number, known?: number[]): LayerSpec {
    const dims = this.g.valueInfo.get(out);
    // The file's dims without the batch; a merged value's first dim holds it (batch-axis.ts).
    const merged = this.lead.merged.has(out);
    const full = (d: readonly (number | null)[]): d is number[] => d.every((v) => v !== null);
    const stated =
      dims && merged && dims.length > 0 && full(dims) && dims[0] % this.batch === 0
        ? [dims[0] / this.batch, ...dims.slice(1)]
        : dims && !merged && dims.length > 1 && full(dims.slice(1))
          ? (dims.slice(1) as number[])
          : null;
    const shape = stated ?? known ?? null;
    // An output the file states with a size of 0 is said as such (index.ts file.emptyOutputs), not as unstated.
    const statedEmpty = !!this.g.outputs.find((o) => o.name === out)?.zeros?.length;
    if (!shape && !statedEmpty) this.noShape.push(n.name || out);
    let params = 0;
    // Shapes, indices and axes (int32/int64 tensors: a Reshape's target, a Gather's index) are
    // no weights; float and int8/uint8 (quantized) tensors are.
    if (k === 0)
      for (const v of n.inputs) {
        const w = this.g.initializers.get(v);
        if (w && w.dataType !== DataType.INT64 && w.dataType !== DataType.INT32)
          params += w.dims.reduce((a, b) => a * b, 1);
      }
    const op = n.domain && n.domain !== 'ai.onnx' ? `${n.domain}:${n.opType}` : n.opType;
    return {
      type: 'opaque',
      op: opaqueOpName(op),
      ...(shape ? { shape } : {}),
      ...(params ? { params } : {}),
      // Named even when the node is not: the value it writes, as the warnings call it.
      name: (n.name || out).slice(0, 200),
    } as LayerSpec;
  }

  /** Not-counted operators whose output shape the file does not state (their input's is used). */
  readonly noShape: string[] = [];
  /** NonZero nodes taken at their largest output (every element nonzero). */
  readonly bounded: string[] = [];

  /** Earlier Concat nodes: their data inputs and output. */
  private readonly concats: { inputs: readonly string[]; output: string }[] = [];

  /**
   * DenseNet's export concatenates every earlier feature map in each layer: Concat(x0, n1, n2)
   * after Concat(x0, n1). That equals Concat(Concat(x0, n1), n2), so a leading run of inputs that
   * an earlier Concat already joined is replaced by its output — nested, expressible blocks.
   * A Concat of one input is the input itself.
   */
  private concat(n: OnnxNode, ins: string[], out: string, label: string) {
    if (ins.length === 1) return this.push({ label, op: 'layers', layers: [], inputs: ins, output: out });
    const prefix = this.concats
      .filter((c) => c.inputs.length < ins.length && c.inputs.every((v, i) => v === ins[i]))
      .sort((a, b) => b.inputs.length - a.inputs.length)[0];
    this.concats.push({ inputs: ins, output: out });
    const inputs = prefix ? [prefix.output, ...ins.slice(prefix.inputs.length)] : ins;
    this.push({ label, name: n.name || undefined, op: 'concat', inputs, output: out });
  }

  /** GELU as exporters before opset 20 write it (gelu-pattern.ts). */
  private readonly gelu = new GeluPattern({ constant: (v) => this.constant(v), push: (node) => this.push(node) });

  /**
   * A graph output held merged (batch-axis.ts) whose first dim is the batch of one again — x[0] or
   * a transpose undone, [1, …] in the file — is given back batch-first by a squeeze, as the file
   * shows it: one sample of [...]. Other outputs as they are.
   */
  batchFirstOutput(v: string): string {
    const s = this.shapes.get(v);
    if (!this.lead.merged.has(v) || this.batch !== 1 || !s || s.length < 2 || s[0] !== 1) return v;
    const out = `${v}:batch-first`;
    this.push({
      label: `${v} (batch first)`,
      op: 'layers',
      layers: [{ type: 'squeeze', dim: 1 }],
      inputs: [v],
      output: out,
    });
    return out;
  }

  /** Shuffle and GELU patterns left half-way: their nodes become "not counted" rows, like other unmapped operators. */
  finish() {
    const redo = (node: OnnxNode, why: string) => {
      const at = this.producer.get(node.outputs[0]);
      if (at === undefined) return;
      const ins = node.inputs.filter((v) => this.data.has(v)).map((v) => this.seq.resolve(v, node));
      // A lone x / √2 or x + 1 is still that op with a scalar, a lone Erf the unary erf; the rest are not counted.
      const k = node.inputs.map(this.constant).find(Boolean)?.values;
      const spec: LayerSpec =
        BINARY.has(node.opType) && ins.length === 1 && k?.length === 1
          ? ({ type: node.opType.toLowerCase(), scalar: Number(k[0].toPrecision(7)) } as LayerSpec)
          : node.opType === 'Erf'
            ? ({ type: 'unary', op: 'erf', ...(node.name ? { name: node.name } : {}) } as LayerSpec)
            : this.opaqueSpec(node, node.outputs[0], 0);
      if (spec.type === 'opaque') {
        const key = `${node.opType} (${why})`;
        pushTo(this.unsupported, key, node.name || node.outputs[0]);
      }
      const label = node.name || node.opType;
      this.nodes[at] = { label, op: 'layers', layers: [spec], inputs: ins, output: node.outputs[0] };
    };
    for (const node of this.gelu.unfinished()) redo(node, 'no layer kind for this operator');
    for (const { node, why } of this.shuffles.unfinished()) redo(node, why);
  }

  node(n: OnnxNode) {
    const ins = n.inputs.filter((v) => this.data.has(v));
    if (n.opType === 'Constant' && n.outputs[0]) {
      const t = constantOf(n);
      if (t) this.consts.set(n.outputs[0], t);
      return;
    }
    if (CONTROL_FLOW.has(n.opType)) return controlFlow(this, n);
    // A LayerNorm2d folded from Transpose → LayerNormalization → Transpose fits one sample's [C, H, W] only.
    const unfolded = n.attrs.has(CHANNELS) ? UNFOLDED.get(n) : undefined;
    if (unfolded && this.shapes.get(n.inputs[0])?.length !== 3) return unfolded.forEach((o) => this.node(o));
    // Constant folding (fold.ts): shape arithmetic and weights built in the graph are not layers.
    if (!ins.length || SHAPE_OPS.has(n.opType)) {
      const t = FOLDABLE.has(n.opType) ? fold(n, this.foldContext) : null;
      if (t && n.outputs[0]) {
        this.shapeArith.folded(n, t, (v) => this.constant(v)?.dims ?? this.foldContext.shapeOf(v) ?? undefined);
        this.consts.set(n.outputs[0], t);
      } else if (ins.length === 0 && n.outputs[0]) this.unfolded.push(n.name || n.outputs[0]);
      return;
    }
    if (this.seq.step(n, ins)) return;
    this.mapped(
      n,
      ins.map((v) => this.seq.resolve(v, n)),
    );
  }

  /**
   * A batch-axis step (batch-axis.ts) taken: its outputs marked merged or not; true when the node
   * is done (not counted, or layers of its own), else the node to map is `step.node`.
   */
  private leadDone(file: OnnxNode, data: string[], step: BatchStep): step is Exclude<BatchStep, { node: OnnxNode }> {
    this.lead.mark(file.outputs, step.merged);
    if ('unsupported' in step) file.outputs.forEach((o, j) => o && this.notCounted(file, data, step.unsupported, o, j));
    else if ('layers' in step)
      this.push({
        label: file.name || file.opType,
        op: 'layers',
        layers: step.layers.map((l) => (file.name ? { ...l, name: file.name } : l)),
        inputs: [data[0]],
        output: file.outputs[0],
      });
    return !('node' in step);
  }

  private mapped(file: OnnxNode, data: string[]) {
    // A value whose first dim merges the batch: the node as it reads on batch-first values.
    const merging = this.lead.merging(file, data);
    if (merging && this.leadDone(file, data, merging)) return;
    let n = merging ? merging.node : file;
    let before = merging?.before;
    let after = merging?.after;
    // Operands given another rank are rows of their own (batch-axis.ts `ranked`).
    let ins = n.inputs === file.inputs ? data : n.inputs.filter((v) => this.data.has(v));
    const x = ins[0];
    if (['Div', 'Mul', 'Erf', 'Add'].includes(n.opType) && this.gelu.step(n, ins)) return;
    if (n.opType === 'Mul' && ins.length === 1 && constantMul(n, x, this)) return;
    if (n.opType === 'Add' && ins.length === 1 && biasAdd(n, x, this)) return;
    if ((BINARY.has(n.opType) || MIN_MAX_OPS.has(n.opType)) && ins.length === 1 && constantOperand(n, x, this)) return;
    if (['Reshape', 'Transpose', 'Gather'].includes(n.opType) && this.shuffles.step(n, x)) return;
    if (['Transpose', 'Split', 'Slice', 'Squeeze', 'Gather'].includes(n.opType) && this.unbinds.step(n, x)) return;
    // Not an idiom: a node that merges the batch into a dim, or drops or moves a batch of one.
    const first = merging ? null : this.lead.batchFirst(n, ins);
    if (first && this.leadDone(file, data, first)) return;
    if (first) [n, before, after] = [first.node, first.before, first.after];
    if (n.opType === 'Concat' && n.inputs.length > ins.length) ins = concatOperands(n, ins, this);
    if (n.opType === 'Where' && n.inputs.length > ins.length) ins = whereOperands(n, ins, this) ?? ins;
    if (COMPARISONS.has(n.opType) && n.inputs.length > ins.length) ins = compareOperands(n, ins, this) ?? ins;
    const outputs = n.opType === 'Split' ? n.outputs : n.outputs.slice(0, 1);
    outputs.forEach((out, k) => {
      const shape = this.shapes.get(x) ?? undefined;
      const ctx = {
        constant: this.constant,
        dataInputs: ins.length,
        rank: shape?.length,
        shape,
        batch: this.batch,
        opset: this.g.opset,
        valueShape: (v: string) => {
          const known = this.constantInputs.get(v);
          const s = known ?? (this.data.has(v) ? this.shapes.get(v) : undefined);
          // A merged value with a batch of one is one sample's tensor, as a run-time constant is.
          const merged = this.lead.merged.has(v) && this.batch === 1;
          return s ? { shape: s, batched: !known && !merged } : undefined;
        },
        stored: (v: string) => this.g.initializers.has(v),
        inputType: (v: string) => this.inputTypes.get(v),
        fedInput: (v: string) => {
          const s = this.constantInputs.get(v);
          const type = this.inputTypes.get(v);
          return s ? { shape: s, ...(type ? { type } : {}) } : undefined;
        },
      };
      const m = mapOp(n, ctx, k);
      if ('unsupported' in m) {
        // Every output of a node without a kind is a row with the file's shape (TopK's indices too).
        if (n.opType === 'Split') return this.notCounted(n, ins, m.unsupported, out, k);
        return n.outputs.forEach((o, j) => o && this.notCounted(n, ins, m.unsupported, o, j));
      }
      const label = n.name || `${n.opType} → ${out}`;
      if ('join' in m && m.join === 'concat') return this.concat(n, ins, out, label);
      if ('join' in m) return this.push({ label, name: n.name || undefined, op: m.join, inputs: ins, output: out });
      if (m.warning) this.warnings.push(say('file.named', { name: label, error: m.warning }));
      for (const v of m.held ?? []) this.held.add(v);
      if (ins.length - (m.held?.length ?? 0) > 1 && !m.all)
        this.warnings.push(say('imp.firstInput', { label, n: ins.length }));
      const layers = [...(before ?? []), ...m.layers, ...(after ?? [])].map((l): LayerSpec =>
        n.name ? { ...l, name: n.name } : l,
      );
      this.push({ label, op: 'layers', layers, inputs: m.all ? ins : [x], output: out });
      // TopK's indices have its values' shape and come from the same work: read from its row.
      if (n.opType === 'TopK' && n.outputs[1])
        this.push({ label: `${label} (indices)`, op: 'layers', layers: [], inputs: [out], output: n.outputs[1] });
    });
  }
}
