/**
 * The tab bar of the details region: Layer (the details panel with its formula inspector),
 * Conventions, A/B and Examples. The open example's explanation stays above the tabs. The
 * wide tabs ask the layout for more room (useTeachingWide).
 */
import { lazy, Suspense, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useT } from '../i18n';
import { Hideable } from './Exercise';
import { ExampleBanner } from './ExampleBanner';
import { useTeaching, type TeachingTab } from './store';

// The teaching tabs load on first use (they bring the model zoo for B and the examples).
const ConventionsTable = lazy(() => import('./ConventionsTable').then((m) => ({ default: m.ConventionsTable })));
const ABCompare = lazy(() => import('./ABCompare').then((m) => ({ default: m.ABCompare })));
const GuidedExamples = lazy(() => import('./GuidedExamples').then((m) => ({ default: m.GuidedExamples })));
// Issue 5: "why this number" for the selected layer's estimated time (src/ui/charts).
const RuntimeDetails = lazy(() => import('../charts/RuntimeDetails'));

const TABS: readonly TeachingTab[] = ['layer', 'runtime', 'conventions', 'compare', 'examples'];

/** True when a tab that needs a wider details region is open. */
export const useTeachingWide = (): boolean => useTeaching((s) => s.tab !== 'layer');

export function TeachingTabs({ children }: { children: ReactNode }) {
  const t = useT();
  const tab = useTeaching((s) => s.tab);
  const setTab = useTeaching((s) => s.setTab);
  const id = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKey = (e: KeyboardEvent) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? i + 1
        : e.key === 'ArrowLeft'
          ? i - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + TABS.length) % TABS.length;
    setTab(TABS[j]);
    buttons.current[j]?.focus();
  };

  return (
    <div className="flex min-h-0 flex-col">
      <ExampleBanner />
      <div
        role="tablist"
        aria-label={t('tabs.label')}
        className="mb-3 flex flex-wrap gap-x-0.5 border-b border-slate-200 dark:border-slate-700"
        onKeyDown={onKey}
      >
        {TABS.map((k, i) => (
          <button
            key={k}
            ref={(el) => {
              buttons.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`${id}-${k}`}
            aria-selected={tab === k}
            aria-controls={`${id}-panel`}
            tabIndex={tab === k ? 0 : -1}
            data-testid={`tab-${k}`}
            onClick={() => setTab(k)}
            className={`focus-ring -mb-px rounded-t-md border-b-2 px-2 py-1 text-sm font-medium ${
              tab === k
                ? 'border-indigo-700 text-indigo-800 dark:border-indigo-300 dark:text-indigo-200'
                : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-white'
            }`}
          >
            {t(`tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-${tab}`}>
        <Suspense fallback={<p className="text-sm text-slate-600 dark:text-slate-300">…</p>}>
          {tab === 'layer' && children}
          {tab === 'runtime' && <RuntimeDetails />}
          {tab === 'conventions' && (
            <Hideable part="conventions">
              <ConventionsTable />
            </Hideable>
          )}
          {tab === 'compare' && (
            <Hideable part="compare">
              <ABCompare />
            </Hideable>
          )}
          {tab === 'examples' && <GuidedExamples />}
        </Suspense>
      </div>
    </div>
  );
}
