/**
 * The charts region of the results column (issue 5), loaded on demand (App.tsx lazy-imports it,
 * so recharts and the device data stay out of the first page load). One chart at a time behind
 * tabs keeps it tidy on a laptop screen; the region folds away. The device and precision pickers
 * and the latency total sit in its header.
 *
 * Numbers come from the engine: counts from useDeferredResult (sums of its rows only), memory and
 * latency from the runtime worker (useRuntimeAnswer). Clicking a bar selects the layer in the editor;
 * the editor's selection outlines the bar.
 */
import { lazy, Suspense, useId, type ComponentProps } from 'react';
import { Tabs } from '../Tabs';
import { conventionById } from '../../engine/conventions/registry';
import { useConventionIndex, useDeferredResult } from '../../state/evaluation';
import { useRuntimeAnswer, useRuntimeCompare, useRuntimeSlowPending } from '../../state/runtime';
import type { LatencyView } from '../../worker/runtimeClient';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { DeviceFit } from './DeviceFit';
import { DevicePicker } from './DevicePicker';
import { ms } from './format';
import { LatencyBarsChart, RooflineChart } from './LatencyCharts';
import { CumulativeChart, LayerBarsChart } from './LayerCharts';
import { MemoryChart } from './MemoryChart';
import { CHART_TABS, useChartsView, type ChartTab } from './viewState';
import { useLocalize, useT } from '../i18n';

// recharts (with redux-toolkit, immer and d3) draws only these two tabs: a chunk of their own, not
// evaluated while the page opens (it was ~17 ms of the charts chunk's module task; issue 20).
const ClassShareChart = lazy(() => import('./ClassShareChart').then((m) => ({ default: m.ClassShareChart })));
const DeviceComparison = lazy(() => import('./DeviceComparison').then((m) => ({ default: m.DeviceComparison })));

/** "12.3 ms (8.1 – 19 ms) on Pixel 4 CPU (4 threads), fp32", or why there is none. */
function LatencyTotal() {
  const answer = useRuntimeAnswer();
  const pending = useRuntimeSlowPending();
  const latency = answer?.latency;
  const t = useT();
  const localize = useLocalize();
  let text: string;
  if (answer?.modelError) text = t('runtime.modelError');
  else if (!answer) text = t('runtime.estimating');
  else if (!latency) text = t('runtime.pickDevice');
  else if ('error' in latency) text = t('runtime.error', { error: localize(latency.error) });
  else if (!latency.estimate.layers.length) text = t('runtime.noLayers');
  else {
    const e = latency.estimate;
    text = t('runtime.total', { ms: ms(e.ms), low: ms(e.low_ms), high: ms(e.high_ms), precision: e.precision });
    // Ops the accelerator cannot run go to a host CPU (deploy/placement): that time is part of the answer.
    const p = answer.placement;
    if (p?.documented && p.opsOnAccelerator < p.opsTotal && !('error' in p.latency))
      text += ` · ${t('runtime.withPlacement', { n: p.opsTotal - p.opsOnAccelerator, ms: ms(p.latency.ms), alone: ms(e.ms) })}`;
  }
  return (
    <p
      data-testid="latency-total"
      aria-live="polite"
      className={`text-sm ${latency && 'error' in latency ? 'text-red-700 dark:text-red-300' : 'text-slate-800 dark:text-slate-100'}`}
    >
      <span className="font-semibold" title={latency && !('error' in latency) ? latency.deviceName : undefined}>
        {t('runtime.label')}
      </span>{' '}
      {text}
      {latency && !('error' in latency) && <MeasuredNote latency={latency} />}
      {pending && answer ? <span className="text-slate-500 dark:text-slate-400"> · {t('totals.updating')}</span> : null}
    </p>
  );
}

/**
 * Issue 18: how far off the estimate was on this device's held-out measurements, and the public
 * measurement of this model (or the nearest measured one) on it, with its source.
 */
function MeasuredNote({ latency }: { latency: LatencyView }) {
  const t = useT();
  const h = latency.estimate.calibration.heldOut;
  const twin = latency.twin;
  return (
    <>
      {h && (
        <span className="text-slate-600 dark:text-slate-300" data-testid="held-out">
          {' '}
          · {t('runtime.heldOut', { median: h.medianErrorPct.toFixed(0), p90: h.p90ErrorPct.toFixed(0), n: h.rows })}
        </span>
      )}
      {twin && (
        <span data-testid="measured-twin" data-kind={twin.kind}>
          {' '}
          ·{' '}
          <a className="underline decoration-dotted" href={twin.url} target="_blank" rel="noreferrer" title={twin.note}>
            {twin.kind === 'listed'
              ? t('runtime.measuredListed', { table: twin.table, model: twin.model })
              : t(twin.kind === 'same' ? 'runtime.measured' : 'runtime.measuredClosest', {
                  table: twin.table,
                  model: twin.model,
                  precision: twin.precision ?? t('runtime.precisionNotStated'),
                  // A streaming throughput is shown as such, never as a time per inference.
                  value:
                    twin.fps !== undefined
                      ? t('runtime.measuredFps', { fps: twin.fps })
                      : twin.ms !== null
                        ? ms(twin.ms)
                        : '',
                })}
          </a>
        </span>
      )}
    </>
  );
}

function ChartBody({ tab }: { tab: ChartTab }) {
  const deferred = useDeferredResult(); // after the totals' frame
  const countIndex = useConventionIndex();
  const convention = useEditor((s) => s.settings.convention);
  const selection = useEditor((s) => s.selection);
  const select = useEditor((s) => s.select);
  const setSettings = useEditor((s) => s.setSettings);
  const precision = useEditor((s) => s.settings.precision);
  const device = useEditor((s) => s.settings.device);
  const answer = useRuntimeAnswer();
  const conv = conventionById(convention);
  const countLabel = `${conv?.unit ?? 'FLOP'}s (${conv?.name ?? convention})`;
  const latency = answer?.latency && !('error' in answer.latency) ? answer.latency : null;
  const common = { result: deferred, countIndex, countLabel, selectedPath: selection, onSelect: select };
  switch (tab) {
    case 'layers':
      return <LayerBarsChart {...common} />;
    case 'cumulative':
      return <CumulativeChart {...common} />;
    case 'classes':
      return <ClassShareChart {...common} />;
    case 'memory':
      return <MemoryChart memory={answer?.memory ?? null} selectedPath={selection} onSelect={select} />;
    case 'latency':
      return <LatencyBarsChart latency={latency} selectedPath={selection} onSelect={select} />;
    case 'roofline':
      return <RooflineChart latency={latency} selectedPath={selection} onSelect={select} />;
    case 'devices':
      return (
        <ComparedDevices
          devices={answer?.devices ?? []}
          currentId={device}
          precision={precision}
          onPick={(id) => setSettings({ device: id })}
        />
      );
  }
}

/** The device comparison, which the runtime worker computes only while this is mounted. */
function ComparedDevices(props: ComponentProps<typeof DeviceComparison>) {
  useRuntimeCompare();
  return <DeviceComparison {...props} />;
}

export default function ChartsPanel() {
  const open = useChartsView((s) => s.open);
  const tab = useChartsView((s) => s.tab);
  const device = useEditor((s) => s.settings.device);
  const precision = useEditor((s) => s.settings.precision);
  const setSettings = useEditor((s) => s.setSettings);
  const id = useId();
  const setTab = (k: ChartTab) => useChartsView.setState({ tab: k });
  const t = useT();

  return (
    <section aria-label={t('charts.region')} data-testid="charts-panel" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Button
          small
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => useChartsView.setState({ open: !open })}
        >
          {open ? '▾' : '▸'} {t('charts.button')}
        </Button>
        <LatencyTotal />
        <DevicePicker
          deviceId={device}
          precision={precision}
          onChange={(d, p) => setSettings({ device: d, precision: p })}
        />
      </div>
      <DeviceFit />
      {open && (
        <div id={`${id}-body`}>
          <Tabs
            tabs={CHART_TABS}
            value={tab}
            onChange={setTab}
            label={t('charts.button')}
            title={(k) => t(`chart.tab.${k}`)}
            testId={(k) => `chart-tab-${k}`}
            size="small"
            panelClassName={tab === 'devices' ? 'max-h-[22rem] overflow-auto' : ''}
          >
            <Suspense
              fallback={
                <p className="min-h-[200px] text-sm text-slate-500 dark:text-slate-400">{t('charts.loading')}</p>
              }
            >
              <ChartBody tab={tab} />
            </Suspense>
          </Tabs>
        </div>
      )}
    </section>
  );
}
