/**
 * The open guided example's explanation, kept above the tabs until closed. The device example
 * adds peak FLOPS from the device database and the current model's lower-bound time at peak.
 */
import { useEffect, useRef } from 'react';
import { DEVICES, deviceById, type Device } from '../../engine/deploy/devices';
import { CONVENTION_IDS, conventionById } from '../../engine/conventions/registry';
import { useEditor } from '../../state/store';
import { useEvaluationStore } from '../../state/evaluation';
import { Button } from '../controls';
import { useLang, useT } from '../i18n';
import { EXAMPLE_TEXTS } from '../i18n/examples';
import { useTeaching } from './store';

/** Devices the FLOPS example lists: one of each kind, from a microcontroller to a Jetson. */
export const EXAMPLE_DEVICE_IDS = ['stm32h7', 'rpi4-cpu', 'pixel4-cpu-4t', 'pixel4-gpu', 'jetson-orin-nano'] as const;

const TORCH = CONVENTION_IDS.indexOf('torch');

function peakOf(d: Device): { precision: string; gops: number } | null {
  for (const p of ['fp32', 'fp16', 'int8'] as const) {
    const f = d.peak[p];
    if (f) return { precision: p, gops: f.value };
  }
  return null;
}

/** Peak FLOPS of a few devices and the model's time if it ran at that peak (a lower bound). */
export function DeviceTable() {
  const t = useT();
  const flops = useEvaluationStore((s) => (s.result && TORCH >= 0 ? s.result.totals.counts[TORCH] : null));
  const devices = EXAMPLE_DEVICE_IDS.map((id) => deviceById(id)).filter((d): d is Device => d !== undefined);
  return (
    <table className="w-full border-collapse text-xs" data-testid="device-table">
      <thead>
        <tr className="border-b border-slate-300 text-left dark:border-slate-600">
          <th scope="col">{t('ex.devices.col.device')}</th>
          <th scope="col" className="text-right">
            {t('ex.devices.col.peak')}
          </th>
          <th scope="col" className="text-right">
            {t('ex.devices.col.time')}
          </th>
        </tr>
      </thead>
      <tbody>
        {(devices.length ? devices : DEVICES.slice(0, 5)).map((d) => {
          const peak = peakOf(d);
          // GOP/s = 1e9 op/s, so FLOPs / (gops·1e9) s = FLOPs / (gops·1e6) ms.
          const ms = peak && flops !== null ? Number(flops) / (peak.gops * 1e6) : null;
          return (
            <tr key={d.id} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="py-0.5 text-left font-normal">
                {d.name}
              </th>
              <td className="num text-right">
                {peak ? `${peak.gops.toLocaleString('en')} GFLOPS (${peak.precision})` : '—'}
              </td>
              <td className="num text-right">
                {ms === null ? '—' : `≥ ${ms < 10 ? ms.toFixed(2) : ms.toFixed(0)} ms`}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

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
          <DeviceTable />
        </div>
      )}
    </aside>
  );
}
