/** The top bar: model name, New, Undo/Redo, Copy link, convention, number format, theme. */
import { memo, useRef, useState } from 'react';
import { useCanRedo, useCanUndo, useEditor } from '../state/store';
import { ConventionPicker } from './ConventionPicker';
import { ShareButton } from './ShareButton';
import { PresetButton } from './presets/PresetButton';
import { GraphButton } from './graph/GraphButton';
import { FileActions } from './io';
import { Button, Segmented } from './controls';
import { LanguageSwitch, useT } from './i18n';
import { AboutButton } from './AboutDialog';
import { ConfirmModal } from './Modal';

function HeaderView() {
  const name = useEditor((s) => s.model.name ?? '');
  const setName = useEditor((s) => s.setName);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const newModel = useEditor((s) => s.newModel);
  const numberFormat = useEditor((s) => s.settings.numberFormat);
  const theme = useEditor((s) => s.settings.theme);
  const setSettings = useEditor((s) => s.setSettings);
  const t = useT();
  const canUndo = useCanUndo();
  const canRedo = useCanRedo();
  const confirmNew = useRef<HTMLDialogElement>(null);
  const [isMac] = useState(() => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform));
  const mod = isMac ? '⌘' : 'Ctrl+';

  return (
    <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="text-lg font-bold tracking-tight text-indigo-700 dark:text-indigo-300">FlopLab</h1>
      <p className="hidden text-xs text-slate-600 2xl:block dark:text-slate-300" data-testid="tagline">
        {t('header.tagline')}
      </p>
      <label className="flex items-center gap-2 text-sm">
        <span className="sr-only">{t('header.modelName')}</span>
        <input
          className="field w-40 font-medium"
          value={name}
          placeholder={t('header.untitled')}
          onChange={(e) => setName(e.target.value)}
          aria-label={t('header.modelName')}
        />
      </label>
      <div className="flex flex-wrap items-center gap-1" role="group" aria-label={t('header.actions')}>
        <Button onClick={() => confirmNew.current?.showModal()} title={t('header.new.title')}>
          {t('header.new')}
        </Button>
        <Button
          onClick={undo}
          disabled={!canUndo}
          title={t('header.undo.title', { keys: `${mod}Z` })}
          aria-keyshortcuts="Control+Z Meta+Z"
        >
          ↶ {t('header.undo')}
        </Button>
        <Button
          onClick={redo}
          disabled={!canRedo}
          title={t('header.redo.title', { keys: `${mod}Shift+Z` })}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z"
        >
          ↷ {t('header.redo')}
        </Button>
        <ShareButton />
        <PresetButton />
        <GraphButton />
        <FileActions />
        <AboutButton />
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <ConventionPicker />
        <LanguageSwitch />
        <Segmented
          compact
          label={t('header.numbers')}
          value={numberFormat}
          options={[
            { value: 'si', label: t('header.numbers.si') },
            { value: 'exact', label: t('header.numbers.exact') },
          ]}
          onChange={(v) => setSettings({ numberFormat: v })}
        />
        <Button
          onClick={() => setSettings({ theme: theme === 'dark' ? 'light' : 'dark' })}
          aria-pressed={theme === 'dark'}
          title={t('header.theme.title')}
        >
          {/* Icon only: the header must fit one line on a laptop; the name is for screen readers. */}
          <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
          <span className="sr-only">
            {theme === 'dark' ? t('header.theme.dark') : t('header.theme.light')} {t('header.theme.sr')}
          </span>
        </Button>
      </div>
      <ConfirmModal
        ref={confirmNew}
        titleId="new-model-title"
        title={t('header.newDialog.title')}
        body={t('header.newDialog.body')}
        confirm={t('header.newDialog.confirm')}
        variant="danger"
        onConfirm={newModel}
      />
    </header>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const Header = memo(HeaderView);
