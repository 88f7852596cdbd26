/**
 * The ONNX importer's graph builder: walks the nodes in order, folds constants, follows shapes
 * and the exporters' idioms (GELU as erf, channel shuffle, bias Add after MatMul, layer scale,
 * recurrent layouts) and maps each operator to layers (ops.ts), or to a not-counted row.
 */

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
import { whereOperands } from './operands';
import { say } from '../../messages';

const BINARY = new Set(['Add', 'Sub', 'Mul', 'Div']);
/** Max / Min of a tensor and a constant: the constant is a parameter operand (no `scalar` field on these kinds). */
const MIN_MAX: Readonly<Record<string, string>> = { Max: 'maximum', Min: 'minimum' };

/** Operators whose output describes a tensor's shape, not its values. */
const SHAPE_OPS = new Set(['Shape', 'Size']);

export class Builder {
  readonly nodes: GraphNode[] = [];
  readonly data = new Set<string>();
  readonly consts = new Map<string, OnnxTensor>();
  /** Unsupported operators: op type → node names. */
  readonly unsupported = new Map<string, string[]>();
  readonly warnings: string[] = [];
  private readonly producer = new Map<string, number>();

  constructor(readonly g: OnnxGraph) {}

  constant = (name: string | undefined) =>
    name ? (this.g.initializers.get(name) ?? this.consts.get(name)) : undefined;

  /** Shapes (batch included) of inputs read as run-time constants, where known. */
  readonly constantInputs = new Map<string, readonly number[]>();
  /** Batch of the graph input (the first dim a Shape of a data value gives). */
  batch = 1;
  /** Nodes on constants only that could not be folded (listed in the warnings). */
  readonly unfolded: string[] = [];
  private readonly foldContext = {
    constant: (name: string) => this.constant(name),
    shapeOf: (name: string) => {
      const known = this.constantInputs.get(name);
      if (known) return known;
      const s = this.seq.fileShape(name, this.batch) ?? this.shapes.get(name);
      return s && this.seq.isTagged(name) ? s : s ? [this.batch, ...s] : null;
    },
  };
  /** Sequence-first layouts around LSTM / GRU / RNN (recurrent.ts). */
  readonly seq = new SeqLayout({
    push: (node) => this.push(node),
    markData: (v) => this.data.add(v),
    shape: (v) => this.shapes.get(v),
    constantValues: (name) => this.constant(name)?.values,
    warn: (t) => this.warnings.push(t),
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

  /** Shapes of the data values so far (the kinds' shape rules). */
  readonly shapes = new ShapeTrack();

  /** Values some node reads (an input nobody reads is left out of the model). */
  readonly used = new Set<string>();

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
    const key = `${n.opType} (${why})`;
    const list = this.unsupported.get(key) ?? [];
    if (!list.includes(n.name || n.outputs[0])) list.push(n.name || n.outputs[0]);
    this.unsupported.set(key, list);
    this.push({
      label: n.name || n.opType,
      op: 'layers',
      layers: [this.opaqueSpec(n, out, k)],
      inputs: ins,
      output: out,
    });
  }

  private opaqueSpec(n: OnnxNode, out: string, k: number): LayerSpec {
    const dims = this.g.valueInfo.get(out);
    const shape =
      dims && dims.length > 1 && dims.slice(1).every((d) => d !== null) ? (dims.slice(1) as number[]) : null;
    if (!shape) this.noShape.push(n.name || out);
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

  /**
   * A Concat of computed and constant tensors (a ViT's class token, expanded to the batch, before
   * the patches): each constant becomes a parameter of its shape without the batch, in its place.
   */
  private constantParts(n: OnnxNode, data: string[]): string[] {
    const out: string[] = [];
    for (const v of n.inputs) {
      if (this.data.has(v)) {
        out.push(this.seq.resolve(v, n));
        continue;
      }
      const k = this.constant(v);
      if (!k || k.dims.length < 2 || k.dims.slice(1).some((d) => d < 1)) return data;
      const param = `${v}:constant`;
      if (!this.data.has(param))
        this.push({
          label: `${v} (constant)`,
          op: 'layers',
          layers: [{ type: 'parameter', shape: k.dims.slice(1) }],
          inputs: [],
          output: param,
        });
      out.push(param);
    }
    return out;
  }

  /** Mul by a [C, 1, 1] constant is a per-channel scale (ConvNeXt's layer scale). */
  private constantMul(n: OnnxNode, x: string): boolean {
    const k = n.inputs.map(this.constant).find(Boolean);
    const d = k?.dims.filter((v, i, all) => !(i === 0 && all.length === 4 && v === 1)) ?? [];
    if (d.length !== 3 || d[1] !== 1 || d[2] !== 1) return false;
    const spec = { type: 'layerscale', ...(n.name ? { name: n.name } : {}) };
    this.push({ label: n.name || n.opType, op: 'layers', layers: [spec], inputs: [x], output: n.outputs[0] });
    return true;
  }

  /** GELU as exporters before opset 20 write it: x · 0.5 · (1 + erf(x / √2)) — value → its x and step. */
  private readonly gelu = new Map<string, { x: string; step: 'scaled' | 'erf' | 'plus' | 'done' }>();
  /** Nodes of a GELU pattern not (yet) completed, by the x they started from. */
  private readonly geluParts = new Map<string, OnnxNode[]>();

  private geluPart(n: OnnxNode, ins: string[]): boolean {
    const out = n.outputs[0];
    const x = ins[0];
    const prev = this.gelu.get(x);
    const k = n.inputs.map(this.constant).find(Boolean)?.values;
    const is = (v: number) => k?.length === 1 && Math.abs(k[0] - v) < 1e-3;
    const silent = (from: string) =>
      this.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [from], output: out });
    let next: { x: string; step: 'scaled' | 'erf' | 'plus' } | null = null;
    if (ins.length === 1 && ((n.opType === 'Div' && is(Math.SQRT2)) || (n.opType === 'Mul' && is(Math.SQRT1_2))))
      next = { x, step: 'scaled' };
    else if (n.opType === 'Erf' && prev?.step === 'scaled') next = { x: prev.x, step: 'erf' };
    else if (n.opType === 'Add' && ins.length === 1 && prev?.step === 'erf' && is(1))
      next = { x: prev.x, step: 'plus' };
    if (next) {
      this.gelu.set(out, next);
      this.geluParts.set(next.x, [...(this.geluParts.get(next.x) ?? []), n]);
      silent(x);
      return true;
    }
    if (n.opType === 'Mul' && ins.length === 2) {
      const [a, b] = ins;
      const src = this.gelu.get(b)?.step === 'plus' && this.gelu.get(b)?.x === a ? a : null;
      const from = src ?? (this.gelu.get(a)?.step === 'plus' && this.gelu.get(a)?.x === b ? b : null);
      if (from === null) return false;
      this.geluParts.delete(from);
      this.gelu.set(out, { x: from, step: 'done' });
      const spec = { type: 'gelu', ...(n.name ? { name: n.name } : {}) };
      this.push({ label: n.name || 'Gelu', op: 'layers', layers: [spec], inputs: [from], output: out });
      return true;
    }
    if (n.opType === 'Mul' && ins.length === 1 && prev?.step === 'done' && is(0.5)) {
      silent(x);
      return true;
    }
    return false;
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
        this.unsupported.set(key, [...(this.unsupported.get(key) ?? []), node.name || node.outputs[0]]);
      }
      const label = node.name || node.opType;
      this.nodes[at] = { label, op: 'layers', layers: [spec], inputs: ins, output: node.outputs[0] };
    };
    for (const parts of this.geluParts.values())
      for (const node of parts) redo(node, 'no layer kind for this operator');
    for (const { node, why } of this.shuffles.unfinished()) redo(node, why);
  }

  /**
   * x + c, x · c, c − x, x / c with a constant c: a scalar is the binary kind's `scalar`; a tensor
   * (a position embedding, a per-channel scale or shift) is a parameter of its shape, leading 1s
   * dropped (the batch broadcasts), taken with the data by the binary kind — the file's weights
   * stay weights and the op counts one per output element.
   */
  private constantOperand(n: OnnxNode, x: string): boolean {
    const at = n.inputs.findIndex((v) => v !== x);
    const k = at < 0 ? undefined : this.constant(n.inputs[at]);
    if (!k || n.inputs.length !== 2) return false;
    const type = MIN_MAX[n.opType] ?? n.opType.toLowerCase();
    const label = n.name || n.opType;
    const named = n.name ? { name: n.name } : {};
    const numel = k.dims.reduce((a, b) => a * b, 1);
    if (numel === 1 && !MIN_MAX[n.opType]) {
      const v = k.values?.[0];
      const scalar = v === undefined || !Number.isFinite(v) ? 1 : Number(v.toPrecision(7));
      this.push({
        label,
        op: 'layers',
        layers: [{ type, scalar, ...named } as LayerSpec],
        inputs: [x],
        output: n.outputs[0],
      });
      return true;
    }
    // The binary kinds take operands of the data's rank (batch left out): leading 1s (the batch,
    // broadcast dims) dropped, then 1s put in front up to that rank.
    const rank = this.shapes.get(x)?.length;
    if (rank === undefined) return false;
    const dims = k.dims.slice();
    while (dims.length > rank && dims[0] === 1) dims.shift();
    if (dims.length > rank || dims.some((d) => d < 1)) return false;
    while (dims.length < rank) dims.unshift(1);
    const param = `${n.outputs[0]}:constant`;
    this.push({
      label: `${label} (constant)`,
      op: 'layers',
      layers: [{ type: 'parameter', shape: dims }],
      inputs: [],
      output: param,
    });
    const from = at === 0 ? [param, x] : [x, param];
    if (type === 'add' || type === 'mul') this.push({ label, ...named, op: type, inputs: from, output: n.outputs[0] });
    else
      this.push({ label, op: 'layers', layers: [{ type, ...named } as LayerSpec], inputs: from, output: n.outputs[0] });
    return true;
  }

  /** Add of a constant vector right after a bias-free MatMul is that linear layer's bias. */
  private biasAdd(n: OnnxNode, x: string): boolean {
    const at = this.producer.get(x);
    const prev = at === undefined ? undefined : this.nodes[at];
    const last = prev?.layers?.[prev.layers.length - 1];
    const k = n.inputs.map(this.constant).find(Boolean);
    if (!prev || last?.type !== 'linear' || last.bias !== false || k?.dims.length !== 1) return false;
    this.nodes[at as number] = { ...prev, layers: [...(prev.layers ?? []).slice(0, -1), { ...last, bias: true }] };
    this.push({ label: n.name || n.opType, op: 'layers', layers: [], inputs: [x], output: n.outputs[0] });
    return true;
  }

  node(n: OnnxNode) {
    const ins = n.inputs.filter((v) => this.data.has(v));
    if (n.opType === 'Constant' && n.outputs[0]) {
      const t = constantOf(n);
      if (t) this.consts.set(n.outputs[0], t);
      return;
    }
    if (CONTROL_FLOW.has(n.opType)) return controlFlow(this, n);
    // Constant folding (fold.ts): shape arithmetic and weights built in the graph are not layers.
    if (!ins.length || SHAPE_OPS.has(n.opType)) {
      const t = FOLDABLE.has(n.opType) ? fold(n, this.foldContext) : null;
      if (t && n.outputs[0]) this.consts.set(n.outputs[0], t);
      else if (ins.length === 0 && n.outputs[0]) this.unfolded.push(n.name || n.outputs[0]);
      return;
    }
    if (this.seq.step(n, ins)) return;
    this.mapped(
      n,
      ins.map((v) => this.seq.resolve(v, n)),
    );
  }

  private mapped(n: OnnxNode, data: string[]) {
    let ins = data;
    const x = ins[0];
    if (['Div', 'Mul', 'Erf', 'Add'].includes(n.opType) && this.geluPart(n, ins)) return;
    if (n.opType === 'Mul' && ins.length === 1 && this.constantMul(n, x)) return;
    if (n.opType === 'Add' && ins.length === 1 && this.biasAdd(n, x)) return;
    if ((BINARY.has(n.opType) || MIN_MAX[n.opType]) && ins.length === 1 && this.constantOperand(n, x)) return;
    if (['Reshape', 'Transpose', 'Gather'].includes(n.opType) && this.shuffles.step(n, x)) return;
    if (['Transpose', 'Split', 'Slice', 'Squeeze', 'Gather'].includes(n.opType) && this.unbinds.step(n, x)) return;
    if (n.opType === 'Concat' && n.inputs.length > ins.length) ins = this.constantParts(n, ins);
    if (n.opType === 'Where' && n.inputs.length > ins.length) ins = whereOperands(n, ins, this) ?? ins;
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
          return s ? { shape: s, batched: !known } : undefined;
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
      if (ins.length > 1 && !m.all) this.warnings.push(say('imp.firstInput', { label, n: ins.length }));
      const layers = m.layers.map((l): LayerSpec => (n.name ? { ...l, name: n.name } : l));
      this.push({ label, op: 'layers', layers, inputs: m.all ? ins : [x], output: out });
      // TopK's indices have its values' shape and come from the same work: read from its row.
      if (n.opType === 'TopK' && n.outputs[1])
        this.push({ label: `${label} (indices)`, op: 'layers', layers: [], inputs: [out], output: n.outputs[1] });
    });
  }
}
