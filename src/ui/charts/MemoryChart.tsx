/**
 * Activation memory live at each execution step (stacked: held by enclosing residual/concat
 * branches + the step's own tensors), the peak marked, and the weight size for the dtype.
 */
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { MemoryView } from '../../worker/runtimeClient';
import { aggregateMemory, type MemoryPoint } from './chartData';
import { ChartFrame } from './ChartFrame';
import { bytes, COLORS } from './format';
import { useT } from '../i18n';

function MemoryTooltip({
  active,
  payload,
}: {
  active?: boolean;
  payload?: { payload: MemoryPoint & { own: number } }[];
}) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  return <MemoryTip p={p} />;
}

function MemoryTip({ p }: { p: MemoryPoint & { own: number } }) {
  const t = useT();
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-600 dark:bg-slate-800">
      <div className="font-semibold">
        {p.label}
        {p.peak ? ` — ${t('chart.memory.peakWord')}` : ''}
      </div>
      <div>{t('chart.memory.live', { b: bytes(p.liveBytes) })}</div>
      <div>{t('chart.memory.heldTip', { b: bytes(p.heldBytes) })}</div>
    </div>
  );
}

export function MemoryChart({
  memory,
  selectedPath,
  onSelect,
}: {
  /** Computed in the runtime worker (src/worker/runtime.ts); null while there is none. */
  memory: MemoryView | null;
  selectedPath?: string | null;
  onSelect?: (modelPath: string) => void;
}) {
  const series = useMemo(() => aggregateMemory(memory?.points ?? []), [memory]);
  const data = useMemo(() => series.points.map((p) => ({ ...p, own: p.liveBytes - p.heldBytes })), [series]);
  const peak = data.find((p) => p.peak);
  const t = useT();
  const subtitle = memory
    ? t('chart.memory.subtitle', {
        peak: bytes(Number(memory.peakBytes)),
        at: memory.peakLabel ?? '–',
        weights: bytes(Number(memory.weightBytes)),
        dtype: memory.dtype,
      }) +
      (series.aggregated ? ` · ${t('chart.memory.merged')}` : '') +
      (memory.complete ? '' : ` · ${t('chart.memory.incomplete')}`)
    : '';
  return (
    <ChartFrame id="memory" title={t('chart.memory.title')} subtitle={subtitle}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={false} height={12} />
          <YAxis tickFormatter={(v: number) => bytes(v)} width={64} />
          <Tooltip content={<MemoryTooltip />} isAnimationActive={false} />
          <Legend verticalAlign="top" height={24} />
          <Bar
            dataKey="heldBytes"
            stackId="m"
            name={t('chart.memory.held')}
            fill={COLORS.held}
            isAnimationActive={false}
          />
          <Bar
            dataKey="own"
            stackId="m"
            name={t('chart.memory.own')}
            fill={COLORS.params}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d: unknown, i: number) => data[i] && onSelect?.(data[i].selectPath)}
          >
            {data.map((p) => (
              <Cell
                key={p.key}
                fill={p.peak ? COLORS.peak : p.selectPath === selectedPath ? COLORS.selected : COLORS.params}
              />
            ))}
          </Bar>
          {peak && (
            <ReferenceLine
              y={peak.liveBytes}
              stroke={COLORS.peak}
              strokeDasharray="4 2"
              label={{
                value: t('chart.memory.peak', { b: bytes(peak.liveBytes) }),
                position: 'insideTopRight',
                fontSize: 11,
                fill: COLORS.peak,
              }}
            />
          )}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
