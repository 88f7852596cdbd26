/**
 * Activation memory live at each execution step (stacked: held by enclosing residual/concat
 * branches + the step's own tensors), the peak marked, and the weight size for the dtype.
 */
import { useCallback, useMemo } from 'react';
import type { MemoryView } from '../../worker/runtimeClient';
import { aggregateMemory, type MemoryPoint } from './chartData';
import { ChartFrame } from './ChartFrame';
import { bytes, COLORS } from './format';
import { BarPlot } from './svg/plots';
import { TipCard } from './svg/Plot';
import { useT } from '../i18n';

function MemoryTip({ p }: { p: MemoryPoint }) {
  const t = useT();
  return (
    <TipCard>
      <div className="font-semibold">
        {p.label}
        {p.peak ? ` — ${t('chart.memory.peakWord')}` : ''}
      </div>
      <div>{t('chart.memory.live', { b: bytes(p.liveBytes) })}</div>
      <div>{t('chart.memory.heldTip', { b: bytes(p.heldBytes) })}</div>
      {p.arenaBytes > 0 && <div>{t('chart.memory.arenaTip', { b: bytes(p.arenaBytes) })}</div>}
    </TipCard>
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
  const data = series.points;
  const peak = data.find((p) => p.peak);
  const t = useT();
  const bars = useMemo(
    () =>
      data.map((p) => ({
        key: p.key,
        // The arena part: how far above the live bytes the greedy plan's buffers reach at this step.
        parts: [p.heldBytes, Math.max(0, p.liveBytes - p.heldBytes), Math.max(0, p.arenaBytes - p.liveBytes)],
        fills: [COLORS.held, p.peak ? COLORS.peak : COLORS.params, COLORS.arena],
        selected: p.selectPath === selectedPath,
        testId: `bar-memory-${p.key}`,
      })),
    [data, selectedPath],
  );
  const legend = useMemo(
    () => [
      { label: t('chart.memory.held'), color: COLORS.held },
      { label: t('chart.memory.own'), color: COLORS.params },
      { label: t('chart.memory.arena'), color: COLORS.arena },
    ],
    [t],
  );
  const peakLabel = peak ? t('chart.memory.peak', { b: bytes(peak.liveBytes) }) : '';
  const marker = useMemo(
    () => (peak ? { value: peak.liveBytes, label: peakLabel, color: COLORS.peak } : undefined),
    [peak, peakLabel],
  );
  const pick = useCallback((i: number) => data[i] && onSelect?.(data[i].selectPath), [data, onSelect]);
  const tip = useCallback((i: number) => <MemoryTip p={data[i]} />, [data]);
  const subtitle = memory
    ? t('chart.memory.subtitle', {
        peak: bytes(Number(memory.peakBytes)),
        at: memory.peakLabel ?? '–',
        weights: bytes(Number(memory.weightBytes)),
        dtype: memory.dtype,
      }) +
      (memory.arenaBytes !== null
        ? ` · ${t('chart.memory.arenaSize', { b: bytes(Number(memory.arenaBytes)) })}`
        : ` · ${t('chart.memory.noArena', { why: memory.arenaNote ?? '' })}`) +
      (series.aggregated ? ` · ${t('chart.memory.merged')}` : '') +
      (memory.complete ? '' : ` · ${t('chart.memory.incomplete')}`)
    : '';
  return (
    <ChartFrame id="memory" title={t('chart.memory.title')} subtitle={subtitle}>
      <BarPlot
        bars={bars}
        yFormat={bytes}
        yAxisWidth={64}
        legend={legend}
        marker={marker}
        ariaLabel={t('chart.aria', { title: t('chart.memory.title') })}
        empty={t('chart.empty')}
        tooltip={tip}
        onPick={pick}
      />
    </ChartFrame>
  );
}
