// @vitest-environment jsdom
/**
 * "updating…" only for slow answers (src/state/transition.ts useSlowFlag): the totals'
 * (useSlowPending, evaluation store) and the runtime line's (useRuntimeSlowPending, runtime store).
 * A fast answer must never show it: on the runtime line, aria-live would announce it on every edit.
 */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLOW_PENDING_MS, useEvaluationStore, useSlowPending } from '../../../src/state/evaluation';
import { useRuntimeSlowPending, useRuntimeStore } from '../../../src/state/runtime';

const HOOKS: [string, (pending: boolean) => void, () => boolean][] = [
  ['useSlowPending (totals)', (pending) => useEvaluationStore.setState({ pending }), () => useSlowPending()],
  ['useRuntimeSlowPending (runtime line)', (pending) => useRuntimeStore.setState({ pending }), useRuntimeSlowPending],
];

describe.each(HOOKS)('%s', (_name, setPending, useHook) => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it(`turns true only after ${SLOW_PENDING_MS} ms of pending, and false as soon as the answer is in`, () => {
    vi.useFakeTimers();
    act(() => setPending(false));
    const { result } = renderHook(useHook);
    expect(result.current).toBe(false);
    act(() => setPending(true));
    act(() => vi.advanceTimersByTime(SLOW_PENDING_MS - 1));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
    act(() => setPending(false));
    expect(result.current).toBe(false);
  });

  it('a fast answer never shows it', () => {
    vi.useFakeTimers();
    act(() => setPending(false));
    const { result } = renderHook(useHook);
    act(() => setPending(true));
    act(() => vi.advanceTimersByTime(20));
    act(() => setPending(false));
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(false);
  });
});
