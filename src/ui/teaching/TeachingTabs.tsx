/**
 * The tab bar of the details region: Layer (the details panel with its formula inspector),
 * Conventions, A/B and Examples. The open example's explanation stays above the tabs. The
 * wide tabs ask the layout for more room (useTeachingWide).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Tabs } from '../Tabs';
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
  return (
    <div className="flex min-h-0 flex-col">
      <ExampleBanner />
      <Tabs
        tabs={TABS}
        value={tab}
        onChange={setTab}
        label={t('tabs.label')}
        title={(k) => t(`tabs.${k}`)}
        testId={(k) => `tab-${k}`}
      >
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
      </Tabs>
    </div>
  );
}
