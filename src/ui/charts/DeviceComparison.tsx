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
import { useLocalize, useT } from '../i18n';

import { DeviceTable, type Ok } from './DeviceTable';

const isOk = (r: DeviceRun): r is Ok => !('error' in r);

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
  const localize = useLocalize();
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
      <DeviceTable runs={ok} currentId={currentId} precision={precision} onPick={onPick} />
      {failed.length > 0 && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          {t('devices.failed', {
            list: failed.map((r) => `${r.name} (${'error' in r ? localize(r.error) : ''})`).join('; '),
          })}
        </p>
      )}
    </div>
  );
}
