/**
 * Every convention on one layer (src/engine/explain-compare.ts): each tool's number is the one
 * the engine counts for that layer under that convention (whose rules are checked against the
 * real tools in tests/unit/conventions), in the tool's unit; MAC counts are doubled to FLOPs (a
 * MAC is a multiply and an add: thop's and ptflops' READMEs); the terms that differ from the exact
 * count are named, and terms worth the same with the layer's numbers are not.
 */
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS, conventionById } from '../../../src/engine/conventions/registry';
import { conventionsOnRow, REFERENCE_CONVENTION } from '../../../src/engine/explain-compare';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const model = (layer: LayerSpec, input: number[]): Model => ({ format: 'floplab.model/2', input, layers: [layer] });

describe('conventionsOnRow', () => {
  it.each<[string, LayerSpec, number[]]>([
    ['conv2d 3→8, 3×3, bias, on 8×8', { type: 'conv2d', out: 8, kernel: 3, padding: 1 }, [3, 8, 8]],
    ['conv2d without bias, stride 2', { type: 'conv2d', out: 4, kernel: 3, stride: 2, bias: false }, [2, 9, 9]],
    ['depthwise conv', { type: 'conv2d', out: 6, kernel: 3, groups: 6 }, [6, 7, 7]],
    ['linear 16→10', { type: 'linear', out: 10 }, [16]],
    ['relu', { type: 'relu' }, [4, 5, 5]],
    ['batchnorm2d', { type: 'batchnorm2d' }, [4, 5, 5]],
  ])('%s: every tool’s number is its convention’s count, in its unit and ×2 for MACs', (_n, layer, input) => {
    const all = evaluateModel(model(layer, input), { conventions: [...CONVENTION_IDS] });
    const tools = conventionsOnRow(all.rows[0]);
    if (typeof tools === 'string') throw new Error(tools);
    expect(tools[0].id).toBe(REFERENCE_CONVENTION);
    expect(tools.map((t) => t.id).sort()).toEqual([...CONVENTION_IDS].sort());
    const exact = tools[0].flops;
    for (const t of tools) {
      const at = all.conventions.indexOf(t.id);
      expect(t.value, t.id).toBe(all.rows[0].counts[at]);
      expect(t.unit).toBe(conventionById(t.id)!.unit);
      expect(t.flops).toBe(t.value * (t.unit === 'MAC' ? 2n : 1n));
      expect(t.diff).toBe(t.flops - exact);
    }
  });

  it('conv with bias: thop (MACs, bias unused) equals the exact count here, and says which terms it leaves out', () => {
    const r = evaluateModel(model({ type: 'conv2d', out: 8, kernel: 3, padding: 1 }, [3, 8, 8]), {
      conventions: ['exact'],
    });
    const tools = conventionsOnRow(r.rows[0]);
    if (typeof tools === 'string') throw new Error(tools);
    const by = (id: string) => tools.find((t) => t.id === id)!;
    // exact: (2·27 − 1 + 1)·8·8·8 = 27,648 FLOPs; thop: 27·8·8·8 = 13,824 MACs.
    expect([by('exact').value, by('thop').value, by('thop').flops]).toEqual([27648n, 13824n, 27648n]);
    expect(by('thop').added).toEqual([]);
    // The exact count's "− 1 add" and "+ bias add" per output, which cancel here.
    expect(by('thop').removed).toEqual([
      '- C_{out} \\cdot H_{out} \\cdot N \\cdot W_{out}',
      '+ b \\cdot C_{out} \\cdot H_{out} \\cdot N \\cdot W_{out}',
    ]);
    // ptflops writes the output count as numel_out / N: worth C_out·H_out·W_out, so no difference
    // is claimed there; what remains is its bias term, 2 × 512 FLOPs more.
    expect(by('ptflops').diff).toBe(1024n);
    expect(by('ptflops').added).toEqual(['+ 2 \\cdot b \\cdot \\mathrm{numel}_{out} / N']);
  });

  it('a row with an error has nothing to compare: its message', () => {
    const r = evaluateModel(model({ type: 'conv2d', out: 8, kernel: 30 }, [3, 8, 8]), { conventions: ['exact'] });
    expect(conventionsOnRow(r.rows[0])).toMatch(/kernel 30 is larger/);
  });
});
