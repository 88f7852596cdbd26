/** View-only state of the graph panel (not saved, not undoable): open or not, heat metric, folded blocks. */
import type { HeatMetric } from '../../engine/graph-view/metrics';
import { createViewStore } from '../teaching/viewStore';

interface GraphViewState {
  open: boolean;
  metric: HeatMetric;
  /** Ids (row paths) of the folded blocks. */
  folded: ReadonlySet<string>;
}

export const useGraphView = createViewStore<GraphViewState>(() => ({
  open: false,
  metric: 'count',
  folded: new Set<string>(),
}));

export function toggleFolded(id: string): void {
  const folded = new Set(useGraphView.getState().folded);
  if (!folded.delete(id)) folded.add(id);
  useGraphView.setState({ folded });
}
