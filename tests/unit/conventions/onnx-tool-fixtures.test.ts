/**
 * The `onnx-tool` convention held to what the real onnx-tool printed: ThanatosShinji/onnx-tool
 * @00f5f0a (onnx_tool/graph.py Graph.profile + print_node_map, the per-node rules in
 * onnx_tool/node.py *Node._profile_core), run on the TorchScript ONNX export (opset 17, eval,
 * BatchNormalization kept) of FlopLab's own PyTorch export of each model.
 * tests/fixtures/onnx-tool-fixtures.jsonl was written by scripts/fixtures/onnx-tool-models.ts +
 * scripts/fixtures/onnx_tool_fixtures.py (see scripts/fixtures/README-onnx-tool.md; CI has no
 * Python, so the test reads the file): its first line is the run's metadata (commit, torch), then
 * one line per model — the 30 networks of shared/reference/tool-fixtures.jsonl, 8 zoo presets and
 * scripts/fixtures/onnx-tool-extra-models.json (the layer kinds the others lack) — with the printed
 * Total MACs. Every total must match exactly; the few exceptions below are named with their reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';

const FILE = path.resolve(__dirname, '../../fixtures/onnx-tool-fixtures.jsonl');

interface Meta {
  readonly meta: { commit: string; torch: string };
}
interface Fixture {
  readonly name: string;
  /** Absent: the TorchScript export of FlopLab's PyTorch code; 'floplab-onnx': FlopLab's own ONNX file. */
  readonly graph?: 'floplab-onnx';
  /** The export or onnx-tool failed: its message (no counts then). */
  readonly error?: string;
  readonly model: Model;
  /** The Total row onnx-tool printed. */
  readonly macs: number;
  /** The part of `macs` on shape-arithmetic nodes (Add/Div/Mul on tensor shapes). */
  readonly shape_macs: number;
  readonly by_op: Record<string, number>;
}

const [header, ...lines] = readFileSync(FILE, 'utf8')
  .split('\n')
  .filter((l) => l.trim());
const meta = (JSON.parse(header) as Meta).meta;
const all = lines.map((l) => JSON.parse(l) as Fixture);
const label = (f: Fixture) => (f.graph ? `${f.name} (${f.graph})` : f.name);
const fixtures = all.filter((f) => !f.error);

/**
 * Models onnx-tool could not profile, with the reason: torch.onnx writes nn.LocalResponseNorm
 * (torch/nn/functional.py local_response_norm) as Mul, Pad, AveragePool, … around an If node, and
 * onnx-tool's shape inference stops at If (onnx_tool/node.py: no value_infer). The LRNNode rule is
 * checked on FlopLab's own ONNX file of the same model instead (the "floplab-onnx" line).
 */
const CANNOT_PROFILE: Record<string, RegExp> = { 'onnx-extra-lrn': /If has no value_infer/ };

/**
 * Models whose ONNX graph holds arithmetic on tensor shapes, which onnx-tool counts and FlopLab
 * does not model: the TorchScript exporter writes x.chunk(2, 1) (ShuffleNetV2's channel split) as
 * Shape → Gather → Add → Div → Mul → Slice on one-element tensors, Add 1 + Div 4 + Mul 1 + Mul 1
 * = 7 per split, 13 splits. The rest of the total must match exactly.
 */
const SHAPE_ARITHMETIC: Record<string, number> = { shufflenet_v2_x0_5: 13 * 7 };

/**
 * ONNX's pooling output size before opset 22 (onnx-tool: onnx_tool/node.py _pooling_shape_calc,
 * used by PoolBase.shape_infer; onnx.shape_inference gives the same at opset 17):
 * ceil((in + 2p − d·(k − 1) − 1) / s) + 1, without PyTorch's rule that drops a last window
 * starting in the right padding.
 */
const onnxPoolSize = (size: number, k: number, s: number, p: number, d: number) =>
  Math.ceil((size + 2 * p - d * (k - 1) - 1) / s) + 1;

/** Ceil-mode pools of a model whose opset-17 ONNX output is larger than PyTorch's. */
function poolsLargerInOnnx(model: Model): string[] {
  return evaluateModel(model)
    .rows.filter((r) => (r.type === 'avgpool2d' || r.type === 'maxpool2d') && r.params_?.ceil === true)
    .filter((r) => {
      const s = r.symbols!;
      const h = onnxPoolSize(s.Hin, s.Kh, s.Sh, s.Ph, s.Dh ?? 1);
      const w = onnxPoolSize(s.Win, s.Kw, s.Sw, s.Pw, s.Dw ?? 1);
      return h !== s.Ho || w !== s.Wo;
    })
    .map((r) => r.path);
}

/**
 * Models whose ONNX graph (not the counting) differs from the PyTorch model, with the reason.
 * Each reason is checked below.
 */
const EXCLUDED: Record<string, string> = {
  'fixture-27':
    'layers[7] AvgPool2d(2, stride 2, padding 1, ceil_mode) on 7×7: PyTorch gives 4×4, the opset-17 ONNX ' +
    'AveragePool 5×5 (onnx-tool and onnx.shape_inference agree), so every later node counts on larger tensors',
};

/**
 * ONNX op types that only one FlopLab layer type exports to (torch.onnx, opset 17), so onnx-tool's
 * per-op MACs must equal the sum of that type's rows — totals cannot agree by compensation.
 */
const ONE_TO_ONE: Record<string, string> = {
  Conv: 'conv2d',
  ConvTranspose: 'convtranspose2d',
  BatchNormalization: 'batchnorm2d',
  LayerNormalization: 'layernorm',
  Relu: 'relu',
  Clip: 'relu6',
  LeakyRelu: 'leakyrelu',
  PRelu: 'prelu',
  Elu: 'elu',
  Tanh: 'tanh',
  HardSwish: 'hardswish',
  HardSigmoid: 'hardsigmoid',
  Softmax: 'softmax',
  Resize: 'upsample',
  LRN: 'lrn',
};

describe('onnx-tool fixtures (tests/fixtures/onnx-tool-fixtures.jsonl)', () => {
  it('were printed by onnx-tool @00f5f0a', () => expect(meta.commit).toMatch(/^00f5f0a/));
  it('hold the 30 tool fixtures, the zoo presets and the extra models', () => {
    expect(fixtures.filter((f) => f.name.startsWith('fixture-'))).toHaveLength(30);
    expect(fixtures.filter((f) => f.name.startsWith('onnx-extra-')).length).toBeGreaterThanOrEqual(3);
    expect(fixtures.length).toBeGreaterThan(40);
  });
  it('failed only where a reason is named', () => {
    const failed = all.filter((f) => f.error);
    expect(failed.map((f) => f.name)).toEqual(Object.keys(CANNOT_PROFILE));
    for (const f of failed) expect(f.error).toMatch(CANNOT_PROFILE[f.name]);
  });
  it('count shape arithmetic only where it is named', () =>
    expect(Object.fromEntries(fixtures.filter((f) => f.shape_macs !== 0).map((f) => [f.name, f.shape_macs]))).toEqual(
      SHAPE_ARITHMETIC,
    ));
  it('exclude exactly the models with a pool larger in ONNX than in PyTorch', () =>
    expect(fixtures.filter((f) => poolsLargerInOnnx(f.model).length > 0).map((f) => f.name)).toEqual(
      Object.keys(EXCLUDED),
    ));
  it('onnx-tool counted fixture-27’s AveragePool on the 5×5 tensor (40·5·5 outputs × 2·2 window)', () => {
    const f = fixtures.find((x) => x.name === 'fixture-27')!;
    expect(onnxPoolSize(7, 2, 2, 1, 1)).toBe(5);
    expect(f.by_op.AveragePool).toBe(40 * 5 * 5 * 2 * 2);
  });

  it.each(fixtures.filter((f) => !(f.name in EXCLUDED)).map((f) => [label(f), f] as const))('%s', (_name, f) => {
    const r = evaluateModel(f.model, { conventions: ['onnx-tool'] });
    expect(r.errors).toBe(0);
    expect(r.totals.counts[0]).toBe(BigInt(f.macs - f.shape_macs));
  });

  it.each(fixtures.filter((f) => !(f.name in EXCLUDED)).map((f) => [label(f), f] as const))(
    '%s: per ONNX op type',
    (_name, f) => {
      const r = evaluateModel(f.model, { conventions: ['onnx-tool'] });
      const ours = (type: string) =>
        r.rows.filter((row) => row.type === type).reduce((a, row) => a + row.counts[0], 0n);
      const ops = Object.keys(ONE_TO_ONE).filter((op) => op in f.by_op || ours(ONE_TO_ONE[op]) !== 0n);
      expect(Object.fromEntries(ops.map((op) => [op, ours(ONE_TO_ONE[op])]))).toEqual(
        Object.fromEntries(ops.map((op) => [op, BigInt(f.by_op[op] ?? 0)])),
      );
    },
  );
});
