// @vitest-environment jsdom
/** "updating…" only for slow evaluations (src/state/evaluation.ts useSlowPending). */
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SLOW_PENDING_MS, useEvaluationStore, useSlowPending } from '../../../src/state/evaluation';

describe('useSlowPending', () => {
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it(`turns true only after ${SLOW_PENDING_MS} ms of pending, and false as soon as the result is in`, () => {
    vi.useFakeTimers();
    act(() => useEvaluationStore.setState({ pending: false }));
    const { result } = renderHook(() => useSlowPending());
    expect(result.current).toBe(false);
    act(() => useEvaluationStore.setState({ pending: true }));
    act(() => vi.advanceTimersByTime(SLOW_PENDING_MS - 1));
    expect(result.current).toBe(false);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current).toBe(true);
    act(() => useEvaluationStore.setState({ pending: false }));
    expect(result.current).toBe(false);
  });

  it('a fast evaluation never shows it', () => {
    vi.useFakeTimers();
    act(() => useEvaluationStore.setState({ pending: false }));
    const { result } = renderHook(() => useSlowPending());
    act(() => useEvaluationStore.setState({ pending: true }));
    act(() => vi.advanceTimersByTime(20));
    act(() => useEvaluationStore.setState({ pending: false }));
    act(() => vi.advanceTimersByTime(1000));
    expect(result.current).toBe(false);
  });
});
