/**
 * Model → ONNX bytes (IR version 9, opset 20), mainly so tests can make their own ONNX files.
 * Weights are initializers with the right shapes and either no data (`weights: 'none'`, the
 * default: tiny files that FlopLab and shape tools read) or zeros (`'zeros'`: a complete file
 * that runtimes accept). Constants the graph needs (Clip bounds, Resize scales, Reshape
 * targets) always carry their values. Repeat blocks are unrolled; SiLU is written as exporters
 * write it (Sigmoid, then Mul), channel shuffle as Reshape → Transpose → Reshape. Auxiliary
 * (training-only) heads are not written. This file walks the model and assembles the graph and
 * the protobuf; onnx-nodes.ts writes each leaf layer's nodes.
 */
import { refsOf, type LayerSpec, type Model, type Shape } from '../format/model';
import { checkModelHeader } from '../format/header';
import { isBlock, parseLayer } from '../layers/registry';
import { DataType, OnnxTypes } from '../import/onnx/schema';
import { int, leafNodes, type Attr, type NodeSink } from './onnx-nodes';
import { BOOL, floatOf } from './onnx-nodes-tensor';
import { iterationName } from '../iteration-names';
import { say } from '../messages';

export interface OnnxWriteOptions {
  readonly weights?: 'none' | 'zeros';
}
export type OnnxWriteResult = { ok: true; bytes: Uint8Array; warnings: string[] } | { ok: false; error: string };
/** A value of the graph being written: its ONNX name and its shape without the batch. */
type Value = [string, Shape];

class Writer implements NodeSink {
  readonly nodes: Attr[] = [];
  readonly inits: Attr[] = [];
  readonly warnings: string[] = [];
  private n = 0;
  /**
   * What each `from` name means so far: model inputs, then every layer id in evaluation order (a later
   * layer with the same id shadows an earlier one, as run.ts resolves them).
   */
  readonly defs = new Map<string, Value>();
  /** Every layer's output, in the order written (the model's unread ones become graph outputs). */
  readonly results: Value[] = [];
  readonly unbatched = new Set<string>();
  readonly bools = new Set<string>();
  readonly splits = new Map<string, string[]>();
  constructor(
    private readonly zeros: boolean,
    readonly batch: number,
  ) {}

  fresh = (base: string) => `${base.replace(/[^\w.]/g, '_')}_${this.n++}`;

  weight(base: string, dims: number[]): string {
    const name = this.fresh(base);
    const count = dims.reduce((a, b) => a * b, 1);
    this.inits.push({
      name,
      dims,
      data_type: DataType.FLOAT,
      ...(this.zeros ? { raw_data: new Uint8Array(count * 4) } : {}),
    });
    return name;
  }

  constant(base: string, values: number[], type: 'float' | 'int64', dims = [values.length]): string {
    const name = this.fresh(base);
    const raw = new Uint8Array(values.length * (type === 'float' ? 4 : 8));
    const view = new DataView(raw.buffer);
    values.forEach((v, i) =>
      type === 'float' ? view.setFloat32(i * 4, v, true) : view.setBigInt64(i * 8, BigInt(v), true),
    );
    this.inits.push({ name, dims, data_type: type === 'float' ? DataType.FLOAT : DataType.INT64, raw_data: raw });
    return name;
  }

  /** A zero point of `count` zeros (a scalar when 1) of an integer type (TensorProto.DataType). */
  zeroPoint(dtype: string, count: number): string {
    const name = this.fresh('zero_point');
    const [type, bytes] = dtype === 'uint8' ? [2, 1] : dtype === 'int16' ? [5, 2] : [3, 1];
    this.inits.push({ name, dims: count > 1 ? [count] : [], data_type: type, raw_data: new Uint8Array(count * bytes) });
    return name;
  }

  /** How many nodes have taken each name: ONNX needs node names unique (onnxruntime refuses a file otherwise). */
  private readonly nodeNames = new Map<string, number>();

  /**
   * Adds a node; `name` is the layer's display name (absent for unnamed layers and helper ops). A name
   * met again (a module called twice, as torchvision's Bottleneck calls its one `relu` three times) gets
   * `:2`, `:3` … after it.
   */
  op(opType: string, inputs: string[], base: string, attribute: Attr[] = [], outputs = 1, name?: string): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(base));
    let unique = name;
    if (name) {
      const seen = (this.nodeNames.get(name) ?? 0) + 1;
      this.nodeNames.set(name, seen);
      if (seen > 1) unique = `${name}:${seen}`;
    }
    this.nodes.push({ op_type: opType, ...(unique ? { name: unique } : {}), input: inputs, output: outs, attribute });
    return outs;
  }

  /** Writes a layer list from `x`; returns its output value, or an error. */
  list(layers: readonly LayerSpec[], x: Value, path: string): Value | string {
    let cur = x;
    for (let i = 0; i < layers.length; i++) {
      const spec = layers[i];
      const at = `${path}[${i}]`;
      const ins = this.inputsOf(spec, cur, at);
      if (typeof ins === 'string') return ins;
      const r = this.layer(spec, ins, at);
      if (typeof r === 'string') return r;
      if (typeof spec.id === 'string' && spec.id) this.defs.set(spec.id, r);
      this.results.push(r);
      cur = r;
    }
    return cur;
  }

  /** A layer's inputs: the previous layer's output, or the values its `from` names. */
  private inputsOf(spec: LayerSpec, previous: Value, path: string): Value[] | string {
    if (typeof spec !== 'object' || spec === null || spec.from === undefined) return [previous];
    const out: Value[] = [];
    for (const ref of refsOf(spec)) {
      const v = ref === -1 ? previous : this.defs.get(ref);
      if (!v) return say('file.named', { name: path, error: say('export.unresolved', { ref: String(ref) }) });
      out.push(v);
    }
    return out;
  }

  private layer(spec: LayerSpec, ins: Value[], path: string): Value | string {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) return parsed.error;
    const { kind, params: p } = parsed;
    const [x, shape] = ins[0];
    // A name inside a repeat (`layer1.{i}.conv1`) is filled in for the iteration written (`layer1.0.conv1` …).
    const name = spec.name === undefined ? undefined : iterationName(spec.name, path);
    const label = name ?? path.replace(/[[\].#]+/g, '_');
    if (isBlock(kind)) {
      if (kind.trainingOnly) {
        this.warnings.push(say('export.trainingOnly', { path, type: kind.type }));
        return ins[0];
      }
      const lists = kind.lists(spec);
      if (kind.mode === 'repeat') {
        let cur: Value | string = ins[0];
        for (let t = 0; t < (p.times as number) && typeof cur !== 'string'; t++)
          cur = this.list(lists[0].layers, cur, `${path}#${t}.body`);
        return cur;
      }
      const outs: Value[] = [];
      for (const l of lists) {
        const r = l.layers.length ? this.list(l.layers, ins[0], `${path}.${l.key}`) : ins[0];
        if (typeof r === 'string') return r;
        outs.push(r);
      }
      const combined = kind.combine(
        p,
        shape,
        outs.map((o) => o[1]),
      );
      if ('error' in combined) return say('file.named', { name: path, error: combined.error });
      const names = outs.map((o) => o[0]);
      const opType =
        kind.type === 'residual' ? 'Add' : kind.type === 'scale' ? 'Mul' : kind.type === 'concat' ? 'Concat' : '';
      if (!opType) return say('export.block', { path, type: kind.type });
      const inputs = kind.type === 'scale' ? [x, names[0]] : names;
      const attrs = kind.type === 'concat' ? [int('axis', 1)] : [];
      return [this.op(opType, inputs, label, attrs, 1, name)[0], combined.output];
    }
    if (spec.shares !== undefined) return say('export.shares', { path, shares: spec.shares });
    const r = kind.shape(
      p,
      shape,
      ins.map((v) => v[1]),
    );
    if ('error' in r) return say('file.named', { name: path, error: r.error });
    // Booleans (a comparison's) read by arithmetic are floats, as PyTorch promotes them.
    const fed =
      kind.type === 'compare' || kind.type === 'where'
        ? ins
        : ins.map((v): Value => [floatOf(this, v[0], label), v[1]]);
    const out = leafNodes(this, kind.type, p, fed[0][0], shape, r.output, label, name, fed);
    return typeof out === 'string' && out.startsWith('!')
      ? say('file.named', { name: path, error: out.slice(1) })
      : [out, r.output];
  }
}

const valueInfo = (name: string, dims: number[], bool = false) => ({
  name,
  type: {
    tensor_type: { elem_type: bool ? BOOL : DataType.FLOAT, shape: { dim: dims.map((d) => ({ dim_value: d })) } },
  },
});

/**
 * The graph's outputs: the values the model's `outputs` name (default: the last layer's), then every
 * other layer output that nothing reads (FCN's aux head, a parameter no layer takes): FlopLab counts
 * those layers, and a reader keeps only what reaches an output. ONNX wants each output made by a node
 * and named once, so a model input or a value listed twice goes through Identity.
 */
function graphOutputs(
  w: Writer,
  ids: readonly string[] | undefined,
  last: Value,
  inputs: Set<string>,
): Value[] | string {
  const wanted: Value[] = [];
  for (const id of ids ?? [null]) {
    const v = id === null ? last : w.defs.get(id);
    if (!v) return say('file.named', { name: 'outputs', error: say('export.unresolved', { ref: String(id) }) });
    wanted.push(v);
  }
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of wanted) {
    const name = inputs.has(v[0]) || seen.has(v[0]) ? w.op('Identity', [v[0]], 'output')[0] : v[0];
    seen.add(v[0]);
    out.push([name, v[1]]);
  }
  const read = new Set<string>();
  for (const n of w.nodes) for (const i of n.input as string[]) read.add(i);
  for (const v of w.results)
    if (!read.has(v[0]) && !inputs.has(v[0]) && !seen.has(v[0])) {
      seen.add(v[0]);
      out.push(v);
    }
  return out;
}

/** Writes a model as ONNX. Never throws. */
export function modelToOnnx(model: Model, opts: OnnxWriteOptions = {}): OnnxWriteResult {
  try {
    const h = checkModelHeader(model);
    if (h.error) return { ok: false, error: h.error };
    const w = new Writer(opts.weights === 'zeros', h.batch);
    for (const i of h.inputs) w.defs.set(i.name, [i.name, i.shape]);
    const r = w.list(model.layers, w.defs.get(h.inputs[0].name) as Value, 'layers');
    if (typeof r === 'string') return { ok: false, error: r };
    const outs = graphOutputs(w, model.outputs, r, new Set(h.inputs.map((i) => i.name)));
    if (typeof outs === 'string') return { ok: false, error: outs };
    // schema.ts's codec: no code generation, so this works under the page's CSP (no 'unsafe-eval').
    const bytes = OnnxTypes.Model.encode({
      ir_version: 9,
      opset_import: [{ domain: '', version: 20 }],
      producer_name: 'FlopLab',
      graph: {
        name: model.name ?? 'model',
        node: w.nodes,
        initializer: w.inits,
        input: h.inputs.map((i) => valueInfo(i.name, [h.batch, ...i.shape])),
        // A learned tensor no layer reads is one copy, [1, …], whatever the batch.
        output: outs.map(([n, s]) => valueInfo(n, [w.unbatched.has(n) ? 1 : h.batch, ...s], w.bools.has(n))),
      },
    });
    return { ok: true, bytes, warnings: w.warnings };
  } catch (err) {
    return { ok: false, error: say('export.cannotOnnx', { error: (err as Error).message }) };
  }
}
