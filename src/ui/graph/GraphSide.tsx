/** Beside the graph: the heat legend (what each colour means, in the metric's units) and the top 10 nodes. */
import { useMemo } from 'react';
import { heatThresholds, topNodes, type NodeValue } from '../../engine/graph-view';
import { shapeLabel } from '../format';
import { useT } from '../i18n';
import { heatFill } from './heat';
import type { GraphData } from './useGraphData';

interface Props {
  readonly data: GraphData;
  /** A value of the heat metric as text. */
  readonly show: (v: NodeValue) => string;
  readonly onPick: (index: number) => void;
}

const Swatch = ({ level }: { level: number }) => (
  <span
    className="inline-block h-3 w-5 shrink-0 rounded-sm border border-slate-400"
    style={{ background: heatFill(level) }}
    aria-hidden
  />
);

export function GraphSide({ data, show, onPick }: Props) {
  const t = useT();
  const top = useMemo(() => topNodes(data.values, 10), [data.values]);
  const thresholds = heatThresholds(data.max);
  const nodes = data.visible?.nodes ?? [];
  return (
    <aside className="grid max-h-48 shrink-0 gap-3 overflow-y-auto border-t border-slate-200 p-2 text-xs sm:grid-cols-2 dark:border-slate-700">
      {!data.hasMetric ? (
        <p className="text-slate-600 dark:text-slate-300" data-testid="graph-no-device">
          {t('graph.noDevice')}
        </p>
      ) : (
        <figure data-testid="graph-legend">
          <figcaption className="mb-1 font-semibold">{t('graph.legend', { max: show(data.max) })}</figcaption>
          <ul className="flex flex-col gap-0.5">
            {thresholds.map((v, k) => (
              <li key={k} className="flex items-center gap-2">
                <Swatch level={5 - k} />
                {['≥ ½', '≥ ¼', '≥ ⅛', '≥ 1/16'][k]} · {t('graph.legend.level', { value: show(v) })}
              </li>
            ))}
            <li className="flex items-center gap-2">
              <Swatch level={1} />
              {t('graph.legend.low')}
            </li>
            <li className="flex items-center gap-2">
              <Swatch level={0} />
              {t('graph.legend.zero')}
            </li>
            <li className="flex items-center gap-2">
              <Swatch level={-1} />
              {t('graph.legend.none')}
            </li>
          </ul>
        </figure>
      )}
      <section aria-label={t('graph.top')}>
        <h3 className="mb-1 font-semibold">{t('graph.top')}</h3>
        {top.length ? (
          <ol className="flex flex-col gap-0.5" data-testid="graph-top">
            {top.map((i) => (
              <li key={nodes[i].id}>
                <button
                  type="button"
                  className="focus-ring flex w-full items-center gap-2 rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                  onClick={() => onPick(i)}
                  title={`${nodes[i].label} · ${nodes[i].modelPath ?? nodes[i].id} · ${shapeLabel(nodes[i].shape)}`}
                  data-node={nodes[i].id}
                >
                  <Swatch level={data.levels[i]} />
                  {/* Cut at the start (right-to-left box, left-to-right text): a long module name keeps its
                      distinguishing end, `…encoder_layer_0.self_attention`, not `encoder.layers.enc…`. */}
                  <span className="min-w-0 flex-1 truncate text-left [direction:rtl]">
                    <bdi dir="ltr">
                      {nodes[i].label}
                      {nodes[i].label === nodes[i].type && nodes[i].modelPath ? (
                        <span className="text-slate-500 dark:text-slate-400"> {nodes[i].modelPath}</span>
                      ) : null}
                    </bdi>
                  </span>
                  <span className="tabular-nums">{show(data.values[i])}</span>
                </button>
              </li>
            ))}
          </ol>
        ) : (
          <p className="text-slate-500 dark:text-slate-400">{t('graph.top.none')}</p>
        )}
      </section>
    </aside>
  );
}
