/** Share of parameters and of the selected count by layer class (conv, depthwise, pointwise, …). */
import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelResult } from '../../engine/evaluate';
import { classShares } from './chartData';
import { ChartFrame } from './ChartFrame';
import { COLORS } from './format';
import { useT } from '../i18n';

export function ClassShareChart({
  result,
  countIndex,
  countLabel,
}: {
  result: ModelResult | null;
  countIndex: number;
  countLabel: string;
}) {
  const t = useT();
  const data = useMemo(() => {
    const shares = classShares(result, countIndex);
    const tp = shares.reduce((s, x) => s + x.params, 0) || 1;
    const tc = shares.reduce((s, x) => s + x.count, 0) || 1;
    return shares.map((s) => ({ ...s, paramsPct: (100 * s.params) / tp, countPct: (100 * s.count) / tc }));
  }, [result, countIndex]);
  return (
    <ChartFrame
      id="classes"
      title={t('chart.classes.title')}
      subtitle={t('chart.classes.subtitle')}
      height={Math.max(160, 40 + data.length * 34)}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} />
          <YAxis type="category" dataKey="label" width={170} fontSize={12} />
          <Tooltip formatter={(v) => `${Number(v).toFixed(1)} %`} isAnimationActive={false} />
          {/* No fixed height: on a phone the two entries wrap to two lines, which recharts then measures
              and keeps clear of the bars (a fixed 24 px let the second line cover them). */}
          <Legend verticalAlign="top" wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="paramsPct" name={t('chart.params')} fill={COLORS.params} isAnimationActive={false} />
          <Bar dataKey="countPct" name={countLabel} fill={COLORS.count} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
