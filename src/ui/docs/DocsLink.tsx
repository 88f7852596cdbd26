/**
 * A link to one of the docs (docs/*.md) that opens it inside the app, in a dialog; the viewer and
 * the documents load on the first click (DocsViewer.tsx), so the first screen does not pay for them.
 */
import { lazy, Suspense, useRef, useState, type ReactNode } from 'react';
import { Button } from '../controls';
import { useT } from '../i18n';

const DocsViewer = lazy(() => import('./DocsViewer'));

export function DocsLink({ doc, children, className }: { doc: string; children: ReactNode; className?: string }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const [shown, setShown] = useState<string | null>(null);
  const open = () => {
    setShown(doc);
    dialog.current?.showModal();
  };
  return (
    <>
      <button
        type="button"
        className={className ?? 'focus-ring text-indigo-700 underline dark:text-indigo-300'}
        onClick={open}
        data-testid={`docs-link-${doc}`}
      >
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-label={t('docs.title')}
        data-testid="docs-dialog"
        className="m-auto h-[85vh] w-[min(64rem,95vw)] rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
        onClose={() => setShown(null)}
      >
        <div className="flex h-full flex-col gap-2">
          <div className="flex items-center justify-between">
            <h2 className="text-base font-semibold">{t('docs.title')}</h2>
            <Button onClick={() => dialog.current?.close()}>{t('docs.close')}</Button>
          </div>
          {shown && (
            <Suspense fallback={<p className="text-sm">{t('docs.loading')}</p>}>
              <DocsViewer doc={shown} onDoc={setShown} />
            </Suspense>
          )}
        </div>
      </dialog>
    </>
  );
}
