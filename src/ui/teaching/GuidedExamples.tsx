/**
 * The guided examples of the seed article: a card each, with "Open in the calculator". Opening
 * one replaces the model on screen, so after edits it asks first (issue 19, item 7).
 */
import { useRef, useState } from 'react';
import { useCanUndo } from '../../state/store';
import { Button } from '../controls';
import { ConfirmModal } from '../Modal';
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
      <ConfirmModal
        ref={confirm}
        titleId="example-confirm-title"
        data-testid="example-confirm"
        title={t('ex.confirm.title')}
        body={t('ex.confirm.body')}
        confirm={t('ex.confirm.open')}
        variant="primary"
        onConfirm={() => {
          if (pending) void openExample(pending);
        }}
      />
    </section>
  );
}
