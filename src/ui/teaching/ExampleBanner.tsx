/**
 * The open guided example's explanation, kept above the tabs until closed. The device example
 * adds peak FLOPS from the device database and the current model's lower-bound time at peak.
 */
import { lazy, Suspense, useEffect, useRef } from 'react';
import { conventionById } from '../../engine/conventions/registry';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { useLang, useT } from '../i18n';
import { EXAMPLE_TEXTS } from '../i18n/examples';
import { useTeaching } from './store';

// The device table reads the device database, which the first screen does not need: loaded with it.
const DeviceTable = lazy(() => import('./ExampleDevices'));

/** The open example's explanation, above the tabs, until closed. */
export function ExampleBanner() {
  const t = useT();
  const lang = useLang((s) => s.lang);
  const id = useTeaching((s) => s.example);
  const close = useTeaching((s) => s.closeExample);
  const switchedFrom = useTeaching((s) => s.switchedFrom);
  const restore = useTeaching((s) => s.restoreConvention);
  const current = useEditor((s) => s.settings.convention);
  const box = useRef<HTMLElement>(null);
  // Opened from a card further down: bring the explanation into view.
  useEffect(() => {
    if (id) box.current?.scrollIntoView?.({ block: 'nearest' });
  }, [id]);
  if (!id) return null;
  const text = EXAMPLE_TEXTS[lang][id];
  return (
    <aside
      ref={box}
      className="mb-3 rounded-md border border-indigo-300 bg-indigo-50 p-2 text-xs text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-50"
      data-testid="example-banner"
      aria-label={`${t('ex.active')}: ${text.title}`}
    >
      <div className="flex items-start gap-2">
        <p className="flex-1 font-semibold">{text.title}</p>
        <Button small variant="ghost" onClick={close} aria-label={t('ex.close')}>
          ✕
        </Button>
      </div>
      {switchedFrom && (
        <p className="mt-1 flex flex-wrap items-center gap-2" data-testid="example-convention">
          {t('ex.switched', { name: conventionById(current)?.name ?? current })}
          <Button small onClick={restore}>
            {t('ex.switchBack', { name: conventionById(switchedFrom)?.name ?? switchedFrom })}
          </Button>
        </p>
      )}
      {text.body.map((p, i) => (
        <p key={i} className="mt-1">
          {p}
        </p>
      ))}
      {id === 'devices' && (
        <div className="mt-2">
          <Suspense fallback={<p className="text-xs">…</p>}>
            <DeviceTable />
          </Suspense>
        </div>
      )}
    </aside>
  );
}
