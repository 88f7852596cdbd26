/**
 * The layer palette: every kind from the engine's registry with its one-line summary. Type to
 * filter; ↑/↓ choose; Enter inserts after the selected layer (or at the start of the chosen
 * child list, or at the end of the model when nothing is selected). "/" focuses the search, and
 * typed there is not a character; Escape clears the filter, then leaves. Common other names
 * (fc, dense, bn, dwconv, skip, concat, gap, mha …) find their kinds.
 */
import { memo, useMemo, useState } from 'react';
import { BLOCK_KINDS, LEAF_KINDS, isBlock, type AnyKind } from '../../engine/layers/registry';
import type { LayerSpec } from '../../engine/format/model';
import { useEditor } from '../../state/store';
import { useUi } from '../uiContext';
import { starterFields } from './fieldText';
import { useT } from '../i18n';

const ALL_KINDS: readonly AnyKind[] = [...LEAF_KINDS, ...BLOCK_KINDS];

/** A new layer of this kind, with starting values for required fields and empty child lists. */
export function newLayerSpec(kind: AnyKind): LayerSpec {
  const spec: Record<string, unknown> = { type: kind.type, ...starterFields(kind.type, kind.fields) };
  if (isBlock(kind)) for (const lf of kind.listFields) if (lf.required) spec[lf.name] = lf.nested ? [[], []] : [];
  return spec as LayerSpec;
}

/**
 * Names people type for a kind that its type and label do not contain (Keras' Dense, "fc",
 * "bn", "dwconv", a ResNet "skip"): searched like the name.
 */
const ALIASES: Readonly<Record<string, string>> = {
  linear: 'fc dense fully connected gemm',
  batchnorm2d: 'bn batchnorm batch norm',
  batchnorm1d: 'bn1d',
  conv2d: 'dwconv depthwise pointwise conv',
  residual: 'skip shortcut resblock',
  add: 'add sum plus',
  cat: 'concat concatenate',
  concat: 'concat concatenate cat branches',
  adaptiveavgpool2d: 'gap global average pool',
  layernorm: 'ln',
  attention: 'mha multihead self-attention',
  upsample: 'interp interpolate resize',
  dropout: 'drop',
};

/** Kinds whose type, label, aliases, category or summary contain every typed word. */
export function filterKinds(query: string): AnyKind[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...ALL_KINDS];
  const scored = ALL_KINDS.map((k) => {
    const alias = ALIASES[k.type] ?? '';
    const hay = `${k.type} ${k.label} ${alias} ${k.category} ${k.summary}`.toLowerCase();
    if (!words.every((w) => hay.includes(w))) return null;
    // The exact type or label first, then name matches, then summary matches.
    const name = `${k.type} ${k.label} ${alias}`.toLowerCase();
    const q = words.join(' ');
    const exact = k.type === q || k.label.toLowerCase() === q ? 10 : 0;
    return {
      k,
      score:
        exact +
        words.filter((w) => name.startsWith(w) || name.includes(` ${w}`)).length * 2 +
        (name.includes(words[0]) ? 1 : 0),
    };
  }).filter((x): x is { k: AnyKind; score: number } => x !== null);
  return scored.sort((a, b) => b.score - a.score).map((x) => x.k);
}

function PaletteView() {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const { paletteInput, listTarget, setListTarget } = useUi();
  const selection = useEditor((s) => s.selection);
  const kinds = useMemo(() => filterKinds(query), [query]);
  const activeIndex = Math.max(0, Math.min(active, kinds.length - 1));
  const t = useT();

  const insert = (kind: AnyKind) => {
    const s = useEditor.getState();
    const spec = newLayerSpec(kind);
    if (listTarget) {
      s.insertLayerInto(listTarget, 0, spec);
      setListTarget(null);
    } else s.insertLayer(s.selection, spec);
    setQuery('');
    setActive(0);
    // Close the list so the new row is visible; typing opens it again.
    setOpen(false);
  };
  const where = listTarget
    ? t('palette.where.start', { path: listTarget })
    : selection
      ? t('palette.where.after', { path: selection })
      : t('palette.where.end');

  return (
    <div className="relative border-b border-slate-200 px-3 py-2 dark:border-slate-700">
      <label className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
        <span className="whitespace-nowrap">{t('palette.add')}</span>
        <input
          ref={paletteInput}
          className="field w-full"
          type="text"
          placeholder={t('palette.placeholder')}
          value={query}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls="palette-list"
          aria-activedescendant={open && kinds.length ? `palette-${kinds[activeIndex].type}` : undefined}
          aria-describedby="palette-where"
          aria-keyshortcuts="/"
          data-testid="palette-search"
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
            setOpen(true);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              if (!open) return setOpen(true);
              setActive((i) => Math.min(kinds.length - 1, i + 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((i) => Math.max(0, i - 1));
            } else if (e.key === 'Enter' && kinds.length && (open || query)) {
              e.preventDefault();
              insert(kinds[activeIndex]);
            } else if (e.key === 'Escape') {
              // The first Escape clears the filter, the next leaves the palette.
              if (query) setQuery('');
              else {
                setOpen(false);
                e.currentTarget.blur();
              }
            } else if (e.key === '/') {
              // "/" is the palette's shortcut (no kind's name has one): pressed here, it stays one.
              e.preventDefault();
              setOpen(true);
            }
          }}
        />
      </label>
      <p id="palette-where" className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {where}
        {listTarget && (
          <button type="button" className="focus-ring ml-1 underline" onClick={() => setListTarget(null)}>
            {t('palette.cancel')}
          </button>
        )}
      </p>
      {open && (
        <ul
          id="palette-list"
          role="listbox"
          aria-label={t('palette.kinds')}
          className="absolute inset-x-3 top-full z-20 -mt-5 max-h-80 overflow-auto rounded-lg border border-slate-300 bg-white py-1 shadow-xl dark:border-slate-600 dark:bg-slate-800"
        >
          {kinds.map((k, i) => (
            <li
              key={k.type}
              id={`palette-${k.type}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`flex cursor-pointer items-baseline gap-2 px-3 py-1 text-sm ${
                i === activeIndex ? 'bg-indigo-100 dark:bg-indigo-900' : 'hover:bg-slate-100 dark:hover:bg-slate-700'
              }`}
              // Keep the focus in the search box so typing and Enter keep working after a click.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => insert(k)}
            >
              <span
                className={`w-36 shrink-0 ${isBlock(k) ? 'font-semibold text-violet-800 dark:text-violet-300' : 'font-medium'}`}
              >
                {k.label}
              </span>
              <span className="truncate text-xs text-slate-600 dark:text-slate-300">{k.summary}</span>
              <span className="ml-auto shrink-0 text-xs text-slate-600 dark:text-slate-400">{k.category}</span>
            </li>
          ))}
          {!kinds.length && (
            <li
              role="option"
              aria-selected={false}
              aria-disabled
              className="px-3 py-1 text-sm text-slate-600 dark:text-slate-300"
            >
              {t('palette.noMatch', { query })}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const Palette = memo(PaletteView);
