/**
 * One row of the layer stack: drag handle, collapse toggle (blocks), kind and name, the fields
 * that differ from defaults, then output shape, parameters and the selected count. Its error is
 * shown in place. The selected row opens its field form and actions.
 */
import { memo, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { useDraggable, useDroppable } from '@dnd-kit/core';
import { CSS } from '@dnd-kit/utilities';
import type { NumberFormat } from '../format';
import { formatCount, shapeLabel } from '../format';
import type { LayerNumbers } from '../numbers';
import { FieldForm } from './FieldForm';
import { fieldText, fromText } from './fieldText';
import { RowActions } from './RowActions';
import type { LayerItem, ListItem } from './tree';
import { useLocalize, useT } from '../i18n';
import { NOT_COUNTED_TYPE } from '../../engine/layers/opaque';

const INDENT = 14;

/** Short names for the common geometry fields, so a row stays one line ("out 64 · k3 · s2"). */
const SHORT: Readonly<Record<string, string>> = { kernel: 'k', stride: 's', padding: 'p', dilation: 'd', groups: 'g' };

/** "out 64 · k3 · s2 · p1": the fields the user set, in the kind's field order. */
function fieldSummary(item: LayerItem): string {
  const fields = item.layerKind?.fields ?? [];
  const parts: string[] = [];
  // Graph edges first: "#stem ← p3, previous" (what the layer is called, where its inputs come from).
  if (typeof item.spec.id === 'string') parts.push(`#${item.spec.id}`);
  if (item.spec.from !== undefined) parts.push(`← ${fromText(item.spec.from)}`);
  for (const f of fields) {
    const v = item.spec[f.name];
    if (v === undefined) continue;
    const short = SHORT[f.name];
    const text = Array.isArray(v) ? v.join('×') : fieldText(v);
    parts.push(f.kind === 'bool' ? `${v ? '' : 'no '}${f.name}` : short ? `${short}${text}` : `${f.name} ${text}`);
  }
  return parts.join(' · ');
}

export interface LayerRowProps {
  item: LayerItem;
  nums: LayerNumbers | undefined;
  /** The numbers are from an older model: shown dimmed and marked busy until the new ones come. */
  stale: boolean;
  selected: boolean;
  /** A drag is under way somewhere (rows then show where a drop would land). */
  dragging: boolean;
  inRange: boolean;
  countIndex: number;
  format: NumberFormat;
  onSelect(e: MouseEvent, item: LayerItem): void;
  onKey(e: KeyboardEvent, item: LayerItem): void;
  onToggle(item: LayerItem): void;
}

/** Numbers from an older model, until the new ones come (issue 20: never old numbers unmarked beside new values). */
const staleCls = 'opacity-40 transition-none';

export const LayerRow = memo(function LayerRow(p: LayerRowProps) {
  const { item, nums, selected } = p;
  const t = useT();
  const localize = useLocalize();
  const { attributes, listeners, setNodeRef: setDragRef, transform, isDragging } = useDraggable({ id: item.id });
  const { setNodeRef: setDropRef, isOver } = useDroppable({ id: item.id, disabled: !p.dragging });
  const setNodeRef = (el: HTMLElement | null) => {
    setDragRef(el);
    setDropRef(el);
  };
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform),
    paddingLeft: 4 + item.depth * INDENT,
  };
  const error = nums?.error;
  // Errors caused elsewhere (an earlier layer, a layer inside the block) are shown quieter.
  const ownError = !!error && !error.startsWith('input unknown') && !error.endsWith('a layer inside has an error');
  const label = item.layerKind?.label ?? String(item.spec.type);
  const count = nums ? (nums.counts[p.countIndex] ?? 0n) : null;
  const title = `${label}${item.spec.name ? ` ${item.spec.name}` : ''}`;
  return (
    <div
      ref={setNodeRef}
      style={style}
      data-path={item.id}
      data-testid="layer-row"
      aria-current={selected ? 'true' : undefined}
      className={`border-b border-slate-100 pr-2 dark:border-slate-800 ${
        isOver && !isDragging ? 'shadow-[inset_0_3px_0_0] shadow-indigo-600 dark:shadow-indigo-300' : ''
      } ${isDragging ? 'relative z-10 opacity-80 shadow-lg' : ''} ${
        selected
          ? 'bg-indigo-50 dark:bg-indigo-950/60'
          : p.inRange
            ? 'bg-sky-50 dark:bg-sky-950/50'
            : 'bg-white hover:bg-slate-50 dark:bg-slate-900 dark:hover:bg-slate-800/70'
      } ${ownError ? 'border-l-4 border-l-red-600 dark:border-l-red-400' : ''}`}
    >
      <div className="flex min-h-8 items-center gap-1">
        <button
          type="button"
          className="focus-ring cursor-grab touch-none px-0.5 text-slate-600 dark:text-slate-400"
          aria-label={t('row.drag', { title })}
          {...attributes}
          {...listeners}
          tabIndex={-1}
        >
          ⠿
        </button>
        {item.block ? (
          <button
            type="button"
            className="focus-ring w-4 text-slate-600 dark:text-slate-300"
            aria-expanded={!item.collapsed}
            aria-label={t(item.collapsed ? 'row.expand' : 'row.collapse', { title })}
            onClick={() => p.onToggle(item)}
            tabIndex={-1}
          >
            {item.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="w-4" />
        )}
        <button
          type="button"
          className="focus-ring flex min-w-0 flex-1 items-baseline gap-1.5 overflow-hidden rounded py-1 text-left"
          data-row-button={item.id}
          aria-label={t(error ? 'row.labelError' : 'row.label', {
            title,
            path: item.id,
            error: error ? localize(error) : '',
          })}
          aria-pressed={selected}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown Delete Control+D"
          onClick={(e) => p.onSelect(e, item)}
          onKeyDown={(e) => p.onKey(e, item)}
        >
          <span
            className={`text-sm font-semibold whitespace-nowrap ${item.block ? 'text-violet-800 dark:text-violet-300' : ''}`}
          >
            {label}
            {item.spec.type === 'repeat' && typeof item.spec.times === 'number' ? ` ×${item.spec.times}` : ''}
          </span>
          {item.spec.name && (
            // Cut at the start: a module name's end tells rows apart (`…encoder_layer_{i}.ln_1`). It
            // shrinks after the field summary has given way, to nothing if the kind needs the room (a
            // deep row on a phone, a wide interface font), never into the numbers: the button clips.
            <span
              className="max-w-32 min-w-0 truncate text-left text-xs text-slate-600 [direction:rtl] dark:text-slate-300"
              title={String(item.spec.name)}
            >
              <bdi dir="ltr">{String(item.spec.name)}</bdi>
            </span>
          )}
          <span className="min-w-0 shrink-[100] truncate font-mono text-xs text-slate-600 dark:text-slate-400">
            {fieldSummary(item)}
          </span>
        </button>
        <span
          className={`num w-24 shrink-0 text-right ${p.stale ? staleCls : ''} font-mono text-xs text-slate-700 dark:text-slate-300`}
          title={t('row.output')}
          data-stale={p.stale || undefined}
          aria-busy={p.stale || undefined}
        >
          {nums && !error ? shapeLabel(nums.output) : '—'}
        </span>
        <span
          className={`num w-16 shrink-0 text-right ${p.stale ? staleCls : ''} text-xs max-sm:hidden`}
          title={t('row.params')}
          data-testid="row-params"
          data-stale={p.stale || undefined}
          aria-busy={p.stale || undefined}
        >
          {nums && !error ? formatCount(nums.params, p.format) : ''}
        </span>
        <span
          className={`num w-20 shrink-0 text-right ${p.stale ? staleCls : ''} text-xs font-medium`}
          title={t('row.count')}
          data-testid="row-count"
          data-stale={p.stale || undefined}
          aria-busy={p.stale || undefined}
        >
          {count === null || error ? (
            ''
          ) : item.spec.type === NOT_COUNTED_TYPE ? (
            <span className="text-amber-700 italic dark:text-amber-300" data-testid="row-not-counted">
              {t('row.notCounted')}
            </span>
          ) : (
            formatCount(count, p.format)
          )}
        </span>
      </div>
      {error && (
        <p
          className={`pb-1 pl-10 text-xs ${ownError ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-400'}`}
          data-testid={ownError ? 'row-error' : 'row-note'}
        >
          {localize(error)}
        </p>
      )}
      {selected && item.layerKind && (
        <div className="space-y-2 pb-2 pl-10">
          <FieldForm path={item.id} spec={item.spec} kind={item.layerKind} rowError={error} />
          <RowActions path={item.id} spec={item.spec} block={item.block} />
        </div>
      )}
      {selected && !item.layerKind && (
        <div className="pb-2 pl-10">
          <RowActions path={item.id} spec={item.spec} block={false} />
        </div>
      )}
    </div>
  );
});

/** A child-list header inside a block ("body", "shortcut (empty: identity)", "branch 2"). */
export const ListHeader = memo(function ListHeader({
  item,
  targeted,
  dragging,
  onAdd,
  onRemoveBranch,
}: {
  item: ListItem;
  targeted: boolean;
  dragging: boolean;
  onAdd(item: ListItem): void;
  onRemoveBranch(item: ListItem): void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: item.id, disabled: !dragging });
  const t = useT();
  return (
    <div
      ref={setNodeRef}
      data-path={item.id}
      style={{ paddingLeft: 4 + item.depth * INDENT + 20 }}
      className={`flex h-6 items-center gap-2 border-b border-dashed border-slate-200 text-xs text-slate-600 dark:border-slate-700 dark:text-slate-300 ${
        isOver
          ? 'bg-indigo-100 dark:bg-indigo-900'
          : targeted
            ? 'bg-amber-50 dark:bg-amber-950/50'
            : 'bg-slate-50 dark:bg-slate-900'
      }`}
      title={item.help}
    >
      <span className="italic">{item.label}</span>
      <button
        type="button"
        className="focus-ring rounded px-1 text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300"
        aria-label={t('list.addAt', { path: item.id })}
        aria-pressed={targeted}
        onClick={() => onAdd(item)}
      >
        + {t('list.addHere')}
      </button>
      {item.branch !== null && item.length === 0 && (
        <button
          type="button"
          className="focus-ring rounded px-1 text-slate-600 hover:underline dark:text-slate-300"
          aria-label={t('list.removeEmpty', { label: item.label })}
          onClick={() => onRemoveBranch(item)}
        >
          {t('list.remove')}
        </button>
      )}
    </div>
  );
});
