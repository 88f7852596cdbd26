/**
 * Transformers in the model format, counted under every convention and held to what the real
 * tools print (torch 2.13 CPU; tool commits as in scripts/fixtures/torchvision_tool_fixtures.py):
 * - nn.MultiheadAttention alone, with and without biases and need_weights, even and odd head
 *   counts, at batch 1 and 2, called as the tools' READMEs call it and under torch.no_grad()
 *   (tests/fixtures/attention-tools.jsonl, made by scripts/fixtures/attention_tool_fixtures.py);
 * - torchvision's vit_b_16, written layer for layer (the vit_b_16 preset, src/engine/presets/vit.ts): parameters equal
 *   torchvision's num_params (86,567,656) and every tool's total equals
 *   tests/fixtures/torchvision-tools.jsonl, with and without no_grad;
 * - torchvision's ShiftedWindowAttention and ShiftedWindowAttentionV2 (Swin V2, `version: 2`) alone:
 *   tiled, padded and single-window maps, shifted or not (tests/fixtures/window-attention-tools.jsonl,
 *   scripts/fixtures/window_attention_tool_fixtures.py);
 * - torchvision's swin_t, written layer for layer (the swin_t preset, src/engine/presets/swin.ts, the windowattention kind
 *   for ShiftedWindowAttention): parameters equal num_params (28,288,354) and every tool's total
 *   equals the same fixtures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { ALL_CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { presetByName } from '../../../src/engine/presets';

const VIT_B_16 = presetByName('vit_b_16')!.build();
const SWIN_T = presetByName('swin_t')!.build();

const FIXTURES = path.resolve(__dirname, '../../fixtures');
const lines = <T>(file: string): T[] =>
  readFileSync(path.join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

const TOOLS = ['thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'] as const;
type Tool = (typeof TOOLS)[number];

const NO_GRAD = ['fvcore', 'torch', 'deepspeed'] as const;

interface AttentionCase extends Record<Tool | 'deepspeed_macs', number> {
  nograd: Record<(typeof NO_GRAD)[number], number>;
  E: number;
  H: number;
  L: number;
  bias: boolean;
  nw: boolean;
  N: number;
}

describe('nn.MultiheadAttention as the tools count it', () => {
  const cases = lines<AttentionCase>('attention-tools.jsonl');
  it('holds six configurations, two of them taking the fast path under no_grad', () => {
    expect(cases).toHaveLength(6);
    expect(cases.filter((c) => c.nograd.fvcore === 0 && c.fvcore > 0)).toHaveLength(2);
  });

  it.each(cases.map((c) => [`E ${c.E}, H ${c.H}, bias ${c.bias}, need_weights ${c.nw}, batch ${c.N}`, c] as const))(
    'under torch.no_grad(): %s',
    (_n, c) => {
      const ids = NO_GRAD.map((t) => `${t}-nograd`);
      const r = evaluateModel(
        {
          format: 'floplab.model/2',
          input: [c.L, c.E],
          batch: c.N,
          layers: [{ type: 'attention', heads: c.H, bias: c.bias, need_weights: c.nw }],
        },
        { conventions: ids },
      );
      expect(r.conventions).toEqual(ids);
      expect(Object.fromEntries(NO_GRAD.map((t, i) => [t, Number(r.totals.counts[i])]))).toEqual(
        Object.fromEntries(NO_GRAD.map((t) => [t, c.nograd[t]])),
      );
    },
  );

  it.each(
    cases.map((c) => [`E ${c.E}, H ${c.H}, L ${c.L}, bias ${c.bias}, need_weights ${c.nw}, batch ${c.N}`, c] as const),
  )('%s', (_n, c) => {
    const r = evaluateModel(
      {
        format: 'floplab.model/2',
        input: [c.L, c.E],
        batch: c.N,
        layers: [{ type: 'attention', heads: c.H, bias: c.bias, need_weights: c.nw }],
      },
      { conventions: [...TOOLS] },
    );
    expect(r.errors).toBe(0);
    const got = Object.fromEntries(TOOLS.map((t, i) => [t, Number(r.totals.counts[i])]));
    expect({ ...got, deepspeed_macs: Number(r.totals.macs) }).toEqual(
      Object.fromEntries([...TOOLS, 'deepspeed_macs'].map((t) => [t, c[t as Tool]])),
    );
    // Parameters as PyTorch has them: in_proj (3E² + 3E) and out_proj (E² + E), biases optional.
    expect(r.totals.params).toBe(BigInt(4 * c.E * c.E + (c.bias ? 4 * c.E : 0)));
  });
});

interface ToolRow extends Partial<Record<Tool | 'deepspeed_macs' | 'params' | 'tv_num_params', number | null>> {
  model: string;
}

describe('ViT-B/16 (torchvision vit_b_16) written in the model format', () => {
  const row = lines<ToolRow>('torchvision-tools.jsonl').find((r) => r.model === 'vit_b_16');
  const r = evaluateModel(VIT_B_16, { conventions: ALL_CONVENTION_IDS });

  it('evaluates without an error, to [1000]', () => {
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([1000]);
  });

  it('has torchvision’s parameter count', () => {
    expect(row?.tv_num_params).toBe(86_567_656);
    expect(r.totals.params).toBe(86_567_656n);
  });

  it.each(TOOLS)('%s prints what FlopLab counts', (tool) => {
    expect(row?.[tool]).toBeTypeOf('number');
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf(tool)])).toBe(row?.[tool]);
  });

  it.each(NO_GRAD)('%s under torch.no_grad() prints what FlopLab counts (attention’s fast path unseen)', (tool) => {
    const want = (row as { nograd?: Record<string, number> } | undefined)?.nograd?.[tool];
    expect(want).toBeTypeOf('number');
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf(`${tool}-nograd`)])).toBe(want);
    expect(want).toBeLessThan(row?.[tool] as number);
  });

  it('DeepSpeed’s MACs are the conv + linear + attention MACs (torchvision’s _ops, 17.564 G)', () => {
    expect(Number(r.totals.macs)).toBe(row?.deepspeed_macs);
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf('torchvision')]) / 1e9).toBeCloseTo(17.564, 3);
  });

  it('onnx-tool on the exported file, less its shape arithmetic', () => {
    const file = onnxTool.find((c) => c.name === 'vit_b_16');
    expect(file?.macs).toBe(17_866_375_103);
    expect(r.totals.counts[ALL_CONVENTION_IDS.indexOf('onnx-tool')]).toBe(BigInt(file!.macs - file!.shape_macs));
  });
});

interface WindowCase extends Record<Tool | 'deepspeed_macs' | 'params', number> {
  H: number;
  W: number;
  C: number;
  h: number;
  w: number;
  s: number;
  N: number;
  v?: number;
}

describe('ShiftedWindowAttention (the windowattention kind) as the tools count it', () => {
  const cases = lines<WindowCase>('window-attention-tools.jsonl');
  it('holds four configurations of each version', () => {
    expect(cases.filter((c) => c.v === undefined)).toHaveLength(4);
    expect(cases.filter((c) => c.v === 2)).toHaveLength(4);
  });

  it.each(
    cases.map(
      (c) =>
        [`v${c.v ?? 1} [${c.H}, ${c.W}, ${c.C}], ${c.h} heads, window ${c.w}, shift ${c.s}, batch ${c.N}`, c] as const,
    ),
  )('%s', (_n, c) => {
    const r = evaluateModel(
      {
        format: 'floplab.model/2',
        input: [c.H, c.W, c.C],
        batch: c.N,
        layers: [{ type: 'windowattention', heads: c.h, window: c.w, shift: c.s, ...(c.v ? { version: c.v } : {}) }],
      },
      { conventions: [...TOOLS] },
    );
    expect(r.errors).toBe(0);
    const got = Object.fromEntries(TOOLS.map((t, i) => [t, Number(r.totals.counts[i])]));
    expect({ ...got, deepspeed_macs: Number(r.totals.macs), params: Number(r.totals.params) }).toEqual(
      Object.fromEntries([...TOOLS, 'deepspeed_macs', 'params'].map((t) => [t, c[t as Tool]])),
    );
  });
});

describe('ShiftedWindowAttentionV2 under onnx-tool (tests/fixtures/onnx-tool-window-attention-v2.jsonl)', () => {
  // scripts/fixtures/onnx_tool_window_attention_v2.py: the printed Total less its shape arithmetic (the shift mask).
  const cases = lines<WindowCase & { macs: number; shape_macs: number }>('onnx-tool-window-attention-v2.jsonl');
  it('holds the four version-2 configurations', () => expect(cases).toHaveLength(4));
  it.each(cases.map((c) => [`[${c.H}, ${c.W}, ${c.C}], ${c.h} heads, window ${c.w}, shift ${c.s}, batch ${c.N}`, c]))(
    '%s',
    (_n, c) => {
      const r = evaluateModel(
        {
          format: 'floplab.model/2',
          input: [c.H, c.W, c.C],
          batch: c.N,
          layers: [{ type: 'windowattention', heads: c.h, window: c.w, shift: c.s, version: 2 }],
        },
        { conventions: ['onnx-tool'] },
      );
      expect(r.errors).toBe(0);
      expect(r.totals.counts[0]).toBe(BigInt(c.macs - c.shape_macs));
    },
  );
});

describe('Swin-T (torchvision swin_t) written in the model format', () => {
  const row = lines<ToolRow>('torchvision-tools.jsonl').find((r) => r.model === 'swin_t');
  const r = evaluateModel(SWIN_T, { conventions: ALL_CONVENTION_IDS });

  it('evaluates without an error, to [1000]', () => {
    expect(r.errors).toBe(0);
    expect(r.output).toEqual([1000]);
    expect(r.rows.filter((x) => x.type === 'windowattention')).toHaveLength(12);
  });

  it('has torchvision’s parameter count', () => {
    expect(row?.tv_num_params).toBe(28_288_354);
    expect(r.totals.params).toBe(28_288_354n);
  });

  it.each(TOOLS)('%s prints what FlopLab counts', (tool) => {
    expect(row?.[tool]).toBeTypeOf('number');
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf(tool)])).toBe(row?.[tool]);
  });

  it.each(NO_GRAD)('%s under torch.no_grad() counts the same (no nn.MultiheadAttention)', (tool) => {
    const want = (row as { nograd?: Record<string, number> } | undefined)?.nograd?.[tool];
    expect(want).toBe(row?.[tool]);
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf(`${tool}-nograd`)])).toBe(want);
  });

  it('onnx-tool on the exported file, less its shape arithmetic (the shift masks included)', () => {
    // tests/fixtures/onnx-tool-swin.json, made by scripts/fixtures/onnx_tool_swin.py.
    const file = JSON.parse(readFileSync(path.join(FIXTURES, 'onnx-tool-swin.json'), 'utf8')) as {
      macs: number;
      shape_macs: number;
      mask_macs: number;
    };
    expect(file.macs).toBe(4_657_784_877);
    expect(file.mask_macs).toBe(888_076);
    expect(r.totals.counts[ALL_CONVENTION_IDS.indexOf('onnx-tool')]).toBe(BigInt(file.macs - file.shape_macs));
  });

  it('DeepSpeed’s MACs are the linear + window-attention MACs (torchvision’s _ops, 4.491 G)', () => {
    expect(Number(r.totals.macs)).toBe(row?.deepspeed_macs);
    expect(Number(r.totals.counts[ALL_CONVENTION_IDS.indexOf('torchvision')]) / 1e9).toBeCloseTo(4.491, 3);
  });
});

interface OnnxToolCase {
  name: string;
  shape: number[];
  macs: number;
  shape_macs: number;
}
const onnxTool = lines<OnnxToolCase>('onnx-tool-attention.jsonl');

describe('nn.MultiheadAttention exported to ONNX and profiled by onnx-tool', () => {
  // E768_nobias_nwF_B2: embed dim 768, no bias, need_weights false, batch 2. (The "retW" files
  // return the averaged weights too, which the attention kind does not model.)
  const files = onnxTool.filter((c) => /^E\d+_/.test(c.name) && !c.name.includes('retW'));
  it('holds 16 exported modules', () => expect(files).toHaveLength(16));

  it.each(files.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const [batch, L, E] = c.shape;
    const r = evaluateModel(
      {
        format: 'floplab.model/2',
        input: [L, E],
        batch,
        layers: [
          {
            type: 'attention',
            heads: E === 768 ? 12 : 4,
            bias: !name.includes('nobias'),
            need_weights: name.includes('nwT'),
          },
        ],
      },
      { conventions: ['onnx-tool'] },
    );
    expect(r.totals.counts[0]).toBe(BigInt(c.macs - c.shape_macs));
  });
});
