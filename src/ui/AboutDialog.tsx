/**
 * "About": what FlopLab answers, whose numbers it reproduces, the seed article by title, author
 * and year, which files it reads, and that nothing leaves the browser (issue 19, item 5).
 */
import { useRef } from 'react';
import { Button } from './controls';
import { useT } from './i18n';
import { DocsLink } from './docs/DocsLink';
import { focusOnOpen, Modal } from './Modal';

const PARAGRAPHS = [
  'about.what',
  'about.conventions',
  'about.seed',
  'about.files',
  'about.runtime',
  'about.local',
] as const;

export function AboutButton() {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      {/* An icon, so the header stays one row at 1440 px; its name is the title. */}
      <Button
        onClick={() => dialog.current?.showModal()}
        title={t('about.title')}
        aria-label={t('about.title')}
        data-testid="about-open"
      >
        <span aria-hidden className="px-0.5 font-semibold">
          ?
        </span>
      </Button>
      <Modal
        ref={dialog}
        titleId="about-title"
        title={t('about.title')}
        data-testid="about-dialog"
        className="max-h-[85vh] max-w-xl overflow-y-auto"
      >
        {PARAGRAPHS.map((k) => (
          <p key={k} className="mb-3 text-sm leading-relaxed">
            {t(k)}
          </p>
        ))}
        <p className="mb-3 text-sm">
          <DocsLink doc="conventions">{t('docs.open')}</DocsLink>
        </p>
        <div className="flex justify-end">
          <Button ref={focusOnOpen} onClick={() => dialog.current?.close()}>
            {t('about.close')}
          </Button>
        </div>
      </Modal>
    </>
  );
}
