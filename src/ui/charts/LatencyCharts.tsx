/**
 * Estimated time per executed kernel on the selected device, coloured by what bounds it, and
 * the roofline (arithmetic intensity vs attainable throughput) with each kernel as a point.
 * Fused layers (BN, ReLU after a conv) are folded into their host kernel, as the runtime does.
 */
import { useMemo } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import type { LatencyView } from '../../worker/runtimeClient';
import { aggregateLatency, decadeTicks, rooflinePoints, type LatencyPoint } from './chartData';
import { ChartFrame } from './ChartFrame';
import { COLORS, ms, si } from './format';
import { useT } from '../i18n';

export interface LatencyChartProps {
  /** Computed in the runtime worker (src/worker/runtime.ts); null: no device or no answer yet. */
  latency: LatencyView | null;
  selectedPath?: string | null;
  onSelect?: (modelPath: string) => void;
}

function PointTooltip({ active, payload }: { active?: boolean; payload?: { payload: LatencyPoint }[] }) {
  if (!active || !payload?.length) return null;
  const p = payload[0].payload;
  if (!p.key) return null;
  return <PointTip p={p} />;
}

function PointTip({ p }: { p: LatencyPoint }) {
  const t = useT();
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-600 dark:bg-slate-800">
      <div className="font-semibold">{p.label}</div>
      <div>
        {ms(p.ms)} · {t(p.bound === 'compute' ? 'chart.bound.compute' : 'chart.bound.memory')}
      </div>
      <div>
        {p.intensity.toPrecision(3)} op/B → {si(p.attainableGops * 1e9, 'op/s')}
      </div>
    </div>
  );
}

/** Colour key for compute- vs memory-bound (recharts 3 legends follow series, not cells). */
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
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 4, right: 8, bottom: 4, left: 8 }} barCategoryGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="key" tick={false} height={12} />
          <YAxis tickFormatter={(v: number) => ms(v)} width={64} />
          <Tooltip content={<PointTooltip />} isAnimationActive={false} />
          <Bar
            dataKey="ms"
            name="time"
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d: unknown, i: number) => data[i] && onSelect?.(data[i].selectPath)}
          >
            {data.map((p) => (
              <Cell
                key={p.key}
                fill={p.bound === 'compute' ? COLORS.compute : COLORS.memory}
                stroke={p.selectPath === selectedPath ? COLORS.selected : undefined}
                strokeWidth={p.selectPath === selectedPath ? 2 : 0}
              />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}

export function RooflineChart({ latency, onSelect }: LatencyChartProps) {
  const estimate = latency?.estimate;
  const data = useMemo(() => rooflinePoints(latency?.points ?? []), [latency]);
  const t = useT();
  const { roof, x, y } = useMemo(() => {
    const first = estimate?.layers.find((l) => !l.fusedInto);
    if (!first || !data.length) return { roof: [], x: [1, 10], y: [1, 10] };
    const xs = data.map((p) => p.intensity);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...xs)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...xs, (2 * first.peakGops) / first.bandwidthGBs)));
    const ridge = first.peakGops / first.bandwidthGBs;
    // The device's raw roof: bandwidth slope up to the ridge point, then the flat peak.
    const roof = [lo, Math.min(Math.max(ridge, lo), hi), hi].map((i) => ({
      intensity: i,
      attainableGops: Math.min(first.peakGops, i * first.bandwidthGBs),
      key: '',
    }));
    const ylo = 10 ** Math.floor(Math.log10(Math.min(...data.map((p) => p.attainableGops), roof[0].attainableGops)));
    const yhi = 10 ** Math.ceil(Math.log10(first.peakGops * 1.01));
    return { roof, x: [lo, hi], y: [ylo, yhi] };
  }, [estimate, data]);
  return (
    <ChartFrame
      id="roofline"
      title={t('chart.roofline.title')}
      subtitle={t('chart.roofline.subtitle')}
      toolbar={<BoundKey />}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 4, right: 12, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="intensity"
            scale="log"
            domain={x}
            ticks={decadeTicks(x[0], x[1])}
            allowDataOverflow
            tickFormatter={(v: number) => si(v)}
            name="intensity"
            label={{ value: t('chart.roofline.x'), position: 'bottom', offset: 0, fontSize: 11 }}
          />
          <YAxis
            type="number"
            dataKey="attainableGops"
            scale="log"
            domain={y}
            ticks={decadeTicks(y[0], y[1])}
            allowDataOverflow
            tickFormatter={(v: number) => si(v * 1e9)}
            width={56}
            label={{ value: 'op/s', angle: -90, position: 'insideLeft', fontSize: 11 }}
          />
          <ZAxis range={[36, 36]} />
          <Tooltip content={<PointTooltip />} isAnimationActive={false} />
          <Scatter
            data={roof}
            line={{ stroke: '#64748b', strokeWidth: 2 }}
            shape={() => <g />}
            isAnimationActive={false}
            legendType="none"
          />
          <Scatter
            data={data}
            isAnimationActive={false}
            cursor="pointer"
            onClick={(_d: unknown, i: number) => data[i] && onSelect?.(data[i].selectPath)}
          >
            {data.map((p) => (
              <Cell key={p.key} fill={p.bound === 'compute' ? COLORS.compute : COLORS.memory} />
            ))}
          </Scatter>
        </ScatterChart>
      </ResponsiveContainer>
    </ChartFrame>
  );
}
