/**
 * A minimal store for view-only state (teaching panels, interface language) without zustand,
 * which the UI does not import (the editor's state lives in src/state). React subscribes with
 * useSyncExternalStore; selectors must return primitives or references kept in the state.
 */
import { useSyncExternalStore } from 'react';

export interface ViewStore<S> {
  <T>(selector: (s: S) => T): T;
  getState(): S;
  setState(patch: Partial<S>): void;
  subscribe(listener: () => void): () => void;
}

export function createViewStore<S extends object>(
  init: (set: (patch: Partial<S>) => void, get: () => S) => S,
): ViewStore<S> {
  const listeners = new Set<() => void>();
  const set = (patch: Partial<S>) => {
    state = { ...state, ...patch };
    listeners.forEach((l) => l());
  };
  const get = () => state;
  let state: S = init(set, get);
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => {
      listeners.delete(l);
    };
  };
  const use = <T>(selector: (s: S) => T): T =>
    useSyncExternalStore(
      subscribe,
      () => selector(state),
      () => selector(state),
    );
  return Object.assign(use, { getState: get, setState: set, subscribe });
}
