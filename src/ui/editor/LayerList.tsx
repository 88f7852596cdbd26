/**
 * The layer stack: a virtualised list (@tanstack/react-virtual) of the flattened model tree,
 * reorderable by drag (@dnd-kit: each row is draggable by its handle and a drop target; a line
 * shows where the layer lands) and by keyboard (Alt+↑/↓). Plain draggable/droppable rather than
 * a SortableContext: the latter recomputes over every item on each edit, too slow at 1,000 rows. Keyboard on a row: ↑/↓ select,
 * ←/→ collapse/expand, Delete, Ctrl/Cmd+D duplicate, Enter edits the first field, Escape deselects.
 * Shift+click picks a range of siblings for "wrap in a block".
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  DndContext,
  PointerSensor,
  closestCenter,
  pointerWithin,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
} from '@dnd-kit/core';
import type { LayerSpec } from '../../engine/format/model';
import type { ModelResult } from '../../engine/evaluate';
import { useDeferredResultModel, useSlowPending } from '../../state/evaluation';
import { useEditor } from '../../state/store';
import { numbersAge, numbersLookup, numbersOfResult } from '../numbers';
import { useUi } from '../uiContext';
import { LayerRow, ListHeader } from './LayerRow';
import { flattenModel, indexIn, isWithin, parentList, type LayerItem, type ListItem } from './tree';
import { t as tr, useLang, useT } from '../i18n';
import { liveText } from '../../state/messages';

// Rows have very different heights (the selected one is open): aim by the pointer, not by centres.
const pointerFirst: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  return hits.length ? hits : closestCenter(args);
};

/**
 * A drag starts after 4 px. One object for the page's life: dnd-kit memoises its sensors on this
 * object's identity, and a new one per render made every visible row re-render on every edit.
 */
const POINTER_OPTIONS = { activationConstraint: { distance: 4 } };

function LayerListView({ result, countIndex }: { result: ModelResult | null; countIndex: number }) {
  const model = useEditor((s) => s.model);
  const selection = useEditor((s) => s.selection);
  const collapsed = useEditor((s) => s.collapsed);
  const format = useEditor((s) => s.settings.numberFormat);
  const { range, setRange, listTarget, setListTarget, paletteInput } = useUi();
  const t = useT();
  const lang = useLang((s) => s.lang);
  // `lang`: the list headers ("branch 2 (empty)") are translated text made by flattenModel.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const items = useMemo(() => flattenModel(model, collapsed), [model, collapsed, lang]);
  const numbers = numbersOfResult(result);
  // The result may be for an older model (the edit shows at once, its numbers a moment later).
  const resultModel = useDeferredResultModel();
  const numbersOf = useMemo(() => numbersLookup(model, resultModel, numbers), [model, resultModel, numbers]);
  // Numbers from an older model are marked as updating: an edited layer's at once (they sit next to
  // its new field values), every other row's once the evaluation is slow (150 ms), so a fast one
  // never flashes the whole list.
  const slow = useSlowPending();
  const staleOf = (item: LayerItem): boolean => {
    const age = numbersAge(model, resultModel, item.id, item.spec);
    return age === 'edited' || (age === 'older' && slow);
  };
  // Same rows as before (an edit that changes no structure): the same arrays, so the
  // virtualizer's callbacks below keep their identity and it does not re-measure 1,000 rows.
  const lastShape = useRef<{ ids: string[]; lists: boolean[] } | null>(null);
  const shape = useMemo(() => {
    const next = { ids: items.map((i) => i.id), lists: items.map((i) => i.kind === 'list') };
    const prev = lastShape.current;
    const same = <T,>(a: T[], b: T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    if (prev && same(prev.ids, next.ids) && same(prev.lists, next.lists)) return prev;
    lastShape.current = next;
    return next;
  }, [items]);
  const ids = shape.ids;
  const [dragging, setDragging] = useState<string | null>(null);
  const layerIds = useMemo(() => shape.ids.filter((_, i) => !shape.lists[i]), [shape]);
  const rangeSet = useMemo(() => new Set(range), [range]);
  const scroller = useRef<HTMLDivElement>(null);
  const focusPending = useRef(false);

  // Stable callbacks: the virtualizer recomputes every row's offset when they change identity.
  // A row is LayerRow's min-h-8 (32 px) and its 1 px bottom border: 33, exactly, so measuring the
  // rows as they mount changes nothing (a 34 px guess moved every row and made React render the
  // list a second time inside its first mount: issue 20, no long task on open).
  const estimateSize = useCallback(
    (i: number) => (shape.lists[i] ? 24 : shape.ids[i] === selection ? 150 : 33),
    [shape, selection],
  );
  const getItemKey = useCallback((i: number) => ids[i], [ids]);
  const getScrollElement = useCallback(() => scroller.current, []);
  // The first mount draws the visible rows and two more; the rest of the scroll margin follows in a
  // task of its own (issue 20: the list's mount was the open's longest task).
  const [overscan, setOverscan] = useState(2);
  useEffect(() => {
    const later = setTimeout(() => setOverscan(8), 0);
    return () => clearTimeout(later);
  }, []);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement, estimateSize, overscan, getItemKey });

  // Keyboard moves the selection: keep it in view and give its row the focus.
  useEffect(() => {
    if (!focusPending.current || !selection) return;
    focusPending.current = false;
    const i = ids.indexOf(selection);
    if (i < 0) return;
    virtualizer.scrollToIndex(i, { align: 'auto' });
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`[data-row-button="${CSS.escape(selection)}"]`)?.focus(),
    );
  }, [selection, ids, virtualizer]);

  // A layer selected elsewhere (the graph view, a chart, the table) scrolls into view, unfocused.
  // Only a new selection does: an edit (new ids) must not move the list.
  useEffect(() => {
    if (focusPending.current || !selection) return;
    const i = ids.indexOf(selection);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selection]);

  const onSelect = useCallback(
    (e: MouseEvent, item: LayerItem) => {
      const s = useEditor.getState();
      setListTarget(null);
      if (e.shiftKey && s.selection && s.selection !== item.id && parentList(s.selection) === item.listPath) {
        const a = indexIn(s.selection);
        const b = item.index;
        const picked: string[] = [];
        for (let i = Math.min(a, b); i <= Math.max(a, b); i++) picked.push(`${item.listPath}[${i}]`);
        setRange(picked);
        return;
      }
      setRange([]);
      s.select(s.selection === item.id && !e.detail ? null : item.id);
    },
    [setRange, setListTarget],
  );

  const onKey = useCallback(
    (e: KeyboardEvent, item: LayerItem) => {
      const s = useEditor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const at = layerIds.indexOf(item.id);
      const go = (path: string | undefined) => {
        if (!path) return;
        focusPending.current = true;
        s.select(path);
      };
      if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
        focusPending.current = true;
        s.select(item.id);
        useEditor.getState().moveLayer(item.id, e.key === 'ArrowUp' ? -1 : 1);
      } else if (e.key === 'ArrowDown') go(layerIds[at + 1]);
      else if (e.key === 'ArrowUp') go(layerIds[at - 1]);
      else if (e.key === 'ArrowLeft' && item.block && !item.collapsed) s.toggleCollapsed(item.id);
      else if (e.key === 'ArrowRight' && item.block && item.collapsed) s.toggleCollapsed(item.id);
      else if (e.key === 'ArrowLeft' && item.listPath !== 'layers')
        go(item.listPath.replace(/\.[a-z]+(\[\d+\])?$/, ''));
      else if (e.key === 'Delete' || e.key === 'Backspace') {
        focusPending.current = true;
        s.deleteLayer(item.id);
      } else if (mod && e.key.toLowerCase() === 'd') {
        focusPending.current = true;
        s.duplicateLayer(item.id);
      } else if (e.key === 'Escape') s.select(null);
      else if (e.key === 'Enter' && s.selection === item.id) {
        scroller.current?.querySelector<HTMLElement>(`[data-path="${CSS.escape(item.id)}"] [data-field]`)?.focus();
      } else if (e.key === 'a' && !mod) paletteInput.current?.focus();
      else return;
      e.preventDefault();
    },
    [layerIds, paletteInput],
  );

  const onToggle = useCallback((item: LayerItem) => useEditor.getState().toggleCollapsed(item.id), []);
  const onAdd = useCallback(
    (item: ListItem) => {
      setListTarget(listTarget === item.id ? null : item.id);
      paletteInput.current?.focus();
    },
    [listTarget, setListTarget, paletteInput],
  );
  // Reads the items through a ref, so the list headers (memoised) keep this callback across edits.
  const itemsRef = useRef(items);
  useEffect(() => {
    itemsRef.current = items;
  }, [items]);
  const onRemoveBranch = useCallback((item: ListItem) => {
    const s = useEditor.getState();
    const block = itemsRef.current.find((i) => i.id === item.blockPath);
    if (!block || block.kind !== 'layer' || item.branch === null) return;
    const branches = (block.spec.branches as LayerSpec[][]).filter((_, i) => i !== item.branch);
    s.updateLayer(item.blockPath, { branches });
  }, []);

  const sensors = useSensors(useSensor(PointerSensor, POINTER_OPTIONS));
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const from = String(e.active.id);
    const over = e.over ? String(e.over.id) : null;
    if (!over || over === from) return;
    const target = items.find((i) => i.id === over);
    if (!target) return;
    const toList = target.kind === 'list' ? target.id : target.listPath;
    const index = target.kind === 'list' ? 0 : target.index;
    const s = useEditor.getState();
    if (isWithin(toList, from)) {
      s.notify({ kind: 'error', ...liveText(() => tr('list.moveIntoItself', { path: from })) });
      return;
    }
    s.moveLayerTo(from, toList, index);
  };

  if (!items.length)
    return (
      <div className="p-6 text-sm text-slate-600 dark:text-slate-300" data-testid="empty-model">
        <p className="font-medium">{t('list.empty')}</p>
        <p className="mt-1">{t('list.emptyHelp')}</p>
      </div>
    );

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={pointerFirst}
      onDragStart={(e) => setDragging(String(e.active.id))}
      onDragCancel={() => setDragging(null)}
      onDragEnd={onDragEnd}
    >
      {/* An announcement for screen readers; the keyboard way to reorder is Alt+↑/↓. */}
      <p className="sr-only" aria-live="polite">
        {dragging ? t('list.moving', { path: dragging }) : ''}
      </p>
      <div ref={scroller} className="min-h-0 flex-1 overflow-auto" data-testid="layer-list">
        <div
          role="list"
          aria-label={t('list.layers')}
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            return (
              <div
                key={v.key}
                role="listitem"
                data-index={v.index}
                ref={virtualizer.measureElement}
                className="absolute left-0 w-full"
                style={{ transform: `translateY(${v.start}px)` }}
              >
                {item.kind === 'layer' ? (
                  <LayerRow
                    item={item}
                    nums={numbersOf(item.id, item.spec)}
                    stale={staleOf(item)}
                    selected={item.id === selection}
                    dragging={dragging !== null}
                    inRange={rangeSet.has(item.id)}
                    countIndex={countIndex}
                    format={format}
                    onSelect={onSelect}
                    onKey={onKey}
                    onToggle={onToggle}
                  />
                ) : (
                  <ListHeader
                    item={item}
                    dragging={dragging !== null}
                    targeted={listTarget === item.id}
                    onAdd={onAdd}
                    onRemoveBranch={onRemoveBranch}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </DndContext>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const LayerList = memo(LayerListView);
