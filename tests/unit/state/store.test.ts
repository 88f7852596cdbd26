// The editor store (src/state/store.ts): each action of the state/ui contract
// (notes/h3contract.md) and undo/redo of at least 100 steps (issue 3, "State").
import { beforeEach, describe, expect, it } from 'vitest';
import { loadState, UNDO_LIMIT, useEditor } from '../../../src/state/store';
import { emptyModel } from '../../../src/state/defaults';
import { getAt } from '../../../src/engine/format/edit';
import type { Model } from '../../../src/engine/format/model';

const base = (): Model => ({
  format: 'floplab.model/2',
  name: 'base',
  input: [3, 8, 8],
  layers: [
    { type: 'conv2d', name: 'c1', out: 4, kernel: 3 },
    { type: 'relu', name: 'r1' },
    { type: 'residual', name: 'res', body: [{ type: 'conv2d', name: 'inner', out: 4, kernel: 1 }] },
  ],
});

const s = () => useEditor.getState();
const t = () => useEditor.temporal.getState();
const names = () => s().model.layers.map((l) => l.name ?? l.type);

beforeEach(() => {
  loadState({ model: base(), selection: null, collapsed: {} });
  useEditor.setState({ notice: null });
});

describe('model fields', () => {
  it('setInput, setBatch, setName each make one undo step', () => {
    s().setInput([1, 28, 28]);
    s().setBatch(8);
    s().setName('mnist');
    expect(s().model).toMatchObject({ input: [1, 28, 28], batch: 8, name: 'mnist' });
    expect(t().pastStates).toHaveLength(3);
  });

  it('setModel replaces the model, optionally renamed, and clears selection', () => {
    s().select('layers[0]');
    s().setModel(emptyModel(), { name: 'fresh' });
    expect(s().model.name).toBe('fresh');
    expect(s().model.layers).toEqual([]);
    expect(s().selection).toBeNull();
  });

  it('newModel empties the model and is undoable', () => {
    s().newModel();
    expect(s().model.layers).toHaveLength(0);
    s().undo();
    expect(names()).toEqual(['c1', 'r1', 'res']);
  });
});

describe('layer actions', () => {
  it('updateLayer merges fields and deletes those set to undefined', () => {
    s().updateLayer('layers[0]', { out: 16, stride: 2 });
    expect(s().model.layers[0]).toMatchObject({ out: 16, stride: 2, kernel: 3 });
    s().updateLayer('layers[0]', { stride: undefined });
    expect('stride' in s().model.layers[0]).toBe(false);
  });

  it('updateLayer keeps the other layers identical (the engine parse cache relies on it)', () => {
    const before = s().model;
    s().updateLayer('layers[2].body[0]', { out: 8 });
    expect(s().model.layers[0]).toBe(before.layers[0]);
    expect(s().model.layers[1]).toBe(before.layers[1]);
  });

  it('replaceLayer', () => {
    s().replaceLayer('layers[1]', { type: 'sigmoid' });
    expect(s().model.layers[1]).toEqual({ type: 'sigmoid' });
  });

  it('insertLayer after a path, at the end for null, and returns the selected new path', () => {
    expect(s().insertLayer('layers[0]', { type: 'batchnorm2d', name: 'bn' })).toBe('layers[1]');
    expect(names()).toEqual(['c1', 'bn', 'r1', 'res']);
    expect(s().selection).toBe('layers[1]');
    expect(s().insertLayer(null, { type: 'flatten' })).toBe('layers[4]');
    expect(s().insertLayer('layers[3].body[0]', { type: 'relu' })).toBe('layers[3].body[1]');
  });

  it('insertLayerInto reaches an empty list inside a block', () => {
    expect(s().insertLayerInto('layers[2].shortcut', 0, { type: 'relu' })).toBe('layers[2].shortcut[0]');
    expect(getAt(s().model, 'layers[2].shortcut[0]')).toEqual({ type: 'relu' });
  });

  it('deleteLayer moves the selection to what takes its place, then the previous, then the parent', () => {
    s().select('layers[1]');
    s().deleteLayer('layers[1]');
    expect(names()).toEqual(['c1', 'res']);
    expect(s().selection).toBe('layers[1]');
    s().select('layers[1]');
    s().deleteLayer('layers[1]');
    expect(s().selection).toBe('layers[0]');
    s().undo();
    s().select('layers[1].body[0]');
    s().deleteLayer('layers[1].body[0]');
    expect(s().selection).toBe('layers[1]');
  });

  it('duplicateLayer inserts an equal copy (not the same object) after it and selects it', () => {
    s().duplicateLayer('layers[2]');
    expect(s().model.layers[3]).toEqual(s().model.layers[2]);
    expect(s().model.layers[3]).not.toBe(s().model.layers[2]);
    expect(s().selection).toBe('layers[3]');
  });

  it('moveLayer moves and the selection follows', () => {
    s().select('layers[0]');
    s().moveLayer('layers[0]', 1);
    expect(names()).toEqual(['r1', 'c1', 'res']);
    expect(s().selection).toBe('layers[1]');
  });

  it('moveLayerTo moves into a block', () => {
    s().moveLayerTo('layers[1]', 'layers[2].body', 1);
    expect(names()).toEqual(['c1', 'res']);
    expect(getAt(s().model, 'layers[1].body[1]')?.name).toBe('r1');
    expect(s().selection).toBe('layers[1].body[1]');
  });

  it('wrapInBlock and unwrapBlock', () => {
    s().wrapInBlock(['layers[0]', 'layers[1]'], 'repeat');
    expect(s().model.layers[0]).toMatchObject({ type: 'repeat', times: 1 });
    expect(s().selection).toBe('layers[0]');
    s().unwrapBlock('layers[0]');
    expect(names()).toEqual(['c1', 'r1', 'res']);
    expect(s().selection).toBe('layers[0]');
  });

  it.each([
    ['deleteLayer', () => s().deleteLayer('layers[9]'), 'layers[9] does not exist'],
    ['moveLayer', () => s().moveLayer('layers[0]', -1), 'already first'],
    ['unwrapBlock', () => s().unwrapBlock('layers[0]'), 'not a block'],
    ['updateLayer', () => s().updateLayer('garbage', { out: 1 }), 'not a layer path'],
    ['insertLayer', () => s().insertLayer('layers[x]', { type: 'relu' }), 'not a layer path'],
  ])('a failed %s leaves the model and shows a notice', (_name, act, msg) => {
    const before = s().model;
    act();
    expect(s().model).toBe(before);
    expect(s().notice?.kind).toBe('error');
    expect(s().notice?.text).toContain(msg);
    expect(t().pastStates).toHaveLength(0);
    s().dismissNotice();
    expect(s().notice).toBeNull();
  });
});

describe('view state is not history', () => {
  it('select, toggleCollapsed and setSettings add no undo step', () => {
    s().select('layers[2]');
    s().toggleCollapsed('layers[2]');
    s().setSettings({ numberFormat: 'exact', dtype: 'int8', theme: 'dark', convention: 'torchvision' });
    expect(s().collapsed).toEqual({ 'layers[2]': true });
    expect(s().settings).toMatchObject({ numberFormat: 'exact', dtype: 'int8', theme: 'dark' });
    expect(t().pastStates).toHaveLength(0);
    s().toggleCollapsed('layers[2]');
    expect(s().collapsed).toEqual({});
  });

  it('an unknown convention is refused with a notice', () => {
    const before = s().settings;
    s().setSettings({ convention: 'nope' });
    expect(s().settings).toBe(before);
    expect(s().notice?.text).toContain('unknown convention "nope"');
  });
});

describe('collapsed blocks follow their layers', () => {
  it('through insert, move, delete and undo', () => {
    s().toggleCollapsed('layers[2]');
    s().insertLayer(null, { type: 'relu' }); // after it: unchanged
    expect(s().collapsed).toEqual({ 'layers[2]': true });
    s().insertLayer('layers[0]', { type: 'relu' }); // before it: shifts
    expect(s().collapsed).toEqual({ 'layers[3]': true });
    s().moveLayerTo('layers[3]', 'layers', 0);
    expect(s().collapsed).toEqual({ 'layers[0]': true });
    s().updateLayer('layers[0].body[0]', { out: 9 }); // edited inside: same place, same type
    expect(s().collapsed).toEqual({ 'layers[0]': true });
    s().deleteLayer('layers[0]');
    expect(s().collapsed).toEqual({});
    s().undo();
    expect(s().collapsed).toEqual({});
    s().toggleCollapsed('layers[0]');
    s().undo(); // before the inner edit: another object, same place and type
    expect(s().collapsed).toEqual({ 'layers[0]': true });
    s().undo(); // before the move: the same block object, found at layers[3]
    expect(s().collapsed).toEqual({ 'layers[3]': true });
  });
});

describe('undo / redo', () => {
  it(`goes back ${UNDO_LIMIT} steps and forward again, exactly`, () => {
    expect(UNDO_LIMIT).toBeGreaterThanOrEqual(100);
    const seen: Model[] = [s().model];
    for (let i = 1; i <= UNDO_LIMIT; i++) {
      s().updateLayer('layers[0]', { out: i });
      seen.push(s().model);
    }
    for (let i = UNDO_LIMIT - 1; i >= 0; i--) {
      s().undo();
      expect(s().model).toBe(seen[i]);
    }
    s().undo(); // nothing left: stays
    expect(s().model).toBe(seen[0]);
    for (let i = 1; i <= UNDO_LIMIT; i++) {
      s().redo();
      expect(s().model).toBe(seen[i]);
    }
  });

  it('forgets the oldest step past the limit', () => {
    for (let i = 1; i <= UNDO_LIMIT + 5; i++) s().updateLayer('layers[0]', { out: i });
    expect(t().pastStates).toHaveLength(UNDO_LIMIT);
  });

  it('a new edit after undo drops the redo branch', () => {
    s().setName('a');
    s().undo();
    expect(t().futureStates).toHaveLength(1);
    s().setName('b');
    expect(t().futureStates).toHaveLength(0);
  });

  it('undo clears a selection that no longer exists', () => {
    s().insertLayer(null, { type: 'flatten' });
    expect(s().selection).toBe('layers[3]');
    s().undo();
    expect(s().selection).toBeNull();
  });

  it('loadState starts a fresh history', () => {
    s().setName('x');
    loadState({ model: base() });
    expect(t().pastStates).toHaveLength(0);
  });
});
