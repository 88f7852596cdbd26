/**
 * Caffe .prototxt import (Netscope's input format, dgschwend/netscope src/caffe/caffe.coffee):
 * `layer { … }` and the deprecated `layers { … }` with V1 type names, in-place layers
 * (top = bottom), inputs given as Input layers, a header `input` + `input_dim`/`input_shape`,
 * or Data layers with `transform_param { crop_size }` (3 channels, batch 1, as Netscope assumes).
 * Like Netscope, layers included only in the TEST phase are skipped.
 *
 * Mapped: Convolution, Deconvolution, Pooling (MAX/AVE, global; Caffe rounds up = ceil mode),
 * InnerProduct (with an implicit flatten before it), ReLU (negative_slope → leakyrelu), ReLU6,
 * PReLU, ELU, Sigmoid, TanH, BatchNorm (+ a following Scale = affine), Scale (alone: layerscale;
 * with two bottoms: the squeeze-excite multiply), Eltwise SUM/PROD, Concat, Dropout, Softmax
 * (and SoftmaxWithLoss), LRN, Flatten, Split. Other layers pass their input through and are
 * listed in the warnings.
 */
import { MODEL_FORMAT, pairOf, type LayerSpec, type Model, type Pair } from '../format/model';
import { evaluateModel } from '../evaluate';
import { toLayers, type GraphNode } from './graph';
import { toGraphLayers } from './graph-layers';
import { msgField, numField, numsField, parseProtoText, strField, strsField, type TextMessage } from './prototxt-text';
import type { ImportResult } from './result';

const DATA_LAYERS = new Set(['data', 'imagedata', 'windowdata', 'hdf5data', 'memorydata', 'dummydata', 'input']);
const IGNORED = new Set(['accuracy', 'silence']);
/** Loss layers Netscope counts as a softmax (V2 SoftmaxWithLoss, V1 SOFTMAX_LOSS). */
const SOFTMAX_LOSS = new Set(['softmaxwithloss', 'softmaxloss']);
/** Shape-preserving layers: an innerproduct's flat output stays flat through them. */
const KEEPS_FLAT = new Set([
  'relu',
  'relu6',
  'prelu',
  'elu',
  'sigmoid',
  'tanh',
  'dropout',
  'softmax',
  'softmaxwithloss',
]);

interface Pending {
  prelu: Set<LayerSpec>;
}

/** Values of a repeated-or-split 2-D parameter: (kernel_size | kernel_h/kernel_w). */
function pairParam(p: TextMessage | undefined, base: string, dflt: number): number | [number, number] {
  const hw = [numField(p, `${base}_h`), numField(p, `${base}_w`)];
  const list = numsField(p, base === 'kernel' ? 'kernel_size' : base);
  const h = hw[0] ?? list[0] ?? dflt;
  const w = hw[1] ?? list[1] ?? list[0] ?? dflt;
  return h === w ? h : [h, w];
}

function convFields(p: TextMessage | undefined): Record<string, unknown> {
  const bias = strField(p, 'bias_term') !== 'false';
  const dil = numsField(p, 'dilation');
  const dilation = dil.length > 1 && dil[0] !== dil[1] ? [dil[0], dil[1]] : (dil[0] ?? 1);
  const stride = pairParam(p, 'stride', 1);
  const padding = pairParam(p, 'pad', 0);
  const groups = numField(p, 'group') ?? 1;
  // Fields at their PyTorch default are left out, as a person would write the model.
  return {
    out: numField(p, 'num_output'),
    kernel: pairParam(p, 'kernel', 0),
    ...(stride !== 1 ? { stride } : {}),
    ...(padding !== 0 ? { padding } : {}),
    ...(dilation !== 1 ? { dilation } : {}),
    ...(groups !== 1 ? { groups } : {}),
    bias,
  };
}

/** Input shape [N, C, H, W] declared by a data layer, if any. */
function dataShape(type: string, l: TextMessage): number[] | null {
  const shape = msgField(msgField(l, 'input_param'), 'shape') ?? msgField(msgField(l, 'dummy_data_param'), 'shape');
  if (shape) return numsField(shape, 'dim');
  const mem = msgField(l, 'memory_data_param');
  if (type === 'memorydata' && mem)
    return ['batch_size', 'channels', 'height', 'width'].map((k) => numField(mem, k) ?? 1);
  const crop = numField(msgField(l, 'transform_param'), 'crop_size');
  return crop ? [1, 3, crop, crop] : null;
}

const normType = (t: string | undefined) => (t ?? '').toLowerCase().replace(/_/g, '');

/** Imports Caffe prototxt text. Never throws. */
export function importPrototxt(text: string, fileName = 'model.prototxt'): ImportResult {
  try {
    return convert(text, fileName);
  } catch (err) {
    return { ok: false, error: `cannot read ${fileName}: ${(err as Error).message}` };
  }
}

function convert(text: string, fileName: string): ImportResult {
  const parsed = parseProtoText(text);
  if (!parsed.ok) return { ok: false, error: `${fileName} is not valid prototxt: ${parsed.error}` };
  const root = parsed.msg;
  const warnings: string[] = [];
  const layers = [...(root.layer ?? []), ...(root.layers ?? [])].filter(
    (l): l is TextMessage => typeof l === 'object' && strField(msgField(l, 'include'), 'phase') !== 'TEST',
  );
  if (!layers.length) return { ok: false, error: `${fileName} has no layers (expected "layer { … }" entries)` };

  const nodes: GraphNode[] = [];
  const blob = new Map<string, string>(); // blob name → current data value
  const flat = new Set<string>();
  const producer = new Map<string, number>();
  const used = new Set<string>();
  const pending: Pending = { prelu: new Set() };
  let serial = 0;
  let input: string | null = null;
  let shape: number[] | null = null;
  const fresh = (name: string) => `${name}@${serial++}`;

  // Header inputs: `input: "data"` with `input_dim` ×4 or `input_shape { dim … }`.
  const headerInputs = strsField(root, 'input');
  if (headerInputs.length) {
    const dims = numsField(root, 'input_dim');
    const s = dims.length ? dims : numsField(msgField(root, 'input_shape'), 'dim');
    if (s.length >= 4) {
      input = fresh(headerInputs[0]);
      blob.set(headerInputs[0], input);
      shape = s.slice(0, 4);
    } else warnings.push(`header input "${headerInputs[0]}" has no 4-D input_dim / input_shape`);
    if (headerInputs.length > 1) warnings.push(`only the first input "${headerInputs[0]}" is used`);
  }

  const add = (label: string, op: GraphNode['op'], ins: string[], tops: string[], specs?: LayerSpec[]) => {
    const out = fresh(tops[0] ?? label);
    const name = op === 'layers' ? undefined : label.replace(/ \(.*\)$/, '');
    nodes.push({ label, name, op, inputs: ins, output: out, ...(specs ? { layers: specs } : {}) });
    producer.set(out, nodes.length - 1);
    ins.forEach((v) => used.add(v));
    for (const t of tops) blob.set(t, out);
    return out;
  };

  for (const l of layers) {
    const type = normType(strField(l, 'type'));
    const name = strField(l, 'name') ?? type;
    const label = `${name} (${strField(l, 'type') ?? '?'})`;
    const tops = strsField(l, 'top');
    const ins = strsField(l, 'bottom')
      .map((b) => blob.get(b))
      .filter((v): v is string => v !== undefined);
    if (DATA_LAYERS.has(type)) {
      const s = dataShape(type, l);
      if (input || !s || s.length < 2 || !tops.length) {
        if (!input && !s) warnings.push(`${label}: input dimensions unknown (no input_param shape or crop_size)`);
        continue;
      }
      input = fresh(tops[0]);
      blob.set(tops[0], input);
      shape = s;
      continue;
    }
    if (IGNORED.has(type) || (type.endsWith('loss') && !SOFTMAX_LOSS.has(type))) continue;
    if (!ins.length) {
      warnings.push(`${label}: its input is unknown; skipped`);
      continue;
    }
    const x = ins[0];
    const leaf = (...specs: LayerSpec[]) => {
      const out = add(label, 'layers', [x], tops, specs);
      if (KEEPS_FLAT.has(type) && flat.has(x)) flat.add(out);
      return out;
    };
    const named = (spec: Record<string, unknown>): LayerSpec => ({ type: String(spec.type), name, ...spec });
    switch (type) {
      case 'convolution':
        leaf(named({ type: 'conv2d', ...convFields(msgField(l, 'convolution_param')) }));
        break;
      case 'deconvolution':
        leaf(named({ type: 'convtranspose2d', ...convFields(msgField(l, 'convolution_param')) }));
        break;
      case 'pooling': {
        const p = msgField(l, 'pooling_param');
        const max = (strField(p, 'pool') ?? 'MAX').toUpperCase() !== 'AVE';
        if ((strField(p, 'pool') ?? 'MAX').toUpperCase() === 'STOCHASTIC')
          warnings.push(`${label}: stochastic pooling counted as max pooling`);
        if (strField(p, 'global_pooling') === 'true')
          leaf(named({ type: max ? 'adaptivemaxpool2d' : 'adaptiveavgpool2d', out: 1 }));
        else
          leaf(
            named({
              type: max ? 'maxpool2d' : 'avgpool2d',
              kernel: pairParam(p, 'kernel', 0),
              stride: pairParam(p, 'stride', 1),
              padding: pairParam(p, 'pad', 0),
              ceil: true,
            }),
          );
        break;
      }
      case 'innerproduct': {
        const p = msgField(l, 'inner_product_param');
        const fc = named({
          type: 'linear',
          out: numField(p, 'num_output'),
          bias: strField(p, 'bias_term') !== 'false',
        });
        flat.add(flat.has(x) ? leaf(fc) : leaf({ type: 'flatten', name: `${name}.flatten` }, fc));
        break;
      }
      case 'relu': {
        const slope = numField(msgField(l, 'relu_param'), 'negative_slope') ?? 0;
        leaf(named(slope ? { type: 'leakyrelu', negative_slope: slope } : { type: 'relu' }));
        break;
      }
      case 'relu6':
      case 'elu':
      case 'sigmoid':
      case 'tanh':
        leaf(named({ type }));
        break;
      case 'prelu': {
        const shared = strField(msgField(l, 'prelu_param'), 'channel_shared') === 'true';
        const spec = named({ type: 'prelu', num_parameters: 1 });
        if (!shared) pending.prelu.add(spec); // one slope per channel: filled in once shapes are known
        leaf(spec);
        break;
      }
      case 'dropout': {
        const ratio = numField(msgField(l, 'dropout_param'), 'dropout_ratio');
        leaf(named(ratio === undefined ? { type: 'dropout' } : { type: 'dropout', p: ratio }));
        break;
      }
      case 'softmax':
      case 'softmaxwithloss':
      case 'softmaxloss':
        leaf(named({ type: 'softmax' }));
        break;
      case 'flatten':
        flat.add(leaf(named({ type: 'flatten' })));
        break;
      case 'lrn': {
        const p = msgField(l, 'lrn_param');
        if (strField(p, 'norm_region') === 'WITHIN_CHANNEL')
          warnings.push(`${label}: WITHIN_CHANNEL normalisation is counted as ACROSS_CHANNELS`);
        const f: Record<string, unknown> = { type: 'lrn', size: numField(p, 'local_size') ?? 5 };
        for (const k of ['alpha', 'beta', 'k'] as const) if (numField(p, k) !== undefined) f[k] = numField(p, k);
        leaf(named(f));
        break;
      }
      case 'batchnorm':
        leaf(named({ type: 'batchnorm2d', affine: false }));
        break;
      case 'scale': {
        if (ins.length >= 2) {
          add(label, 'mul', ins.slice(0, 2), tops);
          break;
        }
        // BatchNorm followed by Scale is Caffe's affine batch norm (γ, β in the Scale layer).
        const at = producer.get(x);
        const bn = at === undefined ? undefined : nodes[at];
        const only = bn?.layers?.length === 1 ? bn.layers[0] : undefined;
        if (bn && only?.type === 'batchnorm2d' && only.affine === false && !used.has(x)) {
          nodes[at as number] = { ...bn, layers: [{ ...only, affine: true }] };
          for (const t of tops) blob.set(t, x);
          break;
        }
        leaf(named({ type: 'layerscale' }));
        break;
      }
      case 'eltwise': {
        const p = msgField(l, 'eltwise_param');
        const op = (strField(p, 'operation') ?? 'SUM').toUpperCase();
        if (numsField(p, 'coeff').some((c) => c !== 1)) warnings.push(`${label}: coefficients are ignored`);
        if (op === 'MAX' || ins.length < 2) {
          warnings.push(
            `${label}: eltwise ${op} of ${ins.length} inputs is not supported; its first input passes through`,
          );
          leaf();
        } else add(label, op === 'PROD' ? 'mul' : 'add', ins, tops);
        break;
      }
      case 'concat': {
        const p = msgField(l, 'concat_param');
        const axis = numField(p, 'axis') ?? numField(p, 'concat_dim') ?? 1;
        if (axis !== 1) warnings.push(`${label}: concat along axis ${axis} is treated as channels`);
        if (ins.length === 1) leaf();
        else add(label, 'concat', ins, tops);
        break;
      }
      case 'split':
        for (const t of tops) blob.set(t, x);
        break;
      default:
        // Never a silent pass-through: a "not counted" row (layers/opaque.ts); a prototxt states
        // no shapes, so its output is taken to have its first input's shape.
        warnings.push(
          `${label}: layer type "${strField(l, 'type') ?? ''}" is not counted (no formula for it); its output is taken to have its input's shape`,
        );
        add(label, 'layers', ins, tops, [
          named({ type: 'opaque', op: (strField(l, 'type') ?? 'unknown').replace(/[^\w.:/@+ -]/g, '_').slice(0, 80) }),
        ]);
    }
  }
  if (!input || !shape)
    return {
      ok: false,
      error: `${fileName}: no input shape (need an Input layer, input_dim or a Data layer with crop_size)`,
    };
  const dims = shape.slice(1);
  if (dims.length !== 3 || !dims.every((d) => Number.isInteger(d) && d > 0))
    return { ok: false, error: `${fileName}: input shape [${shape.join(', ')}] is not [N, C, H, W]` };
  // The network's output: the last value nothing reads (loss layers and auxiliary heads end earlier).
  const sinks = nodes.filter((n) => !used.has(n.output));
  const output = sinks.length ? sinks[sinks.length - 1].output : input;
  const s = toLayers({ nodes, input, output });
  const head = {
    format: MODEL_FORMAT,
    name: strField(root, 'name') ?? fileName.replace(/\.[^.]*$/, ''),
    batch: shape[0] > 0 ? shape[0] : 1,
    meta: { importedFrom: fileName, sourceFormat: 'caffe-prototxt' },
  } as const;
  let model: Model;
  if (s.ok) {
    if (s.dropped)
      warnings.push(`${s.dropped} layer(s) not leading to the last output (e.g. auxiliary heads) were left out`);
    model = { ...head, input: dims, layers: s.layers };
  } else {
    // Forks that do not nest as blocks: the network as a graph, every layer kept, every top nobody reads an output.
    const gl = toGraphLayers({ nodes, input, output }, sinks.length ? sinks.map((n) => n.output) : [output], (v) =>
      v.replace(/@\d+$/, ''),
    );
    warnings.push(`imported as a graph (layers take their inputs by name): ${s.error}`);
    model = { ...head, inputs: [{ name: gl.input, shape: dims }], outputs: gl.outputs, layers: gl.layers };
  }
  const filled = fillPreluChannels(model, pending.prelu);
  warnings.push(...poolSizeNotes(filled));
  return { ok: true, model: filled, warnings };
}

/** Caffe PReLU has one slope per input channel: set num_parameters from the inferred input shape. */
function fillPreluChannels(model: Model, specs: Set<LayerSpec>): Model {
  if (!specs.size) return model;
  const rows = evaluateModel(model).rows;
  const channels = new Map<string, number>();
  for (const r of rows) if (r.type === 'prelu' && r.input) channels.set(r.modelPath, r.input[0]);
  const walk = (list: readonly LayerSpec[], path: string): LayerSpec[] =>
    list.map((l, i) => {
      const p = `${path}[${i}]`;
      if (specs.has(l)) return { ...l, num_parameters: channels.get(p) ?? 1 };
      const out: Record<string, unknown> = { ...l };
      for (const k of ['body', 'shortcut']) if (Array.isArray(l[k])) out[k] = walk(l[k] as LayerSpec[], `${p}.${k}`);
      if (Array.isArray(l.branches))
        out.branches = (l.branches as LayerSpec[][]).map((b, j) => walk(b, `${p}.branches[${j}]`));
      return out as LayerSpec;
    });
  return { ...model, layers: walk(model.layers, 'layers') };
}

/**
 * Netscope sizes pooling outputs as ceil((in + 2p − k) / s) + 1 and never drops a last window
 * that starts in the padding; PyTorch (and Caffe when p > 0) does. Where the two differ the
 * model keeps PyTorch's size, and says so.
 */
function poolSizeNotes(model: Model): string[] {
  const notes: string[] = [];
  for (const r of evaluateModel(model).rows) {
    if ((r.type !== 'maxpool2d' && r.type !== 'avgpool2d') || !r.input || !r.output || !r.params_) continue;
    const k = pairOf(r.params_.kernel as Pair);
    const s = pairOf(r.params_.stride as Pair);
    const p = pairOf(r.params_.padding as Pair);
    const netscope = [0, 1].map((i) => Math.ceil((r.input![i + 1] + 2 * p[i] - k[i]) / s[i]) + 1);
    if (netscope[0] !== r.output[1] || netscope[1] !== r.output[2])
      notes.push(
        `${r.name ?? r.path}: Netscope sizes this pooling ${netscope.join('×')}; PyTorch's ceil mode gives ${r.output[1]}×${r.output[2]}, which is what is counted`,
      );
  }
  return notes;
}
