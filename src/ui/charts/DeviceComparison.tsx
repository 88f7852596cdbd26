/**
 * One model on every device, side by side: estimated time with its band, and how the time splits
 * between compute- and memory-bound kernels. Computed by the runtime worker (DeviceRun[]); the
 * bar chart is the same data drawn, for download. Clicking a row picks that device.
 */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DeviceRun } from '../../worker/runtimeClient';
import { decadeTicks } from './chartData';
import { ChartFrame } from './ChartFrame';
import { BoundKey } from './LatencyCharts';
import { COLORS, ms } from './format';
import { useT, type MessageKey } from '../i18n';
import { formatBytes } from '../format';
import { useEditor } from '../../state/store';

type Ok = Extract<DeviceRun, { ms: number }>;
const isOk = (r: DeviceRun): r is Ok => !('error' in r);

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

function FitCell({ run }: { run: Ok }) {
  const t = useT();
  const fmt = useEditor((s) => s.settings.numberFormat);
  return <span className={FIT_CLS[run.fit]}>{t(FIT_KEY[run.fit], { b: formatBytes(run.fitBytes, fmt) })}</span>;
}

export function DeviceComparison({
  devices,
  currentId,
  precision,
  onPick,
}: {
  devices: readonly DeviceRun[];
  currentId: string | null;
  precision: string;
  onPick?: (deviceId: string) => void;
}) {
  const ok = useMemo(() => devices.filter(isOk), [devices]);
  const t = useT();
  const data = useMemo(
    () =>
      ok.map((r) => ({
        id: r.id,
        name: r.name,
        ms: r.ms,
        bound: r.boundMs.compute >= r.boundMs.memory ? ('compute' as const) : ('memory' as const),
        // ErrorBar wants [below, above] the bar's end.
        band: [r.ms - r.low_ms, r.high_ms - r.ms],
      })),
    [ok],
  );
  // A log axis cannot start at 0: whole decades around the fastest low and slowest high.
  const domain = useMemo(() => {
    if (!ok.length) return [0.1, 1];
    const lo = Math.min(...ok.map((r) => r.low_ms));
    const hi = Math.max(...ok.map((r) => r.high_ms));
    return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
  }, [ok]);
  const failed = devices.filter((r) => !isOk(r));
  return (
    <div className="space-y-3">
      <ChartFrame
        id="devices"
        title={t('devices.title')}
        subtitle={t('devices.subtitle', { precision })}
        height={Math.max(200, 40 + data.length * 17)}
        toolbar={<BoundKey />}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }} barCategoryGap={2}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis
              type="number"
              scale="log"
              domain={domain}
              ticks={decadeTicks(domain[0], domain[1])}
              allowDataOverflow
              tickFormatter={(v: number) => ms(v)}
            />
            {/* Ids on the axis (short, unique); the full names are in the tooltip and the table. */}
            <YAxis type="category" dataKey="id" width={150} fontSize={11} interval={0} />
            <Tooltip
              formatter={(v) => ms(Number(v))}
              labelFormatter={(_l, p) => (p?.[0]?.payload as { name?: string } | undefined)?.name ?? ''}
              isAnimationActive={false}
            />
            <Bar
              dataKey="ms"
              name="time"
              isAnimationActive={false}
              cursor="pointer"
              onClick={(_d: unknown, i: number) => data[i] && onPick?.(data[i].id)}
            >
              {data.map((d) => (
                <Cell
                  key={d.id}
                  fill={d.bound === 'compute' ? COLORS.compute : COLORS.memory}
                  stroke={d.id === currentId ? COLORS.selected : undefined}
                  strokeWidth={d.id === currentId ? 2 : 0}
                />
              ))}
              <ErrorBar dataKey="band" width={3} stroke="#334155" direction="x" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </ChartFrame>
      <table className="w-full text-xs" data-testid="device-table">
        <caption className="sr-only">{t('devices.caption')}</caption>
        <thead className="text-left text-slate-600 dark:text-slate-300">
          <tr>
            <th scope="col">{t('device.label')}</th>
            <th scope="col" className="text-right">
              ms
            </th>
            <th scope="col" className="text-right">
              {t('devices.col.band')}
            </th>
            <th scope="col" className="text-right">
              {t('devices.col.bound')}
            </th>
            <th scope="col" className="pl-2">
              {t('devices.col.fit')}
            </th>
            <th scope="col">{t('devices.col.precision')}</th>
          </tr>
        </thead>
        <tbody>
          {ok.map((r) => (
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
              <td className="pl-2">
                {r.precision}
                {r.substituted ? ` ${t('devices.noPrecision', { precision })}` : ''},{' '}
                {t(CALIBRATION_NOTE[r.calibration])}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failed.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          {t('devices.failed', { list: failed.map((r) => `${r.name} (${'error' in r ? r.error : ''})`).join('; ') })}
        </p>
      )}
    </div>
  );
}
