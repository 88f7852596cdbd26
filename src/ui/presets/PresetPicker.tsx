/**
 * The preset picker's content (inside PresetButton's <dialog>): a search box and the zoo as one
 * table grouped by family — input size, parameters and MACs (counted by the engine in a worker,
 * src/worker/presetClient.ts), the check against torchvision's `num_params`/`_ops`, and the
 * paper. "Load" puts the preset in the editor through setModel (one undo step).
 *
 * Keyboard: type to filter; ↓ from the search box goes to the first Load button, ↑/↓ move
 * between Load buttons, Enter in the search box loads the first match, Escape closes.
 */
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { Preset, PresetTask } from '../../engine/presets';
import { useEditor } from '../../state/store';
import { isSummary, presetSummaryStore } from '../../worker/presetClient';
import { formatCount, groupDigits } from '../format';
import { checkLabel, groupPresets, PRESET_TASKS, presetMeta, rebuildPreset, taskCounts } from './presetList';
import { usePresetsModule, type PresetsModule } from './loadPresets';
import { useT } from '../i18n';
import { Button } from '../controls';

const TONE = {
  ok: 'text-emerald-700 dark:text-emerald-300',
  bad: 'text-red-700 dark:text-red-300',
  none: 'text-slate-600 dark:text-slate-300',
} as const;

function Numbers({ name, source }: { name: string; source: string }) {
  const snap = useSyncExternalStore(presetSummaryStore.subscribe, presetSummaryStore.get);
  const mode = useEditor((s) => s.settings.numberFormat);
  const s = snap.byName.get(name);
  const check = checkLabel(s);
  const t = useT();
  const cell = (v: bigint | undefined, testId: string) => (
    <td className="px-2 py-1 text-right font-mono tabular-nums" data-testid={testId} data-exact={v?.toString()}>
      {v === undefined ? '…' : formatCount(v, mode)}
    </td>
  );
  const ref = isSummary(s) ? s.reference : null;
  return (
    <>
      {cell(isSummary(s) ? s.params : undefined, 'preset-params')}
      {cell(isSummary(s) ? s.macs : undefined, 'preset-macs')}
      <td
        className={`px-2 py-1 text-xs ${TONE[check.tone]}`}
        data-testid="preset-check"
        data-check={isSummary(s) ? s.check : 'error'}
        title={
          ref
            ? t('picker.refTitle', {
                source,
                params: groupDigits(ref.params),
                macs: groupDigits(ref.macs),
                ops: ref.ops,
              }) + (ref.note ? ` — ${ref.note}` : '')
            : undefined
        }
      >
        {check.text}
      </td>
    </>
  );
}

function PresetRow({ p, current, onLoad }: { p: Preset; current: boolean; onLoad: (p: Preset) => void }) {
  const t = useT();
  return (
    <tr
      data-testid="preset-row"
      data-preset={p.name}
      aria-current={current || undefined}
      className={`border-t border-slate-100 dark:border-slate-800 ${current ? 'bg-indigo-50 dark:bg-indigo-950' : ''}`}
    >
      <td className="px-2 py-1">
        <button
          type="button"
          data-preset-load={p.name}
          className="focus-ring rounded px-1 text-left font-mono text-sm font-semibold text-indigo-700 hover:underline dark:text-indigo-300"
          aria-label={t('picker.load', { name: p.name, title: p.title })}
          onClick={() => onLoad(p)}
        >
          {p.name}
        </button>{' '}
        <span className="text-xs text-slate-600 dark:text-slate-300">{p.title}</span>
      </td>
      <td className="px-2 py-1 text-right font-mono text-xs whitespace-nowrap">
        {p.input[1]}×{p.input[2]}
      </td>
      <Numbers name={p.name} source={p.code?.repo === 'ultralytics/ultralytics' ? 'Ultralytics' : 'torchvision'} />
      <td className="px-2 py-1 text-xs">
        <a
          className="focus-ring rounded text-indigo-700 underline dark:text-indigo-300"
          href={p.paper.url}
          target="_blank"
          rel="noreferrer"
          title={`${p.paper.title} — ${p.paper.authors}`}
        >
          {p.paper.year}
        </a>
      </td>
    </tr>
  );
}

/** ↑/↓ between the Load buttons of the table (Tab still walks every control). */
function moveFocus(table: HTMLElement | null, from: Element | null, delta: number): void {
  const buttons = [...(table?.querySelectorAll<HTMLButtonElement>('[data-preset-load]') ?? [])];
  if (!buttons.length) return;
  const i = from ? buttons.indexOf(from as HTMLButtonElement) : -1;
  const next = i < 0 ? (delta > 0 ? 0 : buttons.length - 1) : Math.min(buttons.length - 1, Math.max(0, i + delta));
  buttons[next].focus();
}

function PickerTable({ mod, onClose }: { mod: PresetsModule; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [task, setTask] = useState<PresetTask | undefined>(undefined);
  const groups = useMemo(() => groupPresets(mod.PRESETS, query, task), [mod, query, task]);
  const counts = useMemo(() => taskCounts(mod.PRESETS, query), [mod, query]);
  const count = groups.reduce((n, g) => n + g.presets.length, 0);
  const setModel = useEditor((s) => s.setModel);
  const notify = useEditor((s) => s.notify);
  const currentName = useEditor((s) => presetMeta(s.model)?.preset ?? null);
  const tableRef = useRef<HTMLTableElement>(null);
  const t = useT();

  // Counted once per page, the first time the picker opens (later opens read the cache).
  useEffect(() => void presetSummaryStore.start(mod.PRESETS.map((p) => p.name)), [mod]);

  const load = (p: Preset) => {
    const m = rebuildPreset(p, {}, {}, mod.knobError);
    if (typeof m === 'string') notify({ kind: 'error', text: m });
    else setModel(m);
    onClose();
  };
  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      moveFocus(tableRef.current, null, 1);
    } else if (e.key === 'Enter' && groups.length) {
      e.preventDefault();
      load(groups[0].presets[0]);
    }
  };
  const onTableKey = (e: KeyboardEvent<HTMLTableElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    moveFocus(tableRef.current, document.activeElement, e.key === 'ArrowDown' ? 1 : -1);
  };

  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2">
      <div className="flex items-center gap-3">
        <input
          type="search"
          autoFocus
          className="field w-80"
          placeholder={t('picker.search.placeholder')}
          aria-label={t('picker.search')}
          aria-controls="preset-table"
          data-testid="preset-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onSearchKey}
        />
        <span className="text-xs text-slate-600 dark:text-slate-300" aria-live="polite" data-testid="preset-count">
          {t('picker.count', { n: count, total: mod.PRESETS.length })}
        </span>
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label={t('picker.tasks')} data-testid="preset-tasks">
        {[undefined, ...PRESET_TASKS].map((k) => {
          const n = k ? counts[k] : PRESET_TASKS.reduce((a, x) => a + counts[x], 0);
          return (
            <Button
              key={k ?? 'all'}
              small
              variant={task === k ? 'primary' : 'default'}
              aria-pressed={task === k}
              data-task={k ?? 'all'}
              onClick={() => setTask(k)}
            >
              {t(`picker.task.${k ?? 'all'}`)} <span className="opacity-75">{n}</span>
            </Button>
          );
        })}
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-300">{t('picker.help')}</p>
      <div className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 dark:border-slate-700">
        <table id="preset-table" ref={tableRef} className="w-full border-collapse text-sm" onKeyDown={onTableKey}>
          <thead className="sticky top-0 z-10 bg-slate-100 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200">
            <tr>
              <th scope="col" className="px-2 py-1 text-left">
                {t('picker.col.preset')}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t('picker.col.input')}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t('picker.col.params')}
              </th>
              <th scope="col" className="px-2 py-1 text-right">
                {t('picker.col.macs')}
              </th>
              <th scope="col" className="px-2 py-1 text-left">
                {t('picker.col.check')}
              </th>
              <th scope="col" className="px-2 py-1 text-left">
                {t('picker.col.paper')}
              </th>
            </tr>
          </thead>
          {groups.map((g) => (
            <tbody key={g.family} data-testid="preset-family" data-family={g.family}>
              <tr>
                <th
                  scope="rowgroup"
                  colSpan={6}
                  className="bg-slate-50 px-2 pt-2 pb-1 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase dark:bg-slate-900 dark:text-slate-200"
                >
                  {g.family}{' '}
                  <span className="font-normal text-slate-600 dark:text-slate-300">· {g.presets.length}</span>
                </th>
              </tr>
              {g.presets.map((p) => (
                <PresetRow key={p.name} p={p} current={p.name === currentName} onLoad={load} />
              ))}
            </tbody>
          ))}
        </table>
        {count === 0 && <p className="p-4 text-sm">{t('picker.noMatch', { query })}</p>}
      </div>
    </div>
  );
}

/** The dialog body: waits for the zoo chunk, then shows the table. */
export function PresetPicker({ onClose }: { onClose: () => void }) {
  const mod = usePresetsModule();
  const t = useT();
  if (!mod) return <p className="p-4 text-sm">{t('presets.loading')}</p>;
  if ('error' in mod)
    return (
      <p role="alert" className="p-4 text-sm text-red-700 dark:text-red-300">
        {mod.error}
      </p>
    );
  return <PickerTable mod={mod} onClose={onClose} />;
}
