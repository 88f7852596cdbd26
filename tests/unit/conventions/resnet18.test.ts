/**
 * ResNet-18 (tests/fixtures/resnet18.json, torchvision's resnet18 at 1×3×224×224) under every
 * convention. The six PyTorch tools' totals are the ones the tools printed (issue 2;
 * shared/reference/conventions.md "Convention matrix"). seed, exact, onnx-tool and Netscope were
 * not run by anyone: their expected totals are assembled here from the shared terms the
 * reference gives for this network (conv MACs 1,813,561,344; FC 512,000; BN numel 2,483,712 —
 * every conv is followed by one BN, so this is also the conv output count; ReLU numel
 * 2,308,096) plus the max-pool output 64·56·56, the 512·7·7 global-pool input, and the 8
 * residual adds of 2·(64·56² + 128·28² + 256·14² + 512·7²) elements.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { Model } from '../../../src/engine/format/model';
import resnet18 from '../../fixtures/resnet18.json';

const CONV_MACS = 1_813_561_344;
const FC_MACS = 512_000;
const FC_OUT = 1000;
const BN = 2_483_712;
const RELU = 2_308_096;
const MAXPOOL_OUT = 64 * 56 * 56;
const GAP_IN = 512 * 7 * 7;
const ADDS = 2 * (64 * 56 * 56 + 128 * 28 * 28 + 256 * 14 * 14 + 512 * 7 * 7);

const EXPECTED: Record<string, number> = {
  torchvision: 1_814_073_344,
  thop: 1_824_033_792,
  ptflops: 1_825_313_768,
  fvcore: 1_819_065_856,
  torch: 3_628_146_688,
  deepspeed: 3_636_250_112,
  torchinfo: 1_814_083_944,
  // Seed: convs without bias (2·K²Cin − 1)·HoWo·Cout, FC with bias 2·I·O, BN 2·numel (completion),
  // ReLU 1, max pool 1 per output, global avg pool over its 7×7 window, shortcut adds 1 per element.
  seed: 2 * CONV_MACS - BN + 2 * FC_MACS + 2 * BN + RELU + MAXPOOL_OUT + GAP_IN + ADDS,
  // Exact: as seed, but max pool compares 8 per output and the FC bias-free form is not used (it has a bias).
  exact: 2 * CONV_MACS - BN + 2 * FC_MACS + 2 * BN + RELU + 8 * MAXPOOL_OUT + GAP_IN + ADDS,
  // onnx-tool: Conv MACs, Gemm I·O + O, BatchNormalization 31, Relu 1, MaxPool 9 per output,
  // GlobalAveragePool numel_in + 4·N·C, Add 1 per element. Reference: ≈1.896 G.
  'onnx-tool': CONV_MACS + FC_MACS + FC_OUT + 31 * BN + RELU + 9 * MAXPOOL_OUT + GAP_IN + 4 * 512 + ADDS,
  // Netscope: macc for conv/FC, BatchNorm add+div + Scale macc, relu comp, pool comp 9 per output,
  // global pool add Hin·Win·C, eltwise add.
  netscope: CONV_MACS + FC_MACS + 3 * BN + RELU + 9 * MAXPOOL_OUT + GAP_IN + ADDS,
};

describe('ResNet-18 under every convention', () => {
  const r = evaluateModel(resnet18 as Model, { conventions: [...CONVENTION_IDS] });
  it('has 11,689,512 parameters and no errors', () => {
    expect(r.totals.params).toBe(11_689_512n);
    expect(r.errors).toBe(0);
  });
  it.each(CONVENTION_IDS.map((id, i) => [id, i] as const))('%s', (id, i) =>
    expect(Number(r.totals.counts[i])).toBe(EXPECTED[id]),
  );
  it('onnx-tool is the reference’s ≈1.896 G', () => expect(Math.round(EXPECTED['onnx-tool'] / 1e6)).toBe(1896));
  // The real onnx-tool @00f5f0a on the TorchScript opset-17 export of the resnet18 preset (BN kept)
  // printed this total: tests/fixtures/onnx-tool-fixtures.jsonl, scripts/fixtures/README-onnx-tool.md.
  it('onnx-tool is what onnx-tool @00f5f0a printed', () => expect(EXPECTED['onnx-tool']).toBe(1_895_963_624));
});
