import { describe, expect, it } from 'vitest';
import { DEVICES } from '../../../src/engine/deploy/devices';
import { TARGET_OF_DEVICE, TARGETS, HOST_OF_DEVICE, targetById } from '../../../src/engine/deploy/placement';
import { kindOf } from '../../../src/engine/layers/registry';
import type { Precision } from '../../../src/engine/deploy/devices/schema';
import { lastOp, sourceOf } from './one-layer';
import { ActivationFunctionType } from '../../../src/engine/import/tflite/generated/tflite/activation-function-type';
import { BuiltinOperator } from '../../../src/engine/import/tflite/generated/tflite/builtin-operator';

// Each rule table, case by case: a one-layer model on each side of a documented limit, the rule
// that must decide it and the source that rule cites.
type Case = [
  label: string,
  target: string,
  input: number[],
  layers: object[],
  on: 'accelerator' | 'cpu',
  ruleId: string,
  dtype?: Precision,
  batch?: number,
];

const conv = (extra: object = {}) => ({ type: 'conv2d', out: 8, kernel: 3, padding: 1, ...extra });
const dw = (extra: object = {}) => ({ type: 'conv2d', out: 8, kernel: 3, padding: 1, groups: 8, ...extra });

const CASES: Case[] = [
  // Edge TPU (coral.ai models-intro)
  ['edgetpu conv', 'edgetpu', [8, 16, 16], [conv()], 'accelerator', 'edgetpu.conv2d'],
  ['edgetpu depthwise', 'edgetpu', [8, 16, 16], [dw()], 'accelerator', 'edgetpu.depthwise'],
  ['edgetpu grouped conv', 'edgetpu', [8, 16, 16], [conv({ groups: 2 })], 'cpu', 'edgetpu.grouped-conv'],
  ['edgetpu fp32 model', 'edgetpu', [8, 16, 16], [conv()], 'cpu', 'edgetpu.dtype', 'fp32'],
  ['edgetpu hardswish', 'edgetpu', [8, 16, 16], [{ type: 'hardswish' }], 'cpu', 'edgetpu.not-listed'],
  ['edgetpu leakyrelu', 'edgetpu', [8, 16, 16], [{ type: 'leakyrelu' }], 'cpu', 'edgetpu.not-listed'],
  ['edgetpu sigmoid = Logistic', 'edgetpu', [8, 16, 16], [{ type: 'sigmoid' }], 'accelerator', 'edgetpu.logistic'],
  ['edgetpu softmax 16,000', 'edgetpu', [16000], [{ type: 'softmax' }], 'accelerator', 'edgetpu.softmax'],
  ['edgetpu softmax 16,001', 'edgetpu', [16001], [{ type: 'softmax' }], 'cpu', 'edgetpu.softmax'],
  ['edgetpu softmax 2-D', 'edgetpu', [4, 10], [{ type: 'softmax' }], 'cpu', 'edgetpu.softmax'],
  ['edgetpu FC 1-D out', 'edgetpu', [64], [{ type: 'linear', out: 10 }], 'accelerator', 'edgetpu.fully-connected'],
  ['edgetpu FC on tokens', 'edgetpu', [5, 64], [{ type: 'linear', out: 10 }], 'cpu', 'edgetpu.fully-connected'],
  ['edgetpu mean over H, W', 'edgetpu', [8, 4, 4], [{ type: 'mean', dims: [2, 3] }], 'accelerator', 'edgetpu.mean'],
  ['edgetpu mean over C', 'edgetpu', [8, 4, 4], [{ type: 'mean', dims: [1] }], 'cpu', 'edgetpu.mean'],
  ['edgetpu 3 non-1 dims', 'edgetpu', [2, 3, 4], [{ type: 'relu6' }], 'accelerator', 'edgetpu.relu6'],
  ['edgetpu 4 non-1 dims', 'edgetpu', [2, 3, 4, 5], [{ type: 'relu6' }], 'cpu', 'edgetpu.tensor-rank'],
  ['edgetpu batch 2 on a map', 'edgetpu', [8, 16, 16], [conv()], 'cpu', 'edgetpu.tensor-rank', 'int8', 2],
  ['edgetpu pad H, W', 'edgetpu', [8, 4, 4], [{ type: 'pad', pad: [1, 1, 1, 1] }], 'accelerator', 'edgetpu.pad'],
  ['edgetpu pad C', 'edgetpu', [8, 4, 4], [{ type: 'pad', pad: [0, 0, 0, 0, 1, 1] }], 'cpu', 'edgetpu.pad'],
  [
    'edgetpu adaptive pool 14 → 7 = AveragePool2d',
    'edgetpu',
    [8, 14, 14],
    [{ type: 'adaptiveavgpool2d', out: 7 }],
    'accelerator',
    'edgetpu.adaptive-avgpool',
  ],
  [
    'edgetpu adaptive pool 8 → 3',
    'edgetpu',
    [8, 8, 8],
    [{ type: 'adaptiveavgpool2d', out: 3 }],
    'cpu',
    'edgetpu.not-listed',
  ],
  [
    'edgetpu standalone batch norm',
    'edgetpu',
    [8, 8, 8],
    [{ type: 'batchnorm2d' }],
    'accelerator',
    'edgetpu.batchnorm',
  ],
  ['edgetpu permute', 'edgetpu', [8, 4, 4], [{ type: 'permute', dims: [0, 2, 3, 1] }], 'cpu', 'edgetpu.not-listed'],
  // TFLite GPU delegate (gpu.md)
  ['gpu conv fp16', 'tflite-gpu', [8, 16, 16], [conv()], 'accelerator', 'tflite-gpu.conv2d', 'fp16'],
  ['gpu int8 model', 'tflite-gpu', [8, 16, 16], [conv()], 'cpu', 'tflite-gpu.dtype', 'int8'],
  ['gpu hardswish', 'tflite-gpu', [8, 16, 16], [{ type: 'hardswish' }], 'cpu', 'tflite-gpu.not-listed'],
  [
    'gpu resize bilinear',
    'tflite-gpu',
    [8, 4, 4],
    [{ type: 'upsample', scale: 2, mode: 'bilinear' }],
    'accelerator',
    'tflite-gpu.resize-bilinear',
  ],
  [
    'gpu resize nearest',
    'tflite-gpu',
    [8, 4, 4],
    [{ type: 'upsample', scale: 2, mode: 'nearest' }],
    'cpu',
    'tflite-gpu.not-listed',
  ],
  ['gpu prelu', 'tflite-gpu', [8, 4, 4], [{ type: 'prelu' }], 'accelerator', 'tflite-gpu.prelu'],
  // QNN HTP (ExecuTorch's QNN op table)
  ['htp hardswish int8', 'qnn-htp', [8, 16, 16], [{ type: 'hardswish' }], 'accelerator', 'qnn-htp.hardswish', 'int8'],
  ['htp layernorm fp16', 'qnn-htp', [5, 64], [{ type: 'layernorm' }], 'accelerator', 'qnn-htp.layernorm', 'fp16'],
  ['htp fp32 model', 'qnn-htp', [5, 64], [{ type: 'layernorm' }], 'cpu', 'qnn-htp.dtype', 'fp32'],
  ['htp l2norm ✗', 'qnn-htp', [8, 4, 4], [{ type: 'l2norm' }], 'cpu', 'qnn-htp.l2norm', 'int8'],
  ['htp lrn ✗', 'qnn-htp', [8, 4, 4], [{ type: 'lrn', size: 5 }], 'cpu', 'qnn-htp.lrn', 'int8'],
  ['htp lstm ✗', 'qnn-htp', [5, 16], [{ type: 'lstm', hidden: 8 }], 'cpu', 'qnn-htp.lstm', 'int8'],
  [
    'htp upsample bicubic',
    'qnn-htp',
    [8, 4, 4],
    [{ type: 'upsample', scale: 2, mode: 'bicubic' }],
    'cpu',
    'qnn-htp.not-listed',
    'int8',
  ],
  // RKNN RK3588 (compiler op list v2.3.2)
  ['rknn silu = exSwish', 'rknn-rk3588', [8, 4, 4], [{ type: 'silu' }], 'accelerator', 'rknn.swish'],
  ['rknn layernorm is a CPU op', 'rknn-rk3588', [5, 64], [{ type: 'layernorm' }], 'cpu', 'rknn.layernorm'],
  ['rknn flatten is a CPU op', 'rknn-rk3588', [8, 4, 4], [{ type: 'flatten' }], 'cpu', 'rknn.flatten'],
  [
    'rknn global avg pool',
    'rknn-rk3588',
    [8, 4, 4],
    [{ type: 'adaptiveavgpool2d', out: 1 }],
    'accelerator',
    'rknn.global-avgpool',
  ],
  [
    'rknn adaptive pool 4 → 2 = AveragePool',
    'rknn-rk3588',
    [8, 4, 4],
    [{ type: 'adaptiveavgpool2d', out: 2 }],
    'accelerator',
    'rknn.adaptive-avgpool',
  ],
  [
    'rknn adaptive pool 5 → 2 (no divisor)',
    'rknn-rk3588',
    [8, 5, 5],
    [{ type: 'adaptiveavgpool2d', out: 2 }],
    'cpu',
    'rknn-rk3588.not-listed',
  ],
  [
    'rknn conv kernel 31',
    'rknn-rk3588',
    [1, 40, 4],
    [{ type: 'conv2d', out: 4, kernel: [31, 1] }],
    'accelerator',
    'rknn.conv',
  ],
  ['rknn conv kernel 32', 'rknn-rk3588', [1, 40, 4], [{ type: 'conv2d', out: 4, kernel: [32, 1] }], 'cpu', 'rknn.conv'],
  ['rknn conv stride 7', 'rknn-rk3588', [8, 28, 28], [conv({ stride: 7 })], 'accelerator', 'rknn.conv'],
  ['rknn conv stride 8', 'rknn-rk3588', [8, 32, 32], [conv({ stride: 8 })], 'cpu', 'rknn.conv'],
  [
    'rknn depthwise kernel 8',
    'rknn-rk3588',
    [8, 16, 16],
    [dw({ kernel: 8, padding: 0 })],
    'accelerator',
    'rknn.depthwise',
  ],
  ['rknn depthwise kernel 9', 'rknn-rk3588', [8, 16, 16], [dw({ kernel: 9, padding: 4 })], 'cpu', 'rknn.depthwise'],
  [
    'rknn maxpool kernel 7',
    'rknn-rk3588',
    [8, 16, 16],
    [{ type: 'maxpool2d', kernel: 7 }],
    'accelerator',
    'rknn.maxpool',
  ],
  ['rknn maxpool kernel 8', 'rknn-rk3588', [8, 16, 16], [{ type: 'maxpool2d', kernel: 8 }], 'cpu', 'rknn.maxpool'],
  [
    'rknn global pool 7×7',
    'rknn-rk3588',
    [8, 7, 7],
    [{ type: 'adaptiveavgpool2d', out: 1 }],
    'accelerator',
    'rknn.global-avgpool',
  ],
  [
    'rknn global pool 8×8',
    'rknn-rk3588',
    [8, 8, 8],
    [{ type: 'adaptiveavgpool2d', out: 1 }],
    'cpu',
    'rknn.global-avgpool',
  ],
  ['rknn fp32 model', 'rknn-rk3588', [8, 4, 4], [{ type: 'silu' }], 'cpu', 'rknn-rk3588.dtype', 'fp32'],
  // Arm Ethos-U (Vela SUPPORTED_OPS.md)
  ['vela conv stride 4', 'ethos-u', [8, 16, 16], [conv({ stride: 4 })], 'accelerator', 'ethos-u.conv2d'],
  ['vela conv stride 5', 'ethos-u', [8, 16, 16], [conv({ stride: 5 })], 'cpu', 'ethos-u.conv2d'],
  ['vela depthwise stride 3', 'ethos-u', [8, 16, 16], [dw({ stride: 3 })], 'accelerator', 'ethos-u.depthwise'],
  ['vela depthwise stride 4', 'ethos-u', [8, 16, 16], [dw({ stride: 4 })], 'cpu', 'ethos-u.depthwise'],
  [
    'vela dilated kernel 64',
    'ethos-u',
    [1, 70, 8],
    [conv({ kernel: [64, 1], padding: 0 })],
    'accelerator',
    'ethos-u.conv2d',
  ],
  ['vela dilated kernel 65', 'ethos-u', [1, 70, 8], [conv({ kernel: [65, 1], padding: 0 })], 'cpu', 'ethos-u.conv2d'],
  [
    'vela maxpool height 256',
    'ethos-u',
    [1, 256, 2],
    [{ type: 'maxpool2d', kernel: [256, 1], stride: 1 }],
    'accelerator',
    'ethos-u.maxpool',
  ],
  [
    'vela maxpool height 257',
    'ethos-u',
    [1, 257, 2],
    [{ type: 'maxpool2d', kernel: [257, 1], stride: 1 }],
    'cpu',
    'ethos-u.maxpool',
  ],
  [
    'vela adaptive pool 9 → 3 (stride 3)',
    'ethos-u',
    [8, 9, 9],
    [{ type: 'adaptiveavgpool2d', out: 3 }],
    'accelerator',
    'ethos-u.adaptive-avgpool',
  ],
  [
    'vela adaptive pool 12 → 3 (stride 4)',
    'ethos-u',
    [8, 12, 12],
    [{ type: 'adaptiveavgpool2d', out: 3 }],
    'cpu',
    'ethos-u.adaptive-avgpool',
  ],
  ['vela hardswish', 'ethos-u', [8, 4, 4], [{ type: 'hardswish' }], 'accelerator', 'ethos-u.hard-swish'],
  ['vela upsample ×2', 'ethos-u', [8, 4, 4], [{ type: 'upsample', scale: 2 }], 'accelerator', 'ethos-u.resize'],
  ['vela upsample ×3', 'ethos-u', [8, 4, 4], [{ type: 'upsample', scale: 3 }], 'cpu', 'ethos-u.resize'],
  ['vela 5-D tensor', 'ethos-u', [2, 2, 2, 2], [{ type: 'relu' }], 'cpu', 'ethos-u.generic-rank'],
  ['vela batch 2 conv', 'ethos-u', [8, 16, 16], [conv()], 'cpu', 'ethos-u.generic-batch', 'int8', 2],
  // K210 KPU (nncase FAQ)
  ['kpu conv 3x3 s2', 'k210-kpu', [8, 240, 320], [conv({ stride: 2 })], 'accelerator', 'k210.conv'],
  ['kpu conv on 321 wide', 'k210-kpu', [8, 240, 321], [conv({ stride: 2 })], 'cpu', 'k210.conv'],
  ['kpu conv 5x5', 'k210-kpu', [8, 16, 16], [conv({ kernel: 5, padding: 2 })], 'cpu', 'k210.conv'],
  ['kpu output 4x4', 'k210-kpu', [8, 4, 4], [conv()], 'accelerator', 'k210.conv'],
  ['kpu output 3x3', 'k210-kpu', [8, 3, 3], [conv()], 'cpu', 'k210.conv'],
  ['kpu 1024 channels', 'k210-kpu', [8, 8, 8], [conv({ out: 1024 })], 'accelerator', 'k210.conv'],
  ['kpu 1025 channels', 'k210-kpu', [8, 8, 8], [conv({ out: 1025 })], 'cpu', 'k210.conv'],
  ['kpu conv stride 3 (partial)', 'k210-kpu', [8, 16, 16], [conv({ stride: 3 })], 'accelerator', 'k210.conv-strided'],
  ['kpu maxpool 2x2', 'k210-kpu', [8, 16, 16], [{ type: 'maxpool2d', kernel: 2 }], 'accelerator', 'k210.pool'],
  ['kpu maxpool 3x3', 'k210-kpu', [8, 16, 16], [{ type: 'maxpool2d', kernel: 3 }], 'cpu', 'k210.pool'],
  ['kpu prelu', 'k210-kpu', [8, 16, 16], [{ type: 'prelu' }], 'cpu', 'k210.prelu'],
  ['kpu add', 'k210-kpu', [8, 16, 16], [{ type: 'add', from: ['input', 'input'] }], 'cpu', 'k210-kpu.not-listed'],
  // Apple Neural Engine (negative list)
  ['ane conv', 'ane', [8, 16, 16], [conv()], 'accelerator', 'ane.conv'],
  ['ane dilated conv', 'ane', [8, 16, 16], [conv({ dilation: 2, padding: 2 })], 'cpu', 'ane.dilated-conv'],
  ['ane pool 13', 'ane', [8, 16, 16], [{ type: 'maxpool2d', kernel: 13, stride: 1 }], 'accelerator', 'ane.pool'],
  ['ane pool 14', 'ane', [8, 16, 16], [{ type: 'maxpool2d', kernel: 14, stride: 1 }], 'cpu', 'ane.pool'],
  ['ane upsample ×2', 'ane', [8, 4, 4], [{ type: 'upsample', scale: 2 }], 'accelerator', 'ane.upsample'],
  ['ane upsample ×4', 'ane', [8, 4, 4], [{ type: 'upsample', scale: 4 }], 'cpu', 'ane.upsample'],
  ['ane lstm', 'ane', [5, 16], [{ type: 'lstm', hidden: 8 }], 'cpu', 'ane.recurrent'],
  ['ane layernorm (not in either list)', 'ane', [5, 16], [{ type: 'layernorm' }], 'cpu', 'ane.not-listed'],
  // Hailo-8: no public table
  ['hailo conv', 'hailo8', [8, 16, 16], [conv()], 'cpu', 'hailo8.no-public-table'],
];

describe('rule tables: one layer on each side of a documented limit', () => {
  it.each(CASES)('%s', (_label, target, input, layers, on, ruleId, dtype, batch) => {
    const p = lastOp(target, input, layers, dtype, batch ?? 1);
    expect({ on: p.on, ruleId: p.ruleId }).toEqual({ on, ruleId });
    const src = sourceOf(target, p.ruleId);
    expect(src, `rule ${p.ruleId} cites a source`).toBeDefined();
    expect(src!.url ?? src!.document).toBeTruthy();
  });
});

describe('rule tables: structure', () => {
  it('every target named by a device, and every device with a host choice, exists', () => {
    const ids = new Set(DEVICES.map((d) => d.id));
    for (const [dev, t] of Object.entries(TARGET_OF_DEVICE)) {
      expect(ids.has(dev), dev).toBe(true);
      expect(targetById(t), t).toBeDefined();
      expect(HOST_OF_DEVICE[dev], `host choice for ${dev}`).toBeDefined();
    }
    for (const h of Object.values(HOST_OF_DEVICE)) if (h.device) expect(ids.has(h.device), h.device).toBe(true);
  });
  it.each(TARGETS.map((t) => [t.id, t] as const))(
    '%s: rules are unique, sourced and name real layer kinds',
    (_id, t) => {
      const seen = new Set<string>();
      for (const r of t.rules) {
        expect(seen.has(r.id), `duplicate ${r.id}`).toBe(false);
        seen.add(r.id);
        expect(r.source.url ?? r.source.document, r.id).toBeTruthy();
        for (const k of r.kinds) expect(kindOf(k), `${r.id}: kind ${k}`).toBeDefined();
      }
      for (const f of t.fusions ?? []) for (const k of [...f.hosts, ...f.kinds]) expect(kindOf(k), k).toBeDefined();
      expect(t.sources.length).toBeGreaterThan(0);
      expect(t.documented ? t.rules.length > 0 : t.rules.length === 0).toBe(true);
    },
  );
  it('TFLite targets fuse only TFLite fused activations, and TFLite has no batch-norm or SiLU builtin (the schema)', () => {
    const TFLITE_NAME: Record<string, string> = { relu: 'RELU', relu6: 'RELU6', tanh: 'TANH' };
    for (const id of ['edgetpu', 'tflite-gpu', 'ethos-u']) {
      const acts = targetById(id)!.fusions!.flatMap((f) => f.kinds.filter((k) => k !== 'batchnorm2d'));
      for (const k of acts) expect(Object.keys(ActivationFunctionType), `${id}: ${k}`).toContain(TFLITE_NAME[k]);
    }
    const ops = Object.keys(BuiltinOperator);
    expect(ops.filter((o) => /BATCH_NORM|SILU|SWISH$/.test(o) && o !== 'HARD_SWISH')).toEqual([]);
    expect(ops).toContain('HARD_SWISH');
  });

  it('a kind no rule names runs on the CPU, never on the accelerator', () => {
    for (const t of TARGETS.filter((x) => x.documented)) {
      const p = lastOp(t.id, [5, 16], [{ type: 'roll', shifts: [1], dims: [1] }], t.dtypes[0]);
      if (t.rules.some((r) => r.kinds.includes('roll'))) continue;
      expect(p.on, t.id).toBe('cpu');
      expect(p.ruleId, t.id).toBe(`${t.id}.not-listed`);
    }
  });
});
