/** View-only state of the charts region (not saved, not undoable): open or folded, and the open tab. */
import { createViewStore } from '../teaching/viewStore';

export const CHART_TABS = ['layers', 'cumulative', 'classes', 'memory', 'latency', 'roofline', 'devices'] as const;
export type ChartTab = (typeof CHART_TABS)[number];

export const CHART_TAB_LABELS: Readonly<Record<ChartTab, string>> = {
  layers: 'Per layer',
  cumulative: 'Cumulative',
  classes: 'By type',
  memory: 'Memory',
  latency: 'Time',
  roofline: 'Roofline',
  devices: 'Devices',
};

interface ChartsView {
  open: boolean;
  tab: ChartTab;
}

export const useChartsView = createViewStore<ChartsView>(() => ({ open: true, tab: 'layers' }));
