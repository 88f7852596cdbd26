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
import { useLocalize, useT } from '../i18n';
import { saveFile } from './exportActions';
import { focusOnOpen, Modal } from '../Modal';

const when = (ms: number): string => {
  const d = new Date(ms);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
};

function CopyRow({ copy }: { copy: SavedCopy }) {
  const t = useT();
  const localize = useLocalize();
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
            ? t('copies.unreadable', { error: localize(copy.error), size })
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
  const version = useSavedCopiesDialog((s) => s.version);
  const dialog = useRef<HTMLDialogElement>(null);
  const t = useT();
  // Mounted only while open (IoControls.tsx); read again at each showing: storage may have changed.
  const copies = useMemo(() => (version > 0 ? listSavedCopies() : []), [version]);
  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, [version]);
  return (
    <Modal
      ref={dialog}
      titleId="copies-title"
      title={t('copies.title')}
      onClose={hideSavedCopies}
      data-testid="copies-dialog"
      className="max-h-[85vh] w-[min(36rem,calc(100vw-2rem))] overflow-y-auto"
    >
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
        <Button ref={focusOnOpen} onClick={hideSavedCopies}>
          {t('copies.close')}
        </Button>
      </div>
    </Modal>
  );
}
