/**
 * Everything the graph panel draws, from the engine's evaluation: the graph of the result
 * (engine/graph-view), folded as the user chose, its layout (a worker: src/worker/graphLayoutClient)
 * and each node's numbers. The layout depends on the structure only, so an edit that changes
 * numbers keeps it and re-renders just the nodes whose numbers changed.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  buildGraphView,
  collapseGraph,
  heatLevel,
  maxValue,
  nodeValues,
  type GraphView,
  type HeatMetric,
  type NodeValue,
  type VisibleGraph,
} from '../../engine/graph-view';
import { useConventionIndex, useDeferredResult, useDeferredResultModel } from '../../state/evaluation';
import { useRuntimeAnswer } from '../../state/runtime';
import { useEditor } from '../../state/store';
import type { LayoutAnswer } from '../../worker/graphLayout';
import { layoutRequestOf } from '../../worker/graphLayoutRequest';
import { requestLayout } from '../../worker/graphLayoutClient';
import { useGraphView } from './viewState';

export interface PlacedLayout {
  readonly key: string;
  readonly answer: LayoutAnswer;
  /** Node id → index into the answer's centres. */
  readonly at: ReadonlyMap<string, number>;
  /** "from\0to" → index into the answer's routes. */
  readonly routes: ReadonlyMap<string, number>;
}

export interface GraphData {
  readonly view: GraphView | null;
  readonly visible: VisibleGraph | null;
  readonly layout: PlacedLayout | null;
  /** The layout of the current structure is still being computed. */
  readonly layingOut: boolean;
  readonly metric: HeatMetric;
  /** Per visible node: the heat metric's value and level, and the selected convention's count. */
  readonly values: readonly NodeValue[];
  readonly levels: readonly number[];
  readonly counts: readonly NodeValue[];
  readonly max: NodeValue;
  /** False when the metric is latency and no device is picked. */
  readonly hasMetric: boolean;
}

const structureKey = (v: VisibleGraph): string =>
  `${v.nodes.map((n) => `${n.id}:${n.kind}`).join('|')}#${v.edges.map((e) => `${e.from}>${e.to}`).join('|')}`;

export function useGraphData(): GraphData {
  const result = useDeferredResult();
  const model = useDeferredResultModel();
  const countIndex = useConventionIndex();
  const dtype = useEditor((s) => s.settings.dtype);
  const runtime = useRuntimeAnswer();
  const folded = useGraphView((s) => s.folded);
  const metric = useGraphView((s) => s.metric);

  const view = useMemo(() => (result && model ? buildGraphView(model, result) : null), [result, model]);
  const visible = useMemo(() => (view ? collapseGraph(view, folded) : null), [view, folded]);
  const key = useMemo(() => (visible ? structureKey(visible) : ''), [visible]);

  const [layout, setLayout] = useState<PlacedLayout | null>(null);
  useEffect(() => {
    if (!visible || layout?.key === key) return;
    let live = true;
    const req = layoutRequestOf(visible);
    void requestLayout(req).then((answer) => {
      if (!live || !answer) return;
      setLayout({
        key,
        answer,
        at: new Map(req.nodes.map((n, i) => [n.id, i])),
        routes: new Map(req.edges.map((e, i) => [`${e.from}\u0000${e.to}`, i])),
      });
    });
    return () => {
      live = false;
    };
    // `visible` changes with every result; the layout only when the structure (key) does.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const latency = runtime?.latency && !('error' in runtime.latency) ? runtime.latency.estimate.layers : null;
  const numbers = useMemo(() => {
    if (!visible || !result) return { values: [], levels: [], counts: [], max: null };
    const src = { result, countIndex, dtype, latency };
    const values = nodeValues(visible.nodes, metric, src);
    const counts = metric === 'count' ? values : nodeValues(visible.nodes, 'count', src);
    const max = maxValue(values);
    return { values, counts, max, levels: values.map((v) => heatLevel(v, max)) };
  }, [visible, result, countIndex, dtype, latency, metric]);

  return {
    view,
    visible,
    layout,
    layingOut: !!visible && layout?.key !== key,
    metric,
    ...numbers,
    hasMetric: metric !== 'latency' || latency !== null,
  };
}
