/**
 * View-only state that is not part of the document and not undoable: the range of sibling
 * layers picked with Shift+click (for "wrap in a block"), the child list the palette inserts
 * into when a list header was chosen, and the palette's search box (so "/" can focus it).
 */
import { createContext, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';

export interface UiState {
  /** Extra sibling paths selected with Shift+click, in list order (includes the selection). */
  readonly range: readonly string[];
  setRange(paths: readonly string[]): void;
  /** A child list path (`layers[2].shortcut`) the palette inserts into, or null = after the selection. */
  readonly listTarget: string | null;
  setListTarget(path: string | null): void;
  readonly paletteInput: RefObject<HTMLInputElement | null>;
}

const UiContext = createContext<UiState | null>(null);

export function UiProvider({ children }: { children: ReactNode }) {
  const [range, setRange] = useState<readonly string[]>([]);
  const [listTarget, setListTarget] = useState<string | null>(null);
  const paletteInput = useRef<HTMLInputElement | null>(null);
  const value = useMemo(() => ({ range, setRange, listTarget, setListTarget, paletteInput }), [range, listTarget]);
  return <UiContext.Provider value={value}>{children}</UiContext.Provider>;
}

export function useUi(): UiState {
  const v = useContext(UiContext);
  if (!v) throw new Error('useUi must be used inside <UiProvider>');
  return v;
}
