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

/** Warnings shown before "Show all". */
const FIRST_WARNINGS = 4;

const bar = 'flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-1.5 text-sm';
const info = 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100';

function Dismiss() {
  return (
    <Button small variant="ghost" onClick={dismissImportStatus} aria-label="Dismiss import notice">
      ✕
    </Button>
  );
}

function Warnings({ warnings }: { warnings: readonly string[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? warnings : warnings.slice(0, FIRST_WARNINGS);
  return (
    <div className="basis-full">
      <ul className="ml-6 list-disc text-xs" data-testid="import-warnings">
        {shown.map((w, i) => (
          <li key={i} className="break-words">
            {w}
          </li>
        ))}
      </ul>
      {warnings.length > FIRST_WARNINGS && (
        <Button small variant="ghost" className="ml-4" onClick={() => setAll((a) => !a)} aria-expanded={all}>
          {all ? 'Show fewer' : `Show all ${warnings.length} warnings`}
        </Button>
      )}
    </div>
  );
}

export function ImportStatusBar() {
  const status = useImportStatus((s) => s.status);
  const undo = useEditor((s) => s.undo);
  switch (status.kind) {
    case 'idle':
      return null;
    case 'reading':
    case 'parsing': {
      const pct = status.total > 0 ? Math.min(100, Math.round((status.done / status.total) * 100)) : 0;
      const what = status.kind === 'reading' ? 'Reading' : 'Parsing';
      return (
        <div className={`${bar} ${info}`} data-testid="import-progress">
          <span role="status" className="min-w-0">
            {what} {status.name}… {sizeText(status.done)} of {sizeText(status.total)}
            {status.nodes > 0 ? `, ${status.nodes.toLocaleString('en')} nodes` : ''}
          </span>
          <div
            role="progressbar"
            aria-label={`${what} ${status.name}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            className="h-2 w-56 overflow-hidden rounded-full bg-sky-200 dark:bg-sky-900"
          >
            <div className="h-full bg-sky-600 transition-[width] dark:bg-sky-300" style={{ width: `${pct}%` }} />
          </div>
          <Button small onClick={cancelImport}>
            Cancel
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
            Could not import {status.name}: {status.error}. The model on screen is unchanged.
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
            Imported {status.name}: {status.layers.toLocaleString('en')} layer{status.layers === 1 ? '' : 's'}
            {n ? `. ${n} warning${n === 1 ? '' : 's'}: what was left out or approximated` : '.'}
          </span>
          <Button small onClick={undo} title="Bring back the model you had before the import">
            Undo import
          </Button>
          <Dismiss />
          {n > 0 && <Warnings warnings={status.warnings} />}
        </div>
      );
    }
  }
}
