// Structural edits by path (src/engine/format/edit.ts). Path grammar and the identity rule come
// from the state/ui contract (notes/h3contract.md): paths are the engine's Row.modelPath, and
// every untouched subtree must stay === because parseLayer caches by object identity
// (src/engine/layers/registry.ts).
import { describe, expect, it } from 'vitest';
import {
  EditError,
  getAt,
  getList,
  insertAt,
  followPaths,
  layerPaths,
  listOf,
  moveTo,
  moveWithin,
  parseListPath,
  parsePath,
  removeAt,
  unwrap,
  updateAt,
  wrap,
} from '../../../src/engine/format/edit';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { LayerSpec, Model } from '../../../src/engine/format/model';

const conv = (out: number, name?: string): LayerSpec => ({ type: 'conv2d', out, kernel: 3, padding: 1, name });
const fixture = (): Model => ({
  format: 'floplab.model/2',
  input: [3, 16, 16],
  layers: [
    conv(8, 'a'),
    { type: 'relu' },
    {
      type: 'residual',
      body: [conv(8, 'b0'), { type: 'batchnorm2d' }],
      shortcut: [{ type: 'conv2d', out: 8, kernel: 1, name: 's0' }],
    },
    { type: 'repeat', times: 2, body: [conv(8, 'r0'), { type: 'relu' }] },
    { type: 'concat', branches: [[conv(4, 'c00')], [conv(4, 'c10'), { type: 'relu' }], []] },
    { type: 'scale', body: [] },
  ],
});

describe('parsePath / parseListPath', () => {
  it.each([
    ['layers[3]', [{ key: 'layers', index: 3 }]],
    [
      'layers[3].body[1]',
      [
        { key: 'layers', index: 3 },
        { key: 'body', index: 1 },
      ],
    ],
    [
      'layers[5].branches[1][0]',
      [
        { key: 'layers', index: 5 },
        { key: 'branches', sub: 1, index: 0 },
      ],
    ],
  ])('%s', (path, steps) => expect(parsePath(path)).toEqual(steps));

  it.each(['', 'layers', 'body[1]', 'layers[1].', 'layers[-1]', 'layers[1][2]', 'layers[x]', 'layers[1][2][3]'])(
    'rejects %j with an EditError',
    (bad) => expect(() => parsePath(bad)).toThrow(EditError),
  );

  it.each([
    ['layers', { steps: [], key: 'layers' }],
    ['layers[2].shortcut', { steps: [{ key: 'layers', index: 2 }], key: 'shortcut' }],
    ['layers[4].branches[2]', { steps: [{ key: 'layers', index: 4 }], key: 'branches', sub: 2 }],
  ])('list %s', (path, ref) => expect(parseListPath(path)).toEqual(ref));

  it('listOf splits a layer path into its list and index', () => {
    expect(listOf('layers[4].branches[1][0]')).toEqual({ listPath: 'layers[4].branches[1]', index: 0 });
    expect(listOf('layers[7]')).toEqual({ listPath: 'layers', index: 7 });
  });
});

describe('reading', () => {
  const m = fixture();
  it.each([
    ['layers[0]', 'a'],
    ['layers[2].body[0]', 'b0'],
    ['layers[2].shortcut[0]', 's0'],
    ['layers[3].body[0]', 'r0'],
    ['layers[4].branches[1][0]', 'c10'],
  ])('getAt %s', (p, name) => expect(getAt(m, p)?.name).toBe(name));
  it.each(['layers[9]', 'layers[0].body[0]', 'layers[4].branches[7][0]', 'nonsense'])('getAt %s is undefined', (p) =>
    expect(getAt(m, p)).toBeUndefined(),
  );
  it('an absent optional list of a block reads as empty; a list of a leaf does not exist', () => {
    expect(getList(m, 'layers[3].body')).toHaveLength(2);
    expect(getList({ ...m, layers: [{ type: 'residual', body: [] }] }, 'layers[0].shortcut')).toEqual([]);
    expect(getList(m, 'layers[0].body')).toBeUndefined();
  });
});

describe('edits keep untouched subtrees identical', () => {
  it('updateAt rebuilds only the path to the layer', () => {
    const m = fixture();
    const n = updateAt(m, 'layers[2].body[0]', (l) => ({ ...l, out: 16 }));
    expect(n).not.toBe(m);
    expect(getAt(n, 'layers[2].body[0]')?.out).toBe(16);
    expect(getAt(m, 'layers[2].body[0]')?.out).toBe(8); // input untouched
    expect(n.layers[2]).not.toBe(m.layers[2]);
    for (const i of [0, 1, 3, 4, 5]) expect(n.layers[i]).toBe(m.layers[i]);
    expect(getAt(n, 'layers[2].body[1]')).toBe(getAt(m, 'layers[2].body[1]'));
    expect(n.layers[2].shortcut).toBe(m.layers[2].shortcut);
  });

  it('updateAt inside a branch keeps the other branches', () => {
    const m = fixture();
    const n = updateAt(m, 'layers[4].branches[1][1]', () => ({ type: 'sigmoid' }));
    const mb = m.layers[4].branches as LayerSpec[][];
    const nb = n.layers[4].branches as LayerSpec[][];
    expect(nb[0]).toBe(mb[0]);
    expect(nb[2]).toBe(mb[2]);
    expect(nb[1][0]).toBe(mb[1][0]);
    expect(nb[1][1]).toEqual({ type: 'sigmoid' });
  });

  it('insertAt at each end and into an absent optional list', () => {
    const m = fixture();
    const x: LayerSpec = { type: 'relu', name: 'x' };
    expect(insertAt(m, 'layers', 0, x).layers[0]).toBe(x);
    expect(insertAt(m, 'layers', 6, x).layers[6]).toBe(x);
    const r = { ...m, layers: [{ type: 'residual', body: [] }] };
    expect(getAt(insertAt(r, 'layers[0].shortcut', 0, x), 'layers[0].shortcut[0]')).toBe(x);
    const n = insertAt(m, 'layers[4].branches[2]', 0, x);
    expect(getAt(n, 'layers[4].branches[2][0]')).toBe(x);
    expect((n.layers[4].branches as unknown[])[0]).toBe((m.layers[4].branches as unknown[])[0]);
    expect(n.layers[3]).toBe(m.layers[3]);
  });

  it.each([
    ['layers', 7, 'position 7'],
    ['layers', -1, 'position -1'],
    ['layers[0].body', 0, 'does not exist'],
    ['layers[9].body', 0, 'does not exist'],
  ])('insertAt %s at %d fails with a clear message', (list, i, msg) =>
    expect(() => insertAt(fixture(), list, i, { type: 'relu' })).toThrow(msg),
  );

  it('removeAt', () => {
    const m = fixture();
    const n = removeAt(m, 'layers[3].body[0]');
    expect(getAt(n, 'layers[3].body')).toBeUndefined();
    expect(getList(n, 'layers[3].body')).toEqual([{ type: 'relu' }]);
    expect(n.layers[2]).toBe(m.layers[2]);
    expect(() => removeAt(m, 'layers[3].body[5]')).toThrow('layers[3].body[5] does not exist');
  });

  it('moveWithin up and down, refusing to leave the list', () => {
    const m = fixture();
    const down = moveWithin(m, 'layers[0]', 1);
    expect(down.path).toBe('layers[1]');
    expect(down.model.layers.slice(0, 2)).toEqual([m.layers[1], m.layers[0]]);
    expect(down.model.layers[2]).toBe(m.layers[2]);
    const up = moveWithin(m, 'layers[2].body[1]', -1);
    expect(up.path).toBe('layers[2].body[0]');
    expect(getAt(up.model, 'layers[2].body[1]')).toBe(getAt(m, 'layers[2].body[0]'));
    expect(up.model.layers[3]).toBe(m.layers[3]);
    expect(() => moveWithin(m, 'layers[2].shortcut[0]', -1)).toThrow('already first');
    expect(() => moveWithin(m, 'layers[5]', 1)).toThrow('already last');
  });
});

describe('moveTo (drag and drop)', () => {
  it('within one list: index is the final position', () => {
    const m = fixture();
    const r = moveTo(m, 'layers[0]', 'layers', 3);
    expect(r.path).toBe('layers[3]');
    expect(r.model.layers.map((l) => l.type)).toEqual(['relu', 'residual', 'repeat', 'conv2d', 'concat', 'scale']);
  });

  it('into a block that comes later in the same list (its index shifts after removal)', () => {
    const m = fixture();
    const r = moveTo(m, 'layers[1]', 'layers[3].body', 2);
    expect(r.path).toBe('layers[2].body[2]');
    expect(getAt(r.model, r.path)).toBe(m.layers[1]);
    expect(getAt(r.model, 'layers[2].body[0]')?.name).toBe('r0');
  });

  it('out of a block to the top level', () => {
    const m = fixture();
    const r = moveTo(m, 'layers[4].branches[1][0]', 'layers', 0);
    expect(r.path).toBe('layers[0]');
    expect(r.model.layers[0].name).toBe('c10');
    expect(getList(r.model, 'layers[5].branches[1]')).toEqual([{ type: 'relu' }]);
  });

  it('a block into itself is refused', () => {
    expect(() => moveTo(fixture(), 'layers[2]', 'layers[2].body', 0)).toThrow('into itself');
  });
});

describe('wrap / unwrap', () => {
  it.each([
    ['residual', { type: 'residual', body: ['a', 'relu'] }],
    ['repeat', { type: 'repeat', times: 1, body: ['a', 'relu'] }],
    ['scale', { type: 'scale', body: ['a', 'relu'] }],
    ['concat', { type: 'concat', branches: [['a', 'relu']] }],
  ] as const)('wrap the first two layers in %s', (block, expected) => {
    const m = fixture();
    const r = wrap(m, ['layers[1]', 'layers[0]'], block);
    expect(r.path).toBe('layers[0]');
    const b = r.model.layers[0];
    const names = (l: LayerSpec[]) => l.map((x) => x.name ?? x.type);
    const inner = b.type === 'concat' ? [names((b.branches as LayerSpec[][])[0])] : names(b.body as LayerSpec[]);
    expect({ ...b, ...(b.type === 'concat' ? { branches: inner } : { body: inner }) }).toEqual(expected);
    expect(r.model.layers).toHaveLength(5);
    expect(r.model.layers[1]).toBe(m.layers[2]);
  });

  it('wrapping in repeat ×1 leaves the counts unchanged (source: repeat = body run `times` times)', () => {
    const m = fixture();
    const before = evaluateModel(m, { conventions: ['exact'] }).totals;
    const after = evaluateModel(wrap(m, ['layers[0]', 'layers[1]'], 'repeat').model, { conventions: ['exact'] }).totals;
    expect(after.flops).toBe(before.flops);
    expect(after.params).toBe(before.params);
  });

  it('wrap refuses layers from different lists', () =>
    expect(() => wrap(fixture(), ['layers[0]', 'layers[2].body[0]'], 'residual')).toThrow('same list'));

  it('unwrap a repeat puts its body in its place', () => {
    const m = fixture();
    const r = unwrap(m, 'layers[3]');
    expect(r.paths).toEqual(['layers[3]', 'layers[4]']);
    expect(r.model.layers[3]).toBe((m.layers[3].body as LayerSpec[])[0]);
    expect(r.model.layers).toHaveLength(7);
  });

  it('unwrap a residual with a non-empty shortcut is refused; with an empty one it works', () => {
    const m = fixture();
    expect(() => unwrap(m, 'layers[2]')).toThrow('body and shortcut both have layers');
    const n = removeAt(m, 'layers[2].shortcut[0]');
    expect(unwrap(n, 'layers[2]').model.layers[2].name).toBe('b0');
  });

  it('unwrap an empty block removes it; unwrap a leaf is refused', () => {
    const m = fixture();
    expect(unwrap(m, 'layers[5]').model.layers).toHaveLength(5);
    expect(() => unwrap(m, 'layers[0]')).toThrow('not a block');
    expect(() => unwrap(m, 'layers[4]')).toThrow('both have layers');
  });
});

describe('following layers through edits', () => {
  it('layerPaths lists every layer, nested ones included, with its path', () => {
    const m = fixture();
    const paths = layerPaths(m);
    expect(paths.get(m.layers[2])).toBe('layers[2]');
    expect(paths.get(getAt(m, 'layers[4].branches[1][1]') as LayerSpec)).toBe('layers[4].branches[1][1]');
    expect(paths.size).toBe(14); // 6 top-level + 3 residual + 2 repeat + 3 concat
  });

  it('followPaths: by identity, else same place and type, else dropped', () => {
    const m = fixture();
    const moved = moveTo(m, 'layers[4]', 'layers', 0).model; // concat to the front
    expect(followPaths(m, moved, ['layers[4]', 'layers[2]', 'layers[4].branches[1][0]'])).toEqual([
      'layers[0]',
      'layers[3]',
      'layers[0].branches[1][0]',
    ]);
    const edited = updateAt(m, 'layers[3].body[0]', (l) => ({ ...l, out: 1 })); // new repeat object
    expect(followPaths(m, edited, ['layers[3]'])).toEqual(['layers[3]']);
    expect(followPaths(m, removeAt(m, 'layers[3]'), ['layers[3]'])).toEqual([]);
  });
});
