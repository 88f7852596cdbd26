/** The canvas's block outlines (with their fold buttons) and edges (with tensor shapes), culled to the drawn area. */
import { memo } from 'react';
import { useT } from '../i18n';
import type { Rect } from './geometry';
import type { EdgeShape, Outline } from './graphShapes';

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const Outlines = memo(function Outlines({
  outlines,
  drawn,
  labels,
}: {
  outlines: readonly Outline[];
  drawn: Rect;
  labels: boolean;
}) {
  const t = useT();
  return outlines
    .filter((o) => o.x1 >= drawn.x0 && o.x0 <= drawn.x1 && o.y1 >= drawn.y0 && o.y0 <= drawn.y1)
    .map((o) => (
      <g key={o.id} data-testid="graph-group" data-group={o.id}>
        <rect
          x={o.x0}
          y={o.y0}
          width={o.x1 - o.x0}
          height={o.y1 - o.y0}
          rx={10}
          fill="none"
          stroke="#94a3b8"
          strokeDasharray="4 4"
        />
        {labels ? (
          <text
            x={o.x0 + 6}
            y={o.y0 + 13}
            fontSize={11}
            className="cursor-pointer fill-slate-600 dark:fill-slate-300"
            data-fold={o.id}
            role="button"
            aria-label={t('graph.fold', { name: o.label })}
          >
            ▾ {clip(o.label, 28)}
          </text>
        ) : null}
      </g>
    ));
});

export const Edges = memo(function Edges({ edges, shapes }: { edges: readonly EdgeShape[]; shapes: boolean }) {
  return edges.map((e) => (
    <g key={e.key}>
      <path d={e.d} fill="none" stroke="#64748b" strokeWidth={1.2} markerEnd="url(#graph-arrow)" />
      {shapes && e.shape ? (
        <text
          x={e.lx + 4}
          y={e.ly}
          fontSize={10}
          className="fill-slate-500 dark:fill-slate-400"
          data-testid="graph-edge-label"
        >
          {e.shape}
        </text>
      ) : null}
    </g>
  ));
});
