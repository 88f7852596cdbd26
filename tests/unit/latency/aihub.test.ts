import { describe, expect, it } from 'vitest';
import {
  AIHUB_EXCEPTIONS,
  AIHUB_MODELS,
  AIHUB_ROWS,
  aihubPreset,
} from '../../../src/engine/deploy/latency/measurements/aihub';
import { presetByName } from '../../../src/engine/presets';
import { evaluateModel } from '../../../src/engine/evaluate';

const HASH = /^[0-9a-f]{40}$/;

describe('Qualcomm AI Hub measurements', () => {
  it('holds rows, each with its source file, commit and date', () => {
    expect(AIHUB_ROWS.length).toBeGreaterThan(1000);
    const bad = AIHUB_ROWS.filter(
      (r) =>
        r.source.repo !== 'quic/ai-hub-models' ||
        !r.source.path.endsWith('/perf.yaml') ||
        !HASH.test(r.source.commit) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(r.source.date) ||
        !(r.ms > 0),
    );
    expect(bad.map((r) => r.id)).toEqual([]);
  });
  it('layer counts, where given, add up to the total', () => {
    const bad = AIHUB_ROWS.filter(
      (r) => r.layers.total !== null && r.layers.npu + r.layers.gpu + r.layers.cpu !== r.layers.total,
    );
    expect(bad.map((r) => `${r.id} ${r.model} ${r.device} ${r.runtime}`)).toEqual([]);
  });
  // A model maps to the preset of its torchvision builder. info.yaml states the parameter count with
  // three significant digits ("25.5M"), of the exported graph, where batch norms are folded into the
  // convolutions (each drops its scale and shift and adds one bias: C fewer parameters per norm); it
  // must be FlopLab's count rounded the same way, folded or not, unless an exception says otherwise.
  it.each(Object.keys(AIHUB_MODELS))('%s: preset of its torchvision builder, same parameter count', (name) => {
    const map = aihubPreset(name);
    if ('unmapped' in map) {
      expect(map.unmapped.length).toBeGreaterThan(10);
      return;
    }
    const preset = presetByName(map.preset);
    expect(preset, `${name} → ${map.preset}`).toBeDefined();
    const r = evaluateModel(preset!.build(), { input: map.input });
    expect(r.errors).toBe(0);
    const stated = AIHUB_MODELS[name].parameters;
    expect(stated).toMatch(/^[0-9.]+M$/);
    const value = Number(stated!.replace('M', ''));
    const digits = stated!.replace('M', '').replace('.', '').replace(/^0+/, '').length;
    const norms = r.rows.filter((x) => !x.block && x.type === 'batchnorm2d').reduce((s, x) => s + Number(x.params), 0);
    const round = (n: number) => Number((n / 1e6).toPrecision(digits));
    const reproduced = [Number(r.totals.params), Number(r.totals.params) - norms / 2].map(round).includes(value);
    // An exception must be needed: a note on a model whose count is reproduced is stale.
    expect(reproduced, AIHUB_EXCEPTIONS[name]?.countNote ?? 'no exception').toBe(!AIHUB_EXCEPTIONS[name]?.countNote);
  });
});
