/**
 * Reuse inside the evaluator must be invisible. Two mechanisms (src/engine/shared-layers.ts and
 * the per-run memos in src/engine/rows.ts) let `evaluateModel` skip work; every test here holds
 * it to `evaluateModelFromScratch`, which evaluates every layer on its own, row for row
 * (bigints, shapes, params_, paths, -0 included: toEqual compares numbers with Object.is).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateModel, evaluateModelFromScratch, type ModelResult } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { hashOf, sameContent, sameLayer, UNSHAREABLE } from '../../../src/engine/shared-layers';
import { sumRows, ZERO_COUNTS, type Row } from '../../../src/engine/rows';
import { layerList, model } from '../../helpers/arbitraries';
import { deepModel } from '../../../bench/models';

const ALL = { conventions: CONVENTION_IDS };

const asModel = (layers: LayerSpec[], input = [4, 8, 8]): Model => ({
  format: 'floplab.model/2',
  name: 't',
  input,
  batch: 2,
  layers,
});

/** Evaluates a fresh copy both ways and expects identical results. */
function expectSameAsScratch(m: Model): ModelResult {
  const shared = evaluateModel(structuredClone(m), ALL);
  expect(shared).toEqual(evaluateModelFromScratch(structuredClone(m), ALL));
  return shared;
}

const conv = (extra: Record<string, unknown> = {}): LayerSpec =>
  Object.assign({ type: 'conv2d', out: 4, kernel: 3, padding: 1 }, extra) as LayerSpec;

// Pairs of layers that differ in one detail. Side by side on one input (the two branches of a
// concat), the second must not take the first one's rows. Why each detail matters:
const NEAR_MISSES: [string, LayerSpec, LayerSpec][] = [
  // Seed article: conv parameters Kh·Kw·Cin·Cout + Cout with a bias, without it no + Cout.
  ['bias on/off', conv({ bias: false }), conv({ bias: true })],
  // Same counts, different field value in params_ (PyTorch padding="same" vs 1 for k = 3).
  ['padding 1 vs "same"', conv(), conv({ padding: 'same' })],
  // -0 passes validation like 0; params_ must still hold what the spec says.
  ['padding 0 vs -0', conv({ padding: 0 }), conv({ padding: -0 })],
  ['kernel 3 vs [3, 3]', conv(), conv({ kernel: [3, 3] })],
  ['groups 1 vs 2', conv({ groups: 1 }), conv({ groups: 2 })],
  ['names differ', conv({ name: 'a' }), conv({ name: 'b' })],
  ['name absent vs undefined', conv(), conv({ name: undefined })],
  ['unknown field (an error row)', conv(), conv({ extra: 1 })],
  ['relu vs relu6', { type: 'relu' }, { type: 'relu6' }],
  [
    'residual: last layer of the body differs',
    { type: 'residual', body: [conv(), { type: 'relu' }] },
    { type: 'residual', body: [conv(), { type: 'relu6' }] },
  ],
  [
    'residual: empty shortcut vs none',
    { type: 'residual', body: [conv()] },
    { type: 'residual', body: [conv()], shortcut: [] },
  ],
  ['repeat times 2 vs 3', { type: 'repeat', times: 2, body: [conv()] }, { type: 'repeat', times: 3, body: [conv()] }],
  ['aux vs residual (training-only rows)', { type: 'aux', body: [conv()] }, { type: 'residual', body: [conv()] }],
];

describe('sharing equal layers within a run', () => {
  it.each(NEAR_MISSES)('%s: the second layer gets its own numbers', (_name, a, b) => {
    const r = expectSameAsScratch(asModel([{ type: 'concat', branches: [[a], [b]] }]));
    const [rowA, rowB] = [r.rows[1], r.rows[r.rows[1].end]];
    expect(rowB.path).toBe('layers[0].branches[1][0]');
    // The second branch's row is not the first one's moved: its spec is its own.
    expect(rowB.params_).not.toBe(rowA.params_);
  });

  it('equal invalid layers keep their own error messages (they name the path)', () => {
    const bad = conv({ kernel: 0 });
    const r = expectSameAsScratch(asModel([{ type: 'concat', branches: [[bad], [structuredClone(bad)]] }]));
    expect(r.rows[1].error).toContain('layers[0].branches[0][0]');
    expect(r.rows[2].error).toContain('layers[0].branches[1][0]');
  });

  it('layers equal but for their own name share the numbers and keep their name and fields', () => {
    const r = expectSameAsScratch(
      asModel([
        conv({ name: 'a' }),
        conv({ name: 'b' }),
        conv(),
        { type: 'residual', name: 'r1', body: [conv({ name: 'x' })] },
        { type: 'residual', name: 'r2', body: [conv({ name: 'x' })] },
        { type: 'residual', body: [conv({ name: 'y' })] },
      ]),
    );
    expect(r.rows.map((x) => x.name)).toEqual(['a', 'b', undefined, 'r1', 'x', 'r2', 'x', undefined, 'y']);
    expect(r.rows.map((x) => x.params_?.name)).toEqual(['a', 'b', undefined, 'r1', 'x', 'r2', 'x', undefined, 'y']);
    expect(r.rows[1].counts).toBe(r.rows[0].counts);
    expect(r.rows[2].counts).toBe(r.rows[0].counts);
    expect(r.rows[5].total).toBe(r.rows[3].total); // the whole block, inner names equal
    expect(r.rows[7].total).toBe(r.rows[3].total); // inner name differs: shared too, each row named its own
  });

  it('blocks equal but for the names inside share one evaluation; every row keeps its own name and fields', () => {
    const named = (n: string): LayerSpec => ({
      type: 'residual',
      name: `block ${n}`,
      body: [
        conv({ name: `${n}.conv` }),
        { type: 'repeat', times: 2, body: [conv({ name: `${n}.rep{i}` }), { type: 'relu' }] },
        { type: 'aux', name: `${n}.head`, body: [conv({ name: `${n}.aux` })] },
        { type: 'concat', branches: [[conv({ name: `${n}.left` })], [conv()], []] },
        conv({ name: `${n}.mix`, kernel: 1, padding: 0 }),
      ],
    });
    // The third block leaves names out where the first has them, the fourth adds one the first lacks.
    const bare = structuredClone(named('c'));
    (bare.body as LayerSpec[])[0] = conv();
    const extra = structuredClone(named('d'));
    (((extra.body as LayerSpec[])[3].branches as LayerSpec[][])[1][0] as { name?: string }).name = 'd.right';
    const r = expectSameAsScratch(asModel([named('a'), named('b'), bare, extra]));
    expect(r.errors).toBe(0);
    const tops = r.rows.filter((x) => x.depth === 0);
    expect(tops.map((x) => x.name)).toEqual(['block a', 'block b', 'block c', 'block d']);
    expect(new Set(tops.map((x) => x.total)).size).toBe(1); // one evaluation, placed three times
    expect(r.rows.filter((x) => x.name?.startsWith('b.')).map((x) => x.name)).toEqual([
      'b.conv',
      'b.rep0',
      'b.rep1',
      'b.head',
      'b.aux',
      'b.left',
      'b.mix',
    ]);
    expect(r.rows.find((x) => x.name === 'd.right')?.params_?.name).toBe('d.right');
  });

  it('blocks whose inner ids or froms differ, or whose inner name is invalid, are not shared', () => {
    const block = (inner: Record<string, unknown>): LayerSpec => ({ type: 'residual', body: [conv(inner)] });
    for (const [a, b] of [
      [{ id: 'p' }, { id: 'q' }],
      [{ id: 'p' }, {}],
      [{ name: 'ok' }, { name: 'n'.repeat(201) }],
    ]) {
      const r = expectSameAsScratch(asModel([block(a), block(b)]));
      expect(r.rows[2].total).not.toBe(r.rows[0].total);
    }
  });

  it('an invalid name is never shared away (the layer reports it)', () => {
    for (const name of ['n'.repeat(201), 7, null]) {
      const r = expectSameAsScratch(asModel([{ type: 'concat', branches: [[conv()], [conv({ name })]] }]));
      expect(r.rows[2].error).toMatch(/name/);
    }
  });

  it('the same layer on another input shape is evaluated again', () => {
    const r = expectSameAsScratch(asModel([conv(), { type: 'maxpool2d', kernel: 2, stride: 2 }, conv()]));
    expect(r.rows[0].output).toEqual([4, 8, 8]);
    expect(r.rows[2].output).toEqual([4, 4, 4]);
    expect(r.rows[2].flops).toBe(r.rows[0].flops / 4n);
  });

  it('equal layers do share (rows moved from the first one, same numbers)', () => {
    const r = expectSameAsScratch(asModel([conv(), conv(), { type: 'residual', body: [conv()] }, conv()]));
    expect(r.rows[1].counts).toBe(r.rows[0].counts);
    expect(r.rows[3].counts).toBe(r.rows[0].counts); // inside the residual, one level deeper
    expect(r.rows[3].depth).toBe(1);
    expect(r.rows[4].counts).toBe(r.rows[0].counts);
  });

  it('training-only rows and the same layers outside an aux head stay apart', () => {
    const aux: LayerSpec = { type: 'aux', body: [conv(), { type: 'relu' }] };
    const r = expectSameAsScratch(asModel([conv(), aux, conv(), structuredClone(aux), conv()]));
    const convs = r.rows.filter((x) => x.type === 'conv2d');
    expect(convs.map((x) => [x.trainingOnly ?? false, x.flops > 0n])).toEqual([
      [false, true],
      [true, false],
      [false, true],
      [true, false],
      [false, true],
    ]);
  });

  it('a 1,000-layer residual stack (the benchmark model) equals the from-scratch evaluation', () => {
    const r = expectSameAsScratch(deepModel(1000));
    expect(r.rows.length).toBeGreaterThan(990);
    // Evidence that sharing ran: most rows hold another row's counts array.
    const distinct = new Set(r.rows.map((x) => x.counts)).size;
    expect(distinct).toBeLessThan(30);
  });

  it('random models, and random blocks repeated as equal copies, equal the from-scratch evaluation', () => {
    fc.assert(
      fc.property(model, layerList, fc.integer({ min: 2, max: 4 }), (m, body, copies) => {
        expectSameAsScratch(m);
        const repeated = Array.from({ length: copies }, () => structuredClone(body)).flat();
        expectSameAsScratch({ ...m, layers: [...m.layers, ...repeated] });
        const blocks = Array.from({ length: copies }, (_, i) =>
          i % 2 ? { type: 'aux', body: structuredClone(body) } : { type: 'residual', body: structuredClone(body) },
        );
        expectSameAsScratch({ ...m, layers: [...blocks, ...m.layers, ...blocks.map((b) => structuredClone(b))] });
        // Every layer named (as an ONNX import does), inside blocks too (body, shortcut, branches):
        // names differ, numbers are shared, each row keeps its own name (some fill in a repeat's {i}).
        let k = 0;
        const named = (ls: LayerSpec[]): LayerSpec[] =>
          ls.map((l) => {
            const lists = Object.entries(l).filter(
              ([, v]) => Array.isArray(v) && v.every((x) => typeof x === 'object'),
            );
            const inside = lists.map(([key, v]) => [
              key,
              key === 'branches' ? (v as LayerSpec[][]).map(named) : named(v as LayerSpec[]),
            ]);
            const n = k++;
            return Object.assign({}, l, { name: n % 4 === 3 ? `n{i}` : `n${n % 3}` }, Object.fromEntries(inside));
          });
        expectSameAsScratch({ ...m, layers: named([...repeated, ...blocks, ...structuredClone(m.layers)]) });
      }),
      { numRuns: 150, seed: 20261128 },
    );
  });
});

describe('sums of repeated rows', () => {
  it('groups equal terms only when every count is equal (same counts array is not enough)', () => {
    const [r] = evaluateModel(asModel([conv()]), ALL).rows;
    const other: Row = { ...r, params: r.params + 1n };
    expect(other.counts).toBe(r.counts);
    const acc = ZERO_COUNTS(CONVENTION_IDS.length);
    sumRows(acc, [r, other, r, r], 0, 4);
    expect(acc.params).toBe(4n * r.params + 1n);
    expect(acc.flops).toBe(4n * r.flops);
    expect(acc.counts).toEqual(r.counts.map((c) => 4n * c));
  });

  it('more distinct terms than groups are still all added', () => {
    const rows = evaluateModel(
      asModel(Array.from({ length: 12 }, (_, i) => conv({ out: 4, name: `c${i}` }))),
      ALL,
    ).rows;
    const acc = ZERO_COUNTS(CONVENTION_IDS.length);
    sumRows(acc, rows, 0, rows.length);
    expect(acc.params).toBe(rows.reduce((t, x) => t + x.params, 0n));
    expect(acc.activations).toBe(rows.reduce((t, x) => t + x.activations, 0n));
  });
});

describe('memos of the run before', () => {
  it('unchanged layers keep their row objects after an edit; moved and edited ones are rebuilt', () => {
    const m = asModel([conv(), { type: 'residual', body: [conv(), { type: 'relu' }] }, conv({ bias: true })]);
    const before = evaluateModel(m, ALL);
    const edited = { ...m, layers: [m.layers[0], m.layers[1], conv({ bias: false })] };
    const after = evaluateModel(edited, ALL);
    expect(after).toEqual(evaluateModelFromScratch(structuredClone(edited), ALL));
    for (let i = 0; i < 4; i++) expect(after.rows[i]).toBe(before.rows[i]);
    expect(after.rows[4]).not.toBe(before.rows[4]);
    // Inserting a layer in front moves every row: same numbers, new paths.
    const shifted = { ...m, layers: [{ type: 'relu' }, ...m.layers] };
    const moved = evaluateModel(shifted, ALL);
    expect(moved).toEqual(evaluateModelFromScratch(structuredClone(shifted), ALL));
    expect(moved.rows.map((x) => x.path).slice(1, 4)).toEqual(['layers[1]', 'layers[2]', 'layers[2].body[0]']);
  });

  it('a layer object taken out of an aux head counts its compute again', () => {
    const inner = conv({ name: 'inside' });
    const withAux = asModel([{ type: 'aux', body: [inner, { type: 'relu' }] }]);
    expect(evaluateModel(withAux, ALL).rows[1].flops).toBe(0n);
    const outside = asModel([inner, { type: 'aux', body: [{ type: 'relu' }] }]);
    const r = evaluateModel(outside, ALL);
    expect(r).toEqual(evaluateModelFromScratch(structuredClone(outside), ALL));
    expect(r.rows[0].flops).toBeGreaterThan(0n);
  });

  it('a moved layer with an error gets a message with its new path', () => {
    const bad = { type: 'residual', body: [conv({ kernel: 0 })] } as LayerSpec;
    expect(evaluateModel(asModel([bad]), ALL).rows[1].error).toContain('layers[0].body[0]');
    const moved = asModel([{ type: 'relu' }, bad]);
    expect(evaluateModel(moved, ALL)).toEqual(evaluateModelFromScratch(structuredClone(moved), ALL));
  });

  it('another model evaluated in between does not confuse the next run', () => {
    const a = asModel([conv(), { type: 'relu' }]);
    const b = asModel([conv({ out: 8 }), { type: 'relu' }], [4, 8, 8]);
    evaluateModel(a, ALL);
    evaluateModel(b, ALL);
    const a2 = { ...a, layers: [a.layers[0], { type: 'relu6' }] };
    expect(evaluateModel(a2, ALL)).toEqual(evaluateModelFromScratch(structuredClone(a2), ALL));
    // Same layer objects, other batch: the batch is part of the run key.
    const a3 = { ...a2, batch: 3 };
    expect(evaluateModel(a3, ALL)).toEqual(evaluateModelFromScratch(structuredClone(a3), ALL));
  });
});

describe('content equality behind the sharing', () => {
  const IN = [3, 8, 8];
  // [a, b, equal?]. Equal means the evaluator cannot tell them apart (see shared-layers.ts).
  // Equal values hash alike, except that the hash follows property order (so specs written in
  // another order are not looked up, though they would compare equal).
  const CASES: [unknown, unknown, boolean][] = [
    [{ type: 'relu' }, { type: 'relu' }, true],
    [{ type: 'conv2d', out: 4, kernel: 3, bias: false }, { type: 'conv2d', out: 4, kernel: 3, bias: false }, true],
    [{ type: 'conv2d', out: 4, kernel: 3 }, { type: 'conv2d', out: 4, kernel: 3, bias: true }, false],
    [{ type: 'conv2d', padding: 0 }, { type: 'conv2d', padding: -0 }, false],
    [{ type: 'x', v: NaN }, { type: 'x', v: NaN }, true],
    [{ type: 'x', v: 1 }, { type: 'x', v: '1' }, false],
    [{ type: 'x', v: [1, 2] }, { type: 'x', v: [1, 2, 3] }, false],
    [{ type: 'x', v: [1, [2]] }, { type: 'x', v: [1, [2]] }, true],
    [{ type: 'x', v: 0.5 }, { type: 'x', v: 0.5 }, true],
    [{ type: 'x', v: 0.5 }, { type: 'x', v: 0.25 }, false],
    [{ type: 'x', v: null }, { type: 'x', v: undefined }, false],
    [{ type: 'x', v: undefined }, { type: 'x' }, false],
    [{ type: 'x', v: {} }, { type: 'x', v: [] }, false],
    [{ type: 'r', body: [{ type: 'relu' }] }, { type: 'r', body: [{ type: 'relu', name: 'n' }] }, false],
  ];

  it.each(CASES)('%j vs %j: equal = %s', (a, b, equal) => {
    const ha = hashOf(a as object, IN);
    const hb = hashOf(b as object, IN);
    expect(ha).not.toBe(UNSHAREABLE);
    expect(hb).not.toBe(UNSHAREABLE);
    expect(sameContent(a, b)).toBe(equal);
    expect(sameContent(b, a)).toBe(equal);
    if (equal) expect(ha).toBe(hb);
  });

  it('sameLayer ignores names (when valid) and the own id and from of the layer', () => {
    const body = [{ type: 'relu', name: 'inner' }];
    expect(sameLayer({ type: 'relu', name: 'a' }, { type: 'relu', name: 'b' })).toBe(true);
    expect(sameLayer({ type: 'relu' }, { type: 'relu', name: 'b' })).toBe(true);
    expect(sameLayer({ type: 'relu', name: 3 }, { type: 'relu' })).toBe(false);
    // Inside a block names are skipped too (when valid), ids are not.
    expect(sameLayer({ type: 'residual', body }, { type: 'residual', body: [{ type: 'relu', name: 'other' }] })).toBe(
      true,
    );
    expect(sameLayer({ type: 'residual', body: [{ type: 'relu', name: 3 }] }, { type: 'residual', body })).toBe(false);
    expect(sameLayer({ type: 'residual', body: [{ type: 'relu', id: 'a' }] }, { type: 'residual', body })).toBe(false);
    expect(hashOf({ type: 'residual', body }, IN)).toBe(hashOf({ type: 'residual', body: [{ type: 'relu' }] }, IN));
    expect(hashOf({ type: 'residual', body: [{ type: 'relu', name: 3 }] }, IN)).toBe(UNSHAREABLE);
    expect(hashOf({ type: 'relu', name: 'a' }, IN)).toBe(hashOf({ type: 'relu' }, IN));
    expect(hashOf({ type: 'relu', name: 3 }, IN)).toBe(UNSHAREABLE);
  });

  it('property order: compared equal, hashed apart', () => {
    const [a, b] = [
      { type: 'conv2d', out: 4, kernel: 3 },
      { kernel: 3, type: 'conv2d', out: 4 },
    ];
    expect(sameContent(a, b)).toBe(true);
    expect(hashOf(a, IN)).not.toBe(hashOf(b, IN));
  });

  it('refuses what is not plain data', () => {
    for (const v of [() => 1, 1n, Symbol('s'), new Date(0), new Map(), [1, undefined], [{ type: 'relu', f: () => 1 }]])
      expect(hashOf({ type: 'x', v }, IN)).toBe(UNSHAREABLE);
    // eslint-disable-next-line no-sparse-arrays
    expect(hashOf({ type: 'x', v: [1, , 3] }, IN)).toBe(UNSHAREABLE);
  });

  it('a value compared without hashing is checked as it is walked', () => {
    expect(sameContent(new Date(0), {})).toBe(false);
    expect(sameContent({ type: 'x', v: new Map() }, { type: 'x', v: {} })).toBe(false);
    // eslint-disable-next-line no-sparse-arrays
    expect(sameContent({ type: 'x', v: [1, , 3] }, { type: 'x', v: [1, 2, 3] })).toBe(false);
    expect(sameContent({ type: 'x', v: () => 1 }, { type: 'x', v: {} })).toBe(false);
  });

  it('the input shape is part of the hash', () => {
    expect(hashOf({ type: 'relu' }, [3, 8, 8])).not.toBe(hashOf({ type: 'relu' }, [3, 8, 9]));
  });
});
