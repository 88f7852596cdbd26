/**
 * The import's line under the header: a progress bar while a file is read and parsed (with
 * Cancel), then either what was loaded with the importer's warnings (unmapped operators,
 * approximations) and an Undo, or why the file could not be imported (the model is unchanged).
 */
import { useState } from 'react';
import { sizeText } from '../../engine/import/result';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { cancelImport, dismissImportStatus, useImportStatus } from '../../state/importFlow';
import { useLocalize, useT } from '../i18n';
import { groupDigits } from '../../engine/digits';

/** Warnings shown before "Show all". */
const FIRST_WARNINGS = 4;

const bar = 'flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-1.5 text-sm';
const info = 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100';

function Dismiss() {
  const t = useT();
  return (
    <Button small variant="ghost" onClick={dismissImportStatus} aria-label={t('import.dismiss')}>
      ✕
    </Button>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? warnings : warnings.slice(0, FIRST_WARNINGS);
  const t = useT();
  const localize = useLocalize();
  return (
    <div className="basis-full">
      <ul className="ml-6 list-disc text-xs" data-testid="import-warnings">
        {shown.map((w, i) => (
          <li key={i} className="break-words">
            {localize(w)}
          </li>
        ))}
      </ul>
      {warnings.length > FIRST_WARNINGS && (
        <Button small variant="ghost" className="ml-4" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? t('import.showFewer') : t('import.showAll', { n: warnings.length })}
        </Button>
      )}
    </div>
  );
}

export function ImportStatusBar() {
  const status = useImportStatus((s) => s.status);
  const undo = useEditor((s) => s.undo);
  const t = useT();
  const localize = useLocalize();
  switch (status.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'parsing': {
      const pct = status.total > 0 ? Math.min(100, Math.round((status.done / status.total) * 100)) : 0;
      const what = t(status.kind === 'reading' ? 'import.reading' : 'import.parsing', { name: status.name });
      return (
        <div className={`${bar} ${info}`} data-testid="import-progress">
          <span role="status" className="min-w-0">
            {t('import.progress', { what, done: sizeText(status.done), total: sizeText(status.total) })}
            {status.nodes > 0 ? t('import.nodes', { n: groupDigits(status.nodes) }) : ''}
          </span>
          <div
            role="progressbar"
            aria-label={what}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 w-56 overflow-hidden rounded-full bg-sky-200 dark:bg-sky-900"
          >
            <div className="h-full bg-sky-600 transition-[width] dark:bg-sky-300" style={{ width: `${pct}%` }} />
          </div>
          <Button small onClick={cancelImport}>
            {t('common.cancel')}
          </Button>
        </div>
      );
    }
    case 'failed':
      return (
        <div
          role="alert"
          data-testid="import-notice"
          data-kind="error"
          className={`${bar} border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100`}
        >
          <span aria-hidden>⚠</span>
          <span className="min-w-0 flex-1">
            {t('import.failed', { name: status.name, error: localize(status.error) })}
          </span>
          <Dismiss />
        </div>
      );
    case 'loaded': {
      const n = status.warnings.length;
      return (
        <div role="status" data-testid="import-notice" data-kind={n ? 'warnings' : 'ok'} className={`${bar} ${info}`}>
          <span aria-hidden>{n ? '⚠' : '✓'}</span>
          <span className="min-w-0 flex-1">
            {t(status.layers === 1 ? 'import.loaded1' : 'import.loaded', {
              name: status.name,
              n: groupDigits(status.layers),
            })}
            {n ? t(n === 1 ? 'import.warning1' : 'import.warnings', { n }) : t('import.noWarnings')}
          </span>
          <Button small onClick={undo} title={t('import.undo.title')}>
            {t('import.undo')}
          </Button>
          <Dismiss />
          {n > 0 && <Warnings warnings={status.warnings} />}
        </div>
      );
    }
  }
}
