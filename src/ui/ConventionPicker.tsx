/**
 * Convention selector: a button naming the current convention and its unit; it opens a panel
 * listing every engine convention as a radio with its unit spelled out and one-line summary.
 * Conventions with a "called under torch.no_grad()" variant (fvcore, FlopCounterMode, DeepSpeed)
 * show it as a checkbox under their radio when selected; the setting is the variant's id.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { baseConvention, CONVENTIONS, conventionById, noGradVariant } from '../engine/conventions/registry';
import { useEditor } from '../state/store';
import { unitLong, unitWord } from './format';
import { useLang, useT } from './i18n';
import { conventionSummary } from './i18n/zh-CN-engine';

export function ConventionPicker() {
  const id = useEditor((s) => s.settings.convention);
  const setSettings = useEditor((s) => s.setSettings);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const current = conventionById(id);
  const base = baseConvention(id);
  const t = useT();
  const lang = useLang((s) => s.lang);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);

  return (
    <div ref={root} className="relative text-sm">
      <button
        ref={button}
        type="button"
        className="focus-ring flex items-center gap-2 rounded-md border border-slate-300 bg-white px-2.5 py-1 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:hover:bg-slate-700"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('convention.button', { name: current?.name ?? id, unit: current ? unitWord(current.unit) : '' })}
        onClick={() => setOpen((o) => !o)}
        data-testid="convention-button"
      >
        <span className="text-slate-600 dark:text-slate-300">{t('convention.label')}</span>
        <span className="font-semibold">{current?.name ?? id}</span>
        {current && (
          <span className="rounded bg-indigo-100 px-1.5 text-xs font-semibold text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100">
            {unitWord(current.unit)}
          </span>
        )}
        <span aria-hidden>▾</span>
      </button>
      {open && (
        <div
          id={panelId}
          className="fixed inset-x-2 top-24 z-30 max-h-[70vh] sm:absolute sm:inset-x-auto sm:top-auto sm:right-0 sm:mt-1 sm:w-[26rem] overflow-auto rounded-lg border border-slate-300 bg-white p-2 shadow-xl dark:border-slate-600 dark:bg-slate-800"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              setOpen(false);
              button.current?.focus();
            }
          }}
        >
          <fieldset>
            <legend className="panel-title px-2 pb-1">{t('convention.countAs')}</legend>
            {CONVENTIONS.map((c) => {
              const variant = noGradVariant(c.id);
              return (
                <div key={c.id} className={`rounded-md ${c.id === base ? 'bg-indigo-50 dark:bg-indigo-950' : ''}`}>
                  <label className="flex cursor-pointer gap-2 rounded-md px-2 py-1.5 hover:bg-slate-100 dark:hover:bg-slate-700">
                    <input
                      type="radio"
                      name="convention"
                      className="mt-1 accent-indigo-700"
                      value={c.id}
                      checked={c.id === base}
                      onChange={() => setSettings({ convention: c.id })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') setOpen(false);
                      }}
                    />
                    <span>
                      <span className="font-semibold">{c.name}</span>{' '}
                      <span className="text-xs text-slate-600 dark:text-slate-300">
                        — {unitWord(c.unit)} ({unitLong(c.unit)})
                      </span>
                      <span className="block text-xs text-slate-700 dark:text-slate-300">
                        {conventionSummary(c, lang)}
                      </span>
                    </span>
                  </label>
                  {variant && c.id === base && (
                    <label
                      className="ml-8 flex cursor-pointer items-start gap-2 px-2 pb-1.5 text-xs"
                      title={t('convention.noGrad.help')}
                    >
                      <input
                        type="checkbox"
                        className="mt-0.5 accent-indigo-700"
                        checked={id === variant.id}
                        onChange={(e) => setSettings({ convention: e.target.checked ? variant.id : c.id })}
                        data-testid="convention-nograd"
                      />
                      <span>
                        <span className="font-semibold">{t('convention.noGrad')}</span>
                        <span className="block text-slate-600 dark:text-slate-300">{t('convention.noGrad.help')}</span>
                      </span>
                    </label>
                  )}
                </div>
              );
            })}
          </fieldset>
        </div>
      )}
    </div>
  );
}
