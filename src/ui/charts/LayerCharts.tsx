/**
 * Per-layer bars of parameters and of the selected count (linear/log), and their cumulative
 * curves along the depth. A click on a bar selects the layer (onSelect with its model path);
 * the selected layer's bars are outlined. Above MAX_BARS layers the bars aggregate (chartData).
 */
import { useMemo, useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ModelResult } from '../../engine/evaluate';
import { cumulativeSeries, layerSeries, type LayerPoint } from './chartData';
import { Segmented } from '../controls';
import { ChartFrame, ScaleToggle } from './ChartFrame';
import { COLORS, LOG_FLOOR, si } from './format';
import { useT } from '../i18n';

export interface LayerChartProps {
  result: ModelResult | null;
  /** Index into result.conventions of the selected count; -1 = conv/linear MACs. */
  countIndex: number;
  /** Name of the selected count for legends ("MACs (thop)"). */
  countLabel: string;
  selectedPath?: string | null;
  onSelect?: (modelPath: string) => void;
}

function LayerTooltip({
  active,
  payload,
  countLabel,
}: {
  active?: boolean;
  payload?: { payload: LayerPoint }[];
  countLabel: string;
}) {
  if (!active || !payload?.length) return null;
  return <LayerTip p={payload[0].payload} countLabel={countLabel} />;
}

function LayerTip({ p, countLabel }: { p: LayerPoint; countLabel: string }) {
  const t = useT();
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-600 dark:bg-slate-800">
      <div className="font-semibold">{p.label}</div>
      {p.layers > 1 && <div>{t('chart.layers', { n: p.layers })}</div>}
      <div>
        {t('chart.params')}: {p.exactParams.toLocaleString('en-US')}
      </div>
      <div>
        {countLabel}: {p.exactCount.toLocaleString('en-US')}
      </div>
    </div>
  );
}

export function LayerBarsChart({ result, countIndex, countLabel, selectedPath, onSelect }: LayerChartProps) {
  const [scale, setScale] = useState<'linear' | 'log'>('linear');
  // One series at a time: two bars per layer side by side are unreadable at 100+ layers.
  const [metric, setMetric] = useState<'count' | 'params'>('count');
  const t = useT();
  const series = useMemo(() => layerSeries(result, countIndex), [result, countIndex]);
  const data = useMemo(
    () =>
      series.points.map((p) =>
        scale === 'log' ? { ...p, params: Math.max(p.params, LOG_FLOOR), count: Math.max(p.count, LOG_FLOOR) } : p,
      ),
    [series, scale],
  );
  const click = (_: unknown, i: number) => {
    const p = series.points[i];
    if (p?.selectPath) onSelect?.(p.selectPath);
  };
  const note =
    series.aggregated === 'none'
      ? t('chart.layers', { n: data.length })
      : series.aggregated === 'top-level'
        ? t('chart.layers.topLevel')
        : t('chart.layers.top');
  return (
    <ChartFrame
      id="layers"
      title={t('chart.layers.title')}
      subtitle={note}
      toolbar={
        <>
          <Segmented
            label={t('chart.show')}
            value={metric}
            options={[
              { value: 'count', label: countLabel.replace(/ \(.*\)$/, '') },
              { value: 'params', label: t('chart.params') },
            ]}
            onChange={setMetric}
          />
          <ScaleToggle value={scale} onChange={setScale} />
        </>
      }
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="key"
            tick={false}
            label={{ value: t('chart.layers.x'), position: 'insideBottom', offset: 0, fontSize: 11 }}
            height={20}
          />
          <YAxis
            scale={scale}
            domain={scale === 'log' ? [LOG_FLOOR, 'auto'] : [0, 'auto']}
            tickFormatter={(v: number) => si(v)}
            width={56}
            allowDataOverflow
          />
          <Tooltip content={<LayerTooltip countLabel={countLabel} />} isAnimationActive={false} />
          <Legend verticalAlign="top" height={24} />
          {[metric].map((k) => (
            <Bar
              key={k}
              dataKey={k}
              name={k === 'params' ? t('chart.params') : countLabel}
              fill={COLORS[k]}
              onClick={click}
              isAnimationActive={false}
              cursor="pointer"
            >
              {series.points.map((p) => (
                <Cell
                  key={p.key}
                  stroke={p.selectPath && p.selectPath === selectedPath ? COLORS.selected : undefined}
                  strokeWidth={p.selectPath === selectedPath ? 2 : 0}
                  data-testid={`bar-${k}-${p.key}`}
                />
              ))}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function CumulativeChart({ result, countIndex, countLabel }: LayerChartProps) {
  const data = useMemo(() => cumulativeSeries(layerSeries(result, countIndex, Infinity).points), [result, countIndex]);
  const t = useT();
  return (
    <ChartFrame id="cumulative" title={t('chart.cumulative.title')} subtitle={t('chart.cumulative.subtitle')}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 4, right: 12, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="index"
            type="number"
            domain={[1, 'dataMax']}
            tickFormatter={(v: number) => String(v)}
            fontSize={11}
            label={{ value: t('chart.cumulative.x'), position: 'insideBottomRight', offset: 0, fontSize: 11 }}
          />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={44} />
          <Tooltip
            formatter={(v) => `${Number(v).toFixed(1)} %`}
            labelFormatter={(_l, p) => (p?.[0]?.payload as { label?: string } | undefined)?.label ?? ''}
            isAnimationActive={false}
          />
          <Legend verticalAlign="top" height={24} />
          <Line
            type="stepAfter"
            dataKey="params"
            name={t('chart.params')}
            stroke={COLORS.params}
            dot={false}
            isAnimationActive={false}
            strokeWidth={2}
          />
          <Line
            type="stepAfter"
            dataKey="count"
            name={countLabel}
            stroke={COLORS.count}
            dot={false}
            isAnimationActive={false}
            strokeWidth={2}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
