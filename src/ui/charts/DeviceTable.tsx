/**
 * The device comparison's table: every device's time, bound split, memory verdict, ops on the
 * accelerator and precision for the current model, sortable by any column (the runtime worker's
 * DeviceRun[]; nothing is computed here but the order). A row's name picks the device.
 *
 * It lives in the 540 px charts column (and a phone's width): six short columns, headers abbreviated
 * with their full names as titles, names and verdicts wrap while numbers never do, and what does not
 * fit (the low – high range, the split in words, the accelerator's name, the efficiencies' source) is
 * one "Show details" away, under each row. No column scrolls sideways.
 */
import { Fragment, useId, useMemo, useState, type ReactNode } from 'react';
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
  const [details, setDetails] = useState(false);
  const tableId = useId();
  const rows = useMemo(() => {
    const sign = sort.dir === 'asc' ? 1 : -1;
    // Ties keep the worker's order (fastest first): Array.prototype.sort is stable.
    return [...runs].sort((a, b) => sign * COMPARE[sort.key](a, b));
  }, [runs, sort]);
  const header = (key: SortKey, label: ReactNode, right = false) => (
    <SortHeader
      label={label}
      dir={sort.key === key ? sort.dir : null}
      onSort={() => setSort((s) => ({ key, dir: s.key === key && s.dir === 'asc' ? 'desc' : 'asc' }))}
      className={`px-1 align-bottom ${right ? 'text-right' : 'text-left'}`}
      testId={`device-sort-${key}`}
    />
  );
  /** A short header with its full name for the mouse and for screen readers. */
  const shortHeader = (text: string, full: string) => (
    <span title={full}>
      <span aria-hidden>{text}</span>
      <span className="sr-only">{full}</span>
    </span>
  );
  const pct = (part: number, r: Ok) => Math.round((100 * part) / (r.ms || 1));
  return (
    <div className="text-xs">
      <button
        type="button"
        className="focus-ring mb-1 rounded text-teal-800 underline decoration-dotted dark:text-teal-300"
        aria-expanded={details}
        aria-controls={tableId}
        data-testid="device-details-toggle"
        onClick={() => setDetails((d) => !d)}
      >
        {details ? `▾ ${t('devices.details.hide')}` : `▸ ${t('devices.details.show')}`}
      </button>
      <table id={tableId} className="w-full" data-testid="device-table" data-details={details ? 'shown' : 'hidden'}>
        <caption className="sr-only">{t('devices.caption')}</caption>
        <thead className="text-left text-slate-600 dark:text-slate-300">
          <tr>
            {header('name', t('device.label'))}
            {header('ms', shortHeader(t('devices.col.time'), t('devices.col.time.title')), true)}
            {header('bound', shortHeader(t('devices.col.bound.short'), t('devices.col.bound.title')), true)}
            {header('fit', t('devices.col.fit'))}
            {header(
              'placement',
              shortHeader(
                t('devices.col.placement.short'),
                `${t('devices.col.placement')}: ${t('devices.col.placement.title')}`,
              ),
              true,
            )}
            {header('precision', shortHeader(t('devices.col.precision.short'), t('devices.col.precision')))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const current = r.id === currentId;
            const tone = current ? 'bg-teal-50 font-semibold dark:bg-teal-950' : '';
            const cal = t(CALIBRATION_NOTE[r.calibration]);
            const prec = `${r.precision}${r.substituted ? ` ${t('devices.noPrecision', { precision })}` : ''}`;
            return (
              <Fragment key={r.id}>
                <tr
                  data-device={r.id}
                  aria-current={current ? 'true' : undefined}
                  className={`border-t border-slate-100 align-top dark:border-slate-800 ${tone}`}
                >
                  <th scope="row" className="py-0.5 pr-1 text-left font-normal [overflow-wrap:anywhere]">
                    <button
                      type="button"
                      className="focus-ring text-left underline decoration-dotted"
                      onClick={() => onPick?.(r.id)}
                    >
                      {r.name}
                    </button>
                  </th>
                  <td
                    className="num px-1 text-right whitespace-nowrap"
                    title={`${t('devices.col.band')}: ${ms(r.low_ms)} – ${ms(r.high_ms)}`}
                  >
                    {ms(r.ms)}
                  </td>
                  <td className="num px-1 text-right whitespace-nowrap" title={t('devices.col.bound')}>
                    {pct(r.boundMs.compute, r)}/{pct(r.boundMs.memory, r)}
                  </td>
                  <td className="px-1" data-testid="device-fit-cell" data-verdict={r.fit}>
                    <FitCell run={r} />
                  </td>
                  <td
                    className="num px-1 text-right whitespace-nowrap"
                    data-testid="device-placement-cell"
                    title={r.placement ? r.placement.accelerator : undefined}
                  >
                    {r.placement ? `${r.placement.on}/${r.placement.total}` : '–'}
                  </td>
                  <td className="pl-1 whitespace-nowrap" title={`${prec}, ${cal}`}>
                    {r.precision}
                    {r.substituted ? '*' : ''}
                  </td>
                </tr>
                {details && (
                  <tr data-details-for={r.id} className={`text-slate-600 dark:text-slate-300 ${tone}`}>
                    <td colSpan={6} className="pb-1 pl-3">
                      {[
                        `${t('devices.col.band')}: ${ms(r.low_ms)} – ${ms(r.high_ms)}`,
                        t('devices.detail.bound', { c: pct(r.boundMs.compute, r), m: pct(r.boundMs.memory, r) }),
                        ...(r.placement
                          ? [
                              t('devices.detail.placement', {
                                on: r.placement.on,
                                total: r.placement.total,
                                accelerator: r.placement.accelerator,
                              }),
                            ]
                          : []),
                        `${t('devices.col.precision')}: ${prec}, ${cal}`,
                      ].join(' · ')}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
