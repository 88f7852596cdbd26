/**
 * The FLOPS example's table (loaded with the open example): peak FLOPS of a few devices from the
 * device database and the current model's time if it ran at that peak (a lower bound).
 */
import { DEVICES, deviceById, type Device } from '../../engine/deploy/devices';
import { CONVENTION_IDS } from '../../engine/conventions/registry';
import { useEvaluationStore } from '../../state/evaluation';
import { useT } from '../i18n';

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
export default function ExampleDeviceTable() {
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
