/**
 * The `onnx-tool` convention on the zoo presets added after onnx-tool-fixtures.test.ts (RegNet X/Y,
 * ConvNeXt S/B/L, EfficientNetV2, Swin V2, MaxViT, YOLOv5u / YOLOv8 / YOLO11, and the FCN, DeepLabV3,
 * LR-ASPP, SSD and U-Net presets), held to what the real
 * onnx-tool (ThanatosShinji/onnx-tool @00f5f0a, model_profile's steps, the printed Total row)
 * printed for the real model: torchvision's model or Ultralytics' DetectionModel up to the Detect
 * head's convolutions, exported with torch.onnx (TorchScript, opset 17, PRESERVE, constant folding).
 * tests/fixtures/onnx-tool-zoo.jsonl was written by scripts/fixtures/onnx_tool_zoo.py (see
 * scripts/fixtures/README-onnx-tool.md; CI has no Python, so the test reads the file).
 *
 * onnx-tool's total = FlopLab's onnx-tool total + the MACs of the shape-arithmetic nodes (every
 * input a constant or derived from a Shape node, onnx_tool_fixtures.shape_arithmetic), which
 * FlopLab does not model. Those nodes are not hand-waved: each exporter scope that holds them is
 * predicted below from the preset's own rows, with the per-node cause.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { PRESETS, presetByName } from '../../../src/engine/presets';

const FILE = path.resolve(__dirname, '../../fixtures/onnx-tool-zoo.jsonl');

interface ZooFixture {
  readonly name: string;
  readonly error?: string;
  readonly source: string;
  readonly input: number[];
  /** The Total row onnx-tool printed. */
  readonly macs: number;
  readonly params: number;
  /** The part of `macs` on shape-arithmetic nodes. */
  readonly shape_macs: number;
  readonly by_op: Record<string, number>;
  /** Each shape-arithmetic node with MACs: [ONNX node name, op type, output shape, MACs]. */
  readonly shape_nodes: [string, string, number[], number][];
}

const all = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as ZooFixture);

/**
 * The presets this file covers: every RegNet, ConvNeXt S/B/L, EfficientNetV2, Swin V2, MaxViT and
 * Ultralytics detection preset (a new one in these families fails the test until it is profiled).
 */
const COVERED =
  /^(regnet_[xy]_\w+|convnext_(small|base|large)|efficientnet_v2_[sml]|swin_v2_[tsb]|maxvit_t|yolov5[nsmlx]u|yolov8[nsmlx]|yolo11[nsmlx]|fcn_resnet(50|101)|deeplabv3_(resnet50|resnet101|mobilenet_v3_large)|lraspp_mobilenet_v3_large|ssd300_vgg16|ssdlite320_mobilenet_v3_large|unet)$/;

/** ONNX op types that only one FlopLab row type is exported to in these models. */
const ONE_TO_ONE: Record<string, string> = {
  Conv: 'conv2d',
  BatchNormalization: 'batchnorm2d',
  LayerNormalization: 'layernorm',
};

const evaluate = (name: string) => evaluateModel(presetByName(name)!.build({}), { conventions: ['onnx-tool'] });
type Row = ReturnType<typeof evaluate>['rows'][number];
const num = (row: Row, key: string) => Number(row.symbols![key]);

/**
 * MACs of each exporter scope that holds shape arithmetic, predicted from the preset's rows
 * (sorted, so the test compares multisets; the scopes are checked to be these and no others).
 * onnx-tool's rules (onnx_tool/node.py): Add/Sub/Mul/Equal/Not 1 MAC per output element, Div 4.
 */
function predictedShapeScopes(name: string, rows: readonly Row[]): number[] {
  const scopes: number[] = [];
  for (const row of rows) {
    const p = row.params_ as Record<string, unknown> | undefined;
    // x.chunk(2, 1) (YOLOv8 C2f, YOLO11 C3k2/C2PSA): Shape → Gather → Add → Div → Mul, Mul → Slice on
    // one-element tensors, the split size ceil(C/2) and the two ends: Add 1 + Div 4 + Mul 1 + Mul 1.
    if (row.type === 'chunk' && p?.chunks === 2 && p.index === 0) scopes.push(1 + 4 + 1 + 1);
    // MaxViT's torch.chunk(qkv, 3, dim=-1) (the preset's three slices of 'qkv'): Add 1 + Div 4 + Mul 3.
    if (row.type === 'slice' && p?.from === 'qkv' && p.start === 0) scopes.push(1 + 4 + 3);
    if (row.type === 'windowattention') {
      // Every call: F.pad with amounts from x.size() (pad_r = (w − W % w) % w) is exported as
      // Concat → Shape → Gather → Sub (2·rank − pads) → ConstantOfShape: the Sub is 1 MAC.
      let m = 1;
      if (num(row, 'sh') === 1) {
        const nW = num(row, 'nW');
        const T = num(row, 'T');
        // The shifted-window mask torch builds from the padded map's size: attn_mask[h, w] = count
        // over the 3 × 3 slice regions, each exported as ScatterND whose indices are an Add over the
        // region (the regions tile the padded map: Σ area = nW·T) and whose bounds cost 2 Mul + 2
        // Equal on 2-element tensors (9 × 8 = 72); then mask_windows.unsqueeze(1) −
        // mask_windows.unsqueeze(2) (Sub) and masked_fill(≠ 0 / == 0) (Equal, Not, Equal) on
        // [nW, T, T]: 4·nW·T².
        m += nW * T + 9 * 8 + 4 * nW * T * T;
      }
      scopes.push(m);
    }
    // Swin's _patch_merging_pad: F.pad(x, (0, 0, 0, W % 2, 0, H % 2)), the same Sub as above.
    if (name.startsWith('swin') && row.type === 'pad' && !row.path.includes('.body')) scopes.push(1);
  }
  return scopes.sort((a, b) => a - b);
}

/** The fixture's shape-arithmetic MACs per exporter scope (the node name up to its last '/'). */
function shapeScopes(f: ZooFixture): number[] {
  const byScope = new Map<string, number>();
  for (const [node, , , macs] of f.shape_nodes) {
    const scope = node.slice(0, node.lastIndexOf('/'));
    byScope.set(scope, (byScope.get(scope) ?? 0) + macs);
  }
  return [...byScope.values()].sort((a, b) => a - b);
}

describe('onnx-tool on the zoo v2 presets (tests/fixtures/onnx-tool-zoo.jsonl)', () => {
  it('holds every preset of the families, each once, none failed', () => {
    expect(all.map((f) => f.name).sort()).toEqual(
      PRESETS.map((p) => p.name)
        .filter((n) => COVERED.test(n))
        .sort(),
    );
    for (const f of all) {
      expect(f.error, f.name).toBeUndefined();
      expect(presetByName(f.name), f.name).toBeDefined();
      const model = presetByName(f.name)!.build({});
      expect(f.input).toEqual([model.batch ?? 1, ...(model.input ?? [])]);
    }
  });

  it('splits the swin_v2_t shape arithmetic as the per-node rows show', () => {
    const f = all.find((x) => x.name === 'swin_v2_t')!;
    const sum = (op: string, numel?: number) =>
      f.shape_nodes
        .filter(([, o, s]) => o === op && (numel === undefined || s.reduce((a, b) => a * b, 1) === numel))
        .reduce((a, [, , , m]) => a + m, 0);
    // 12 attention calls + 3 PatchMerging: one Sub[1] each.
    expect(sum('Sub', 1)).toBe(15);
    // 5 shifted blocks (features.1.1, 3.1, 5.1, 5.3, 5.5; stage 4's 8×8 map is one window, no shift).
    expect(sum('Mul', 2)).toBe(5 * 18 * 2);
    expect(sum('Equal', 2)).toBe(5 * 18 * 2);
    // ScatterND index Adds over the padded maps 64², 32², 3 × 16².
    expect(sum('Add')).toBe(64 * 64 + 32 * 32 + 3 * 16 * 16);
    // The [nW, 64, 64] mask: Sub + Not + 2 Equal, nW = 64, 16, 3 × 4.
    const mask = (nW: number) => 4 * nW * 64 * 64;
    expect(f.shape_macs - 15 - 5 * 18 * 4 - (64 * 64 + 32 * 32 + 3 * 16 * 16)).toBe(mask(64) + mask(16) + 3 * mask(4));
  });

  it.each(all.map((f) => [f.name, f] as const))('%s: shape-arithmetic scopes predicted from the preset', (name, f) => {
    expect(shapeScopes(f)).toEqual(predictedShapeScopes(name, evaluate(name).rows));
  });

  /**
   * onnx-tool's Params column sums every initializer (onnx_tool/graph.py), so a BatchNormalization
   * adds its running mean and variance (2·C) to the weights torch counts. Checked on the
   * torchvision CNNs, whose graphs hold no other initializers; Swin V2, MaxViT and YOLO also carry
   * constant tables and Reshape shapes, which are not pinned here.
   */
  it.each(all.filter((f) => /^(regnet|convnext|efficientnet)/.test(f.name)).map((f) => [f.name, f] as const))(
    '%s: onnx-tool params = FlopLab params + 2 · BatchNorm channels',
    (name, f) => {
      const r = evaluate(name);
      const bn = r.rows.filter((row) => row.type === 'batchnorm2d').reduce((a, row) => a + num(row, 'Cin'), 0);
      expect(BigInt(f.params)).toBe(BigInt(r.totals.params) + BigInt(2 * bn));
    },
  );

  /**
   * The segmentation and SSD models (seg_det_tool_fixtures.build: torchvision's model with its aux
   * head where the weights have one; the SSDs' backbone + heads) hold no initializer but weights and
   * BatchNorm statistics: onnx-tool's Params = FlopLab's parameters + buffers.
   */
  it.each(all.filter((f) => /^(fcn|deeplabv3|lraspp|ssd)/.test(f.name)).map((f) => [f.name, f] as const))(
    '%s: onnx-tool params = FlopLab params + buffers',
    (name, f) => {
      const r = evaluate(name);
      expect(BigInt(f.params)).toBe(BigInt(r.totals.params) + BigInt(r.totals.buffers));
    },
  );

  // milesial's U-Net: Up's F.pad(x1, [dX // 2, dX − dX // 2, dY // 2, dY − dY // 2]) is exported with
  // the amounts as an int64 [8] initializer (2 per dim of the 4-D map), one per Up, and onnx-tool
  // sums every initializer into Params: 8 more per pad row.
  it('unet: onnx-tool params = FlopLab params + buffers + 8 per F.pad', () => {
    const f = all.find((x) => x.name === 'unet')!;
    const r = evaluate('unet');
    const pads = r.rows.filter((row) => row.type === 'pad').length;
    expect(pads).toBe(4);
    expect(BigInt(f.params)).toBe(BigInt(r.totals.params) + BigInt(r.totals.buffers) + BigInt(8 * pads));
  });

  it.each(all.map((f) => [f.name, f] as const))('%s: total = onnx-tool Total − shape arithmetic', (name, f) => {
    const r = evaluate(name);
    expect(r.errors).toBe(0);
    expect(r.totals.counts[0]).toBe(BigInt(f.macs - f.shape_macs));
  });

  it.each(all.map((f) => [f.name, f] as const))('%s: per ONNX op type (Conv, BN, LayerNorm)', (name, f) => {
    const r = evaluate(name);
    const ours = (type: string) => r.rows.filter((row) => row.type === type).reduce((a, row) => a + row.counts[0], 0n);
    const ops = Object.keys(ONE_TO_ONE);
    expect(Object.fromEntries(ops.map((op) => [op, ours(ONE_TO_ONE[op])]))).toEqual(
      Object.fromEntries(ops.map((op) => [op, BigInt(f.by_op[op] ?? 0)])),
    );
  });
});
