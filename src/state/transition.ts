/**
 * Reading a store "later": a component that uses `useTransitioned` does not render in the urgent
 * render of the change (the edit's own event, the totals' frame), only in a transition after it,
 * which React may interrupt. For the parts of the screen that are not the edited field or the
 * totals: list numbers, charts, table, details, formulas.
 *
 * useDeferredValue is not enough for this: the component holding it still renders urgently once
 * (with the old value), and so does everything under it that is not memoised.
 */
import { startTransition, useEffect, useState } from 'react';

export interface ReadableStore<S> {
  getState(): S;
  subscribe(listener: (state: S, prev: S) => void): () => void;
}

export function useTransitioned<S, T>(store: ReadableStore<S>, select: (s: S) => T): T {
  const [value, setValue] = useState(() => select(store.getState()));
  useEffect(() => {
    // The store may have changed between this component's first render and this effect.
    const now = select(store.getState());
    startTransition(() => setValue(now));
    return store.subscribe((s, prev) => {
      const next = select(s);
      if (next !== select(prev)) startTransition(() => setValue(next));
    });
    // `select` must be a stable function (a module-level one): subscribing once is the point.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);
  return value;
}

/**
 * True once `store`'s `pending` has been true for `afterMs`, false as soon as it is not: for an
 * "updating…" that a fast answer never flashes (nor announces, in an aria-live region). Watches
 * the store outside React, so a pending flip that ends in time causes no render at all.
 */
export function useSlowFlag(store: ReadableStore<{ readonly pending: boolean }>, afterMs: number): boolean {
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const apply = (pending: boolean) => {
      if (pending) {
        timer ??= setTimeout(() => setSlow(true), afterMs);
        return;
      }
      if (timer) clearTimeout(timer);
      timer = null;
      setSlow(false);
    };
    apply(store.getState().pending);
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.pending !== prev.pending) apply(s.pending);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [store, afterMs]);
  return slow;
}
