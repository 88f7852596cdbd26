/** View-only state of the charts region (not saved, not undoable): open or folded, and the open tab. */
import { createViewStore } from '../teaching/viewStore';

export const CHART_TABS = ['layers', 'cumulative', 'classes', 'memory', 'latency', 'roofline', 'devices'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

interface ChartsView {
  open: boolean;
  tab: ChartTab;
}

export const useChartsView = createViewStore<ChartsView>(() => ({ open: true, tab: 'layers' }));
