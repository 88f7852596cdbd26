/**
 * What the state side says to the user (autosave, links, tabs, safe mode), in English here and
 * translated by the UI: src/ui/i18n carries these keys in every language (its English table
 * spreads STATE_MESSAGES_EN, so the two cannot drift) and registers its translator with
 * setStateTranslator when it loads, before the state starts. src/state never imports the UI.
 * Messages from the engine inside them (a link's or a limit's reason) stay as the engine says.
 */
import type { Model } from '../engine/format/model';
import { groupDigits } from '../engine/digits';
import { fill } from '../engine/messages';

export const STATE_MESSAGES_EN = {
  'state.storageFull':
    'Autosave failed: browser storage is full. Copy a share link or export the model to keep this work.',
  'state.storageBlocked':
    'Autosave failed: this browser does not let FlopLab store data. Copy a share link to keep this work.',
  'state.notAutosaved': 'Not autosaved: {reason}. Your last autosave is kept; undo or export this model.',
  'state.badLink': '{reason} Your autosaved model was kept.',
  'state.sharedOpened': 'Opened a shared model. Your autosaved model is kept.',
  'state.sharedOpenedWarning': 'Opened a shared model ({warning}). Your autosaved model is kept.',
  'state.openAutosaved': 'Open my autosaved model',
  'state.unreadable': 'Your autosave could not be restored: {reason}. It is kept under Saved copies.',
  'state.unreadable.lastGood': 'Your last good copy is from {time}.',
  'state.unreadable.new': 'Starting from a new model.',
  'state.openLastGood': 'Open the last good copy',
  'state.savedCopies': 'Saved copies…',
  'state.safeMode':
    'FlopLab did not finish opening your model last time ({model}; the tab may have crashed), so it was not opened again. It is kept under Saved copies.',
  'state.safeMode.lastGood': 'Showing your last good copy from {time}.',
  'state.safeMode.new': 'Showing a new model.',
  'state.safeMode.paused': 'Autosave is paused so it is not overwritten.',
  'state.openAnyway': 'Open it anyway',
  'state.otherTab.unsaved':
    "Another FlopLab tab saved different work at {time} ({model}). This tab's changes are not autosaved until you choose.",
  'state.otherTab.changed': 'This work was changed in another FlopLab tab at {time} ({model}).',
  'state.loadOtherTab': "Load the other tab's",
  'state.keepThisTab': "Keep this tab's",
  'state.model1': '"{name}", 1 top-level layer',
  'state.model': '"{name}", {n} top-level layers',
  'state.untitled': 'untitled',
  'state.unknownTime': 'an unknown time',
} as const;

export type StateMessageKey = keyof typeof STATE_MESSAGES_EN;
type Vars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible (the UI's tables use it too). */
export { fill };

let translator: ((key: StateMessageKey, vars?: Vars) => string) | null = null;

/** The UI's translator (current language); without one, the English text. */
export function setStateTranslator(fn: ((key: StateMessageKey, vars?: Vars) => string) | null): void {
  translator = fn;
}

/**
 * A notice's text built now and again at each render (`live`), so a notice already on screen follows a
 * language switch: `{ kind, ...liveText(() => msg(...)) }`.
 */
export const liveText = (build: () => string): { text: string; live: () => string } => ({ text: build(), live: build });

/** A notice action's label, likewise. */
export const liveLabel = (build: () => string): { label: string; liveLabel: () => string } => ({
  label: build(),
  liveLabel: build,
});

/** A message in the current language. */
export const msg = (key: StateMessageKey, vars?: Vars): string =>
  translator ? translator(key, vars) : fill(STATE_MESSAGES_EN[key], vars);

/** Sentences joined as their language joins them: after a full-width stop (Chinese) nothing, else a space. */
export const sentences = (...parts: readonly string[]): string =>
  parts.filter(Boolean).reduce((out, p) => (out === '' ? p : /[。！？]$/.test(out) ? out + p : `${out} ${p}`), '');

/** "12:03" for a record's time (the notice and the saved-copies list). */
export function clock(ms: number | undefined): string {
  if (ms === undefined) return msg('state.unknownTime');
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** How a notice names a stored model. */
export const modelSummary = (m: Model): string =>
  m.layers.length === 1
    ? msg('state.model1', { name: m.name || msg('state.untitled') })
    : msg('state.model', { name: m.name || msg('state.untitled'), n: groupDigits(m.layers.length) });
