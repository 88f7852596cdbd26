/**
 * The generated PyTorch code, read with a small Python tokenizer/parser (python-parse.ts):
 * it tokenizes (indentation, brackets, strings), every class it uses is torch.nn's or defined
 * in the file, its module tree matches the model layer for layer, and the parameter count
 * computed from the module arguments with PyTorch's documented weight shapes equals
 * FlopLab's — which is also the number the header comment states.
 */
import { describe, expect, it } from 'vitest';
import { modelToPytorch } from '../../../src/engine/export/pytorch';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { EVERY_KIND, MLP, ND_KINDS } from './models';
import { readModel, usesGraph } from './helpers';
import { parseCall, tokenizePython, type PyCall, type PyValue } from './python-parse';

/** torch.nn classes the generator may use (all exist in PyTorch ≥ 1.10). */
const TORCH_NN = new Set(
  'Conv2d ConvTranspose2d Linear BatchNorm2d LayerNorm LocalResponseNorm MaxPool2d AvgPool2d AdaptiveAvgPool2d AdaptiveMaxPool2d Flatten ReLU ReLU6 LeakyReLU PReLU ELU Sigmoid Tanh Hardswish Hardsigmoid SiLU GELU Softmax Dropout Identity Upsample ChannelShuffle Sequential Conv1d Conv3d ConvTranspose1d ConvTranspose3d BatchNorm1d BatchNorm3d MaxPool1d AvgPool1d MaxPool3d AvgPool3d AdaptiveAvgPool1d AdaptiveMaxPool1d AdaptiveAvgPool3d AdaptiveMaxPool3d GroupNorm InstanceNorm1d InstanceNorm2d InstanceNorm3d PixelShuffle PixelUnshuffle LSTM GRU RNN Softplus'
    .split(' ')
    .map((n) => `nn.${n}`),
);

const CLASS_OF: Record<string, string> = {
  conv2d: 'nn.Conv2d',
  convtranspose2d: 'nn.ConvTranspose2d',
  linear: 'nn.Linear',
  batchnorm2d: 'nn.BatchNorm2d',
  layernorm: 'LayerNorm2d',
  lrn: 'nn.LocalResponseNorm',
  maxpool2d: 'nn.MaxPool2d',
  avgpool2d: 'nn.AvgPool2d',
  adaptiveavgpool2d: 'nn.AdaptiveAvgPool2d',
  adaptivemaxpool2d: 'nn.AdaptiveMaxPool2d',
  flatten: 'nn.Flatten',
  relu: 'nn.ReLU',
  relu6: 'nn.ReLU6',
  leakyrelu: 'nn.LeakyReLU',
  prelu: 'nn.PReLU',
  elu: 'nn.ELU',
  sigmoid: 'nn.Sigmoid',
  tanh: 'nn.Tanh',
  hardswish: 'nn.Hardswish',
  hardsigmoid: 'nn.Hardsigmoid',
  silu: 'nn.SiLU',
  gelu: 'nn.GELU',
  softmax: 'nn.Softmax',
  dropout: 'nn.Dropout',
  identity: 'nn.Identity',
  upsample: 'nn.Upsample',
  channelshuffle: 'nn.ChannelShuffle',
  chunk: 'Chunk',
  layerscale: 'LayerScale',
  mean: 'Mean',
  permute: 'Permute',
  conv1d: 'nn.Conv1d',
  conv3d: 'nn.Conv3d',
  convtranspose1d: 'nn.ConvTranspose1d',
  convtranspose3d: 'nn.ConvTranspose3d',
  batchnorm1d: 'nn.BatchNorm1d',
  batchnorm3d: 'nn.BatchNorm3d',
  maxpool1d: 'nn.MaxPool1d',
  avgpool1d: 'nn.AvgPool1d',
  maxpool3d: 'nn.MaxPool3d',
  avgpool3d: 'nn.AvgPool3d',
  adaptiveavgpool1d: 'nn.AdaptiveAvgPool1d',
  adaptivemaxpool1d: 'nn.AdaptiveMaxPool1d',
  adaptiveavgpool3d: 'nn.AdaptiveAvgPool3d',
  adaptivemaxpool3d: 'nn.AdaptiveMaxPool3d',
  groupnorm: 'nn.GroupNorm',
  reduce: 'Reduce',
  roll: 'Roll',
  lpnorm: 'Normalize',
  hardmax: 'Hardmax',
};

/** Kinds whose class depends on a field or the rank, and recurrent layers (a wrapper and the module). */
function classesOf(l: LayerSpec): string[] {
  if (l.type === 'pixelshuffle') return [l.inverse ? 'nn.PixelUnshuffle' : 'nn.PixelShuffle'];
  if (l.type === 'instancenorm') return [l.affine ? 'nn.InstanceNorm1d' : 'nn.InstanceNorm3d'];
  if (l.type === 'unary') return [l.op === 'softplus' ? 'nn.Softplus' : 'Unary'];
  if (l.type === 'lstm' || l.type === 'gru' || l.type === 'rnn')
    return ['SequenceOutput', `nn.${l.type.toUpperCase()}`];
  return [CLASS_OF[l.type] ?? `?${l.type}`];
}

/** The module classes the model should produce, in depth-first order (Sequential wrappers aside). */
function expectedClasses(layers: readonly LayerSpec[], out: string[] = []): string[] {
  const list = (l: unknown) => {
    const items = (l as LayerSpec[] | undefined) ?? [];
    if (items.length) expectedClasses(items, out);
    else out.push('nn.Identity');
  };
  for (const l of layers) {
    if (l.type === 'repeat') for (let t = 0; t < (l.times as number); t++) expectedClasses(l.body as LayerSpec[], out);
    else if (l.type === 'residual') {
      out.push('Residual');
      list(l.body);
      if ((l.shortcut as unknown[] | undefined)?.length) list(l.shortcut);
    } else if (l.type === 'concat') {
      out.push('Concat');
      for (const b of l.branches as unknown[]) list(b);
    } else if (l.type === 'scale' || l.type === 'aux') {
      out.push(l.type === 'scale' ? 'Scale' : 'Aux');
      list(l.body);
    } else out.push(...classesOf(l));
  }
  return out;
}

const isCall = (v: PyValue): v is PyCall => typeof v === 'object' && v !== null && !Array.isArray(v);
const children = (c: PyCall) => [...c.args, ...Object.values(c.kwargs)].filter(isCall);

function classes(c: PyCall, out: string[] = []): string[] {
  if (c.callee !== 'nn.Sequential') out.push(c.callee);
  for (const ch of children(c)) classes(ch, out);
  return out;
}

const pair = (v: PyValue) => (Array.isArray(v) ? (v as number[]) : [v as number, v as number]);
/** Parameters of a module from its arguments — weight shapes as documented in torch.nn. */
function paramsOf(c: PyCall): number {
  const a = c.args as number[];
  const k = c.kwargs;
  const bias = k.bias === false ? 0 : 1;
  const groups = (k.groups as number | undefined) ?? 1;
  const own = (() => {
    switch (c.callee) {
      case 'nn.Conv2d': // weight (out, in/groups, kH, kW), bias (out)
        return a[1] * (a[0] / groups) * pair(k.kernel_size).reduce((x, y) => x * y) + bias * a[1];
      case 'nn.ConvTranspose2d': // weight (in, out/groups, kH, kW), bias (out)
        return a[0] * (a[1] / groups) * pair(k.kernel_size).reduce((x, y) => x * y) + bias * a[1];
      case 'nn.Linear': // weight (out, in), bias (out)
        return a[0] * a[1] + bias * a[1];
      case 'nn.BatchNorm2d': // weight, bias (C) when affine
        return k.affine === false ? 0 : 2 * a[0];
      case 'nn.LayerNorm':
      case 'LayerNorm2d': {
        // weight, bias (normalized_shape: one size, or a tuple of sizes) when elementwise_affine
        const shape = c.args[0];
        const size = Array.isArray(shape) ? (shape as number[]).reduce((x, y) => x * y, 1) : a[0];
        return k.elementwise_affine === false ? 0 : 2 * size;
      }
      case 'nn.PReLU': // weight (num_parameters)
        return (k.num_parameters as number | undefined) ?? 1;
      case 'LayerScale': // gamma (C, 1, 1)
        return a[0];
      case 'nn.Conv1d': // weight (out, in/groups, k), bias (out)
      case 'nn.Conv3d': // weight (out, in/groups, kD, kH, kW), bias (out)
        return (
          a[1] * (a[0] / groups) * [k.kernel_size].flat().reduce((x: number, y) => x * (y as number), 1) + bias * a[1]
        );
      case 'nn.ConvTranspose1d': // weight (in, out/groups, k), bias (out)
      case 'nn.ConvTranspose3d': // weight (in, out/groups, kD, kH, kW), bias (out)
        return (
          a[0] * (a[1] / groups) * [k.kernel_size].flat().reduce((x: number, y) => x * (y as number), 1) + bias * a[1]
        );
      case 'nn.BatchNorm1d':
      case 'nn.BatchNorm3d':
        return k.affine === false ? 0 : 2 * a[0];
      case 'nn.InstanceNorm1d': // affine defaults to false
      case 'nn.InstanceNorm3d':
        return k.affine === true ? 2 * a[0] : 0;
      case 'nn.GroupNorm': // weight, bias (C)
        return k.affine === false ? 0 : 2 * a[1];
      case 'nn.LSTM':
      case 'nn.GRU':
      case 'nn.RNN': {
        // Per layer and direction: W_ih (g·H, in), W_hh (g·H, Hout), biases 2·g·H, W_hr (P, H).
        const g = c.callee === 'nn.LSTM' ? 4 : c.callee === 'nn.GRU' ? 3 : 1;
        const [I, H] = a;
        const P = (k.proj_size as number | undefined) || H;
        const D = k.bidirectional === true ? 2 : 1;
        let n = 0;
        for (let l = 0; l < ((k.num_layers as number | undefined) ?? 1); l++)
          n += D * (g * H * (l === 0 ? I : D * P) + g * H * P + bias * 2 * g * H + (P === H ? 0 : P * H));
        return n;
      }
      default:
        return 0;
    }
  })();
  return own + children(c).reduce((s, ch) => s + paramsOf(ch), 0);
}

function read(model: Model) {
  const r = modelToPytorch(model);
  if (!r.ok) throw new Error(r.error);
  const toks = tokenizePython(r.code);
  const at = toks.findIndex((t, i) => t.v === 'layers' && toks[i + 1]?.v === '=' && toks[i - 2]?.v === 'self');
  const { call } = parseCall(toks, at + 2);
  const defined = new Set(toks.filter((_t, i) => toks[i - 1]?.v === 'class').map((t) => t.v));
  return { code: r.code, toks, tree: call, defined };
}

const cases: [string, Model][] = [
  ['resnet18 fixture', readModel('resnet18.json')],
  ['every layer kind', EVERY_KIND],
  ['MLP', MLP],
  ...ND_KINDS.map((m): [string, Model] => [`N-D kinds: ${m.name}`, m]),
  // Presets wired as graphs (ViT, Swin) are refused (tests/unit/io/graph-export.test.ts).
  ...PRESETS.filter((p) => !usesGraph(p.build().layers)).map((p): [string, Model] => [`preset ${p.name}`, p.build()]),
];

describe('generated PyTorch code', () => {
  it.each(cases)('%s: valid tokens, known classes, same layer list, same parameter count', (_n, model) => {
    const { code, tree, defined } = read(model);
    const used = classes(tree);
    for (const c of used) expect(TORCH_NN.has(c) || defined.has(c), `class ${c}`).toBe(true);
    expect(used.map((c) => (c === 'nn.LayerNorm' ? 'LayerNorm2d' : c))).toEqual(expectedClasses(model.layers));
    const flopLab = evaluateModel(model).totals.params;
    expect(BigInt(paramsOf(tree))).toBe(flopLab);
    const stated = /# Parameters: ([\d,]+) \(FlopLab\)/.exec(code)?.[1].replace(/,/g, '');
    expect(stated).toBe(flopLab.toString());
  });

  it('writes only the fields a layer sets (PyTorch defaults are FlopLab defaults)', () => {
    const { code } = read(EVERY_KIND);
    expect(code).toContain('nn.Conv2d(3, 16, kernel_size=3, padding=1, bias=False),  # stem');
    expect(code).toContain('nn.Conv2d(16, 16, kernel_size=(3, 5), stride=(2, 1), padding=(1, 2), groups=4),');
    expect(code).toContain('nn.MaxPool2d(kernel_size=3, stride=2, padding=1, ceil_mode=True),');
    expect(code).toContain('nn.Upsample(size=(20, 24), mode="bilinear", align_corners=False),');
  });

  it('the tokenizer rejects broken Python (so the checks above can fail)', () => {
    expect(() => tokenizePython('x = nn.Sequential(\n  nn.ReLU(),\n')).toThrow(/unclosed/);
    expect(() => tokenizePython('class A:\n    x = 1\n  y = 2\n')).toThrow(/inconsistent dedent/);
    expect(() => tokenizePython('x = (1, 2]\n')).toThrow(/unbalanced/);
  });

  it('reports a model it cannot shape instead of writing wrong code', () => {
    const r = modelToPytorch({ format: 'floplab.model/2', input: [3, 8, 8], layers: [{ type: 'linear', out: 2 }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/flatten/);
  });

  it.each([
    ['avgpool2d', [3, 8, 8], { type: 'avgpool2d', kernel: 2, dilation: 2 }],
    ['avgpool1d', [3, 8], { type: 'avgpool1d', kernel: 2, dilation: 2 }],
    ['avgpool3d', [3, 6, 6, 6], { type: 'avgpool3d', kernel: [2], dilation: [1, 2, 2] }],
  ] as const)('refuses a dilated %s (PyTorch’s AvgPool has no dilation), naming it', (type, input, layer) => {
    const r = modelToPytorch({ format: 'floplab.model/2', input: [...input], layers: [layer as LayerSpec] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(`${type} with dilation cannot be written to PyTorch`);
  });
});
