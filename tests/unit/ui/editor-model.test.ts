import { describe, expect, it } from 'vitest';
import { evaluateModel } from '../../../src/engine/evaluate';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { kindOf } from '../../../src/engine/layers/registry';
import type { FieldSpec } from '../../../src/engine/layers/fields';
import type { Model } from '../../../src/engine/format/model';
import { flattenModel, indexIn, isWithin, parentList } from '../../../src/ui/editor/tree';
import { fieldText, parseField, starterFields } from '../../../src/ui/editor/fieldText';
import { filterKinds, newLayerSpec } from '../../../src/ui/editor/Palette';
import { parseShape } from '../../../src/ui/editor/InputBar';
import { numbersByPath, numbersLookup, numbersOfResult } from '../../../src/ui/numbers';
import resnet18 from '../../fixtures/resnet18.json';

const model: Model = {
  format: 'floplab.model/2',
  input: [3, 8, 8],
  layers: [
    { type: 'conv2d', out: 4, kernel: 3, padding: 1 },
    { type: 'residual', body: [{ type: 'relu' }], shortcut: [] },
    { type: 'concat', branches: [[{ type: 'relu' }], []] },
    { type: 'repeat', times: 3, body: [{ type: 'batchnorm2d' }] },
  ],
};

describe('flattenModel: display order with a header per child list', () => {
  it('lists layers and list headers depth-first with model paths', () => {
    const items = flattenModel(model, {});
    expect(items.map((i) => `${i.kind}:${i.id}@${i.depth}`)).toEqual([
      'layer:layers[0]@0',
      'layer:layers[1]@0',
      'list:layers[1].body@1',
      'layer:layers[1].body[0]@1',
      'list:layers[1].shortcut@1',
      'layer:layers[2]@0',
      'list:layers[2].branches[0]@1',
      'layer:layers[2].branches[0][0]@1',
      'list:layers[2].branches[1]@1',
      'layer:layers[3]@0',
      'list:layers[3].body@1',
      'layer:layers[3].body[0]@1',
    ]);
  });
  it('hides the inside of collapsed blocks and labels empty lists', () => {
    const items = flattenModel(model, { 'layers[1]': true, 'layers[3]': true });
    expect(items.filter((i) => i.id.startsWith('layers[1].') || i.id.startsWith('layers[3].'))).toEqual([]);
    const shortcut = flattenModel(model, {}).find((i) => i.id === 'layers[1].shortcut');
    expect(shortcut?.kind === 'list' && shortcut.label).toBe('shortcut (empty: identity)');
  });
  it('never throws on a broken document', () => {
    expect(flattenModel({ ...model, layers: [null as never, { type: 'nope' }] }, {}).length).toBe(2);
  });
});

describe('path helpers', () => {
  it.each([
    ['layers[3]', 'layers', 3],
    ['layers[2].body[4]', 'layers[2].body', 4],
    ['layers[5].branches[1][0]', 'layers[5].branches[1]', 0],
  ])('%s is item %s[%i]', (p, list, i) => {
    expect(parentList(p)).toBe(list);
    expect(indexIn(p)).toBe(i);
  });
  it('isWithin: a block cannot be dropped into itself', () => {
    expect(isWithin('layers[2].body', 'layers[2]')).toBe(true);
    expect(isWithin('layers[2]', 'layers[2]')).toBe(true);
    expect(isWithin('layers[21].body', 'layers[2]')).toBe(false);
  });
});

// Field specs are the engine's (src/engine/layers/common-fields.ts): kernel is a 'pair',
// padding accepts "same" (PyTorch Conv2d padding='same'), out is an int.
describe('parseField', () => {
  const KERNEL = kindOf('conv2d')!.fields.find((f) => f.name === 'kernel') as FieldSpec;
  const PADDING = kindOf('conv2d')!.fields.find((f) => f.name === 'padding') as FieldSpec;
  const OUT = kindOf('conv2d')!.fields.find((f) => f.name === 'out') as FieldSpec;
  it.each([
    [KERNEL, '3', 3],
    [KERNEL, '3, 5', [3, 5]],
    [KERNEL, '[1,7]', [1, 7]],
    [KERNEL, '3x5', [3, 5]],
    [KERNEL, '0', 0], // parses; the engine reports "kernel must be a positive integer" on the row
    [KERNEL, '', undefined], // empty = delete the field
    [PADDING, 'same', 'same'],
    [PADDING, '2', 2],
    [OUT, '64', 64],
  ])('%#: "%s"', (f, text, want) => expect(parseField(f, text as string)).toEqual({ ok: true, value: want }));
  it.each([
    [KERNEL, 'abc'],
    [KERNEL, '3, 5, 7'],
    [OUT, '6.5'],
    [PADDING, 'valid'],
  ])('%#: rejects "%s" with a message naming the field', (f, text) => {
    const r = parseField(f, text);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(f.label);
  });
  it('fieldText shows pairs as "h, w"', () => expect(fieldText([3, 5])).toBe('3, 5'));
});

describe('palette', () => {
  it('filters by type, label and summary words', () => {
    expect(filterKinds('conv').map((k) => k.type)).toContain('conv2d');
    expect(filterKinds('residual')[0].type).toBe('residual');
    // An exact type wins over longer names that contain it (relu6, leakyrelu).
    expect(filterKinds('relu')[0].type).toBe('relu');
    expect(filterKinds('conv2d')[0].type).toBe('conv2d');
    expect(filterKinds('zzzz')).toEqual([]);
  });
  it.each([
    ['fc', 'linear'],
    ['dense', 'linear'],
    ['bn', 'batchnorm2d'],
    ['dwconv', 'conv2d'],
    ['skip', 'residual'],
    ['add', 'add'],
    ['gap', 'adaptiveavgpool2d'],
    ['mha', 'attention'],
  ])('the other name "%s" finds %s first', (q, type) => {
    expect(filterKinds(q)[0].type).toBe(type);
  });
  it('every kind inserts as a layer the engine evaluates without a field error', () => {
    for (const k of filterKinds('')) {
      const spec = newLayerSpec(k);
      expect(starterFields(k.type, k.fields)).toBeTypeOf('object');
      const r = evaluateModel({ format: 'floplab.model/2', input: [8, 16, 16], layers: [spec] });
      const err = r.rows[0]?.error ?? '';
      // Shape errors (a linear on a feature map) are fine; field validation errors are not.
      expect(err, `${k.type}: ${err}`).not.toMatch(/must be|is required|unknown field/);
    }
  });
});

describe('parseShape', () => {
  it.each([
    ['3, 224, 224', [3, 224, 224]],
    ['3x32x32', [3, 32, 32]],
    ['[1, 28, 28]', [1, 28, 28]],
    ['784', [784]],
    ['197, 768', [197, 768]],
  ])('"%s"', (t, want) => expect(parseShape(t)).toEqual(want));
  it.each(['1, 2, 3, 4, 5, 6, 7, 8, 9', '0, 4, 4', 'a, b, c', ''])('rejects "%s"', (t) =>
    expect(typeof parseShape(t)).toBe('string'),
  );
});

// Source: shared/reference/zoo.md via tests/fixtures/resnet18.json (torchvision resnet18):
// the editor's per-layer numbers must add up to the engine's totals.
describe('numbersByPath on ResNet-18', () => {
  const r = evaluateModel(resnet18 as Model, { conventions: [...CONVENTION_IDS] });
  const nums = numbersByPath(r);
  it('top-level rows (blocks as their totals) sum to the model totals', () => {
    const top = (resnet18 as Model).layers.map((_, i) => nums.get(`layers[${i}]`)!);
    expect(top.reduce((a, n) => a + n.params, 0n)).toBe(11_689_512n);
    expect(top.reduce((a, n) => a + n.macs, 0n)).toBe(r.totals.macs);
    expect(top.reduce((a, n) => a + n.flops, 0n)).toBe(r.totals.flops);
  });
  it('a layer inside a repeat sums its iterations', () => {
    // layer1 = repeat ×2 of a basic block: its first conv runs twice (64·64·9 weights each).
    const conv = nums.get('layers[4].body[0].body[0]')!;
    expect(conv.instances).toBe(2);
    expect(conv.params).toBe(2n * 64n * 64n * 9n);
  });
});

// The editor's rows are memoised on their numbers object: an edit must give new objects only to
// the rows whose numbers changed (src/ui/numbers.ts), or every visible row re-renders per edit.
describe('numbersByPath keeps the objects of unchanged numbers', () => {
  const ALL = { conventions: [...CONVENTION_IDS] };
  const before = evaluateModel(resnet18 as Model, ALL);
  const edited: Model = {
    ...(resnet18 as Model),
    layers: (resnet18 as Model).layers.map((l, i) => (i === 0 ? { ...l, bias: true } : l)),
  };
  const after = evaluateModel(edited, ALL);
  const a = numbersByPath(before);
  const b = numbersByPath(after, a);

  it('an unchanged layer keeps its object; the edited one and the blocks around it do not', () => {
    expect(b.get('layers[1]')).toBe(a.get('layers[1]'));
    expect(b.get('layers[0]')).not.toBe(a.get('layers[0]'));
    expect(b.get('layers[0]')!.params).toBe(a.get('layers[0]')!.params + 64n); // + Cout bias terms
  });

  it('a layer summed over repeat iterations keeps its object when its sum is the same', () => {
    const path = 'layers[4].body[0].body[0]';
    expect(b.get(path)!.instances).toBe(2);
    expect(b.get(path)).toBe(a.get(path));
  });

  it('numbersOfResult: one map per result for every view, and the next result keeps unchanged objects', () => {
    const first = numbersOfResult(before);
    expect(numbersOfResult(before)).toBe(first); // the list and the details panel share it
    const second = numbersOfResult(after);
    expect(second.get('layers[1]')).toBe(first.get('layers[1]'));
    expect(second.get('layers[4].body[0].body[0]')).toBe(first.get('layers[4].body[0].body[0]'));
    expect(numbersOfResult(null).size).toBe(0);
  });

  it('without the previous map, summed entries are new but equal; every path is there', () => {
    const c = numbersByPath(after);
    expect([...c.keys()]).toEqual([...b.keys()]);
    for (const [path, n] of c) expect(n, path).toEqual(b.get(path));
  });
});

// While a result is for an older model (the edit shows at once, its numbers a moment later), the
// list must never show one layer's numbers on another's row (src/ui/numbers.ts numbersLookup).
describe('numbersLookup: the numbers of the current layers from an older model’s result', () => {
  const ALL = { conventions: [...CONVENTION_IDS] };
  const conv = (out: number) => ({ type: 'conv2d', out, kernel: 3, padding: 1 });
  const old: Model = {
    format: 'floplab.model/2',
    input: [3, 8, 8],
    layers: [conv(4), { type: 'relu' }, conv(8), { type: 'residual', body: [conv(8)] }],
  };
  const nums = numbersByPath(evaluateModel(old, ALL));
  const at = (m: Model, i: number) => m.layers[i];
  const params = (m: Model, path: string, i: number) => numbersLookup(m, old, nums)(path, at(m, i))?.params ?? null;

  it('same model: by path', () => {
    expect(numbersLookup(old, old, nums)('layers[2]', at(old, 2))).toBe(nums.get('layers[2]'));
  });

  it('a layer inserted above: the rows below keep their own numbers; the new one has none', () => {
    const m: Model = { ...old, layers: [old.layers[0], conv(16), ...old.layers.slice(1)] };
    expect(params(m, 'layers[1]', 1)).toBeNull();
    expect(params(m, 'layers[3]', 3)).toBe(nums.get('layers[2]')!.params);
  });

  it('a layer deleted: the rows below keep their own numbers', () => {
    const m: Model = { ...old, layers: [old.layers[0], old.layers[2], old.layers[3]] };
    expect(params(m, 'layers[1]', 1)).toBe(nums.get('layers[2]')!.params);
  });

  it('a field edited (a new object at the same path): its previous numbers until the new ones come', () => {
    const m: Model = { ...old, layers: old.layers.map((l, i) => (i === 2 ? { ...l, out: 9 } : l)) };
    expect(params(m, 'layers[2]', 2)).toBe(nums.get('layers[2]')!.params);
  });

  it('a layer of another type now at that path: none', () => {
    const swapped: Model = { ...old, layers: [old.layers[0], { type: 'relu6' }, ...old.layers.slice(2)] };
    expect(params(swapped, 'layers[1]', 1)).toBeNull();
  });

  it('a layer moved one place (Alt+↑): both rows keep their own numbers', () => {
    const moved: Model = { ...old, layers: [old.layers[0], old.layers[2], old.layers[1], old.layers[3]] };
    expect(params(moved, 'layers[1]', 1)).toBe(nums.get('layers[2]')!.params);
    expect(params(moved, 'layers[2]', 2)).toBe(nums.get('layers[1]')!.params);
  });

  it('several changes at once (a worker answer several edits behind): none rather than a wrong one', () => {
    // old[0] deleted, old[2] moved to the top, a new conv inserted: nothing is "in place".
    const m: Model = { ...old, layers: [old.layers[2], conv(4), old.layers[1], old.layers[3]] };
    expect(params(m, 'layers[0]', 0)).toBeNull(); // a conv where a conv was, but its neighbours changed
    expect(params(m, 'layers[1]', 1)).toBeNull();
    expect(params(m, 'layers[2]', 2)).toBe(nums.get('layers[1]')!.params); // one place away
  });

  it('a layer inside a block whose path shifted with an insert above: none (not the other block’s numbers)', () => {
    const twoBlocks: Model = { ...old, layers: [...old.layers, { type: 'residual', body: [conv(8)] }] };
    const n2 = numbersByPath(evaluateModel(twoBlocks, ALL));
    const m: Model = { ...twoBlocks, layers: [conv(4), ...twoBlocks.layers] };
    const inner = (m.layers[4] as unknown as { body: Model['layers'] }).body[0];
    expect(numbersLookup(m, twoBlocks, n2)('layers[4].body[0]', inner)).toBeUndefined();
  });

  it('an edit inside a block: the block (a new object) keeps its numbers by path', () => {
    const block = old.layers[3] as unknown as { body: unknown[] };
    const m: Model = { ...old, layers: [...old.layers.slice(0, 3), { ...old.layers[3], body: [...block.body] }] };
    expect(params(m, 'layers[3]', 3)).toBe(nums.get('layers[3]')!.params);
  });
});
