/**
 * Per-layer table: every evaluated row with its own numbers and its share of the selected
 * count, sortable by any column (click a header; again to reverse), virtualised, copyable as CSV.
 */
import { memo, useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ModelResult } from '../../engine/evaluate';
import { conventionById } from '../../engine/conventions/registry';
import { useEditor } from '../../state/store';
import { Button, SortHeader } from '../controls';
import { formatCount, formatShare, shareOf, unitWord } from '../format';
import { sortRows, tableRows, toCsv, type Sort, type SortKey } from './tableRows';
import { t as tr, useLocalize, useT } from '../i18n';
import { liveText } from '../../state/messages';
import { groupDigits } from '../../engine/digits';

const ROW_H = 28;

function LayerTableView({ result, countIndex }: { result: ModelResult | null; countIndex: number }) {
  const [sort, setSort] = useState<Sort>({ key: 'order', dir: 'asc' });
  const settings = useEditor((s) => s.settings);
  const selection = useEditor((s) => s.selection);
  const t = useT();
  const localize = useLocalize();
  const conv = conventionById(settings.convention);
  const countLabel = `${conv?.name ?? settings.convention} (${unitWord(conv?.unit ?? 'FLOP')})`;
  const rows = useMemo(() => tableRows(result, countIndex), [result, countIndex]);
  const sorted = useMemo(
    () => (sort.key === 'order' && sort.dir === 'asc' ? rows : sortRows(rows, sort)),
    [rows, sort],
  );
  const total = result && countIndex >= 0 ? (result.totals.counts[countIndex] ?? 0n) : 0n;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: sorted.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_H,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const fmt = settings.numberFormat;

  const copyCsv = async () => {
    const csv = toCsv(sorted, countLabel, total);
    const s = useEditor.getState();
    try {
      await navigator.clipboard.writeText(csv);
      const n = sorted.length;
      s.notify({ kind: 'info', ...liveText(() => (n === 1 ? tr('table.copied1') : tr('table.copied', { n }))) });
    } catch {
      s.notify({ kind: 'error', ...liveText(() => tr('table.copyRefused')) });
    }
  };

  const header = (key: SortKey, label: string, right = false) => (
    <SortHeader
      label={label}
      dir={sort.key === key ? sort.dir : null}
      onSort={() =>
        setSort((s) => ({ key, dir: s.key === key ? (s.dir === 'asc' ? 'desc' : 'asc') : right ? 'desc' : 'asc' }))
      }
      className={`sticky top-0 z-10 bg-slate-100 px-1.5 py-1 font-semibold whitespace-nowrap dark:bg-slate-800 ${right ? 'text-right' : 'text-left'}`}
    />
  );

  return (
    <section aria-labelledby="table-title" className="flex min-h-[18rem] flex-1 flex-col">
      <div className="mb-1 flex items-center gap-2">
        <h2 id="table-title" className="panel-title">
          {t('table.title')}
        </h2>
        <span className="text-xs text-slate-600 dark:text-slate-300">
          {rows.length === 1
            ? t('table.summary1', { label: countLabel })
            : t('table.summary', { n: groupDigits(rows.length), label: countLabel })}
        </span>
        <Button small className="ml-auto" onClick={copyCsv} disabled={!rows.length}>
          {t('table.copy')}
        </Button>
      </div>
      <div
        ref={scroller}
        className="min-h-0 flex-1 overflow-auto rounded-lg border border-slate-200 dark:border-slate-700"
      >
        <table className="w-full border-collapse text-xs" data-testid="layer-table">
          <thead>
            <tr>
              {header('order', '#')}
              {header('type', t('table.col.layer'))}
              {header('output', t('table.col.output'))}
              {header('params', t('table.col.params'), true)}
              {header('count', t('table.col.count', { unit: unitWord(conv?.unit ?? 'FLOP') }), true)}
              {header('macs', 'MACs', true)}
              {header('count', t('table.col.share'), true)}
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr aria-hidden>
                <td colSpan={7} style={{ height: padTop, padding: 0 }} />
              </tr>
            )}
            {items.map((v) => {
              const r = sorted[v.index];
              const share = shareOf(r.count, total);
              return (
                <tr
                  key={r.path}
                  style={{ height: ROW_H }}
                  className={`cursor-pointer border-t border-slate-100 dark:border-slate-800 ${
                    r.modelPath === selection
                      ? 'bg-indigo-50 dark:bg-indigo-950/60'
                      : 'hover:bg-slate-50 dark:hover:bg-slate-800/60'
                  } ${r.error ? 'text-red-700 dark:text-red-300' : ''}`}
                  onClick={() => useEditor.getState().select(r.modelPath)}
                  title={r.error ? localize(r.error) : r.path}
                  data-testid="table-row"
                >
                  <td className="num px-1.5 text-slate-600 dark:text-slate-400">{r.order + 1}</td>
                  <td className="max-w-44 truncate px-1.5" style={{ paddingLeft: 6 + r.depth * 10 }}>
                    <span className="font-medium">{r.type}</span>{' '}
                    <span className="font-mono text-slate-600 dark:text-slate-400">{r.name || r.path}</span>
                  </td>
                  <td className="px-1.5 font-mono">{r.error ? t('table.error') : r.output}</td>
                  <td className="num px-1.5 text-right">{formatCount(r.params, fmt)}</td>
                  <td className="num px-1.5 text-right font-medium">
                    {r.notCounted ? (
                      <span className="text-amber-700 italic dark:text-amber-300">{t('row.notCounted')}</span>
                    ) : (
                      formatCount(r.count, fmt)
                    )}
                  </td>
                  <td className="num px-1.5 text-right">{formatCount(r.macs, fmt)}</td>
                  <td className="num px-1.5 text-right whitespace-nowrap">
                    <span
                      aria-hidden
                      className="mr-1 inline-block h-1.5 w-8 overflow-hidden rounded-full bg-slate-200 align-middle dark:bg-slate-700"
                    >
                      <span
                        className="block h-full bg-indigo-600 dark:bg-indigo-300"
                        style={{ width: `${Math.round(share * 100)}%` }}
                      />
                    </span>
                    {formatShare(r.count, total)}
                  </td>
                </tr>
              );
            })}
            {padBottom > 0 && (
              <tr aria-hidden>
                <td colSpan={7} style={{ height: padBottom, padding: 0 }} />
              </tr>
            )}
          </tbody>
        </table>
        {!rows.length && <p className="p-4 text-sm text-slate-600 dark:text-slate-300">{t('table.empty')}</p>}
      </div>
    </section>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const LayerTable = memo(LayerTableView);
