/** The whole graph in small with the view's rectangle; a click or drag moves the view there. */
import { memo, useEffect, useMemo, useReducer, useRef } from 'react';
import type { LayoutAnswer } from '../../worker/graphLayout';
import { worldView, type Transform } from './geometry';
import { useT } from '../i18n';

const SIDE = 132;

interface Props {
  readonly answer: LayoutAnswer;
  /** The canvas's current transform (it lives in a ref there). */
  readonly transform: () => Transform;
  /** Calls back whenever the view moved; returns the unsubscribe. */
  readonly subscribe: (listener: () => void) => () => void;
  readonly view: { readonly w: number; readonly h: number };
  readonly onMove: (worldX: number, worldY: number) => void;
}

/** Every node as a tiny box, in one path (drawn once per layout). */
const Dots = memo(function Dots({ answer, s }: { answer: LayoutAnswer; s: number }) {
  const d = useMemo(() => {
    const c = answer.centres;
    const w = Math.max(1, 160 * s);
    const h = Math.max(1, 50 * s);
    let out = '';
    for (let i = 0; i < c.length; i += 2)
      out += `M${(c[i] * s - w / 2).toFixed(1)} ${(c[i + 1] * s - h / 2).toFixed(1)}h${w.toFixed(1)}v${h.toFixed(1)}h${(-w).toFixed(1)}z`;
    return out;
  }, [answer, s]);
  return <path d={d} className="fill-slate-400 dark:fill-slate-500" />;
});

export function Minimap({ answer, transform: current, subscribe, view, onMove }: Props) {
  const t = useT();
  // Re-rendered on every move of the view, alone (the canvas does not re-render for a pan).
  const [, moved] = useReducer((n: number) => n + 1, 0);
  useEffect(() => subscribe(moved), [subscribe]);
  const dragging = useRef(false);
  const transform = current();
  // Only when the graph is larger than the view.
  if (answer.width * transform.k <= view.w && answer.height * transform.k <= view.h) return null;
  const s = Math.min(SIDE / Math.max(1, answer.width), SIDE / Math.max(1, answer.height));
  const w = Math.max(24, answer.width * s);
  const h = Math.max(24, answer.height * s);
  const v = worldView(transform, view.w, view.h);
  const move = (e: React.PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    onMove((e.clientX - r.left) / s, (e.clientY - r.top) / s);
  };
  return (
    <svg
      width={w}
      height={h}
      role="img"
      aria-label={t('graph.minimap')}
      data-testid="graph-minimap"
      className="absolute right-2 bottom-2 cursor-pointer rounded border border-slate-300 bg-white/90 shadow-sm dark:border-slate-600 dark:bg-slate-900/90"
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture?.(e.pointerId);
        move(e);
      }}
      onPointerMove={(e) => dragging.current && move(e)}
      onPointerUp={() => (dragging.current = false)}
    >
      <Dots answer={answer} s={s} />
      <rect
        x={Math.max(0, v.x0 * s)}
        y={Math.max(0, v.y0 * s)}
        width={Math.max(2, Math.min(w, (v.x1 - v.x0) * s))}
        height={Math.max(2, Math.min(h, (v.y1 - v.y0) * s))}
        fill="rgba(37,99,235,0.12)"
        stroke="#2563eb"
        strokeWidth={1}
      />
    </svg>
  );
}
