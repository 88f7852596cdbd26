/**
 * The inspector's formulas cannot drift from the engine: for every row of a model that uses
 * every layer and block type, and of several zoo presets, under every convention, the count
 * formula's substituted TeX — read back by an independent TeX evaluator (texEval.ts) — equals
 * the engine's count for that row, and likewise parameters and MACs.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel, type Row } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { LAYER_TYPES } from '../../../src/engine/layers/registry';
import { presetByName } from '../../../src/engine/presets';
import { changedTerms, explainRow, seedVsTools } from '../../../src/engine/explain';
import { evaluate } from '../../../src/engine/expr';
import { MODEL_FORMAT, type LayerSpec, type Model } from '../../../src/engine/format/model';
import { conventionById } from '../../../src/engine/conventions/registry';
import { ruleFor } from '../../../src/engine/conventions/types';
import { evalTex } from './texEval';
import { EVERY_KIND_MODEL } from './kinds-model';

const ALL = [...CONVENTION_IDS];

function checkModel(model: Model): Set<string> {
  const result = evaluateModel(model, { conventions: ALL });
  expect(result.errors, 'the model should evaluate cleanly').toBe(0);
  const seen = new Set<string>();
  for (const row of result.rows) {
    seen.add(row.type);
    ALL.forEach((id, i) => {
      const r = explainRow(row, id);
      if (!r.ok) throw new Error(`${row.path} under ${id}: ${r.error}`);
      const q = Object.fromEntries(r.explanation.quantities.map((x) => [x.id, x]));
      const where = `${row.path} (${row.type}) under ${id}`;
      expect(q.count.value, where).toBe(row.counts[i]);
      expect(evalTex(q.count.substituted), `${where}: ${q.count.substituted}`).toBe(row.counts[i]);
      if (q.count.expr && row.symbols) expect(evaluate(q.count.expr, row.symbols), where).toBe(row.counts[i]);
      if (!row.block) {
        expect(q.params.value, where).toBe(row.params);
        expect(evalTex(q.params.substituted), where).toBe(row.params);
      }
      if (q.macs) {
        expect(q.macs.value, where).toBe(row.macs);
        expect(evalTex(q.macs.substituted), where).toBe(row.macs);
      }
      if (q.outH && row.output) {
        expect(evalTex(q.outH.substituted), where).toBe(BigInt(row.output[1]));
        expect(evalTex(q.outW.substituted), where).toBe(BigInt(row.output[2]));
      }
    });
  }
  return seen;
}

describe('explainRow: substituted formulas equal the engine’s numbers', () => {
  it('every layer and block type × every convention', () => {
    const seen = checkModel(EVERY_KIND_MODEL);
    expect(
      [...LAYER_TYPES].filter((t) => !seen.has(t)),
      'types the model does not cover',
    ).toEqual([]);
  });

  // Real networks: ResNet-18 (residual adds, the seed article's example), MobileNetV2 (depthwise,
  // relu6), Inception v3 (concat, aux head, ceil-mode pools), ShuffleNet (chunk, channel shuffle).
  it.each(['seed_resnet18', 'mobilenet_v2', 'inception_v3', 'shufflenet_v2_x0_5', 'efficientnet_b0', 'convnext_tiny'])(
    'preset %s under every convention',
    (name) => {
      const preset = presetByName(name);
      expect(preset, name).toBeDefined();
      checkModel(preset!.build());
    },
  );
});

const one = (layer: LayerSpec, input: number[], batch = 1): Row => {
  const r = evaluateModel({ format: MODEL_FORMAT, input, batch, layers: [layer] }, { conventions: ALL });
  expect(r.rows[0].error).toBeUndefined();
  return r.rows[0];
};

describe('output-size formulas (PyTorch shape rules) with numbers', () => {
  // [layer, input, expected substituted height formula, expected H]. Sources: torch.nn.Conv2d,
  // MaxPool2d (ceil_mode, pooling_output_shape), ConvTranspose2d docs; seed ResNet-18 conv1 224 → 112.
  const CASES: [string, LayerSpec, number[], string, number][] = [
    [
      'ResNet conv1 7×7/2 pad 3',
      { type: 'conv2d', out: 64, kernel: 7, stride: 2, padding: 3 },
      [3, 224, 224],
      '\\left\\lfloor \\frac{224 + 2 \\times 3 - 7}{2} \\right\\rfloor + 1',
      112,
    ],
    [
      'dilated 3×3',
      { type: 'conv2d', out: 8, kernel: 3, padding: 2, dilation: 2 },
      [4, 10, 10],
      '\\left\\lfloor \\frac{10 + 2 \\times 2 - 2 \\times \\left(3 - 1\\right) - 1}{1} \\right\\rfloor + 1',
      10,
    ],
    [
      'max pool 3×3/2 pad 1',
      { type: 'maxpool2d', kernel: 3, stride: 2, padding: 1 },
      [64, 112, 112],
      '\\left\\lfloor \\frac{112 + 2 \\times 1 - 3}{2} \\right\\rfloor + 1',
      56,
    ],
    [
      'ceil mode 3×3/2 (GoogLeNet)',
      { type: 'maxpool2d', kernel: 3, stride: 2, ceil: true },
      [64, 112, 112],
      '\\left\\lceil \\frac{112 + 2 \\times 0 - 3}{2} \\right\\rceil + 1',
      56,
    ],
    [
      'ceil mode, last window dropped',
      { type: 'maxpool2d', kernel: 2, stride: 2, padding: 1, ceil: true },
      [1, 5, 5],
      '\\left\\lceil \\frac{5 + 2 \\times 1 - 2}{2} \\right\\rceil + 1 - 1',
      3,
    ],
    [
      'avg pool stride defaults to kernel',
      { type: 'avgpool2d', kernel: 2 },
      [8, 7, 7],
      '\\left\\lfloor \\frac{7 + 2 \\times 0 - 2}{2} \\right\\rfloor + 1',
      3,
    ],
    ['padding same', { type: 'conv2d', out: 4, kernel: 4, padding: 'same' }, [4, 9, 9], '9', 9],
    [
      'transposed 3×3/2 pad 1 out-pad 1',
      { type: 'convtranspose2d', out: 4, kernel: 3, stride: 2, padding: 1, output_padding: 1 },
      [4, 6, 6],
      '\\left(6 - 1\\right) \\times 2 - 2 \\times 1 + 1 \\times \\left(3 - 1\\right) + 1 + 1',
      12,
    ],
  ];
  it.each(CASES)('%s', (_name, layer, input, tex, h) => {
    const r = explainRow(one(layer, input), 'seed');
    if (!r.ok) throw new Error(r.error);
    const outH = r.explanation.quantities.find((q) => q.id === 'outH');
    expect(outH?.substituted).toBe(tex);
    expect(outH?.value).toBe(BigInt(h));
    expect(evalTex(tex)).toBe(BigInt(h));
  });

  it('non-windowed layers have no output-size formula', () => {
    const r = explainRow(one({ type: 'relu' }, [3, 4, 4]), 'seed');
    expect(r.ok && r.explanation.quantities.map((q) => q.id)).toEqual(['params', 'count']);
  });
});

describe('seed-article examples, as the inspector shows them', () => {
  it('VGG-16 FC 7·7·512 → 4096: 102,760,448 weights (seed article)', () => {
    const r = explainRow(one({ type: 'linear', out: 4096, bias: false }, [25088]), 'seed');
    if (!r.ok) throw new Error(r.error);
    const params = r.explanation.quantities.find((q) => q.id === 'params')!;
    expect(params.value).toBe(102_760_448n);
    expect(params.substituted).toBe('25088 \\times 4096 + 0 \\times 4096');
    // Seed FC without bias: (2I − 1)·O.
    const count = r.explanation.quantities.find((q) => q.id === 'count')!;
    expect(count.value).toBe((2n * 25088n - 1n) * 4096n);
  });

  it('the legend lists the symbols the formulas use, with values', () => {
    const r = explainRow(one({ type: 'conv2d', out: 64, kernel: 3, padding: 1, groups: 2 }, [32, 8, 8]), 'thop');
    if (!r.ok) throw new Error(r.error);
    const legend = Object.fromEntries(r.explanation.symbols.map((s) => [s.name, s.value]));
    expect(legend).toMatchObject({ Cin: 32, Cout: 64, g: 2, Kh: 3, Kw: 3, Ho: 8, Wo: 8, N: 1 });
  });

  it('errors and unknown conventions give a message, not a throw', () => {
    const bad = evaluateModel({
      format: MODEL_FORMAT,
      input: [3, 4, 4],
      layers: [{ type: 'conv2d', out: 4, kernel: 9 }],
    });
    const r = explainRow(bad.rows[0], 'seed');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/kernel 9 is larger/);
    expect(explainRow(one({ type: 'relu' }, [3]), 'nope')).toEqual({ ok: false, error: 'unknown convention "nope"' });
  });
});

describe('where the seed article differs from the tools (plain words)', () => {
  const noteOf = (layer: LayerSpec, input: number[]) => {
    const row = one(layer, input);
    return seedVsTools(row.type, row.symbols!).join(' ');
  };
  // shared/reference/conventions.md "The seed article" and "How the seed article relates to the tools".
  it.each<[string, LayerSpec, number[], RegExp]>([
    ['FC (2I − 1)·O', { type: 'linear', out: 10 }, [100], /\(2I − 1\)·O.*\(2·100 − 1\)·10.*No tool/],
    ['max pool without channels', { type: 'maxpool2d', kernel: 2 }, [16, 8, 8], /no channel factor.*C \(= 16\)/],
    [
      'avg pool using the stride',
      { type: 'avgpool2d', kernel: 3, stride: 1 },
      [4, 8, 8],
      /stride 1×1 against kernel 3×3.*gives 1 operations per output where the window has 9/,
    ],
    ['sigmoid as 4 ops', { type: 'sigmoid' }, [4, 2, 2], /4 operations per element.*onnx-tool counts 32/],
    [
      'groups missing',
      { type: 'conv2d', out: 32, kernel: 3, groups: 32 },
      [32, 8, 8],
      /Groups are missing.*g = 32\) 32× too high.*Cin\/g = 1/,
    ],
  ])('%s', (_n, layer, input, re) => {
    expect(noteOf(layer, input)).toMatch(re);
  });

  it('avg pool with stride = kernel has no "here they differ" sentence', () => {
    expect(noteOf({ type: 'avgpool2d', kernel: 2 }, [4, 8, 8])).not.toMatch(/Here they differ/);
  });
});

describe('changedTerms: what switching convention changes', () => {
  const conv = one({ type: 'conv2d', out: 8, kernel: 3, padding: 1 }, [4, 6, 6]);
  const rule = (id: string) => ruleFor(conventionById(id)!, 'conv2d', conv.symbols!);
  it('thop → torchinfo adds the bias term (calculate_macs counts the bias)', () => {
    const d = changedTerms(rule('thop'), rule('torchinfo'));
    expect(d.kept).toHaveLength(1);
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual(['+ b \\cdot C_{out} \\cdot H_{out} \\cdot N \\cdot W_{out}']);
  });
  it('torch → seed: the seed subtracts one add per output and adds the bias add', () => {
    // torch 2·N·Cout·Ho·Wo·(Cin/g)·Kh·Kw; seed N·Cout·Ho·Wo·(2·(Cin/g)·Kh·Kw − 1 + b).
    const d = changedTerms(rule('torch'), rule('seed'));
    expect(d.kept).toHaveLength(1);
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual([
      '- C_{out} \\cdot H_{out} \\cdot N \\cdot W_{out}',
      '+ b \\cdot C_{out} \\cdot H_{out} \\cdot N \\cdot W_{out}',
    ]);
  });
  it('identical rules change nothing; a missing rule removes every term', () => {
    expect(changedTerms(rule('thop'), rule('fvcore'))).toEqual({ added: [], removed: [], kept: [expect.any(String)] });
    const relu = one({ type: 'relu' }, [3, 4, 4]);
    const ptflopsRelu = ruleFor(conventionById('ptflops')!, 'relu', relu.symbols!);
    const d = changedTerms(ptflopsRelu, null);
    // Every term of ptflops' ReLU rule (hook + patched F.relu) is removed, nothing added.
    expect(d.removed.length).toBeGreaterThanOrEqual(2);
    expect([...d.removed].sort()).toEqual([...changedTerms(ptflopsRelu, ptflopsRelu).kept].sort());
    expect(d.added).toEqual([]);
  });
  it('a DeepSpeed grouped transposed conv shows its (Cout/g)/g as a floor', () => {
    const row = one({ type: 'convtranspose2d', out: 6, kernel: 3, groups: 2 }, [4, 5, 5]);
    const r = explainRow(row, 'deepspeed');
    const count = r.ok ? r.explanation.quantities.find((q) => q.id === 'count') : undefined;
    expect(count?.substituted).toContain('\\left\\lfloor \\frac{6 / 2}{2} \\right\\rfloor');
    expect(evalTex(count!.substituted)).toBe(row.counts[CONVENTION_IDS.indexOf('deepspeed')]);
  });
});
