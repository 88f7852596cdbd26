/**
 * The three chart shapes FlopLab draws by hand: bars (per layer, per step, per kernel; optionally
 * stacked), a log-log scatter with a roof line (roofline), and step curves (cumulative share).
 * Marks are memoised on their data and size, so hovering re-renders only the tooltip.
 */
import { useMemo, type ReactNode } from 'react';
import { layoutBars, layoutScatter, layoutSteps, type BarSpec, type PointSpec } from './layout';
import { INK, Interactive, Legend, XAxis, XLabel, YAxis, useBoxSize, type LegendItem } from './Plot';

const SELECTED = '#0f766e';

export interface BarPlotProps {
  bars: readonly BarSpec[];
  ariaLabel: string;
  yFormat: (v: number) => string;
  tooltip: (i: number) => ReactNode;
  onPick?: (i: number) => void;
  scale?: 'linear' | 'log';
  /** Bars of 0 sit on this floor on a log axis. */
  logFloor?: number;
  yAxisWidth?: number;
  xLabel?: string;
  legend?: readonly LegendItem[];
  /** A dashed horizontal marker (the memory peak). */
  marker?: { value: number; label: string; color: string };
  /** Text over the axes when there are no bars. */
  empty?: string;
}

export function BarPlot({
  bars,
  ariaLabel,
  yFormat,
  tooltip,
  onPick,
  scale = 'linear',
  logFloor = 0.5,
  yAxisWidth = 56,
  xLabel,
  legend,
  marker,
  empty,
}: BarPlotProps) {
  const [boxRef, size] = useBoxSize<HTMLDivElement>();
  const margins = useMemo(
    () => ({ yAxisWidth, legend: !!legend?.length, xLabel: !!xLabel }),
    [yAxisWidth, legend, xLabel],
  );
  const layout = useMemo(
    () => layoutBars(bars, size, scale, margins, logFloor, marker?.value ?? 0),
    [bars, size, scale, margins, logFloor, marker?.value],
  );
  const marks = useMemo(() => {
    const { box, y, rects } = layout;
    return (
      <>
        {legend?.length ? <Legend items={legend} box={box} /> : null}
        <YAxis y={y} box={box} format={yFormat} />
        <g>
          {rects.map((parts, i) => {
            const bar = bars[i];
            // The highest part that is drawn carries the bar's test id and the selection outline
            // (an empty part on top, like a memory step with no arena above its live bytes, is not it).
            let last = parts.length - 1;
            while (last > 0 && parts[last].h <= 0) last--;
            return parts.map((r, j) => {
              const top = j === last;
              const outline = top && bar.selected;
              return (
                <rect
                  key={`${bar.key}:${j}`}
                  className="chart-bar"
                  data-index={i}
                  data-testid={top ? bar.testId : undefined}
                  x={r.x}
                  y={outline ? Math.min(r.y, layout.box.bottom - 2) : r.y}
                  width={r.w}
                  height={outline ? Math.max(r.h, 2) : r.h}
                  fill={r.fill}
                  stroke={outline ? SELECTED : undefined}
                  strokeWidth={outline ? 2 : undefined}
                />
              );
            });
          })}
        </g>
        {marker && (
          <g>
            <line
              x1={box.left}
              x2={box.right}
              y1={y.at(marker.value)}
              y2={y.at(marker.value)}
              stroke={marker.color}
              strokeDasharray="4 2"
            />
            <text x={box.right - 4} y={y.at(marker.value) + 12} textAnchor="end" fill={marker.color}>
              {marker.label}
            </text>
          </g>
        )}
        <XLabel box={box} label={xLabel} />
      </>
    );
  }, [layout, bars, legend, yFormat, marker, xLabel]);
  return (
    <Interactive
      size={size}
      boxRef={boxRef}
      ariaLabel={ariaLabel}
      count={bars.length}
      itemAt={(x) => layout.indexAt(x)}
      anchor={(i) => layout.anchor(i)}
      tooltip={tooltip}
      onPick={onPick}
      empty={empty}
      highlight={(i) => (
        <rect
          x={layout.box.left + i * layout.band}
          y={layout.box.top}
          width={Math.max(1, layout.band)}
          height={layout.box.bottom - layout.box.top}
          fill={INK.grid}
          fillOpacity={0.25}
        />
      )}
    >
      {marks}
    </Interactive>
  );
}

export interface ScatterPlotProps {
  points: readonly PointSpec[];
  /** A polyline in data coordinates drawn under the points (the device's roof). */
  line?: readonly { x: number; y: number }[];
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  ariaLabel: string;
  xFormat: (v: number) => string;
  yFormat: (v: number) => string;
  xLabel?: string;
  yLabel?: string;
  tooltip: (i: number) => ReactNode;
  onPick?: (i: number) => void;
  empty?: string;
}

export function ScatterPlot(props: ScatterPlotProps) {
  const { points, line, xDomain, yDomain, ariaLabel, xFormat, yFormat, xLabel, yLabel, tooltip, onPick, empty } = props;
  const [boxRef, size] = useBoxSize<HTMLDivElement>();
  const layout = useMemo(
    () => layoutScatter(points, size, xDomain, yDomain, { yAxisWidth: 64, legend: false, xLabel: true, xTicks: true }),
    [points, size, xDomain, yDomain],
  );
  const marks = useMemo(() => {
    const { box, x, y } = layout;
    const roof = line?.map((p) => `${x.at(p.x).toFixed(1)},${y.at(p.y).toFixed(1)}`).join(' ');
    return (
      <>
        <YAxis y={y} box={box} format={yFormat} title={yLabel} />
        <XAxis x={x} box={box} format={xFormat} />
        <XLabel box={box} label={xLabel} offset={28} />
        {roof && <polyline points={roof} fill="none" stroke="#64748b" strokeWidth={2} />}
        <g>
          {layout.points.map((p, i) => (
            <circle
              key={points[i].key}
              className="chart-point"
              data-index={i}
              cx={p.cx}
              cy={p.cy}
              r={3.5}
              fill={points[i].fill}
              fillOpacity={0.85}
            />
          ))}
        </g>
      </>
    );
  }, [layout, line, points, xFormat, yFormat, xLabel, yLabel]);
  return (
    <Interactive
      size={size}
      boxRef={boxRef}
      ariaLabel={ariaLabel}
      count={points.length}
      itemAt={(x, y) => layout.nearest(x, y)}
      anchor={(i) => ({ x: layout.points[i].cx, y: layout.points[i].cy })}
      tooltip={tooltip}
      onPick={onPick}
      empty={empty}
      highlight={(i) => (
        <circle
          cx={layout.points[i].cx}
          cy={layout.points[i].cy}
          r={7}
          fill="none"
          stroke="#0f172a"
          strokeWidth={1.5}
        />
      )}
    >
      {marks}
    </Interactive>
  );
}

export interface StepPlotProps {
  /** Percent values (0–100) per series, one per item along the x axis. */
  series: readonly { label: string; color: string; values: readonly number[] }[];
  ariaLabel: string;
  xLabel?: string;
  tooltip: (i: number) => ReactNode;
  empty?: string;
}

export function StepPlot({ series, ariaLabel, xLabel, tooltip, empty }: StepPlotProps) {
  const [boxRef, size] = useBoxSize<HTMLDivElement>();
  const layout = useMemo(
    () =>
      layoutSteps(
        series.map((s) => s.values),
        size,
        { yAxisWidth: 44, legend: true, xLabel: true, xTicks: true },
      ),
    [series, size],
  );
  const marks = useMemo(() => {
    const { box, x, y, paths } = layout;
    return (
      <>
        <Legend items={series} box={box} />
        <YAxis y={y} box={box} format={(v) => `${v}%`} />
        <XAxis x={x} box={box} format={(v) => String(v)} />
        <XLabel box={box} label={xLabel} offset={28} />
        {paths.map((d, i) => (
          <path
            key={series[i].label}
            className="chart-line"
            d={d}
            fill="none"
            stroke={series[i].color}
            strokeWidth={2}
          />
        ))}
      </>
    );
  }, [layout, series, xLabel]);
  const count = Math.max(0, ...series.map((s) => s.values.length));
  return (
    <Interactive
      size={size}
      boxRef={boxRef}
      ariaLabel={ariaLabel}
      count={count}
      itemAt={(x) => layout.indexAt(x)}
      anchor={(i) => layout.anchor(i)}
      tooltip={tooltip}
      empty={empty}
      highlight={(i) => (
        <line
          x1={layout.x.at(i + 1)}
          x2={layout.x.at(i + 1)}
          y1={layout.box.top}
          y2={layout.box.bottom}
          stroke={INK.grid}
          strokeDasharray="2 2"
        />
      )}
    >
      {marks}
    </Interactive>
  );
}
