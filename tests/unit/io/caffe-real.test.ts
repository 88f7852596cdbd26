/**
 * Community Caffe prototxt files (tests/fixtures/caffe-real/sources.json: repository, commit, path,
 * licence) imported by FlopLab and held to what the real Netscope (dgschwend/netscope @8ae36d8)
 * shows for them: tests/fixtures/caffe-real/netscope.jsonl, what Netscope @8ae36d8 showed (scripts/fixtures/README-netscope.md).
 *
 * For every file: it imports, every row evaluates, every layer of the file has its row (none passed
 * through), and the only not-counted rows are the ones listed below. For every layer Netscope
 * analyses (its type has a case in analyzer.coffee and so has everything it reads), its output
 * shape and its counters' sum equal the `netscope` convention's on FlopLab's rows of that layer,
 * except the differences listed with their reason; where Netscope analyses every layer, the totals
 * are equal.
 *
 * The prototxt files themselves are read from CAFFE_REAL_DIR, tests/fixtures/caffe-real/ or
 * shared/reference/caffe-real/ beside the repository, whichever has them (see SOURCES.md there).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateModel, type Row } from '../../../src/engine/evaluate';
import { importPrototxt } from '../../../src/engine/import/prototxt';
import { parseProtoText, strField, strsField, type TextMessage } from '../../../src/engine/import/prototxt-text';

type NetscopeLayer = [name: string, type: string, out: string, ops: number, valid: boolean];
interface Fixture {
  file: string;
  total: number | null;
  params: number | null;
  errors: string[];
  fully: boolean;
  layers: NetscopeLayer[];
}
interface Source {
  file: string;
  repo: string;
  commit: string;
  path: string;
  license: string;
  covers: string;
}

const FIXTURES = readFileSync('tests/fixtures/caffe-real/netscope.jsonl', 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Fixture);
const SOURCES = JSON.parse(readFileSync('tests/fixtures/caffe-real/sources.json', 'utf8')) as Source[];

const DIR = [process.env.CAFFE_REAL_DIR, 'tests/fixtures/caffe-real', '../shared/reference/caffe-real'].find(
  (d): d is string => !!d && SOURCES.every((s) => existsSync(join(d, s.file))),
);

/** Not-counted rows each file may have (Caffe types), and nothing else. */
const NOT_COUNTED: Readonly<Record<string, Record<string, number>>> = {
  'mobilenet_ssd.prototxt': { PriorBox: 6, DetectionOutput: 1 },
  'ssd300_vgg.prototxt': { PriorBox: 6, DetectionOutput: 1 },
};

/**
 * Layers Netscope analyses whose count or shape differs from the `netscope` convention on
 * FlopLab's rows, by Caffe type, with the reason. Nothing else may differ.
 */
const DIFFERENCES: Readonly<Record<string, string>> = {
  bn:
    'SegNet’s and PSPNet’s BN layer normalises, scales and shifts in one layer; Netscope’s "bn" case is its ' +
    'BatchNorm case (add + div = 2 per element) and misses the scale. FlopLab maps it to an affine batchnorm2d, ' +
    'which the netscope convention counts as the BatchNorm + Scale pair Caffe writes it as (3 per element).',
};

/** Types whose output shape Netscope computes by a rule of its own (its shape is not compared). */
const NETSCOPE_SHAPE_RULES: Readonly<Record<string, string>> = {
  priorbox:
    'analyzer.coffee sizes PriorBox 2 × 4 × min_size·aspect_ratio(·2 with flip), multiplying the parameters themselves ' +
    '(NaN for a list); Caffe’s output is [1, 2, H·W·priors·4] (prior_box_layer.cpp), which FlopLab gives it.',
};

const SKIPPED =
  /^(data|input|imagedata|windowdata|hdf5data|memorydata|dummydata|annotateddata|denseimagedata|videodata|split|accuracy|silence|hdf5output)$/;

interface CaffeLayer {
  name: string;
  type: string;
  tops: string[];
  bottoms: string[];
}

function caffeLayers(text: string): CaffeLayer[] {
  const p = parseProtoText(text);
  if (!p.ok) throw new Error(p.error);
  return [...(p.msg.layer ?? []), ...(p.msg.layers ?? [])]
    .filter((l): l is TextMessage => typeof l === 'object')
    .map((l) => ({
      name: strField(l, 'name') ?? '',
      type: (strField(l, 'type') ?? '').toLowerCase().replace(/_/g, ''),
      tops: strsField(l, 'top'),
      bottoms: strsField(l, 'bottom'),
    }));
}

/** FlopLab's output as Netscope prints it: C×H×W, a vector C×1×1, two dims A×B×1. */
const shapeText = (s: readonly number[] | undefined) =>
  !s ? '?' : s.length <= 3 ? [...s, 1, 1].slice(0, 3).join('×') : `[${s.join(', ')}]`;

const cases = FIXTURES.map((f) => [f.file, f] as const);

describe.skipIf(!DIR)('community Caffe files against Netscope (tests/fixtures/caffe-real)', () => {
  it('every source is in the fixture, one line each', () => {
    expect(FIXTURES.map((f) => f.file)).toEqual(SOURCES.map((s) => s.file));
  });

  it.each(cases)('%s', (file, f) => {
    const text = readFileSync(join(DIR as string, file), 'utf8');
    const r = importPrototxt(text, file);
    if (!r.ok) throw new Error(r.error);
    const result = evaluateModel(r.model, { conventions: ['netscope'] });
    expect(result.rows.filter((x) => x.error).map((x) => `${x.name}: ${x.error}`)).toEqual([]);

    // Every layer of the file has a row (a Scale after a BatchNorm is that BatchNorm's γ, β).
    const layers = caffeLayers(text);
    const names = new Set(layers.map((l) => l.name));
    const owner = (row: Row): string => {
      let n = row.name ?? '';
      while (!names.has(n) && n.includes('.')) n = n.slice(0, n.lastIndexOf('.'));
      return n;
    };
    const rowsOf = new Map<string, Row[]>();
    for (const row of result.rows) {
      const o = owner(row);
      rowsOf.set(o, [...(rowsOf.get(o) ?? []), row]);
    }
    const producer = new Map<string, string>();
    const ownerOf = new Map<string, string>();
    for (const l of layers) {
      const own = rowsOf.has(l.name) || l.bottoms.length === 0 ? l.name : (producer.get(l.bottoms[0]) ?? l.name);
      ownerOf.set(l.name, own);
      for (const t of l.tops) producer.set(t, own);
    }
    const missing = layers
      .filter((l) => !SKIPPED.test(l.type) && !/loss$/.test(l.type) && !rowsOf.has(l.name))
      .filter((l) => !(l.type === 'scale' && layers.find((b) => b.name === ownerOf.get(l.name))?.type === 'batchnorm'))
      .map((l) => `${l.name} (${l.type})`);
    expect(missing, 'layers without a row').toEqual([]);

    const notCounted: Record<string, number> = {};
    for (const i of result.notCounted ?? []) {
      const op = String(result.rows[i].params_?.op ?? '?');
      notCounted[op] = (notCounted[op] ?? 0) + 1;
    }
    expect(notCounted, 'not-counted rows').toEqual(NOT_COUNTED[file] ?? {});

    // Per layer, where Netscope analyses it and everything before it.
    const ours = new Map<string, bigint>();
    for (const [o, rows] of rowsOf)
      ours.set(
        o,
        rows.reduce((a, x) => a + x.counts[0], 0n),
      );
    const theirs = new Map<string, { ops: number; valid: boolean; types: Set<string> }>();
    for (const [name, type, , ops, valid] of f.layers) {
      const o = ownerOf.get(name) ?? producer.get(name) ?? name;
      const t = theirs.get(o) ?? { ops: 0, valid: true, types: new Set<string>() };
      t.ops += ops;
      t.valid &&= valid;
      t.types.add(type.toLowerCase());
      theirs.set(o, t);
    }
    const countDiffs: string[] = [];
    let compared = 0;
    for (const [o, t] of theirs) {
      if (!t.valid || !rowsOf.has(o)) continue;
      compared++;
      const mine = ours.get(o) ?? 0n;
      if (mine !== BigInt(Math.floor(t.ops)) && ![...t.types].some((ty) => ty in DIFFERENCES))
        countDiffs.push(`${o} (${[...t.types].join('+')}): ours ${mine}, Netscope ${t.ops}`);
    }
    expect(countDiffs, 'per-layer counts').toEqual([]);
    // Netscope analysed some layers of every file it did not crash on (the comparison is not empty).
    if (f.layers.some(([, ty, , , v]) => v && !/^(data|input)$/i.test(ty))) expect(compared).toBeGreaterThan(0);

    const shapeDiffs: string[] = [];
    for (const [name, type, out, , valid] of f.layers) {
      const rows = rowsOf.get(name);
      const t = type.toLowerCase();
      if (!valid || !rows || t in NETSCOPE_SHAPE_RULES || t in DIFFERENCES) continue;
      const mine = shapeText(rows[rows.length - 1].output ?? undefined);
      if (mine !== out) shapeDiffs.push(`${name} (${type}): ours ${mine}, Netscope ${out}`);
    }
    expect(shapeDiffs, 'per-layer shapes').toEqual([]);

    if (f.fully) expect(result.totals.counts[0], 'total').toBe(BigInt(f.total as number));
  });
});

describe('caffe-real fixture files', () => {
  it('name their source and licence', () => {
    for (const s of SOURCES) {
      expect(s.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(s.repo).toMatch(/^[\w.-]+\/[\w.-]+$/);
      expect(s.license.length).toBeGreaterThan(2);
    }
  });
  it('come from one Netscope commit', () => {
    expect(FIXTURES.length).toBe(SOURCES.length);
  });
});
