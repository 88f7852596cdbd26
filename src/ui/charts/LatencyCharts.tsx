/**
 * Estimated time per executed kernel on the selected device, coloured by what bounds it, and
 * the roofline (arithmetic intensity vs attainable throughput) with each kernel as a point.
 * Fused layers (BN, ReLU after a conv) are folded into their host kernel, as the runtime does.
 */
import { useCallback, useMemo } from 'react';
import type { LatencyView } from '../../worker/runtimeClient';
import { aggregateLatency, rooflinePoints, type LatencyPoint } from './chartData';
import { ChartFrame } from './ChartFrame';
import { COLORS, ms, si } from './format';
import { BarPlot, ScatterPlot } from './svg/plots';
import { TipCard } from './svg/Plot';
import { useT } from '../i18n';

export interface LatencyChartProps {
  /** Computed in the runtime worker (src/worker/runtime.ts); null: no device or no answer yet. */
  latency: LatencyView | null;
  selectedPath?: string | null;
  onSelect?: (modelPath: string) => void;
}

function PointTip({ p }: { p: LatencyPoint }) {
  const t = useT();
  return (
    <TipCard>
      <div className="font-semibold">{p.label}</div>
      <div>
        {ms(p.ms)} · {t(p.bound === 'compute' ? 'chart.bound.compute' : 'chart.bound.memory')}
      </div>
      <div>
        {p.intensity.toPrecision(3)} op/B → {si(p.attainableGops * 1e9, 'op/s')}
      </div>
    </TipCard>
  );
}

const boundColor = (p: LatencyPoint) => (p.bound === 'compute' ? COLORS.compute : COLORS.memory);

/** Colour key for compute- vs memory-bound bars and points (shown in the chart header). */
export function BoundKey() {
  const t = useT();
  return (
    <span className="flex items-center gap-2 text-xs text-slate-700 dark:text-slate-200">
      {(['compute', 'memory'] as const).map((b) => (
        <span key={b} className="flex items-center gap-1">
          <span aria-hidden className="inline-block h-2.5 w-2.5" style={{ background: COLORS[b] }} />
          {t(b === 'compute' ? 'chart.bound.compute' : 'chart.bound.memory')}
        </span>
      ))}
    </span>
  );
}

export function LatencyBarsChart({ latency, selectedPath, onSelect }: LatencyChartProps) {
  const series = useMemo(() => aggregateLatency(latency?.points ?? []), [latency]);
  const data = series.points;
  const estimate = latency?.estimate;
  const t = useT();
  const bars = useMemo(
    () =>
      data.map((p) => ({
        key: p.key,
        parts: [p.ms],
        fills: [boundColor(p)],
        selected: p.selectPath === selectedPath,
        testId: `bar-time-${p.key}`,
      })),
    [data, selectedPath],
  );
  const pick = useCallback((i: number) => data[i] && onSelect?.(data[i].selectPath), [data, onSelect]);
  const tip = useCallback((i: number) => <PointTip p={data[i]} />, [data]);
  const subtitle = estimate
    ? t('chart.latency.subtitle', {
        ms: ms(estimate.ms),
        low: ms(estimate.low_ms),
        high: ms(estimate.high_ms),
        device: latency.deviceName,
        precision: estimate.precision,
      }) + (series.aggregated ? ` · ${t('chart.latency.merged')}` : '')
    : t('chart.pickDevice');
  return (
    <ChartFrame id="latency" title={t('chart.latency.title')} subtitle={subtitle} toolbar={<BoundKey />}>
      <BarPlot
        bars={bars}
        yFormat={ms}
        yAxisWidth={64}
        ariaLabel={t('chart.aria', { title: t('chart.latency.title') })}
        empty={t('chart.empty')}
        tooltip={tip}
        onPick={pick}
      />
    </ChartFrame>
  );
}

export function RooflineChart({ latency, onSelect }: LatencyChartProps) {
  const estimate = latency?.estimate;
  const data = useMemo(() => rooflinePoints(latency?.points ?? []), [latency]);
  const t = useT();
  const { roof, x, y } = useMemo(() => {
    const first = estimate?.layers.find((l) => !l.fusedInto);
    if (!first || !data.length) return { roof: [], x: [1, 10] as const, y: [1, 10] as const };
    const xs = data.map((p) => p.intensity).filter((v) => v > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...xs, first.peakGops / first.bandwidthGBs)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...xs, (2 * first.peakGops) / first.bandwidthGBs)));
    const ridge = first.peakGops / first.bandwidthGBs;
    // The device's raw roof: bandwidth slope up to the ridge point, then the flat peak.
    const roof = [lo, Math.min(Math.max(ridge, lo), hi), hi].map((i) => ({
      x: i,
      y: Math.min(first.peakGops, i * first.bandwidthGBs),
    }));
    const ylo = 10 ** Math.floor(Math.log10(Math.min(...data.map((p) => p.attainableGops), roof[0].y)));
    const yhi = 10 ** Math.ceil(Math.log10(first.peakGops * 1.01));
    return { roof, x: [lo, hi] as const, y: [ylo, yhi] as const };
  }, [estimate, data]);
  const points = useMemo(
    () => data.map((p) => ({ key: p.key, x: p.intensity, y: p.attainableGops, fill: boundColor(p) })),
    [data],
  );
  const pick = useCallback((i: number) => data[i] && onSelect?.(data[i].selectPath), [data, onSelect]);
  const tip = useCallback((i: number) => <PointTip p={data[i]} />, [data]);
  const gops = useCallback((v: number) => si(v * 1e9), []);
  return (
    <ChartFrame
      id="roofline"
      title={t('chart.roofline.title')}
      subtitle={t('chart.roofline.subtitle')}
      toolbar={<BoundKey />}
    >
      <ScatterPlot
        points={points}
        line={roof}
        xDomain={x}
        yDomain={y}
        xFormat={si}
        yFormat={gops}
        xLabel={t('chart.roofline.x')}
        yLabel="op/s"
        ariaLabel={t('chart.aria', { title: t('chart.roofline.title') })}
        empty={t('chart.empty')}
        tooltip={tip}
        onPick={pick}
      />
    </ChartFrame>
  );
}
