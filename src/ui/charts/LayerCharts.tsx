/**
 * Per-layer bars of parameters and of the selected count (linear/log), and their cumulative
 * curves along the depth. A click on a bar selects the layer (onSelect with its model path);
 * the selected layer's bars are outlined. Above MAX_BARS layers the bars aggregate (chartData).
 */
import { useCallback, useMemo, useState } from 'react';
import type { ModelResult } from '../../engine/evaluate';
import { cumulativeSeries, layerSeries, type LayerPoint } from './chartData';
import { Segmented } from '../controls';
import { ChartFrame, ScaleToggle } from './ChartFrame';
import { COLORS, LOG_FLOOR, si } from './format';
import { BarPlot, StepPlot } from './svg/plots';
import { TipCard } from './svg/Plot';
import { useT } from '../i18n';
import { groupDigits } from '../format';

export interface LayerChartProps {
  result: ModelResult | null;
  /** Index into result.conventions of the selected count; -1 = conv/linear MACs. */
  countIndex: number;
  /** Name of the selected count for legends ("MACs (thop)"). */
  countLabel: string;
  selectedPath?: string | null;
  onSelect?: (modelPath: string) => void;
}

function LayerTip({ p, countLabel }: { p: LayerPoint; countLabel: string }) {
  const t = useT();
  return (
    <TipCard>
      <div className="font-semibold">{p.label}</div>
      {p.layers > 1 && <div>{t('chart.layers', { n: p.layers })}</div>}
      {/* The bigints through groupDigits, as every exact figure: digit by digit, no Intl needed. */}
      <div>
        {t('chart.params')}: {groupDigits(p.exactParams)}
      </div>
      <div>
        {countLabel}: {groupDigits(p.exactCount)}
      </div>
    </TipCard>
  );
}

export function LayerBarsChart({ result, countIndex, countLabel, selectedPath, onSelect }: LayerChartProps) {
  const [scale, setScale] = useState<'linear' | 'log'>('linear');
  // One series at a time: two bars per layer side by side are unreadable at 100+ layers.
  const [metric, setMetric] = useState<'count' | 'params'>('count');
  const t = useT();
  const series = useMemo(() => layerSeries(result, countIndex), [result, countIndex]);
  const bars = useMemo(
    () =>
      series.points.map((p) => ({
        key: p.key,
        parts: [metric === 'params' ? p.params : p.count],
        fills: [COLORS[metric]],
        selected: !!p.selectPath && p.selectPath === selectedPath,
        testId: `bar-${metric}-${p.key}`,
      })),
    [series, metric, selectedPath],
  );
  const pick = useCallback(
    (i: number) => {
      const p = series.points[i];
      if (p?.selectPath) onSelect?.(p.selectPath);
    },
    [series, onSelect],
  );
  const tip = useCallback(
    (i: number) => <LayerTip p={series.points[i]} countLabel={countLabel} />,
    [series, countLabel],
  );
  const metricLabel = metric === 'params' ? t('chart.params') : countLabel;
  const legend = useMemo(() => [{ label: metricLabel, color: COLORS[metric] }], [metricLabel, metric]);
  const note =
    series.aggregated === 'none'
      ? t('chart.layers', { n: series.points.length })
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
      <BarPlot
        bars={bars}
        scale={scale}
        logFloor={LOG_FLOOR}
        yFormat={si}
        legend={legend}
        xLabel={t('chart.layers.x')}
        ariaLabel={t('chart.aria', { title: t('chart.layers.title') })}
        empty={t('chart.empty')}
        tooltip={tip}
        onPick={pick}
      />
    </ChartFrame>
  );
}

export function CumulativeChart({ result, countIndex, countLabel }: LayerChartProps) {
  const data = useMemo(() => cumulativeSeries(layerSeries(result, countIndex, Infinity).points), [result, countIndex]);
  const t = useT();
  const paramsLabel = t('chart.params');
  const series = useMemo(
    () => [
      { label: paramsLabel, color: COLORS.params, values: data.map((d) => d.params) },
      { label: countLabel, color: COLORS.count, values: data.map((d) => d.count) },
    ],
    [data, paramsLabel, countLabel],
  );
  const tip = useCallback(
    (i: number) => (
      <TipCard>
        <div className="font-semibold">{data[i].label}</div>
        <div>
          {paramsLabel}: {data[i].params.toFixed(1)} %
        </div>
        <div>
          {countLabel}: {data[i].count.toFixed(1)} %
        </div>
      </TipCard>
    ),
    [data, paramsLabel, countLabel],
  );
  return (
    <ChartFrame id="cumulative" title={t('chart.cumulative.title')} subtitle={t('chart.cumulative.subtitle')}>
      <StepPlot
        series={series}
        xLabel={t('chart.cumulative.x')}
        ariaLabel={t('chart.aria', { title: t('chart.cumulative.title') })}
        empty={t('chart.empty')}
        tooltip={tip}
      />
    </ChartFrame>
  );
}
