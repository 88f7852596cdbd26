/**
 * "Presets…" in the header and the modal <dialog> it opens. The picker's code, the zoo and the
 * counting all load on first open (React.lazy + dynamic import), keeping them out of the
 * initial JavaScript. The native dialog gives focus trapping, Escape to close and focus return.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { Button } from '../controls';
import { useT } from '../i18n';

const PresetPicker = lazy(() => import('./PresetPicker').then((m) => ({ default: m.PresetPicker })));

export function PresetButton() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const close = () => dialog.current?.close();
  const t = useT();
  return (
    <>
      <Button
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
        aria-haspopup="dialog"
        title={t('presets.open.title')}
        data-testid="open-presets"
      >
        ▤ {t('presets.button')}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="preset-picker-title"
        data-testid="preset-picker"
        onClose={() => setOpen(false)}
        className="m-auto h-[85vh] w-[min(62rem,95vw)] max-w-none flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-black/40 open:flex dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="flex items-center justify-between">
          <h2 id="preset-picker-title" className="text-base font-semibold">
            {t('presets.dialog')}
          </h2>
          <Button variant="ghost" onClick={close} aria-label={t('presets.close')}>
            ✕
          </Button>
        </div>
        {open && (
          <Suspense fallback={<p className="p-4 text-sm">{t('presets.loading')}</p>}>
            <PresetPicker onClose={close} />
          </Suspense>
        )}
      </dialog>
    </>
  );
}
