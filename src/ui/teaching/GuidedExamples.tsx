/**
 * The guided examples of the seed article: a card each, with "Open in the calculator". Opening
 * one replaces the model on screen, so after edits it asks first (issue 19, item 7).
 */
import { useRef, useState } from 'react';
import { useCanUndo } from '../../state/store';
import { Button } from '../controls';
import { useLang, useT } from '../i18n';
import { EXAMPLE_TEXTS } from '../i18n/examples';
import { EXAMPLES } from './examples';
import { ExerciseMaker } from './Exercise';
import { useTeaching } from './store';

export function GuidedExamples() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const openExample = useTeaching((s) => s.openExample);
  const edited = useCanUndo();
  const confirm = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState<(typeof EXAMPLES)[number]['id'] | null>(null);
  const open = (id: (typeof EXAMPLES)[number]['id']) => {
    if (!edited) return void openExample(id);
    setPending(id);
    confirm.current?.showModal();
  };
  return (
    <section className="space-y-3 text-sm" data-testid="guided-examples">
      <h2 className="panel-title">{t('ex.title')}</h2>
      <ul className="space-y-2">
        {EXAMPLES.map((ex) => {
          const text = EXAMPLE_TEXTS[lang][ex.id];
          return (
            <li
              key={ex.id}
              className="rounded-md border border-slate-200 p-2 dark:border-slate-700"
              data-example={ex.id}
            >
              <h3 className="font-semibold">{text.title}</h3>
              <p className="mt-1 text-xs text-slate-700 dark:text-slate-300">{text.body[0]}</p>
              <Button small className="mt-1.5" onClick={() => open(ex.id)} data-testid={`open-example-${ex.id}`}>
                {t('ex.open')}
              </Button>
            </li>
          );
        })}
      </ul>
      <ExerciseMaker />
      <dialog
        ref={confirm}
        aria-labelledby="example-confirm-title"
        data-testid="example-confirm"
        className="m-auto rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
      >
        <h2 id="example-confirm-title" className="mb-2 text-base font-semibold">
          {t('ex.confirm.title')}
        </h2>
        <p className="mb-4 max-w-sm text-sm">{t('ex.confirm.body')}</p>
        <div className="flex justify-end gap-2">
          <Button autoFocus onClick={() => confirm.current?.close()}>
            {t('common.cancel')}
          </Button>
          <Button
            variant="primary"
            onClick={() => {
              confirm.current?.close();
              if (pending) void openExample(pending);
            }}
          >
            {t('ex.confirm.open')}
          </Button>
        </div>
      </dialog>
    </section>
  );
}
