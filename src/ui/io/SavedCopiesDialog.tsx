/**
 * The saved-copies dialog (issue 21): every copy of the work this browser keeps, with Open (an
 * undoable edit) and Download. Opened from the Export menu and from the notices that mention a
 * kept copy. The list comes from src/state/savedCopies.ts; this file only renders it.
 */
import { useEffect, useMemo, useRef } from 'react';
import {
  hideSavedCopies,
  listSavedCopies,
  openSavedCopy,
  savedCopyFile,
  useSavedCopiesDialog,
  type SavedCopy,
} from '../../state/savedCopies';
import { Button } from '../controls';
import { formatBytes } from '../format';
import { useT } from '../i18n';
import { saveFile } from './exportActions';

const when = (ms: number): string => {
  const d = new Date(ms);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
};

function CopyRow({ copy }: { copy: SavedCopy }) {
  const t = useT();
  const size = formatBytes(BigInt(copy.size), 'si');
  const download = () => {
    const f = savedCopyFile(copy.kind);
    if (f) saveFile(f.text, f.name, f.name.endsWith('.json') ? 'application/json' : 'text/plain');
  };
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-slate-200 py-2 dark:border-slate-700">
      <div className="min-w-0 flex-1 text-sm">
        <div className="font-medium">{t(`copies.kind.${copy.kind}`)}</div>
        <div className="text-xs break-words text-slate-600 dark:text-slate-300">
          {copy.error
            ? t('copies.unreadable', { error: copy.error, size })
            : t('copies.model', { name: copy.name || '—', n: copy.layers ?? 0, size })}
          {copy.savedAt !== undefined && <> · {t('copies.when', { time: when(copy.savedAt) })}</>}
        </div>
      </div>
      {!copy.error && (
        <Button
          small
          data-testid={`copy-open-${copy.kind}`}
          onClick={() => {
            if (openSavedCopy(copy.kind)) hideSavedCopies();
          }}
        >
          {t('copies.open')}
        </Button>
      )}
      <Button small data-testid={`copy-download-${copy.kind}`} onClick={download}>
        {t('copies.download')}
      </Button>
    </li>
  );
}

export function SavedCopiesDialog() {
  const { open, version } = useSavedCopiesDialog();
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useT();
  // Read when shown (version changes at each showing): storage may have changed since.
  const copies = useMemo(() => (open && version > 0 ? listSavedCopies() : []), [open, version]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open, version]);
  return (
    <dialog
      ref={dialog}
      onClose={hideSavedCopies}
      aria-labelledby="copies-title"
      data-testid="copies-dialog"
      className="m-auto max-h-[85vh] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
    >
      <h2 id="copies-title" className="mb-2 text-base font-semibold">
        {t('copies.title')}
      </h2>
      <p className="mb-3 text-sm">{t('copies.intro')}</p>
      {copies.length === 0 ? (
        <p className="mb-3 text-sm">{t('copies.none')}</p>
      ) : (
        <ul className="mb-3">
          {copies.map((c) => (
            <CopyRow key={c.kind} copy={c} />
          ))}
        </ul>
      )}
      <div className="flex justify-end">
        <Button autoFocus onClick={hideSavedCopies}>
          {t('copies.close')}
        </Button>
      </div>
    </dialog>
  );
}
