/**
 * The zoo (src/engine/presets: ~55 network definitions) loads on demand — when the picker opens
 * or a preset model is on screen — so it stays out of the page's initial JavaScript.
 */
import { useEffect, useState } from 'react';
import { t } from '../i18n';

export type PresetsModule = typeof import('../../engine/presets');

let loading: Promise<PresetsModule> | null = null;
let loaded: PresetsModule | null = null;

export function loadPresets(): Promise<PresetsModule> {
  loading ??= import('../../engine/presets').then(
    (m) => (loaded = m),
    (err: unknown) => {
      loading = null; // a failed chunk load (offline) may succeed on the next try
      throw err;
    },
  );
  return loading;
}

/** The zoo module once loaded (null until then, or `{ error }` when its chunk failed to load). */
export function usePresetsModule(enabled = true): PresetsModule | { error: string } | null {
  const [state, setState] = useState<PresetsModule | { error: string } | null>(loaded);
  useEffect(() => {
    if (!enabled || loaded) return;
    let live = true;
    loadPresets().then(
      (m) => live && setState(m),
      (err: unknown) => live && setState({ error: t('presets.loadFailed', { error: String(err) }) }),
    );
    return () => {
      live = false;
    };
  }, [enabled]);
  return state ?? (enabled ? loaded : null);
}
