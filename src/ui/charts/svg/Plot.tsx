/**
 * What every hand-drawn chart shares: a measured box holding one <svg>, the hovered or
 * keyboard-focused item with its tooltip, a click or Enter that picks the item, and the axis,
 * grid and legend pieces. Charts (plots.tsx) supply the geometry (layout.ts) and the marks.
 *
 * Hover state lives here, so moving the pointer re-renders only this frame and the tooltip: the
 * marks arrive as `children`, an element the chart memoises, which React then skips.
 */
import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { Box, Size } from './layout';
import type { Scale } from './scale';

/** Tick labels and grid: explicit fills so downloaded SVG files look like the page (light). */
export const INK = { text: '#64748b', grid: '#94a3b8', axis: '#94a3b8' } as const;

/** The element's rounded size, kept up to date with a ResizeObserver. */
export function useBoxSize<T extends HTMLElement>(): [(el: T | null) => void, Size] {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  const [el, setEl] = useState<T | null>(null);
  useLayoutEffect(() => {
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      const next = { width: Math.round(r.width), height: Math.round(r.height) };
      setSize((s) => (s.width === next.width && s.height === next.height ? s : next));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [el]);
  return [setEl, size];
}

export interface InteractiveProps {
  size: Size;
  boxRef: (el: HTMLDivElement | null) => void;
  ariaLabel: string;
  count: number;
  /** The item under (x, y) in svg coordinates, or null. */
  itemAt: (x: number, y: number) => number | null;
  /** Where item i's tooltip points, in svg coordinates. */
  anchor: (i: number) => { x: number; y: number };
  tooltip: (i: number) => ReactNode;
  onPick?: (i: number) => void;
  /** Marks the active item inside the svg (a band, a guide line, a ring). */
  highlight?: (i: number) => ReactNode;
  /** Shown over the empty axes when there is nothing to draw. */
  empty?: string;
  children: ReactNode;
}

const KEYS = new Set(['ArrowRight', 'ArrowLeft', 'Home', 'End', 'Enter', ' ', 'Escape']);

export function Interactive({
  size,
  boxRef,
  ariaLabel,
  count,
  itemAt,
  anchor,
  tooltip,
  onPick,
  highlight,
  empty,
  children,
}: InteractiveProps) {
  const [active, setActive] = useState<number | null>(null);
  const self = useRef<HTMLDivElement | null>(null);
  const ref = useCallback(
    (el: HTMLDivElement | null) => {
      self.current = el;
      boxRef(el);
    },
    [boxRef],
  );
  const at = (e: { clientX: number; clientY: number }) => {
    const r = self.current?.getBoundingClientRect();
    return r ? itemAt(e.clientX - r.left, e.clientY - r.top) : null;
  };
  const onKey = (e: KeyboardEvent) => {
    if (!KEYS.has(e.key) || !count) return;
    e.preventDefault();
    const i = active ?? -1;
    if (e.key === 'Escape') return setActive(null);
    if (e.key === 'Enter' || e.key === ' ') {
      if (active !== null) onPick?.(active);
      return;
    }
    const next = { ArrowRight: i + 1, ArrowLeft: i < 0 ? count - 1 : i - 1, Home: 0, End: count - 1 }[e.key] ?? 0;
    setActive(Math.min(count - 1, Math.max(0, next)));
  };
  const shown = active !== null && active < count ? active : null;
  const a = shown !== null ? anchor(shown) : null;
  const right = a !== null && a.x > size.width / 2;
  return (
    <div
      ref={ref}
      role="group"
      aria-roledescription="chart"
      aria-label={ariaLabel}
      tabIndex={0}
      className="focus-ring relative h-full w-full rounded outline-none"
      style={{ cursor: onPick ? 'pointer' : undefined }}
      onPointerMove={(e) => setActive(at(e))}
      onPointerLeave={() => setActive(null)}
      onClick={(e) => {
        const i = at(e);
        if (i !== null) onPick?.(i);
      }}
      onKeyDown={onKey}
      onBlur={() => setActive(null)}
    >
      {size.width > 0 && size.height > 0 && (
        <svg
          width={size.width}
          height={size.height}
          data-chart-surface=""
          aria-hidden="true"
          className="block select-none"
          fontSize={11}
        >
          {children}
          {shown !== null && highlight && <g pointerEvents="none">{highlight(shown)}</g>}
        </svg>
      )}
      {count === 0 && empty && (
        <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm text-slate-600 dark:text-slate-300">
          {empty}
        </p>
      )}
      {a && shown !== null && (
        <div
          data-testid="chart-tooltip"
          role="status"
          className="pointer-events-none absolute z-10 max-w-xs"
          style={{
            left: right ? undefined : a.x + 12,
            right: right ? size.width - a.x + 12 : undefined,
            top: Math.max(0, Math.min(a.y - 8, size.height - 72)),
          }}
        >
          {tooltip(shown)}
        </div>
      )}
    </div>
  );
}

/** Horizontal grid lines and tick labels of a y scale, left of the box. */
export function YAxis({
  y,
  box,
  format,
  title,
}: {
  y: Scale;
  box: Box;
  format: (v: number) => string;
  title?: string;
}) {
  return (
    <g>
      {y.ticks.map((t) => {
        const py = y.at(t);
        return (
          <g key={t}>
            <line
              x1={box.left}
              x2={box.right}
              y1={py}
              y2={py}
              stroke={INK.grid}
              strokeOpacity={0.45}
              strokeDasharray="3 3"
            />
            <text x={box.left - 6} y={py} dy="0.32em" textAnchor="end" fill={INK.text}>
              {format(t)}
            </text>
          </g>
        );
      })}
      <line x1={box.left} x2={box.left} y1={box.top} y2={box.bottom} stroke={INK.axis} />
      {title && (
        <text transform={`translate(11 ${(box.top + box.bottom) / 2}) rotate(-90)`} textAnchor="middle" fill={INK.text}>
          {title}
        </text>
      )}
    </g>
  );
}

/** Vertical grid lines and tick labels of an x scale, under the box. */
export function XAxis({ x, box, format }: { x: Scale; box: Box; format: (v: number) => string }) {
  return (
    <g>
      {x.ticks.map((t) => {
        const px = x.at(t);
        return (
          <g key={t}>
            <line
              x1={px}
              x2={px}
              y1={box.top}
              y2={box.bottom}
              stroke={INK.grid}
              strokeOpacity={0.45}
              strokeDasharray="3 3"
            />
            <text x={px} y={box.bottom + 13} textAnchor="middle" fill={INK.text}>
              {format(t)}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The baseline and a centred axis title under the box. */
export function XLabel({ box, label, offset = 15 }: { box: Box; label?: string; offset?: number }) {
  return (
    <g>
      <line x1={box.left} x2={box.right} y1={box.bottom} y2={box.bottom} stroke={INK.axis} />
      {label && (
        <text x={(box.left + box.right) / 2} y={box.bottom + offset} textAnchor="middle" fill={INK.text}>
          {label}
        </text>
      )}
    </g>
  );
}

export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

/** Colour key drawn inside the svg (so downloads carry it), left-aligned above the box. */
export function Legend({ items, box }: { items: readonly LegendItem[]; box: Box }) {
  let x = box.left;
  return (
    <g>
      {items.map((it) => {
        const at = x;
        x += 26 + it.label.length * 6.2;
        return (
          <g key={it.label} transform={`translate(${at} 6)`}>
            <rect width={10} height={10} y={1} fill={it.color} />
            <text x={14} y={6} dy="0.32em" fill={INK.text}>
              {it.label}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** The tooltip card the charts put in `tooltip(i)`. */
export function TipCard({ children }: { children: ReactNode }) {
  return (
    <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs text-slate-900 shadow dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
      {children}
    </div>
  );
}
