/**
 * Shown above the layer list while the model is a preset (`model.meta.preset`): the preset's
 * knobs (options as a select, ranges as a number box plus slider with the knob's min/max/step)
 * and its notes (e.g. why the seed article's "1.8 GFLOPs" is a MAC count). A valid knob value
 * rebuilds the preset at once through setModel (one undo step each); an invalid one shows
 * knobError's message and leaves the model as it is.
 */
import { memo, useDeferredValue, useMemo, useState } from 'react';
import type { Model } from '../../engine/format/model';
import type { Preset, PresetKnob } from '../../engine/presets';
import { useEditor } from '../../state/store';
import { buildPreset, differsFromBuilt, presetMeta, rebuildPreset } from './presetList';
import { usePresetsModule, type PresetsModule } from './loadPresets';
import { useLang, useLocalize, useT } from '../i18n';
import { knobLabel } from '../i18n/zh-CN-engine';

function KnobControl({
  knob,
  value,
  onCommit,
}: {
  knob: PresetKnob;
  value: number;
  /** Returns an error message when the value is refused. */
  onCommit: (v: number) => string | null;
}) {
  // Local text while typing ("0." is not a number yet); it follows the model on undo/redo.
  const [draft, setDraft] = useState({ text: String(value), from: value, error: null as string | null });
  if (draft.from !== value) setDraft({ text: String(value), from: value, error: null });
  const id = `knob-${knob.name}`;
  const t = useT();
  const localize = useLocalize();
  const lang = useLang((s) => s.lang);
  const commit = (text: string) => {
    const v = Number(text);
    const error =
      text.trim() === '' || !Number.isFinite(v)
        ? t('knob.notNumber', { label: knobLabel(knob.label, lang) })
        : onCommit(v);
    // On success the model changes and `value` follows; keep the typed text meanwhile.
    setDraft({ text, from: error ? value : v, error });
  };
  const label = (
    <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-200" title={knob.help}>
      {knobLabel(knob.label, lang)}
    </label>
  );
  if (knob.options)
    return (
      <div className="flex flex-col gap-0.5">
        {label}
        <select
          id={id}
          className="field w-28"
          value={String(value)}
          data-knob={knob.name}
          aria-describedby={`${id}-help`}
          onChange={(e) => commit(e.target.value)}
        >
          {knob.options.map((o) => (
            <option key={o} value={String(o)}>
              {o}
            </option>
          ))}
        </select>
        <span id={`${id}-help`} className="sr-only">
          {knob.help}
        </span>
      </div>
    );
  return (
    <div className="flex flex-col gap-0.5">
      {label}
      <div className="flex items-center gap-2">
        <input
          id={id}
          type="number"
          className="field w-24 font-mono"
          min={knob.min}
          max={knob.max}
          step={knob.step}
          value={draft.text}
          data-knob={knob.name}
          aria-invalid={draft.error ? true : undefined}
          aria-describedby={`${id}-msg`}
          onChange={(e) => commit(e.target.value)}
        />
        {knob.min !== undefined && knob.max !== undefined && (
          <input
            type="range"
            className="w-32 accent-indigo-700"
            aria-label={t('knob.slider', { label: knobLabel(knob.label, lang) })}
            min={knob.min}
            max={knob.max}
            step={knob.step}
            value={draft.error ? value : Number(draft.text)}
            // While dragging only the number box follows; the preset is rebuilt on release, so one
            // drag is one undo step (not hundreds that would push older edits out of the history).
            onChange={(e) => setDraft({ text: e.target.value, from: value, error: null })}
            onPointerUp={(e) => commit(e.currentTarget.value)}
            onKeyUp={(e) => commit(e.currentTarget.value)}
            onBlur={(e) => commit(e.currentTarget.value)}
          />
        )}
      </div>
      <span
        id={`${id}-msg`}
        role={draft.error ? 'alert' : undefined}
        data-testid={`knob-error-${knob.name}`}
        className={`text-xs ${draft.error ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-300'}`}
      >
        {draft.error
          ? localize(draft.error)
          : knob.step
            ? t('knob.rangeStep', { min: String(knob.min), max: String(knob.max), step: knob.step })
            : t('knob.range', { min: String(knob.min), max: String(knob.max) })}
      </span>
    </div>
  );
}

function Panel({
  mod,
  model,
  name,
  knobs,
}: {
  mod: PresetsModule;
  model: Model;
  name: string;
  knobs: Record<string, number>;
}) {
  const setModel = useEditor((s) => s.setModel);
  const t = useT();
  const preset: Preset | undefined = mod.presetByName(name);
  // Built once per knob setting; compared with the model after the totals' repaint (deferred).
  // `knobs` is a new object after every edit (read from model.meta): key the build by its content.
  const knobsKey = JSON.stringify(knobs);
  const built = useMemo(
    () => (preset ? buildPreset(preset, JSON.parse(knobsKey) as Record<string, number>) : null),
    [preset, knobsKey],
  );
  const settled = useDeferredValue(model);
  const edited = useMemo(() => (preset ? differsFromBuilt(settled, built) : false), [settled, preset, built]);
  if (!preset) return <p className="text-xs text-slate-600 dark:text-slate-300">{t('preset.unknown', { name })}</p>;
  const change = (knob: string, v: number): string | null => {
    if (knobs[knob] === v) return null;
    const next = rebuildPreset(preset, { ...knobs, [knob]: v }, model, mod.knobError);
    if (typeof next === 'string') return next;
    setModel(next);
    return null;
  };
  const notes = [...(preset.reference?.note ? [preset.reference.note] : []), ...(preset.notes ?? [])];
  return (
    <>
      <p className="text-xs">
        <span className="font-semibold">{t('preset.label')}</span>{' '}
        <code data-testid="current-preset">{preset.name}</code> — {preset.title} ·{' '}
        <a
          className="text-indigo-700 underline dark:text-indigo-300"
          href={preset.paper.url}
          target="_blank"
          rel="noreferrer"
        >
          {preset.paper.authors.split(',')[0]} et al. {preset.paper.year}
        </a>{' '}
        · {t('preset.definedAt', { input: preset.input.join('×') })}
        {preset.code && (
          <>
            {' '}
            · {t('preset.source')}{' '}
            <a
              className="text-indigo-700 underline dark:text-indigo-300"
              href={`https://github.com/${preset.code.repo}/blob/${preset.code.commit}/${preset.code.path}`}
              target="_blank"
              rel="noreferrer"
              data-testid="preset-source"
            >
              {preset.code.repo}@{preset.code.commit.slice(0, 7)}: {preset.code.path}
            </a>
          </>
        )}
      </p>
      {preset.knobs.length > 0 && (
        <div className="flex flex-wrap gap-x-4 gap-y-2" role="group" aria-label={t('preset.knobs')}>
          {preset.knobs.map((k) => (
            <KnobControl key={k.name} knob={k} value={knobs[k.name] ?? k.default} onCommit={(v) => change(k.name, v)} />
          ))}
        </div>
      )}
      {edited && preset.knobs.length > 0 && (
        <p className="text-xs text-amber-800 dark:text-amber-300" data-testid="preset-edited">
          {t('preset.edited')}
        </p>
      )}
      {notes.length > 0 && (
        <details open className="text-xs" data-testid="preset-notes">
          <summary className="cursor-pointer font-medium">{t('preset.notes.summary', { n: notes.length })}</summary>
          <ul
            tabIndex={0}
            aria-label={t('preset.notes')}
            className="focus-ring mt-1 max-h-44 list-disc space-y-1 overflow-auto rounded border-b lg:max-h-none lg:overflow-visible border-slate-200 pr-1 pb-1 pl-4 text-slate-700 dark:border-slate-700 dark:text-slate-200"
          >
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function PresetPanelView() {
  const model = useEditor((s) => s.model);
  const meta = useMemo(() => presetMeta(model), [model]);
  const mod = usePresetsModule(meta !== null);
  const t = useT();
  if (!meta) return null;
  return (
    <section
      aria-label={t('preset.label')}
      data-testid="preset-panel"
      // One height on wide screens, loading or loaded, so the layer list below never jumps when the
      // zoo's code arrives (issue 20, layout shift); longer content scrolls inside.
      className="flex shrink-0 flex-col gap-2 border-b border-slate-200 bg-indigo-50/40 px-3 py-2 lg:h-44 lg:overflow-y-auto dark:border-slate-700 dark:bg-indigo-950/30"
      data-loading={!mod || undefined}
      // Scrollable on wide screens: reachable from the keyboard.
      tabIndex={0}
    >
      {!mod ? (
        <p className="text-xs">{t('preset.loading', { name: meta.preset })}</p>
      ) : 'error' in mod ? (
        <p role="alert" className="text-xs text-red-700 dark:text-red-300">
          {mod.error}
        </p>
      ) : (
        <Panel mod={mod} model={model} name={meta.preset} knobs={meta.knobs} />
      )}
    </section>
  );
}

export const PresetPanel = memo(PresetPanelView);
