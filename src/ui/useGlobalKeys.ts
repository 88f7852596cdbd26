/**
 * App-wide keys: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z (and Ctrl+Y) redo, "/" focuses the palette.
 * Undo is the model's, also inside text fields: every keystroke there is already a model edit.
 */
import { useEffect, type RefObject } from 'react';
import { useEditor } from '../state/store';

const typing = (t: EventTarget | null): boolean =>
  t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function useGlobalKeys(palette: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      if (mod && !e.altKey && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) useEditor.getState().redo();
        else useEditor.getState().undo();
      } else if (mod && !e.altKey && !e.shiftKey && key === 'y') {
        e.preventDefault();
        useEditor.getState().redo();
      } else if (e.key === '/' && !mod && !typing(e.target)) {
        e.preventDefault();
        palette.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [palette]);
}

/** Puts the `dark` class (Tailwind's dark variant) on <html> to match the theme setting. */
export function useThemeClass(): void {
  const theme = useEditor((s) => s.settings.theme);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
}
