/**
 * The graph view (issue 16), loaded on demand: the model as a graph laid out off the main thread,
 * each node with its output shape and the selected convention's count, coloured by a heat metric
 * (legend and top 10 beside it), blocks foldable. Selection is the editor's: a click on a node
 * selects its row; a row selected anywhere is outlined and brought into view here.
 */
import { useMemo, useRef, useState } from 'react';
import { conventionById } from '../../engine/conventions/registry';
import { deviceById } from '../../engine/deploy/devices';
import { HEAT_METRICS, type HeatMetric, type NodeValue } from '../../engine/graph-view';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { formatBytes, formatCount, unitWord } from '../format';
import { ms } from '../charts/format';
import { useT } from '../i18n';
import { GraphCanvas, type CanvasHandle } from './GraphCanvas';
import { GraphSide } from './GraphSide';
import { downloadGraph } from './exportGraph';
import { useGraphData } from './useGraphData';
import { useGraphView } from './viewState';

export default function GraphPanel() {
  const t = useT();
  const data = useGraphData();
  const selection = useEditor((s) => s.selection);
  const select = useEditor((s) => s.select);
  const settings = useEditor((s) => s.settings);
  const modelName = useEditor((s) => s.model.name);
  const canvas = useRef<CanvasHandle>(null);
  const [query, setQuery] = useState('');
  const [hit, setHit] = useState(0);
  const conv = conventionById(settings.convention);
  const unit = conv?.unit ?? 'FLOP';
  const fmt = settings.numberFormat;
  const device = settings.device ? deviceById(settings.device) : undefined;
  const nodes = data.visible?.nodes;

  const show = (metric: HeatMetric, v: NodeValue): string => {
    if (v === null) return '';
    if (metric === 'latency') return ms(Number(v));
    if (metric === 'memory') return formatBytes(v as bigint, fmt);
    if (metric === 'params') return t('graph.value.params', { v: formatCount(v as bigint, fmt) });
    return `${formatCount(v as bigint, fmt)} ${unitWord(unit)}`;
  };
  const valueText = (i: number): string => {
    const count = show('count', data.counts[i] ?? null);
    if (data.metric === 'count') return count;
    const other = show(data.metric, data.values[i] ?? null);
    return count && other ? `${count} · ${other}` : count || other;
  };

  const matches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const out: number[] = [];
    if (q && nodes)
      nodes.forEach((n, i) => {
        if (n.label.toLowerCase().includes(q) || n.type.toLowerCase().includes(q)) out.push(i);
      });
    return out;
  }, [query, nodes]);
  const matchSet = useMemo(() => new Set(matches), [matches]);
  const goTo = (i: number) => {
    const n = nodes?.[i];
    if (!n) return;
    canvas.current?.reveal(i);
    if (n.modelPath) select(n.modelPath);
  };
  const nextHit = () => {
    if (!matches.length) return;
    const k = hit % matches.length;
    goTo(matches[k]);
    setHit(k + 1);
  };

  const title = [
    modelName || t('header.untitled'),
    conv?.name ?? settings.convention,
    device?.name ?? t('graph.noDeviceShort'),
  ].join(' · ');
  const exportAs = (format: 'svg' | 'png') => {
    if (!data.visible || !data.layout) return;
    void downloadGraph(
      {
        title,
        nodes: data.visible.nodes,
        edges: data.visible.edges,
        layout: data.layout,
        levels: data.levels,
        valueText,
      },
      `floplab-graph-${(modelName || 'model').replace(/[^\w.-]+/g, '_')}`,
      format,
    );
  };

  const metricLabel = (m: HeatMetric) =>
    m === 'count'
      ? t('graph.metric.count', { name: conv?.name ?? settings.convention })
      : m === 'memory'
        ? t('graph.metric.memory', { dtype: settings.dtype })
        : t(`graph.metric.${m}`);

  const groups = data.view?.groups ?? [];
  return (
    <section
      aria-label={t('graph.region')}
      data-testid="graph-panel"
      className="flex h-[80vh] shrink-0 flex-col rounded-lg border border-slate-200 bg-white lg:h-[44rem] dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 border-b border-slate-200 px-2 py-1 text-sm dark:border-slate-700">
        <h2 className="font-semibold">{t('graph.region')}</h2>
        <label className="flex items-center gap-1">
          <span className="text-slate-600 dark:text-slate-300">{t('graph.heat')}</span>
          <select
            className="field py-0.5"
            value={data.metric}
            data-testid="graph-metric"
            onChange={(e) => useGraphView.setState({ metric: e.target.value as HeatMetric })}
          >
            {HEAT_METRICS.map((m) => (
              <option key={m} value={m}>
                {metricLabel(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <span className="sr-only">{t('graph.search')}</span>
          <input
            type="search"
            className="field w-36 py-0.5"
            placeholder={t('graph.search.placeholder')}
            value={query}
            data-testid="graph-search"
            onChange={(e) => {
              setQuery(e.target.value);
              setHit(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                nextHit();
              }
            }}
          />
        </label>
        {query.trim() ? (
          <span
            className="text-xs text-slate-600 dark:text-slate-300"
            data-testid="graph-search-count"
            aria-live="polite"
          >
            {matches.length
              ? t('graph.search.count', { i: Math.max(1, hit), n: matches.length })
              : t('graph.search.none')}
          </span>
        ) : null}
        {query.trim() && matches.length ? (
          <Button small onClick={nextHit} aria-label={t('graph.search.next')}>
            ↓
          </Button>
        ) : null}
        <span className="flex-1" />
        <Button
          small
          onClick={() => canvas.current?.zoom(1.25)}
          aria-label={t('graph.zoomIn')}
          title={t('graph.zoomIn')}
        >
          +
        </Button>
        <Button
          small
          onClick={() => canvas.current?.zoom(0.8)}
          aria-label={t('graph.zoomOut')}
          title={t('graph.zoomOut')}
        >
          −
        </Button>
        <Button small onClick={() => canvas.current?.fit()} data-testid="graph-fit">
          {t('graph.fit')}
        </Button>
        <Button
          small
          disabled={!groups.length}
          onClick={() =>
            useGraphView.setState({ folded: new Set(groups.filter((g) => g.parent < 0).map((g) => g.id)) })
          }
          data-testid="graph-fold-all"
        >
          {t('graph.foldAll')}
        </Button>
        <Button small onClick={() => useGraphView.setState({ folded: new Set() })} data-testid="graph-unfold-all">
          {t('graph.unfoldAll')}
        </Button>
        <Button
          small
          onClick={() => exportAs('svg')}
          title={t('graph.export.title', { format: 'SVG' })}
          data-testid="graph-export-svg"
        >
          ↓ {t('graph.export.svg')}
        </Button>
        <Button
          small
          onClick={() => exportAs('png')}
          title={t('graph.export.title', { format: 'PNG' })}
          data-testid="graph-export-png"
        >
          ↓ {t('graph.export.png')}
        </Button>
        <Button small onClick={() => useGraphView.setState({ open: false })} aria-label={t('graph.close')}>
          ✕
        </Button>
      </div>
      <div className="flex min-h-0 flex-1 flex-col">
        {data.visible ? (
          <GraphCanvas
            data={data}
            selection={selection}
            onSelect={select}
            formatValue={valueText}
            matches={matchSet}
            handle={canvas}
          />
        ) : (
          <p className="p-3 text-sm text-slate-500 dark:text-slate-400">{t('graph.noResult')}</p>
        )}
        <GraphSide data={data} show={(v) => show(data.metric, v)} onPick={goTo} />
      </div>
      <p
        className="border-t border-slate-200 px-2 py-0.5 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300"
        data-testid="graph-status"
      >
        {data.layingOut || !data.layout
          ? t('graph.layingOut', { n: data.visible?.nodes.length ?? 0 })
          : t('graph.status', {
              n: data.visible?.nodes.length ?? 0,
              e: data.visible?.edges.length ?? 0,
              ms: Math.round(data.layout.answer.ms),
            })}
        {' · '}
        {title}
      </p>
    </section>
  );
}
