// @vitest-environment jsdom
// The evaluation hook (src/state/evaluation.ts): every model change is evaluated with all
// conventions (state/ui contract), the newest model wins, performance marks frame each edit,
// and window.__floplab.killWorker exists for issue 8's recovery test.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook, waitFor } from '@testing-library/react';
import {
  INLINE_ROWS,
  OPEN_INLINE_ROWS,
  PAGE_EDIT_BUDGET_MS,
  PAGE_SLOW_SKIP,
  startEvaluation,
  useConventionIndex,
  useEvaluation,
  useEvaluationStore,
} from '../../../src/state/evaluation';
import { loadState, useEditor } from '../../../src/state/store';
import { starterModel } from '../../../src/state/defaults';
import { EngineClient } from '../../../src/worker/client';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import { evaluateModel } from '../../../src/engine/evaluate';

let stop: (() => void) | null = null;
const s = () => useEditor.getState();

beforeEach(() => {
  loadState({ model: starterModel(), selection: null });
  useEvaluationStore.setState({ result: null, pending: true });
  performance.clearMarks();
  // jsdom has no Worker, so this is the main-thread fallback running the real engine.
  stop = startEvaluation(new EngineClient({ conventions: CONVENTION_IDS }));
});
afterEach(() => {
  stop?.();
  stop = null;
});

const settled = () =>
  waitFor(() => {
    const st = useEvaluationStore.getState();
    expect(st.pending).toBe(false);
    expect(st.result).not.toBeNull();
  });

describe('evaluation', () => {
  it('evaluates the current model with every convention', async () => {
    await settled();
    const r = useEvaluationStore.getState().result;
    expect(r?.conventions).toEqual(CONVENTION_IDS);
    expect(r).toEqual(evaluateModel(s().model, { conventions: CONVENTION_IDS }));
  });

  it('re-evaluates on an edit; after a burst of edits the result is for the last model', async () => {
    await settled();
    for (let i = 1; i <= 30; i++) s().updateLayer('layers[0]', { out: i });
    expect(useEvaluationStore.getState().pending).toBe(true);
    await settled();
    const r = useEvaluationStore.getState().result;
    expect(r?.rows[0].output?.[0]).toBe(30);
    expect(r?.totals).toEqual(evaluateModel(s().model, { conventions: CONVENTION_IDS }).totals);
  });

  it('marks floplab:edit at each model change and floplab:result when a result is committed', async () => {
    await settled();
    performance.clearMarks();
    s().setBatch(4);
    await settled();
    expect(performance.getEntriesByName('floplab:edit')).toHaveLength(1);
    expect(performance.getEntriesByName('floplab:result')).toHaveLength(1);
    const [edit] = performance.getEntriesByName('floplab:edit');
    const [result] = performance.getEntriesByName('floplab:result');
    expect(result.startTime).toBeGreaterThanOrEqual(edit.startTime);
  });

  it('selection and settings changes do not re-evaluate', async () => {
    await settled();
    const before = useEvaluationStore.getState().result;
    performance.clearMarks();
    s().select('layers[0]');
    s().setSettings({ convention: 'torchvision' });
    await new Promise((r) => setTimeout(r, 20));
    expect(performance.getEntriesByName('floplab:edit')).toHaveLength(0);
    expect(useEvaluationStore.getState().result).toBe(before);
  });

  it('installs window.__floplab hooks', () => {
    const hooks = (window as unknown as { __floplab: Record<string, () => unknown> }).__floplab;
    expect(hooks.engineMode()).toBe('main-thread');
    expect(typeof hooks.killWorker).toBe('function');
    expect(hooks.workerRestarts()).toBe(0);
  });

  it('killWorker restarts the engine and re-evaluates the current model', async () => {
    await settled();
    performance.clearMarks();
    const hooks = (window as unknown as { __floplab: Record<string, () => unknown> }).__floplab;
    hooks.killWorker();
    expect(hooks.workerRestarts()).toBe(1);
    expect(useEvaluationStore.getState().pending).toBe(true);
    await settled();
    expect(performance.getEntriesByName('floplab:result')).toHaveLength(1);
  });
});

describe('hooks', () => {
  it('useEvaluation gives the result; useConventionIndex follows settings.convention', async () => {
    const { result } = renderHook(() => ({ ev: useEvaluation(), idx: useConventionIndex() }));
    await waitFor(() => expect(result.current.ev.result).not.toBeNull());
    expect(result.current.idx).toBe(CONVENTION_IDS.indexOf(s().settings.convention));
    act(() => s().setSettings({ convention: 'torchvision' }));
    expect(result.current.idx).toBe(CONVENTION_IDS.indexOf('torchvision'));
  });

  it('useConventionIndex is -1 before the first result', () => {
    stop?.();
    stop = null;
    useEvaluationStore.setState({ result: null, pending: true });
    const { result } = renderHook(() => useConventionIndex());
    expect(result.current).toBe(-1);
  });
});

describe('the first evaluation after the page opens (issue 20)', () => {
  const relus = (n: number) => ({
    format: 'floplab.model/2' as const,
    input: [3, 8, 8],
    layers: Array.from({ length: n }, () => ({ type: 'relu' })),
  });
  const restart = (n: number) => {
    stop?.();
    loadState({ model: relus(n), selection: null });
    useEvaluationStore.setState({ result: null, pending: true });
    stop = startEvaluation(new EngineClient({ conventions: CONVENTION_IDS, inlineRows: INLINE_ROWS }));
  };

  it(`is done on the page up to OPEN_INLINE_ROWS (${OPEN_INLINE_ROWS}) rows, and so are later edits while they stay cheap`, async () => {
    restart(INLINE_ROWS + 100);
    // Committed inside startEvaluation itself: no worker round trip at open.
    expect(useEvaluationStore.getState().pending).toBe(false);
    expect(useEvaluationStore.getState().result?.rows).toHaveLength(INLINE_ROWS + 100);
    // The page's engine holds the model: an edit of it is evaluated here too, in the edit's own task.
    s().setBatch(2);
    expect(useEvaluationStore.getState().pending).toBe(false);
    expect(useEvaluationStore.getState().result?.batch).toBe(2);
  });

  it(`an edit above INLINE_ROWS that took longer than PAGE_EDIT_BUDGET_MS sends the next PAGE_SLOW_SKIP off the page`, async () => {
    restart(INLINE_ROWS + 100);
    // The clock says the next page evaluation took 10 ms more than the budget allows.
    let fake = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (fake += PAGE_EDIT_BUDGET_MS + 10));
    s().setBatch(2); // evaluated on the page, but slow
    now.mockRestore();
    expect(useEvaluationStore.getState().result?.batch).toBe(2);
    for (let i = 0; i < PAGE_SLOW_SKIP; i++) {
      s().setBatch(3 + i);
      expect(useEvaluationStore.getState().pending).toBe(true); // over INLINE_ROWS and the page was slow: off the page
      await settled();
      expect(useEvaluationStore.getState().result?.batch).toBe(3 + i);
    }
    // Then the page is tried again.
    s().setBatch(1);
    expect(useEvaluationStore.getState().pending).toBe(false);
    expect(useEvaluationStore.getState().result?.batch).toBe(1);
  });

  it('a model over OPEN_INLINE_ROWS waits for the engine off the page even at open', async () => {
    restart(OPEN_INLINE_ROWS + 1);
    expect(useEvaluationStore.getState().pending).toBe(true);
    await settled();
    expect(useEvaluationStore.getState().result?.rows).toHaveLength(OPEN_INLINE_ROWS + 1);
  });
});
