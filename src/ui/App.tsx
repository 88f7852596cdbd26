/**
 * The main screen: header, notice line, and three regions — editor (input, palette, layer
 * stack) | results (totals, charts slot, per-layer table) | details of the selected layer.
 * Components read numbers from the engine's result (useEvaluationResult for the totals,
 * useDeferredResult for the rest); they never count.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useConventionIndex, useDeferredResult, useEvaluationResult, useEvaluationStore } from '../state/evaluation';
import { Header } from './Header';
import { NoticeBar } from './NoticeBar';
import { ImportLayer } from './io';
import { InputBar } from './editor/InputBar';
import { PresetPanel } from './presets/PresetPanel';
import { Palette } from './editor/Palette';
import { TotalsPanel } from './results/TotalsPanel';
import { DetailsPanel } from './details/DetailsPanel';
import { UiProvider, useUi } from './uiContext';
import { useGlobalKeys, useThemeClass } from './useGlobalKeys';
import { TeachingTabs, useTeachingWide } from './teaching/TeachingTabs';
import { ExerciseBar, Hideable } from './teaching/Exercise';
import { useT } from './i18n';
import { useGraphView } from './graph/viewState';
import { useMediaQuery } from './useMediaQuery';

// Issue 5's charts load after the first paint (recharts and the device data are not in the initial JS).
const loadChartsPanel = () => import('./charts/ChartsPanel');
const ChartsPanel = lazy(loadChartsPanel);
// The layer list (with dnd-kit and the virtualizer) and the per-layer table mount after the first
// numbers (useAfterFirstNumbers): chunks of their own, fetched from the first render, so their code
// is neither in the first screen's JavaScript nor evaluated in its module task (issue 20).
const loadLayerList = () => import('./editor/LayerList');
const LayerList = lazy(() => loadLayerList().then((m) => ({ default: m.LayerList })));
const loadLayerTable = () => import('./results/LayerTable');
const LayerTable = lazy(() => loadLayerTable().then((m) => ({ default: m.LayerTable })));
// Issue 16's graph view (and its layout worker with dagre) loads when it is first opened.
const GraphPanel = lazy(() => import('./graph/GraphPanel'));

/** The graph view, while it is open (header "Graph" button). */
function GraphSlot() {
  const open = useGraphView((s) => s.open);
  const t = useT();
  if (!open) return null;
  return (
    <Suspense fallback={<p className="text-sm text-slate-500 dark:text-slate-400">{t('graph.loading')}</p>}>
      <GraphPanel />
    </Suspense>
  );
}

/** The totals: the one part of the screen that renders a new result at once (in the edit's frame). */
function LiveTotals({ countIndex }: { countIndex: number }) {
  const result = useEvaluationResult();
  return <TotalsPanel result={result} countIndex={countIndex} />;
}

/**
 * True from the frame after the first result was shown (issue 20: open in a blink). Until then the
 * layer list, the per-layer table and the details are not mounted, so the page's first render and
 * layout are small and the totals' numbers paint sooner; those regions keep their place in the grid
 * (their cells are sized by it, not by their content), so nothing moves when they arrive.
 */
const FIRST_NUMBERS_WAIT_MS = 1000;

/**
 * 0: only the totals; 1: the layer list too; 2: the table; 3: the charts; 4: the details — one task
 * each. The charts had mounted whenever their chunk arrived, which was inside the list's mount: one
 * 48–53 ms (CPU) task (issue 20); their chunk is fetched from the start, so it is there by stage 3.
 */
const LAST_STAGE = 4;
function useAfterFirstNumbers(): number {
  const hasResult = useEvaluationStore((s) => s.result !== null);
  const [stage, setStage] = useState(0);
  // Whatever happens to the first evaluation (a stuck worker), the rest comes within a second.
  useEffect(() => {
    const timer = setTimeout(() => setStage(LAST_STAGE), FIRST_NUMBERS_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!hasResult || stage >= LAST_STAGE) return;
    // A frame to paint what is there, then a task for the next region (each mount and layout on its own).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setStage((s) => s + 1), 0)));
    return () => {
      cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
    };
  }, [hasResult, stage]);
  return stage;
}

function Screen() {
  // The totals (LiveTotals) repaint with a new result first; the list, table and details (more
  // work) follow in a transition that never delays that frame, so the screen as a whole does not
  // render in the edit's own render.
  const deferred = useDeferredResult();
  const countIndex = useConventionIndex();
  const { paletteInput } = useUi();
  useGlobalKeys(paletteInput);
  useThemeClass();
  const wide = useTeachingWide();
  const stage = useAfterFirstNumbers();
  const t = useT();
  // The list's, the table's and the charts' chunks are fetched (and evaluated, each a task of its
  // own) from the first render; they mount at stages 1, 2 and 3. Until then the placeholder holds about the open panel's height (430 px at 1440
  // and 768, ~610 on a phone), so the table below does not jump when they come (no layout shift).
  useEffect(() => {
    void loadLayerList().then(loadLayerTable).then(loadChartsPanel);
  }, []);
  const listPlaceholder = <div className="min-h-0 flex-1" />;
  const chartsPlaceholder = (
    <p className="min-h-[600px] text-sm text-slate-500 md:min-h-[400px] dark:text-slate-400">{t('charts.loading')}</p>
  );
  // One column below 1024 px (the lg breakpoint the grid uses).
  const stacked = useMediaQuery('(max-width: 1023.98px)');
  const totals = (
    <Hideable part="totals">
      <LiveTotals countIndex={countIndex} />
    </Hideable>
  );
  return (
    <div className="flex h-full flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <SkipLinks />
      <Header />
      <NoticeBar />
      <ImportLayer />
      <ExerciseBar />
      {/* Each region is [contain:strict]: its size comes from the grid, never from its content, so
          a changed number in one region is laid out and painted without the other two (an edit
          re-lays out the totals and one row, not the 1,700 elements of the formulas beside them).
          Below 1024 px (a phone, a narrow window) the three regions stack in one scrolling column
          at the screen's width, the totals first: then the editor at a fixed height (its list
          scrolls inside), the rest of the results and the details at their own heights. */}
      <main
        data-stacked={stacked || undefined}
        className={`flex min-h-0 flex-1 flex-col overflow-y-auto lg:grid lg:overflow-visible ${wide ? 'lg:grid-cols-[minmax(22rem,30%)_minmax(0,1fr)_minmax(24rem,36%)]' : 'lg:grid-cols-[minmax(26rem,35%)_minmax(0,1fr)_minmax(15rem,21%)]'}`}
      >
        {/* On a phone (one column) the totals come first, above the editor (issue 19). */}
        {stacked && <div className="shrink-0 p-3">{totals}</div>}
        <section
          aria-label={t('region.editor')}
          className="flex h-[85vh] min-h-0 shrink-0 flex-col [contain:strict] border-slate-200 bg-white lg:h-auto lg:border-r dark:border-slate-700 dark:bg-slate-900"
        >
          <InputBar output={deferred?.output ?? null} modelError={deferred?.modelError} />
          <PresetPanel />
          <Palette />
          <div
            className="flex items-center gap-1 border-b border-slate-200 px-2 py-1 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
            aria-hidden
          >
            <span className="flex-1 pl-6">{t('list.col.layer')}</span>
            <span className="w-24 text-right">{t('list.col.output')}</span>
            <span className="w-16 text-right max-sm:hidden">{t('list.col.params')}</span>
            <span className="w-20 text-right">{t('list.col.count')}</span>
          </div>
          {stage >= 1 ? (
            <Suspense fallback={listPlaceholder}>
              <LayerList result={deferred} countIndex={countIndex} />
            </Suspense>
          ) : (
            listPlaceholder
          )}
        </section>
        <section
          id="results"
          tabIndex={-1}
          aria-label={t('region.results')}
          className="flex min-h-0 shrink-0 flex-col gap-3 p-3 lg:overflow-y-auto lg:[contain:strict]"
        >
          {!stacked && totals}
          <GraphSlot />
          {/* Issue 5 mounts its charts here (per-layer bars, latency). */}
          <div data-slot="charts" className="shrink-0">
            {stage >= 3 ? (
              <Suspense fallback={chartsPlaceholder}>
                <ChartsPanel />
              </Suspense>
            ) : (
              chartsPlaceholder
            )}
          </div>
          <Hideable part="table" className="min-h-0 flex-1">
            {stage >= 2 && (
              <Suspense fallback={null}>
                <LayerTable result={deferred} countIndex={countIndex} />
              </Suspense>
            )}
          </Hideable>
        </section>
        <aside
          id="details"
          tabIndex={-1}
          aria-label={t('region.details')}
          className="min-h-0 shrink-0 border-t border-slate-200 bg-white p-3 lg:overflow-auto lg:border-t-0 lg:border-l lg:[contain:strict] dark:border-slate-700 dark:bg-slate-900"
        >
          {stage >= 4 && (
            <TeachingTabs>
              <DetailsPanel result={deferred} />
            </TeachingTabs>
          )}
        </aside>
      </main>
    </div>
  );
}

/**
 * Keyboard users skip the header and the layer list (149 Tab stops on MobileNetV2) to the results
 * or the details. Buttons, not #anchors: the address's hash holds the model (the live URL).
 */
function SkipLinks() {
  const t = useT();
  const go = (id: string) => document.getElementById(id)?.focus();
  const cls =
    'focus-ring absolute top-1 left-1 z-50 -translate-y-20 rounded bg-indigo-700 px-3 py-1 text-sm text-white focus:translate-y-0';
  return (
    <nav aria-label={t('skip.label')}>
      <button type="button" className={cls} onClick={() => go('results')} data-testid="skip-results">
        {t('skip.results')}
      </button>
      <button type="button" className={`${cls} left-40`} onClick={() => go('details')}>
        {t('skip.details')}
      </button>
    </nav>
  );
}

export function App() {
  return (
    <UiProvider>
      <Screen />
    </UiProvider>
  );
}
