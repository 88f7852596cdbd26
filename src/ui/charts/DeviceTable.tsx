/**
 * The device comparison's table: every device's time, band, bound split, memory verdict and
 * precision for the current model, sortable by any column (the runtime worker's DeviceRun[]; nothing
 * is computed here but the order). A row's name picks the device.
 */
import { useMemo, useState } from 'react';
import type { DeviceRun } from '../../worker/runtimeClient';
import { useEditor } from '../../state/store';
import { formatBytes } from '../format';
import { useT, type MessageKey } from '../i18n';
import { ms } from './format';
import { SortHeader } from '../controls';

export type Ok = Extract<DeviceRun, { ms: number }>;

const CALIBRATION_NOTE: Record<Ok['calibration'], MessageKey> = {
  fitted: 'devices.cal.fitted',
  borrowed: 'devices.cal.borrowed',
  default: 'devices.cal.default',
};

const FIT_KEY: Record<Ok['fit'], MessageKey> = {
  fits: 'fit.fits',
  streams: 'fit.streams',
  'does-not-fit': 'fit.doesNotFit',
  unknown: 'fit.unknown',
};
const FIT_CLS: Record<Ok['fit'], string> = {
  fits: 'text-emerald-800 dark:text-emerald-300',
  streams: 'text-amber-800 dark:text-amber-300',
  'does-not-fit': 'font-semibold text-red-800 dark:text-red-300',
  unknown: 'text-slate-500 dark:text-slate-400',
};
/** Best first: fits, then off-chip, then does not fit (least short first), unknown last. */
const FIT_RANK: Record<Ok['fit'], number> = { fits: 0, streams: 1, 'does-not-fit': 2, unknown: 3 };

type SortKey = 'name' | 'ms' | 'bound' | 'fit' | 'placement' | 'precision';
type Sort = { key: SortKey; dir: 'asc' | 'desc' };

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const COMPARE: Record<SortKey, (a: Ok, b: Ok) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  ms: (a, b) => a.ms - b.ms,
  bound: (a, b) => a.boundMs.compute / (a.ms || 1) - b.boundMs.compute / (b.ms || 1),
  fit: (a, b) => FIT_RANK[a.fit] - FIT_RANK[b.fit] || cmpBig(a.fitBytes, b.fitBytes),
  precision: (a, b) => a.precision.localeCompare(b.precision),
  // Share of ops on the accelerator; devices without a rule table (CPUs, GPUs run by TensorRT) last.
  placement: (a, b) =>
    (a.placement ? a.placement.on / (a.placement.total || 1) : -1) -
    (b.placement ? b.placement.on / (b.placement.total || 1) : -1),
};

function FitCell({ run }: { run: Ok }) {
  const t = useT();
  const fmt = useEditor((s) => s.settings.numberFormat);
  return <span className={FIT_CLS[run.fit]}>{t(FIT_KEY[run.fit], { b: formatBytes(run.fitBytes, fmt) })}</span>;
}

export function DeviceTable({
  runs,
  currentId,
  precision,
  onPick,
}: {
  runs: readonly Ok[];
  currentId: string | null;
  precision: string;
  onPick?: (deviceId: string) => void;
}) {
  const t = useT();
  const [sort, setSort] = useState<Sort>({ key: 'ms', dir: 'asc' });
  const rows = useMemo(() => {
    const sign = sort.dir === 'asc' ? 1 : -1;
    // Ties keep the worker's order (fastest first): Array.prototype.sort is stable.
    return [...runs].sort((a, b) => sign * COMPARE[sort.key](a, b));
  }, [runs, sort]);
  const header = (key: SortKey, label: string, right = false) => (
    <SortHeader
      label={label}
      dir={sort.key === key ? sort.dir : null}
      onSort={() => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))}
      className={right ? 'text-right' : 'pl-2 text-left'}
      testId={`device-sort-${key}`}
    />
  );
  return (
    <table className="w-full text-xs" data-testid="device-table">
      <caption className="sr-only">{t('devices.caption')}</caption>
      <thead className="text-left text-slate-600 dark:text-slate-300">
        <tr>
          {header('name', t('device.label'))}
          {header('ms', 'ms', true)}
          <th scope="col" className="text-right">
            {t('devices.col.band')}
          </th>
          {header('bound', t('devices.col.bound'), true)}
          {header('fit', t('devices.col.fit'))}
          {header('placement', t('devices.col.placement'), true)}
          {header('precision', t('devices.col.precision'))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr
            key={r.id}
            data-device={r.id}
            aria-current={r.id === currentId ? 'true' : undefined}
            className={`border-t border-slate-100 dark:border-slate-800 ${r.id === currentId ? 'bg-teal-50 font-semibold dark:bg-teal-950' : ''}`}
          >
            <th scope="row" className="py-0.5 text-left font-normal">
              <button
                type="button"
                className="focus-ring text-left underline decoration-dotted"
                onClick={() => onPick?.(r.id)}
              >
                {r.name}
              </button>
            </th>
            <td className="num text-right">{ms(r.ms)}</td>
            <td className="num text-right">
              {ms(r.low_ms)} – {ms(r.high_ms)}
            </td>
            <td className="num text-right">
              {Math.round((100 * r.boundMs.compute) / (r.ms || 1))} % /{' '}
              {Math.round((100 * r.boundMs.memory) / (r.ms || 1))} %
            </td>
            <td className="pl-2" data-testid="device-fit-cell" data-verdict={r.fit}>
              <FitCell run={r} />
            </td>
            <td
              className="num text-right"
              data-testid="device-placement-cell"
              title={r.placement ? r.placement.accelerator : undefined}
            >
              {r.placement ? `${r.placement.on} / ${r.placement.total}` : '–'}
            </td>
            <td className="pl-2">
              {r.precision}
              {r.substituted ? ` ${t('devices.noPrecision', { precision })}` : ''}, {t(CALIBRATION_NOTE[r.calibration])}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
