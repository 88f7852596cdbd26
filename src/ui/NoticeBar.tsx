/** The one notice line (bad link, failed edit, copied link): text, optional action, dismiss. */
import { useEditor } from '../state/store';
import { Button } from './controls';
import { useLocalize, useT } from './i18n';

export function NoticeBar() {
  const notice = useEditor((s) => s.notice);
  const dismiss = useEditor((s) => s.dismissNotice);
  const t = useT();
  // Both re-render on a language switch: a notice already shown is written again in the new language.
  const localize = useLocalize();
  if (!notice) return null;
  const error = notice.kind === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid="notice"
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-1.5 text-sm ${
        error
          ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100'
          : 'border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'
      }`}
    >
      <span aria-hidden>{error ? '⚠' : 'ℹ'}</span>
      <span className="min-w-[60%] flex-1">{notice.live ? notice.live() : localize(notice.text)}</span>
      {[...(notice.action ? [notice.action] : []), ...(notice.actions ?? [])].map((a) => (
        <Button key={a.label} small onClick={a.run}>
          {a.liveLabel ? a.liveLabel() : a.label}
        </Button>
      ))}
      <Button small variant="ghost" onClick={dismiss} aria-label={t('notice.dismiss')}>
        ✕
      </Button>
    </div>
  );
}
