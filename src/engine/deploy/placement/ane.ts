/**
 * Apple Neural Engine (Core ML). Apple publishes no list of the layers the ANE runs; Core ML
 * decides at load time. The only public rules FlopLab found are negative ones, collected by
 * M. Hollemans (hollance/neural-engine, docs/unsupported-layers.md, marked "incomplete and possibly
 * wrong"): layers known NOT to run on the ANE. FlopLab places those on the CPU, places the common
 * CNN layers that list does not exclude on the ANE with an "undocumented" mark, and any other kind
 * on the CPU. Core ML may fall back to the GPU rather than the CPU; FlopLab models the CPU only.
 */
import type { Row } from '../../rows';
import type { Source } from '../devices/schema';
import { ctxLimit, pairOf, strParam } from './limits';
import type { OpRule, PlacementTarget } from './types';

const COMMIT = 'd0bb5305a595a59142df47a4581e8b0b765a7385';
export const ANE_UNSUPPORTED: Source = {
  title:
    'hollance/neural-engine, "Which Core ML layers are not supported by the ANE?" (community list, "possibly wrong")',
  url: `https://github.com/hollance/neural-engine/blob/${COMMIT}/docs/unsupported-layers.md`,
};
const COREML_PRECISION: Source = {
  title:
    'coremltools, Typed execution: "The GPU and NE use float 16 precision, and the CPU uses float 32"; Quantization performance: "In newer hardware with A17 Pro or M4 chips, such as iPhone 15 Pro, there is increased throughput possible for int8-int8 compute on Neural Engine" (W8A8)',
  url: 'https://apple.github.io/coremltools/docs-guides/source/opt-quantization-perf.html',
};

const NO = (id: string, kinds: string[], text: string, when?: (r: Row) => boolean): OpRule => ({
  id: `ane.${id}`,
  kinds,
  vendorOp: 'Core ML layer',
  on: 'cpu',
  text,
  source: ANE_UNSUPPORTED,
  ...(when ? { when } : {}),
});

const UNLISTED = 'Apple publishes no ANE layer list; this layer is not on the known-unsupported list';
const YES = (id: string, kinds: string[], extra: Partial<Pick<OpRule, 'limits' | 'text'>> = {}): OpRule => ({
  id: `ane.${id}`,
  kinds,
  vendorOp: 'Core ML layer',
  on: 'accelerator',
  text: 'not on the known-unsupported list',
  source: ANE_UNSUPPORTED,
  undocumented: UNLISTED,
  ...extra,
});

const dilated = (r: Row) => (pairOf(r, 'dilation') ?? [1, 1]).some((d) => d > 1);

export const ANE_RULES: readonly OpRule[] = [
  NO('recurrent', ['lstm', 'gru', 'rnn'], 'RNN layers such as LSTM or GRU'),
  NO('gather', ['embedding'], 'gather'),
  NO('opaque', ['opaque'], 'custom layers'),
  NO('dilated-conv', ['conv2d'], 'dilated convolutions', dilated),
  NO('broadcast-mul', ['scale'], 'certain broadcasting operations (e.g. multiply of CxHxW and Cx1x1 tensors)'),
  YES('conv', ['conv2d']),
  YES('deconvolution', ['convtranspose2d'], { text: '"Layers that do work": deconvolution' }),
  YES('pool', ['maxpool2d', 'avgpool2d'], {
    limits: [
      ctxLimit('pooling layers with kernel size greater than 13, or stride greater than 2 do not work', ({ row }) => {
        const k = pairOf(row, 'kernel') ?? [1, 1];
        const s = pairOf(row, 'stride') ?? k;
        return k.some((x) => x > 13) || s.some((x) => x > 2) ? `kernel ${k.join('×')}, stride ${s.join('×')}` : null;
      }),
    ],
  }),
  YES('upsample', ['upsample'], {
    text: '"Layers that do work": upsampling',
    limits: [
      ctxLimit('upsampling with scaling factors greater than 2 does not work', ({ row }) => {
        const s = (row.output?.[1] ?? 1) / (row.input?.[1] ?? 1);
        return s > 2 ? `scale ${s}` : strParam(row, 'mode') === 'bicubic' ? 'bicubic mode' : null;
      }),
    ],
  }),
  YES('common', [
    'linear',
    'batchnorm2d',
    'relu',
    'relu6',
    'leakyrelu',
    'prelu',
    'sigmoid',
    'tanh',
    'hardswish',
    'hardsigmoid',
    'silu',
    'elu',
    'gelu',
    'add',
    'residual',
    'mul',
    'sub',
    'concat',
    'cat',
    'adaptiveavgpool2d',
    'softmax',
    'flatten',
    'reshape',
  ]),
];

export const ANE: PlacementTarget = {
  id: 'ane',
  name: 'Apple Neural Engine (Core ML)',
  accelerator: 'Neural Engine',
  // int8: W8A8 models on the A17 Pro's Neural Engine (the only ANE device of the database).
  dtypes: ['fp16', 'int8'],
  dtypeSource: COREML_PRECISION,
  fallbackMode: 'per-op',
  fallbackSource: {
    title: 'hollance/neural-engine: Core ML can switch from the ANE to the GPU or CPU; "Core ML is mostly a black box"',
    url: ANE_UNSUPPORTED.url,
  },
  documented: true,
  rules: ANE_RULES,
  sources: [ANE_UNSUPPORTED, COREML_PRECISION],
  notes: 'Only negative rules are public; every ANE placement here is marked undocumented.',
  unlisted:
    'neither known to run nor known to fail on the ANE (Apple publishes no list): FlopLab does not place it on the ANE',
};
