/**
 * The graph itself: an SVG whose pan and zoom move one transform (set on the element directly,
 * no React render per frame); only the nodes and edges near the view are in the DOM (drawnRect:
 * re-culled when the view crosses a tile), and far out the nodes are plain boxes. Pointer drag
 * pans, the wheel pans (Ctrl/⌘ + wheel or a pinch zooms), arrow keys follow edges.
 */
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import type { VisibleNode } from '../../engine/graph-view';
import { shapeLabel } from '../format';
import type { GraphData } from './useGraphData';
import { NodeBox } from './GraphNodeBox';
import { NODE_SIZE } from '../../worker/graphLayoutRequest';
import {
  adjacency,
  centreOn,
  drawnRect,
  fitTransform,
  inside,
  sameRect,
  step,
  topTransform,
  worldView,
  zoomAt,
  type Rect,
  type Step,
  type Transform,
} from './geometry';
import { toggleFolded } from './viewState';
import { useT } from '../i18n';
import { Minimap } from './Minimap';
import { Edges, Outlines } from './GraphDecor';
import { edgeShapes, groupOutlines } from './graphShapes';

export interface CanvasHandle {
  zoom(factor: number): void;
  fit(): void;
  /** Centres the view on a node (by visible index) if it is not fully in view. */
  reveal(index: number): void;
}

interface Props {
  readonly data: GraphData;
  readonly selection: string | null;
  readonly onSelect: (modelPath: string) => void;
  readonly formatValue: (i: number) => string;
  readonly matches: ReadonlySet<number>;
  readonly handle: Ref<CanvasHandle>;
}

const ARROWS: Record<string, Step> = { ArrowDown: 'down', ArrowUp: 'up', ArrowLeft: 'left', ArrowRight: 'right' };
const clip = (s: string, n = 24) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Whether a node stands for the selected layer: its own row, or a folded block around it. */
const isSelected = (n: VisibleNode, sel: string | null): boolean =>
  !!sel &&
  !!n.modelPath &&
  (n.modelPath === sel ||
    (n.kind === 'block' && (sel.startsWith(`${n.modelPath}.`) || sel.startsWith(`${n.modelPath}#`))));

export function GraphCanvas({ data, selection, onSelect, formatValue, matches, handle }: Props) {
  const t = useT();
  const box = useRef<HTMLDivElement>(null);
  const layer = useRef<SVGGElement>(null);
  const tf = useRef<Transform>({ x: 0, y: 0, k: 1 });
  const [size, setSize] = useState({ w: 600, h: 400 });
  const [drawn, setDrawn] = useState<Rect>({ x0: 0, y0: 0, x1: 0, y1: 0 });
  // Level of detail (0: boxes only, 1: text, 2: text and edge shapes): a state that changes at two
  // zoom thresholds only, so zooming does not re-render the canvas on every frame.
  const [lod, setLod] = useState(2);
  const [focus, setFocus] = useState(-1);
  // Views that follow every frame of a pan (the minimap) subscribe here instead of re-rendering the canvas.
  const viewListeners = useRef(new Set<() => void>());
  const subscribeView = useCallback((l: () => void) => {
    viewListeners.current.add(l);
    return () => void viewListeners.current.delete(l);
  }, []);
  const frame = useRef(0);
  const { visible, layout } = data;
  const nodes = useMemo(() => visible?.nodes ?? [], [visible]);
  const answer = layout?.answer ?? null;

  // Node centres in visible order (NaN: not laid out yet).
  const xy = useMemo(() => {
    const a = new Float64Array(nodes.length * 2).fill(Number.NaN);
    if (!layout) return a;
    nodes.forEach((n, i) => {
      const j = layout.at.get(n.id);
      if (j === undefined) return;
      a[2 * i] = layout.answer.centres[2 * j];
      a[2 * i + 1] = layout.answer.centres[2 * j + 1];
    });
    return a;
  }, [nodes, layout]);
  const adj = useMemo(
    () =>
      adjacency(
        nodes.map((n) => n.id),
        visible?.edges ?? [],
      ),
    [nodes, visible],
  );

  const apply = useCallback(() => {
    const t0 = tf.current;
    layer.current?.setAttribute('transform', `translate(${t0.x},${t0.y}) scale(${t0.k})`);
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const r = drawnRect(tf.current, size.w, size.h);
      setDrawn((old) => (sameRect(old, r) ? old : r));
      const k = tf.current.k;
      setLod(k < 0.4 ? 0 : k < 0.6 ? 1 : 2);
      box.current?.setAttribute('data-zoom', k.toFixed(3));
      viewListeners.current.forEach((l) => l());
    });
  }, [size]);
  const setTransform = useCallback(
    (next: Transform) => {
      tf.current = next;
      apply();
    },
    [apply],
  );

  // The view's size follows its box.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setSize({ w: el.clientWidth || 600, h: el.clientHeight || 400 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => apply(), [apply]);

  // A new model (another first node) starts at the top, fitted to the width.
  const startKey = layout ? `${nodes[0]?.id}|${layout.answer.width | 0}` : '';
  const started = useRef('');
  useEffect(() => {
    if (!answer || started.current === startKey) return;
    started.current = startKey;
    setTransform(topTransform(answer.width, size.w, Number.isNaN(xy[0]) ? undefined : xy[0]));
  }, [answer, startKey, size.w, setTransform, xy]);

  const reveal = useCallback(
    (i: number) => {
      const x = xy[2 * i];
      const y = xy[2 * i + 1];
      if (Number.isNaN(x)) return;
      const v = worldView(tf.current, size.w, size.h);
      const n = NODE_SIZE[nodes[i].kind];
      if (x - n.width / 2 >= v.x0 && x + n.width / 2 <= v.x1 && y - n.height / 2 >= v.y0 && y + n.height / 2 <= v.y1)
        return;
      setTransform(centreOn(tf.current, x, y, size.w, size.h));
    },
    [xy, nodes, size, setTransform],
  );

  useImperativeHandle(
    handle,
    () => ({
      zoom: (f) => setTransform(zoomAt(tf.current, f, size.w / 2, size.h / 2)),
      fit: () => answer && setTransform(fitTransform(answer.width, answer.height, size.w, size.h)),
      reveal,
    }),
    [answer, size, setTransform, reveal],
  );

  // The editor's selection, chosen elsewhere (list, table, chart): the graph follows it.
  const selectedIndex = useMemo(() => nodes.findIndex((n) => isSelected(n, selection)), [nodes, selection]);
  const fromHere = useRef<string | null>(null);
  useEffect(() => {
    if (selectedIndex < 0) return;
    setFocus(selectedIndex);
    if (fromHere.current !== selection) reveal(selectedIndex);
    fromHere.current = null;
    // Only when the selection (or the graph under it) changes, not on every pan.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedIndex, selection, layout]);

  const choose = useCallback(
    (i: number, centre: boolean) => {
      const n = nodes[i];
      if (!n) return;
      setFocus(i);
      if (centre) reveal(i);
      if (n.modelPath) {
        fromHere.current = centre ? null : n.modelPath;
        onSelect(n.modelPath);
      }
    },
    [nodes, onSelect, reveal],
  );

  // Pointer: drag the background to pan; a click on a node selects it (a drag does not).
  const drag = useRef<{ x: number; y: number; t: Transform; moved: boolean; on: Element } | null>(null);
  const onPointerDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    // The pressed element: once the pointer is captured, later events target the canvas itself.
    drag.current = { x: e.clientX, y: e.clientY, t: tf.current, moved: false, on: e.target as Element };
    (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return;
    const dx = e.clientX - d.x;
    const dy = e.clientY - d.y;
    if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    d.moved = true;
    setTransform({ x: d.t.x + dx, y: d.t.y + dy, k: d.t.k });
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    const target = d.on.closest('[data-index]');
    const fold = d.on.closest('[data-fold]');
    if (fold) toggleFolded(fold.getAttribute('data-fold') as string);
    else if (target) choose(Number(target.getAttribute('data-index')), false);
  };
  const onDoubleClick = (e: React.MouseEvent) => {
    const target = (e.target as Element).closest('[data-index]');
    if (!target) return;
    const n = nodes[Number(target.getAttribute('data-index'))];
    if (n?.kind === 'block' || n?.kind === 'join') toggleFolded(n.id);
  };

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey)
        setTransform(zoomAt(tf.current, Math.exp(-e.deltaY / 300), e.clientX - r.left, e.clientY - r.top));
      else setTransform({ x: tf.current.x - e.deltaX, y: tf.current.y - e.deltaY, k: tf.current.k });
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setTransform]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    const dir = ARROWS[e.key];
    // Start from the focused node — unless it is a layer other than the selection, i.e. the row
    // was selected elsewhere a moment ago and the effect that moves the focus has not run yet.
    const stale = focus >= 0 && selectedIndex >= 0 && nodes[focus]?.modelPath && !isSelected(nodes[focus], selection);
    const from = stale ? selectedIndex : focus >= 0 ? focus : 0;
    if (dir && nodes.length) {
      e.preventDefault();
      choose(step(from, dir, adj), true);
    } else if (e.key === 'Enter' && focus >= 0) {
      // A folded block or a join unfolds/folds itself; a layer inside a block folds that block
      // (a repeat has no join to press Enter on).
      const n = nodes[focus];
      const id =
        n.kind === 'block' || n.kind === 'join' ? n.id : n.group >= 0 ? data.view?.groups[n.group]?.id : undefined;
      if (id) {
        e.preventDefault();
        toggleFolded(id);
      }
    } else if (e.key === '+' || e.key === '=') setTransform(zoomAt(tf.current, 1.25, size.w / 2, size.h / 2));
    else if (e.key === '-') setTransform(zoomAt(tf.current, 0.8, size.w / 2, size.h / 2));
    else if (e.key === '0' && answer) setTransform(fitTransform(answer.width, answer.height, size.w, size.h));
  };

  const boxOnly = lod === 0;
  const showShapes = lod === 2;
  const drawnNodes = useMemo(() => {
    const out: number[] = [];
    nodes.forEach((n, i) => {
      const s = NODE_SIZE[n.kind];
      if (!Number.isNaN(xy[2 * i]) && inside(drawn, xy[2 * i], xy[2 * i + 1], s.width / 2, s.height / 2)) out.push(i);
    });
    return out;
  }, [nodes, xy, drawn]);

  const edges = useMemo(() => edgeShapes(visible, layout), [visible, layout]);
  const drawnEdges = edges.filter((e) => e.x1 >= drawn.x0 && e.x0 <= drawn.x1 && e.y1 >= drawn.y0 && e.y0 <= drawn.y1);

  const outlines = useMemo(
    () => groupOutlines(data.view?.groups ?? [], visible?.folded ?? [], nodes, xy),
    [data.view, visible, nodes, xy],
  );

  const focused = nodes[focus];
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={box}
        role="application"
        aria-label={t('graph.canvas')}
        aria-roledescription="graph"
        tabIndex={0}
        data-testid="graph-canvas"
        data-laid-out={layout && !data.layingOut ? 'true' : 'false'}
        data-drawn={drawnNodes.length}
        className="focus-ring absolute inset-0 touch-none overflow-hidden bg-slate-50 select-none dark:bg-slate-950"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onDoubleClick={onDoubleClick}
        onKeyDown={onKeyDown}
      >
        <svg width={size.w} height={size.h} className="block" data-testid="graph-svg">
          <defs>
            <marker id="graph-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto">
              <path d="M0 0L8 4L0 8z" fill="#64748b" />
            </marker>
          </defs>
          <g ref={layer}>
            <Outlines outlines={outlines} drawn={drawn} labels={!boxOnly} />
            <Edges edges={drawnEdges} shapes={showShapes} />
            {drawnNodes.map((i) => {
              const n = nodes[i];
              const s = NODE_SIZE[n.kind];
              const shape =
                n.kind === 'block'
                  ? `${shapeLabel(n.shape)} · ${t('graph.node.block', { n: n.size })}`
                  : shapeLabel(n.shape);
              return (
                <NodeBox
                  key={n.id}
                  id={n.id}
                  index={i}
                  kind={n.kind}
                  modelPath={n.modelPath}
                  label={clip(
                    (n.kind === 'input' || n.kind === 'output') && n.label !== n.kind
                      ? `${t(`graph.node.${n.kind}`)} ${n.label}`
                      : n.label,
                  )}
                  lines={`${shape}\n${formatValue(i)}`}
                  level={data.levels[i] ?? -1}
                  x={xy[2 * i]}
                  y={xy[2 * i + 1]}
                  w={s.width}
                  h={s.height}
                  selected={i === selectedIndex || isSelected(n, selection)}
                  focused={i === focus}
                  match={matches.has(i)}
                  error={n.error}
                  hint={
                    n.kind === 'block'
                      ? `${n.modelPath} · ${t('graph.unfold', { name: n.label })} (Enter)`
                      : (n.modelPath ?? n.label)
                  }
                  boxOnly={boxOnly}
                />
              );
            })}
          </g>
        </svg>
      </div>
      <p className="sr-only" aria-live="polite">
        {focused
          ? t('graph.announce', { label: focused.label, shape: shapeLabel(focused.shape), value: formatValue(focus) })
          : ''}
      </p>
      {answer ? (
        <Minimap
          answer={answer}
          transform={() => tf.current}
          subscribe={subscribeView}
          view={size}
          onMove={(x, y) => setTransform(centreOn(tf.current, x, y, size.w, size.h))}
        />
      ) : null}
    </div>
  );
}
