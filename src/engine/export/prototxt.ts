/**
 * Model → Caffe .prototxt, as a person would paste it into Netscope (dgschwend/netscope) or feed it
 * to Caffe. Geometry comes from FlopLab's own shape inference, so "same" padding and defaults are
 * resolved. Every layer's top is its own name (Netscope links layers by name: src/caffe/caffe.coffee
 * generateNetwork); the name is the FlopLab row path (`layers[3].body[1]`), so numbers can be matched
 * row by row. BatchNorm becomes BatchNorm + Scale (Caffe's BatchNorm has no γ, β), residual an Eltwise
 * SUM, concat a Concat, squeeze-excite a Scale with two bottoms, repeat is unrolled, training-only
 * heads are left out (a deploy prototxt has none). Pooling has no floor/ceil switch in Caffe: Caffe
 * and Netscope round up, so a floor-mode pool may come out larger there.
 *
 * Layers Netscope's analyzer has no case for are written either as their Caffe type (Sigmoid, TanH)
 * or the type a Caffe fork uses (Swish, Upsample, …) — Netscope then says "Unknown Layer" and sizes
 * their output 0 — or, with `unknown: 'placeholder'`, as a zero-cost Reshape to FlopLab's output shape
 * so Netscope keeps counting the layers after them. The writer is checked against the real Netscope:
 * tests/fixtures/netscope-fixtures.jsonl holds the text it writes and what Netscope computed from it.
 */
import { mainInput, type LayerSpec, type Model, type Shape } from '../format/model';
import { evaluateModel, type Row } from '../evaluate';
import { GRAPH_EXPORT } from './walk';
import { protoString } from './escape';

export type UnknownMode = 'caffe' | 'placeholder';

export interface PrototxtOptions {
  /** How layers without a Netscope case are written (default 'caffe'). */
  readonly unknown?: UnknownMode;
}

/** Layer types for FlopLab kinds with no Caffe layer Netscope analyses. */
const NO_NETSCOPE_CASE: Record<string, string> = {
  mean: 'Reduction',
  sigmoid: 'Sigmoid',
  tanh: 'TanH',
  hardswish: 'HardSwish',
  hardsigmoid: 'HardSigmoid',
  silu: 'Swish',
  gelu: 'GELU',
  layernorm: 'LayerNorm',
  upsample: 'Upsample',
  channelshuffle: 'ShuffleChannel',
  chunk: 'Slice',
};

/** Unary ops that are a Caffe Power layer, (shift + scale·x)^power: their power (pow: its exponent). */
const POWER: Readonly<Record<string, number>> = { sqrt: 0.5, rsqrt: -0.5, reciprocal: -1, neg: 1 };
/** Unary ops with a Caffe layer of their own, which Netscope's analyzer has no case for. */
const UNARY_CAFFE: Readonly<Record<string, string>> = { exp: 'Exp', log: 'Log', abs: 'AbsVal', softplus: 'BNLL' };

export type PrototxtResult =
  { ok: true; text: string; unknown: string[]; skipped: string[] } | { ok: false; error: string };

interface Prototxt {
  text: string;
  /** Paths written as a layer Netscope does not analyse (or as a placeholder). */
  unknown: string[];
  /** Training-only heads left out (a deploy prototxt has none). */
  skipped: string[];
}

const q = protoString;
const dims = (s: Shape, n: number): number[] => (s.length === 1 ? [n, s[0], 1, 1] : [n, ...s]);

class Writer {
  lines: string[] = [];
  unknown: string[] = [];
  skipped: string[] = [];
  constructor(
    private readonly rows: Map<string, Row>,
    private readonly batch: number,
    private readonly mode: UnknownMode,
  ) {}

  layer(name: string, type: string, bottoms: string[], params = ''): string {
    const b = bottoms.map((x) => ` bottom: ${q(x)}`).join('');
    this.lines.push(`layer { name: ${q(name)} type: ${q(type)}${b} top: ${q(name)}${params ? ` ${params}` : ''} }`);
    return name;
  }

  row(path: string): Row {
    const r = this.rows.get(path);
    if (!r || r.error || !r.symbols || !r.output)
      throw new Error(`${path}: no evaluated row (${r?.error ?? 'missing'})`);
    return r;
  }

  list(layers: readonly LayerSpec[], x: string, prefix: string): string {
    layers.forEach((spec, i) => (x = this.one(spec, x, `${prefix}[${i}]`)));
    return x;
  }

  one(spec: LayerSpec, x: string, path: string): string {
    // This writer chains each layer to the previous one: a `from` would be written as a wrong edge.
    if (spec.from !== undefined) throw new Error(`${path}: ${GRAPH_EXPORT}`);
    if (spec.shares !== undefined)
      throw new Error(`${path} uses the weights of "${spec.shares}"; Netscope would count a copy of them`);
    const r = this.row(path);
    const s = r.symbols as Record<string, number>;
    const p = r.params_ ?? {};
    const geometry = (kernel: boolean) =>
      `${kernel ? `kernel_h: ${s.Kh} kernel_w: ${s.Kw} ` : ''}stride_h: ${s.Sh} stride_w: ${s.Sw} pad_h: ${s.Ph} pad_w: ${s.Pw}`;
    const body = (key: string) => (spec[key] as LayerSpec[] | undefined) ?? [];
    switch (spec.type) {
      case 'conv2d':
      case 'convtranspose2d': {
        if (s.Dh !== s.Dw) throw new Error(`${path}: Netscope reads one dilation; ${s.Dh}≠${s.Dw} cannot be written`);
        const caffe = spec.type === 'conv2d' ? 'Convolution' : 'Deconvolution';
        const conv = `num_output: ${s.Cout} ${geometry(true)} dilation: ${s.Dh} group: ${s.g} bias_term: ${s.b ? 'true' : 'false'}`;
        return this.layer(path, caffe, [x], `convolution_param { ${conv} }`);
      }
      case 'linear':
        return this.layer(
          path,
          'InnerProduct',
          [x],
          `inner_product_param { num_output: ${s.O} bias_term: ${s.b ? 'true' : 'false'} }`,
        );
      case 'batchnorm2d': {
        const bn = this.layer(path, 'BatchNorm', [x], 'batch_norm_param { use_global_stats: true }');
        // Caffe's BatchNorm has no γ, β: an affine BN is BatchNorm + Scale (bias_term: true).
        return s.affine ? this.layer(`${path}@scale`, 'Scale', [bn], 'scale_param { bias_term: true }') : bn;
      }
      case 'relu':
        return this.layer(path, 'ReLU', [x]);
      case 'leakyrelu':
        return this.layer(path, 'ReLU', [x], `relu_param { negative_slope: ${p.negative_slope as number} }`);
      case 'relu6':
        return this.layer(path, 'ReLU6', [x]);
      case 'prelu':
        return this.layer(path, 'PReLU', [x]);
      case 'elu':
        return this.layer(path, 'ELU', [x]);
      case 'dropout':
        return this.layer(path, 'Dropout', [x]);
      case 'softmax':
        return this.layer(path, 'Softmax', [x]);
      case 'flatten':
        return this.layer(path, 'Flatten', [x]);
      case 'identity':
      case 'shapeops': // an imported file's shape arithmetic: nothing to compute on the data
        return x; // nothing to write: Caffe needs no layer
      case 'lrn': {
        const lrn = `local_size: ${s.n} alpha: ${p.alpha as number} beta: ${p.beta as number} k: ${p.k as number}`;
        return this.layer(path, 'LRN', [x], `lrn_param { ${lrn} }`);
      }
      case 'maxpool2d':
      case 'avgpool2d':
        if (s.Dh !== 1 || s.Dw !== 1) throw new Error(`${path}: Caffe's Pooling has no dilation`);
        return this.layer(
          path,
          'Pooling',
          [x],
          `pooling_param { pool: ${spec.type === 'maxpool2d' ? 'MAX' : 'AVE'} ${geometry(true)} }`,
        );
      case 'adaptiveavgpool2d':
      case 'adaptivemaxpool2d': {
        const pool = spec.type === 'adaptivemaxpool2d' ? 'MAX' : 'AVE';
        if (s.Ho === 1 && s.Wo === 1)
          return this.layer(path, 'Pooling', [x], `pooling_param { pool: ${pool} global_pooling: true }`);
        // Caffe has no adaptive pooling; equal windows are an ordinary pool with kernel = stride = in/out.
        if (s.Hin % s.Ho === 0 && s.Win % s.Wo === 0) {
          const [kh, kw] = [s.Hin / s.Ho, s.Win / s.Wo];
          const fixed = `pool: ${pool} kernel_h: ${kh} kernel_w: ${kw} stride_h: ${kh} stride_w: ${kw}`;
          return this.layer(path, 'Pooling', [x], `pooling_param { ${fixed} }`);
        }
        throw new Error(
          `${path}: adaptive pool ${s.Hin}×${s.Win} → ${s.Ho}×${s.Wo} has unequal windows; Caffe has no such pool`,
        );
      }
      case 'layerscale':
        return this.layer(path, 'Scale', [x], 'scale_param { bias_term: false }');
      case 'quantize':
        throw new Error(`${path}: Caffe has no quantize or dequantize layer (its models are float)`);
      case 'unary': {
        // Caffe's Power layer is (shift + scale·x)^power; Exp, Log, AbsVal and BNLL (softplus) are
        // Caffe layers Netscope has no case for.
        const op = p.op as string;
        const power = POWER[op] ?? (op === 'pow' ? ((p.exponent as number | undefined) ?? 2) : undefined);
        if (power !== undefined)
          return this.layer(path, 'Power', [x], `power_param { power: ${power}${op === 'neg' ? ' scale: -1' : ''} }`);
        const caffe = UNARY_CAFFE[op];
        if (!caffe) throw new Error(`${path}: Caffe has no layer for ${op}`);
        this.unknown.push(path);
        if (this.mode === 'caffe') return this.layer(path, caffe, [x]);
        const d = dims(r.output as Shape, this.batch).map((v) => `dim: ${v}`);
        return this.layer(path, 'Reshape', [x], `reshape_param { shape { ${d.join(' ')} } }`);
      }
      case 'residual': {
        const main = this.list(body('body'), x, `${path}.body`);
        const short = body('shortcut').length ? this.list(body('shortcut'), x, `${path}.shortcut`) : x;
        return this.layer(path, 'Eltwise', [main, short], 'eltwise_param { operation: SUM }');
      }
      case 'concat': {
        const branches = (spec.branches as LayerSpec[][]) ?? [];
        const outs = branches.map((b, i) => (b.length ? this.list(b, x, `${path}.branches[${i}]`) : x));
        return this.layer(path, 'Concat', outs);
      }
      case 'scale': {
        // Squeeze-excite: x · gate; Caffe's Scale with a second bottom broadcasts the gate (axis 0).
        const gate = this.list(body('body'), x, `${path}.body`);
        return this.layer(path, 'Scale', [x, gate], 'scale_param { axis: 0 }');
      }
      case 'repeat': {
        for (let t = 0; t < (spec.times as number); t++) x = this.list(body('body'), x, `${path}#${t}.body`);
        return x;
      }
      case 'aux':
        this.skipped.push(path);
        return x;
      default: {
        const caffe = NO_NETSCOPE_CASE[spec.type];
        if (!caffe) throw new Error(`${path}: no Caffe mapping for ${spec.type}`);
        this.unknown.push(path);
        if (this.mode === 'caffe') return this.layer(path, caffe, [x]);
        const d = dims(r.output as Shape, this.batch).map((v) => `dim: ${v}`);
        return this.layer(path, 'Reshape', [x], `reshape_param { shape { ${d.join(' ')} } }`);
      }
    }
  }
}

function write(model: Model, rows: readonly Row[], mode: UnknownMode): Prototxt {
  const batch = model.batch ?? 1;
  const w = new Writer(new Map(rows.map((r) => [r.path, r])), batch, mode);
  const d = dims(mainInput(model), batch).map((v) => `dim: ${v}`);
  w.lines.push(`name: ${q(model.name ?? 'floplab')}`);
  w.layer('data', 'Input', [], `input_param { shape { ${d.join(' ')} } }`);
  w.list(model.layers, 'data', 'layers');
  return { text: w.lines.join('\n') + '\n', unknown: w.unknown, skipped: w.skipped };
}

/** The Caffe prototxt of `model`. Never throws: a model FlopLab cannot evaluate, or a layer Caffe cannot express, is an error. */
export function modelToPrototxt(model: Model, opts: PrototxtOptions = {}): PrototxtResult {
  const result = evaluateModel(model);
  if (result.modelError) return { ok: false, error: result.modelError };
  const bad = result.rows.find((r) => r.error);
  // Row errors usually name their path already ("layers[1].out: …").
  if (bad) return { ok: false, error: bad.error!.startsWith(bad.path) ? bad.error! : `${bad.path}: ${bad.error}` };
  try {
    return { ok: true, ...write(model, result.rows, opts.unknown ?? 'caffe') };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
