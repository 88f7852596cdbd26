/**
 * The `netscope` convention against the real Netscope (dgschwend/netscope @8ae36d8, its PEG
 * prototxt parser + src/caffe/caffe.coffee + src/analyzer.coffee run in Node) on FlopLab's
 * reference networks written as Caffe prototxt: tests/fixtures/netscope-fixtures.jsonl, made by
 * running Netscope @8ae36d8 (see scripts/fixtures/README-netscope.md). CI runs no
 * CoffeeScript: the fixture holds what Netscope computed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateModel, type Row } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { withCeilPools } from '../../../scripts/fixtures/netscope-prototxt';

type Counters = Record<'macc' | 'comp' | 'add' | 'div' | 'exp', number>;
interface Fixture {
  name: string;
  source: string;
  model: Model;
  prototxt: string;
  counters: Counters;
  total: number;
  params: number;
  netscope: { repo: string; commit: string };
  /** floplab: Netscope's shapes are FlopLab's; ceil-pools: FlopLab's with every pool in ceil mode. */
  shapes: 'floplab' | 'ceil-pools' | 'differ';
  floplabShapeDifference?: string;
  ceilShapeDifference?: string;
  netscopeErrors?: string[];
  unknownLayers?: string[];
  placeholders?: { prototxt: string; counters: Counters; total: number; params: number; errors: string[] };
  /** Netscope's layers: [name (FlopLab path, "@scale" for BN's Scale), Caffe type, C×H×W, ops]. */
  layers: [string, string, string, number][];
}

const FIXTURES = (
  readFileSync('tests/fixtures/netscope-fixtures.jsonl', 'utf8').split('\n').filter(Boolean) as string[]
).map((l) => JSON.parse(l) as Fixture);
const COMMIT = '8ae36d831d3acdf0a9189b0f77f03a41c516ca3b';

/**
 * Models whose Caffe equivalent Netscope sizes differently from FlopLab with either pool rounding:
 * their totals cannot agree, so only the layers before the first difference are compared.
 */
const SHAPES_DIFFER: Record<string, { layer: string; reason: string }> = {
  'fixture-18': {
    layer: 'layers[2]',
    reason:
      'avgpool2d k2 s2 on 9×9 is 4×4 in floor mode and 5×5 in Netscope (ceil); with a ceil pool the next layer, ' +
      'adaptivemaxpool2d 5×5 → 2×2, has unequal windows and no Caffe equivalent.',
  },
  'fixture-27': {
    layer: 'layers[7]',
    reason:
      'avgpool2d k2 s2 p1 ceil on 7×7: PyTorch (like Caffe) drops the last window, which would start in the padding ' +
      '(4×4); Netscope computes ceil((7 + 2 − 2) / 2) + 1 = 5 (analyzer.coffee, "pooling" case) and keeps it.',
  },
};

const pathOf = (caffeName: string) => caffeName.split('@')[0];
/** Netscope's ops per FlopLab path (BatchNorm + its Scale summed), floored: see the deconvolution rule. */
function netscopeByPath(f: Fixture): Map<string, bigint> {
  const m = new Map<string, number>();
  for (const [name, , , ops] of f.layers) if (name !== 'data') m.set(pathOf(name), (m.get(pathOf(name)) ?? 0) + ops);
  return new Map([...m].map(([k, v]) => [k, BigInt(Math.floor(v))]));
}

function evaluated(f: Fixture, ceil: boolean): Row[] {
  const model = ceil ? { ...f.model, layers: withCeilPools(f.model.layers) } : f.model;
  const r = evaluateModel(model, { conventions: ['netscope'] });
  expect(r.errors, `${f.name} evaluates without errors`).toBe(0);
  return r.rows;
}

/** [path, ours, Netscope's] for every row whose count is not Netscope's (rows Netscope lacks: 0). */
function layerDiffs(rows: readonly Row[], ns: Map<string, bigint>, upTo?: string): [string, bigint, bigint][] {
  const out: [string, bigint, bigint][] = [];
  for (const row of rows) {
    if (row.path === upTo) break;
    const theirs = ns.get(row.path) ?? 0n;
    if (row.counts[0] !== theirs) out.push([row.path, row.counts[0], theirs]);
  }
  return out;
}

/**
 * Netscope's param column (analyzer.coffee mem.param) from FlopLab's rows: convolution and
 * innerproduct as PyTorch; BatchNorm 2·C (mean and variance; its Scale layer and every other Scale,
 * PReLU included, 0); LRN 2 (α, β); Deconvolution Kw·Kh·Cin·Cout (no groups, no bias).
 * Training-only heads are not in the prototxt.
 */
function netscopeParams(rows: readonly Row[]): bigint {
  let sum = 0n;
  for (const r of rows) {
    const s = (r.symbols ?? {}) as Record<string, number>;
    if (r.trainingOnly) continue;
    if (r.type === 'conv2d' || r.type === 'linear') sum += r.params;
    else if (r.type === 'batchnorm2d') sum += BigInt(2 * s.C);
    else if (r.type === 'lrn') sum += 2n;
    else if (r.type === 'convtranspose2d') sum += BigInt(s.Kh * s.Kw * s.Cin * s.Cout);
  }
  return sum;
}

describe('netscope fixtures (real Netscope output)', () => {
  it('cover the 30 tool fixtures, the extra models and the zoo presets, all from one Netscope commit', () => {
    expect(FIXTURES.filter((f) => f.source.startsWith('tool-fixtures.jsonl')).length).toBe(30);
    expect(FIXTURES.filter((f) => f.source.startsWith('preset ')).length).toBeGreaterThanOrEqual(5);
    for (const f of FIXTURES) expect(f.netscope).toMatchObject({ repo: 'dgschwend/netscope', commit: COMMIT });
    // No model is left out silently: exactly the listed ones have shapes Netscope cannot share.
    expect(FIXTURES.filter((f) => f.shapes === 'differ').map((f) => f.name)).toEqual(Object.keys(SHAPES_DIFFER));
  });

  const compared = FIXTURES.filter((f) => f.shapes !== 'differ');
  it.each(compared.map((f) => [f.name, f] as const))('%s: total = sum of Netscope’s counters', (_name, f) => {
    const rows = evaluated(f, f.shapes === 'ceil-pools');
    const ns = netscopeByPath(f);
    expect(layerDiffs(rows, ns)).toEqual([]);
    const counted = f.placeholders ?? f;
    const sum = Object.values(counted.counters).reduce((a, b) => a + b, 0);
    expect(sum).toBe(counted.total);
    const ours = evaluateModel(
      f.shapes === 'ceil-pools' ? { ...f.model, layers: withCeilPools(f.model.layers) } : f.model,
      { conventions: ['netscope'] },
    ).totals.counts[0];
    // Netscope's deconvolution multiplies by Kw/Sw·Kh/Sh in floating point; FlopLab floors each layer.
    const expected = Number.isInteger(sum) ? BigInt(sum) : [...ns.values()].reduce((a, b) => a + b, 0n);
    expect(ours).toBe(expected);
  });

  it('ceil-pools fixtures really need ceil pools: FlopLab’s own shapes differ from Netscope’s', () => {
    for (const f of FIXTURES.filter((x) => x.shapes === 'ceil-pools')) {
      const netscopeOut = new Map(f.layers.map(([name, , out]) => [name, out]));
      const rows = evaluated(f, false);
      const differs = rows.some((r) => {
        const theirs = netscopeOut.get(r.path);
        const ours = r.output && (r.output.length === 1 ? [r.output[0], 1, 1] : r.output).join('×');
        return theirs !== undefined && ours !== theirs;
      });
      expect(differs, f.name).toBe(true);
      expect(f.floplabShapeDifference, f.name).toMatch(/\((maxpool2d|avgpool2d)\)/);
    }
  });

  it.each(Object.entries(SHAPES_DIFFER))('%s (shapes differ): layers before %s match', (name, { layer, reason }) => {
    const f = FIXTURES.find((x) => x.name === name) as Fixture;
    expect(reason.length).toBeGreaterThan(0);
    expect(f.floplabShapeDifference?.startsWith(`${layer} `)).toBe(true);
    expect(layerDiffs(evaluated(f, false), netscopeByPath(f), layer)).toEqual([]);
  });

  it('Netscope reports "Unknown Layer" for exactly the layers FlopLab counts 0 for that reason', () => {
    for (const f of FIXTURES.filter((x) => x.unknownLayers)) {
      const types = (f.netscopeErrors ?? []).map((e) => e.replace('Unknown Layer: ', ''));
      expect(types.length, f.name).toBe(f.unknownLayers?.length);
      expect(f.placeholders?.errors, f.name).toEqual([]);
      const rows = new Map(evaluated(f, f.shapes === 'ceil-pools').map((r) => [r.path, r]));
      for (const p of f.unknownLayers ?? []) expect(rows.get(p)?.counts[0], `${f.name} ${p}`).toBe(0n);
    }
    for (const f of FIXTURES.filter((x) => !x.unknownLayers)) expect(f.netscopeErrors, f.name).toBeUndefined();
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s: Netscope’s param total follows its own rules', (_n, f) => {
    expect(netscopeParams(evaluated(f, f.shapes === 'ceil-pools'))).toBe(BigInt((f.placeholders ?? f).params));
  });
});
