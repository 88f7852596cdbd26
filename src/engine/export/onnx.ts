/**
 * Model → ONNX bytes (IR version 9, opset 20), mainly so tests can make their own ONNX files.
 * Weights are initializers with the right shapes and either no data (`weights: 'none'`, the
 * default: tiny files that FlopLab and shape tools read) or zeros (`'zeros'`: a complete file
 * that runtimes accept). Constants the graph needs (Clip bounds, Resize scales, Reshape
 * targets) always carry their values. Repeat blocks are unrolled; SiLU is written as exporters
 * write it (Sigmoid, then Mul), channel shuffle as Reshape → Transpose → Reshape. Auxiliary
 * (training-only) heads are not written.
 */
import type { LayerSpec, Model, Shape } from '../format/model';
import { pairOf, type Pair } from '../format/model';
import { checkModelHeader } from '../format/header';
import { GRAPH_EXPORT } from './walk';
import { isBlock, parseLayer } from '../layers/registry';
import type { Params } from '../layers/kind';
import { AttrType, DataType, OnnxTypes } from '../import/onnx/schema';
import { say } from '../messages';

export interface OnnxWriteOptions {
  readonly weights?: 'none' | 'zeros';
}
export type OnnxWriteResult = { ok: true; bytes: Uint8Array; warnings: string[] } | { ok: false; error: string };

type Attr = Record<string, unknown>;
const ints = (name: string, v: number[]): Attr => ({ name, type: AttrType.INTS, ints: v });
const int = (name: string, v: number): Attr => ({ name, type: AttrType.INT, i: v });
const float = (name: string, v: number): Attr => ({ name, type: AttrType.FLOAT, f: v });
const str = (name: string, v: string): Attr => ({ name, type: AttrType.STRING, s: new TextEncoder().encode(v) });
/** The ONNX operator of each unary op (pow and rsqrt are written apart). */
const UNARY_ONNX: Readonly<Record<string, string>> = {
  exp: 'Exp',
  log: 'Log',
  sqrt: 'Sqrt',
  reciprocal: 'Reciprocal',
  abs: 'Abs',
  neg: 'Neg',
  erf: 'Erf',
  sin: 'Sin',
  cos: 'Cos',
  atan: 'Atan',
  floor: 'Floor',
  ceil: 'Ceil',
  round: 'Round',
  sign: 'Sign',
  softplus: 'Softplus',
};
const pad4 = (p: unknown): number[] => {
  const [h, w] = pairOf((p ?? 0) as Pair);
  return [h, w, h, w];
};

class Writer {
  readonly nodes: Attr[] = [];
  readonly inits: Attr[] = [];
  readonly warnings: string[] = [];
  private n = 0;
  constructor(private readonly zeros: boolean) {}

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

  /** Adds a node; `name` is the layer's display name (absent for unnamed layers and helper ops). */
  op(opType: string, inputs: string[], base: string, attribute: Attr[] = [], outputs = 1, name?: string): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(base));
    this.nodes.push({ op_type: opType, ...(name ? { name } : {}), input: inputs, output: outs, attribute });
    return outs;
  }

  /** Writes a layer list; returns the output value and shape, or an error. */
  list(layers: readonly LayerSpec[], x: string, shape: Shape, path: string): [string, Shape] | string {
    let cur: [string, Shape] = [x, shape];
    for (let i = 0; i < layers.length; i++) {
      const r = this.layer(layers[i], cur[0], cur[1], `${path}[${i}]`);
      if (typeof r === 'string') return r;
      cur = r;
    }
    return cur;
  }

  private layer(spec: LayerSpec, x: string, shape: Shape, path: string): [string, Shape] | string {
    const parsed = parseLayer(spec, path);
    if ('error' in parsed) return parsed.error;
    const { kind, params: p } = parsed;
    const label = spec.name ?? path.replace(/[[\].#]+/g, '_');
    if (isBlock(kind)) {
      if (kind.trainingOnly) {
        this.warnings.push(say('export.trainingOnly', { path, type: kind.type }));
        return [x, shape];
      }
      const lists = kind.lists(spec);
      if (kind.mode === 'repeat') {
        let cur: [string, Shape] | string = [x, shape];
        for (let t = 0; t < (p.times as number) && typeof cur !== 'string'; t++)
          cur = this.list(lists[0].layers, cur[0], cur[1], `${path}#${t}.body`);
        return cur;
      }
      const outs: [string, Shape][] = [];
      for (const l of lists) {
        const r = l.layers.length ? this.list(l.layers, x, shape, `${path}.${l.key}`) : ([x, shape] as [string, Shape]);
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
      return [this.op(opType, inputs, label, attrs, 1, spec.name)[0], combined.output];
    }
    if (spec.from !== undefined) return say('file.named', { name: path, error: GRAPH_EXPORT });
    if (spec.shares !== undefined) return say('export.shares', { path, shares: spec.shares });
    const r = kind.shape(p, shape, [shape]);
    if ('error' in r) return say('file.named', { name: path, error: r.error });
    const out = this.leaf(kind.type, p, x, shape, r.output, label, spec.name);
    return typeof out === 'string' && out.startsWith('!')
      ? say('file.named', { name: path, error: out.slice(1) })
      : [out, r.output];
  }

  /** One leaf layer; returns its output value, or "!reason". */
  private leaf(type: string, p: Params, x: string, inp: Shape, out: Shape, label: string, name?: string): string {
    const one = (opType: string, attrs: Attr[] = [], extra: string[] = []) =>
      this.op(opType, [x, ...extra], label, attrs, 1, name)[0];
    const [C, H, W] = inp;
    const window = (kernel: Pair, stride: Pair | undefined, padding: unknown) => {
      const [kh, kw] = pairOf(kernel);
      const attrs = [ints('kernel_shape', [kh, kw]), ints('strides', pairOf(stride ?? kernel))];
      return padding === 'same' ? [...attrs, str('auto_pad', 'SAME_UPPER')] : [...attrs, ints('pads', pad4(padding))];
    };
    switch (type) {
      case 'conv2d':
      case 'convtranspose2d': {
        const g = p.groups as number;
        const [kh, kw] = pairOf(p.kernel as Pair);
        const o = p.out as number;
        const wDims = type === 'conv2d' ? [o, C / g, kh, kw] : [C, o / g, kh, kw];
        const ins = [this.weight(`${label}.weight`, wDims), ...(p.bias ? [this.weight(`${label}.bias`, [o])] : [])];
        const attrs = [
          ...window(p.kernel as Pair, p.stride as Pair, p.padding),
          ints('dilations', pairOf(p.dilation as Pair)),
          int('group', g),
        ];
        if (type === 'convtranspose2d') attrs.push(ints('output_padding', pairOf(p.output_padding as Pair)));
        return one(type === 'conv2d' ? 'Conv' : 'ConvTranspose', attrs, ins);
      }
      case 'linear': {
        const o = p.out as number;
        const i = inp[inp.length - 1];
        if (inp.length === 1) {
          const ins = [this.weight(`${label}.weight`, [o, i]), ...(p.bias ? [this.weight(`${label}.bias`, [o])] : [])];
          return one('Gemm', [int('transB', 1)], ins);
        }
        // On more dims, as torch.onnx writes nn.Linear: MatMul by the [I, O] weight on the last
        // dim, then Add of the bias vector (read back as one linear layer).
        if (!p.bias) return one('MatMul', [], [this.weight(`${label}.weight`, [i, o])]);
        const y = this.op('MatMul', [x, this.weight(`${label}.weight`, [i, o])], label)[0];
        return this.op('Add', [y, this.weight(`${label}.bias`, [o])], label, [], 1, name)[0];
      }
      case 'reshape':
        // A leading 0 copies the batch (allowzero unset).
        return one('Reshape', [], [this.constant('shape', [0, ...(p.shape as number[])], 'int64')]);
      case 'permute':
        return one('Transpose', [
          ints(
            'perm',
            (p.dims as number[]).map((d) => (d < 0 ? d + inp.length + 1 : d)),
          ),
        ]);
      case 'batchnorm2d':
        if (!p.affine) this.warnings.push(say('export.bnAffine', { label }));
        return one(
          'BatchNormalization',
          [],
          ['scale', 'bias', 'mean', 'var'].map((k) => this.weight(`${label}.${k}`, [C])),
        );
      case 'layernorm': {
        // Over the last dim (tokens, channels-last) or, on [C, H, W], over the channels as before.
        const last = inp.length !== 3 || p.last === true;
        const n = last ? inp[inp.length - 1] : C;
        return one(
          'LayerNormalization',
          [int('axis', last ? -1 : 1)],
          p.affine ? [this.weight(`${label}.weight`, [n]), this.weight(`${label}.bias`, [n])] : [],
        );
      }
      case 'lrn':
        return one('LRN', [
          int('size', p.size as number),
          float('alpha', p.alpha as number),
          float('beta', p.beta as number),
          float('bias', p.k as number),
        ]);
      case 'maxpool2d':
      case 'avgpool2d': {
        const attrs = [
          ...window(p.kernel as Pair, p.stride as Pair | undefined, p.padding),
          int('ceil_mode', p.ceil ? 1 : 0),
          // MaxPool's dilations (opset ≥ 10); written only when set, so other files stay as they were.
          ...(p.dilation !== undefined && p.dilation !== 1 ? [ints('dilations', pairOf(p.dilation as Pair))] : []),
        ];
        return one(
          type === 'maxpool2d' ? 'MaxPool' : 'AveragePool',
          type === 'avgpool2d' ? [...attrs, int('count_include_pad', 1)] : attrs,
        );
      }
      case 'adaptiveavgpool2d':
      case 'adaptivemaxpool2d': {
        const max = type === 'adaptivemaxpool2d';
        if (out[1] === 1 && out[2] === 1) return one(max ? 'GlobalMaxPool' : 'GlobalAveragePool');
        if (H % out[1] || W % out[2]) return '!' + say('export.noFixedWindow', { h: H, w: W, oh: out[1], ow: out[2] });
        this.warnings.push(say('export.adaptiveFixed', { label, h: out[1], w: out[2] }));
        const k: [number, number] = [H / out[1], W / out[2]];
        return one(max ? 'MaxPool' : 'AveragePool', window(k, k, 0));
      }
      case 'flatten':
        if (out.length !== 1)
          return '!' + say('export.flatten2d', { start: String(p.start), end: String(p.end), n: out.length });
        return one('Flatten', [int('axis', 1)]);
      case 'relu':
        return one('Relu');
      case 'relu6':
        return one('Clip', [], [this.constant('zero', [0], 'float', []), this.constant('six', [6], 'float', [])]);
      case 'leakyrelu':
        return one('LeakyRelu', [float('alpha', p.negative_slope as number)]);
      case 'prelu': {
        const k = p.num_parameters as number;
        return one('PRelu', [], [this.weight(`${label}.weight`, k === 1 ? [1] : [k, 1, 1])]);
      }
      case 'elu':
        return one('Elu', [float('alpha', p.alpha as number)]);
      case 'sigmoid':
        return one('Sigmoid');
      case 'tanh':
        return one('Tanh');
      case 'hardswish':
        return one('HardSwish');
      case 'hardsigmoid':
        return one('HardSigmoid', [float('alpha', 1 / 6), float('beta', 0.5)]);
      case 'silu':
        return this.op('Mul', [x, this.op('Sigmoid', [x], label)[0]], label, [], 1, name)[0];
      case 'gelu':
        return one('Gelu');
      case 'mean': {
        // ReduceMean (opset 18+): the axes are an input; dims as written count the batch as 0.
        const full = inp.length + 1;
        const axes = (p.dims as number[]).map((d) => (d < 0 ? d + full : d));
        return one('ReduceMean', [int('keepdims', p.keepdim ? 1 : 0)], [this.constant('axes', axes, 'int64')]);
      }
      case 'clamp': {
        // Clip (opset ≥ 11): bounds as inputs, '' for the one left out.
        const bound = (k: string) => (p[k] === undefined ? '' : this.constant(k, [p[k] as number], 'float', []));
        return one('Clip', [], [bound('min'), bound('max')]);
      }
      case 'softmax':
      case 'logsoftmax':
        return one(type === 'softmax' ? 'Softmax' : 'LogSoftmax', [
          int('axis', (p.dim as number) < 0 ? (p.dim as number) + inp.length + 1 : (p.dim as number)),
        ]);
      case 'dropout':
        return one('Dropout', [], [this.constant('ratio', [p.p as number], 'float', [])]);
      case 'identity':
        return one('Identity');
      case 'layerscale':
        return one('Mul', [], [this.weight(`${label}.gamma`, [C, 1, 1])]);
      case 'upsample': {
        // ONNX Resize modes: nearest, linear (1-D, bilinear, trilinear), cubic.
        const m = p.mode as string;
        const mode = str('mode', m === 'nearest' ? 'nearest' : m === 'bicubic' ? 'cubic' : 'linear');
        if (p.size !== undefined) return one('Resize', [mode], ['', '', this.constant('sizes', [1, ...out], 'int64')]);
        const s = p.scale as number;
        return one('Resize', [mode], ['', this.constant('scales', [1, 1, ...inp.slice(1).map(() => s)], 'float')]);
      }
      case 'channelshuffle': {
        const g = p.groups as number;
        const split = this.op('Reshape', [x, this.constant('shape', [0, g, C / g, H, W], 'int64')], label)[0];
        const t = this.op('Transpose', [split], label, [ints('perm', [0, 2, 1, 3, 4])], 1, name)[0];
        return this.op('Reshape', [t, this.constant('shape', [0, C, H, W], 'int64')], label)[0];
      }
      case 'chunk': {
        const n = p.chunks as number;
        const size = Math.ceil(C / n);
        const parts: number[] = [];
        for (let from = 0; from < C; from += size) parts.push(Math.min(size, C - from));
        const outs = this.op(
          'Split',
          [x, this.constant('split', parts, 'int64')],
          label,
          [int('axis', 1)],
          parts.length,
          name,
        );
        return outs[p.index as number] ?? '!chunk index out of range';
      }
      case 'conv1d':
      case 'conv3d': {
        const r = inp.length - 1;
        const list = (v: unknown, d: number): number[] =>
          typeof v === 'number'
            ? Array<number>(r).fill(v)
            : r === 3 && (v as number[]).length === 1
              ? Array<number>(3).fill((v as number[])[0])
              : ((v as number[] | undefined) ?? Array<number>(r).fill(d));
        const k = list(p.kernel, 1);
        const g = p.groups as number;
        const o = p.out as number;
        if (p.padding === 'same') return '!' + say('export.conv1dSame');
        const pads = list(p.padding, 0);
        const ins = [
          this.weight(`${label}.weight`, [o, C / g, ...k]),
          ...(p.bias ? [this.weight(`${label}.bias`, [o])] : []),
        ];
        return one(
          'Conv',
          [
            ints('kernel_shape', k),
            ints('strides', list(p.stride, 1)),
            ints('pads', [...pads, ...pads]),
            ints('dilations', list(p.dilation, 1)),
            int('group', g),
          ],
          ins,
        );
      }
      case 'maxpool1d':
      case 'avgpool1d':
      case 'maxpool3d':
      case 'avgpool3d': {
        const r = inp.length - 1;
        const list = (v: unknown): number[] =>
          typeof v === 'number'
            ? Array<number>(r).fill(v)
            : (v as number[]).length === 1
              ? Array<number>(r).fill((v as number[])[0])
              : (v as number[]);
        const k = list(p.kernel);
        const pads = list(p.padding ?? 0);
        const max = type.startsWith('max');
        const attrs = [
          ints('kernel_shape', k),
          ints('strides', list(p.stride ?? p.kernel)),
          ints('pads', [...pads, ...pads]),
          int('ceil_mode', p.ceil ? 1 : 0),
          ...(max
            ? p.dilation !== undefined
              ? [ints('dilations', list(p.dilation))]
              : []
            : [int('count_include_pad', 1)]),
        ];
        return one(max ? 'MaxPool' : 'AveragePool', attrs);
      }
      case 'unary': {
        // rsqrt has no ONNX operator: Sqrt, then Reciprocal (read back as those two unary layers).
        const op = p.op as string;
        if (op === 'rsqrt') return this.op('Reciprocal', [this.op('Sqrt', [x], label)[0]], label, [], 1, name)[0];
        if (op === 'pow')
          return one('Pow', [], [this.constant('exponent', [(p.exponent as number | undefined) ?? 2], 'float', [])]);
        return one(UNARY_ONNX[op]);
      }
      case 'quantize': {
        // Scale 1 and zero point 0 (calibration sets them; no count depends on their values), one
        // per channel along axis 1 with per_channel. int16 is QuantizeLinear's type from opset 21.
        const count = p.per_channel ? C : 1;
        const scale = this.constant(
          'scale',
          Array.from({ length: count }, () => 1),
          'float',
          count > 1 ? [count] : [],
        );
        const zero = this.zeroPoint(p.dtype as string, count);
        if (p.dtype === 'int16') this.warnings.push(say('export.int16', { label }));
        const op = p.mode === 'dequantize' ? 'DequantizeLinear' : 'QuantizeLinear';
        return one(op, count > 1 ? [int('axis', 1)] : [], [scale, zero]);
      }
      case 'instancenorm':
        if (!p.affine) this.warnings.push(say('export.instanceAffine', { label }));
        return one('InstanceNormalization', [], [this.weight(`${label}.scale`, [C]), this.weight(`${label}.B`, [C])]);
      default:
        return '!' + say('export.layerType', { type });
    }
  }
}

const valueInfo = (name: string, dims: number[]) => ({
  name,
  type: { tensor_type: { elem_type: DataType.FLOAT, shape: { dim: dims.map((d) => ({ dim_value: d })) } } },
});

/** Writes a model as ONNX. Never throws. */
export function modelToOnnx(model: Model, opts: OnnxWriteOptions = {}): OnnxWriteResult {
  try {
    const h = checkModelHeader(model);
    if (h.error) return { ok: false, error: h.error };
    const w = new Writer(opts.weights === 'zeros');
    const r = w.list(model.layers, 'input', h.input, 'layers');
    if (typeof r === 'string') return { ok: false, error: r };
    let [output] = r;
    // A graph output must be produced by a node.
    if (output === 'input') output = w.op('Identity', ['input'], 'output')[0];
    // schema.ts's codec: no code generation, so this works under the page's CSP (no 'unsafe-eval').
    const bytes = OnnxTypes.Model.encode({
      ir_version: 9,
      opset_import: [{ domain: '', version: 20 }],
      producer_name: 'FlopLab',
      graph: {
        name: model.name ?? 'model',
        node: w.nodes,
        initializer: w.inits,
        input: [valueInfo('input', [h.batch, ...h.input])],
        output: [valueInfo(output, [h.batch, ...r[1]])],
      },
    });
    return { ok: true, bytes, warnings: w.warnings };
  } catch (err) {
    return { ok: false, error: say('export.cannotOnnx', { error: (err as Error).message }) };
  }
}
