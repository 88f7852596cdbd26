import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { presetByName } from '../../../src/engine/presets';
import { placeModel } from '../../../src/engine/deploy/placement';
import type { Precision } from '../../../src/engine/deploy/devices/schema';
import { lastOp } from './one-layer';

// FlopLab's placement against public ground truth, with the agreement docs/placement.md states:
// Qualcomm AI Hub's per-device layer counts (perf.yaml, extracted by scripts/extract-aihub-layer-counts.py)
// for the QNN HTP table, and Edge TPU compiler logs quoted in public issues for the Edge TPU table.
const json = (f: string) => JSON.parse(readFileSync(new URL(`../../fixtures/placement/${f}`, import.meta.url), 'utf8'));
const doc = readFileSync(new URL('../../../docs/placement.md', import.meta.url), 'utf8');
const stated = (label: string): [number, number] => {
  const m = doc.match(new RegExp(`${label}: (\\d+) of (\\d+)`));
  if (!m) throw new Error(`docs/placement.md has no "${label}: A of N" line`);
  return [Number(m[1]), Number(m[2])];
};

interface AiHubRow {
  aihubModel: string;
  preset: string;
  precision: string;
  runtime: string;
  total: number;
  npu: number;
  cpu: number;
  gpu: number;
}
const aihub = json('aihub-layer-counts.json') as { source: { commit: string }; rows: AiHubRow[] };
/** AI Hub float jobs run the HTP at fp16 (it has no fp32); every quantized variant has 8-bit weights. */
const dtypeOf = (precision: string): Precision => (precision === 'float' ? 'fp16' : 'int8');

const placements = new Map<string, ReturnType<typeof placeModel>>();
function htp(preset: string, dtype: Precision) {
  const key = `${preset}@${dtype}`;
  if (!placements.has(key))
    placements.set(key, placeModel(evaluateModel(presetByName(preset)!.build({})), 'qnn-htp', dtype));
  return placements.get(key)!;
}

const aihubResults = aihub.rows.map((r) => {
  const p = htp(r.preset, dtypeOf(r.precision));
  if ('error' in p) throw new Error(p.error);
  const predicted = p.opsOnAccelerator === p.opsTotal;
  const actual = r.npu === r.total;
  return { r, predicted, actual, agree: predicted === actual, floplab: `${p.opsOnAccelerator}/${p.opsTotal}` };
});

describe('QNN HTP against Qualcomm AI Hub layer counts (Samsung Galaxy S24, Snapdragon 8 Gen 3)', () => {
  it('the extracted file names its source and covers FlopLab presets', () => {
    expect(aihub.source.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(aihub.rows.length).toBeGreaterThan(50);
    for (const r of aihub.rows) expect(presetByName(r.preset), r.preset).toBeDefined();
  });
  it('"all layers on the NPU" agrees as often as docs/placement.md states', () => {
    const agree = aihubResults.filter((x) => x.agree).length;
    expect([agree, aihubResults.length]).toEqual(stated('AI Hub rows agreeing'));
    const models = new Set(aihubResults.map((x) => x.r.preset));
    const modelsAgree = [...models].filter((m) => aihubResults.filter((x) => x.r.preset === m).every((x) => x.agree));
    expect([modelsAgree.length, models.size]).toEqual(stated('AI Hub models agreeing on every row'));
  });
  it('every disagreement is a row where AI Hub put layers on the CPU (listed in the docs)', () => {
    for (const x of aihubResults.filter((y) => !y.agree)) {
      expect(x.actual, `${x.r.preset} ${x.r.precision} ${x.r.runtime}`).toBe(false);
      // Cells are trimmed: prettier pads the table columns.
      const rows = doc.split('\n').map((l) => l.split('|').map((c) => c.trim()));
      const row = rows.find((c) => c[1] === x.r.aihubModel && c[2] === x.r.precision && c[3] === x.r.runtime);
      expect(row?.[4], `${x.r.aihubModel} ${x.r.precision} ${x.r.runtime}`).toBe(`${x.r.npu}/${x.r.total}`);
      expect(row?.[5]).toBe(x.floplab);
    }
  });
});

interface OpCase {
  source: string;
  vendorOp: string;
  status: string;
  mapped: boolean;
  input: number[];
  layers: object[];
}
const edgetpu = json('edgetpu-compiler-cases.json') as {
  opCases: OpCase[];
  modelCases: { source: string; preset: string; firstFallbackType: string }[];
};
const opResults = edgetpu.opCases.map((c) => {
  const p = lastOp('edgetpu', c.input, c.layers, 'int8');
  return { c, predicted: p.on === 'accelerator', agree: (p.on === 'accelerator') === c.mapped, ruleId: p.ruleId };
});

describe('Edge TPU against compiler logs quoted in public issues', () => {
  it('per-op agreement is what docs/placement.md states', () => {
    const agree = opResults.filter((x) => x.agree).length;
    expect([agree, opResults.length]).toEqual(stated('Edge TPU compiler ops agreeing'));
  });
  it('every disagreement is listed in the docs with its source', () => {
    for (const x of opResults.filter((y) => !y.agree)) expect(doc, x.c.vendorOp).toContain(x.c.source);
  });
  it.each(edgetpu.modelCases.map((m) => [m.preset, m] as const))(
    '%s: the first op that falls back is the one the issue names',
    (_p, m) => {
      const r = evaluateModel(presetByName(m.preset)!.build({}));
      const p = placeModel(r, 'edgetpu', 'int8');
      if ('error' in p) throw new Error(p.error);
      expect(r.rows[p.firstFallback!.index].type).toBe(m.firstFallbackType);
    },
  );
});
