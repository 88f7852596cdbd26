/**
 * The whole model under every convention at once: total, unit, ratio to the selected one, and
 * for each other convention the layer types its difference comes from. Clicking a convention
 * selects it. The numbers are the engine's (the evaluation already holds every convention).
 */
import { useMemo } from 'react';
import { conventionById } from '../../engine/conventions/registry';
import { kindOf } from '../../engine/layers/registry';
import { useEditor } from '../../state/store';
import { useConventionIndex, useDeferredResult } from '../../state/evaluation';
import { formatCount, groupDigits, unitWord } from '../format';
import { useT, type T } from '../i18n';
import { ratio, typeDiffs, type TypeDiff } from './conventionDiff';

function diffText(d: TypeDiff, t: T, fmt: 'si' | 'exact'): string {
  const kind = kindOf(d.type);
  const label = kind?.label ?? d.type;
  // Per-element factors explain elementwise layers; a conv's "per output" factor is just its taps.
  const weighted = kind?.category === 'conv' || kind?.category === 'linear';
  const how = weighted
    ? t('conv.plain', { a: formatCount(d.other, fmt), b: formatCount(d.reference, fmt) })
    : d.factor.per === 'out'
      ? t('conv.perOut', { a: d.factor.a.toString(), b: d.factor.b.toString() })
      : d.factor.per === 'in'
        ? t('conv.perIn', { a: d.factor.a.toString(), b: d.factor.b.toString() })
        : t('conv.plain', { a: formatCount(d.other, fmt), b: formatCount(d.reference, fmt) });
  const sign = d.delta > 0n ? '+' : '−';
  return `${label}: ${how}: ${sign}${formatCount(d.delta < 0n ? -d.delta : d.delta, fmt)}`;
}

export function ConventionsTable() {
  const t = useT();
  const result = useDeferredResult(); // after the totals' frame
  const selected = useConventionIndex();
  const fmt = useEditor((s) => s.settings.numberFormat);
  const setSettings = useEditor((s) => s.setSettings);
  // In FLOPs where the units differ (1 MAC = 2 FLOPs): a MAC tool's half is its unit, not a gap.
  const toFlops = (id: string) => (conventionById(id)?.unit === 'MAC' ? 2n : 1n);
  const diffs = useMemo(
    () =>
      result && selected >= 0
        ? result.conventions.map((id, i) =>
            i === selected
              ? []
              : typeDiffs(result, selected, i, 3, {
                  reference:
                    toFlops(result.conventions[selected]) === toFlops(id) ? 1n : toFlops(result.conventions[selected]),
                  other: toFlops(result.conventions[selected]) === toFlops(id) ? 1n : toFlops(id),
                }),
          )
        : [],
    [result, selected],
  );
  if (!result || selected < 0) return <p className="text-sm">{t('conv.noResult')}</p>;
  const refName = conventionById(result.conventions[selected])?.name ?? result.conventions[selected];
  const refTotal = result.totals.counts[selected];
  const refScale = toFlops(result.conventions[selected]);

  return (
    <section className="space-y-3 text-sm" data-testid="conventions-table" aria-label={t('conv.title')}>
      <h2 className="panel-title">{t('conv.title')}</h2>
      <table className="w-full border-collapse text-xs">
        <caption className="pb-1 text-left text-slate-600 dark:text-slate-300">{t('conv.caption')}</caption>
        <thead>
          <tr className="border-b border-slate-300 text-left dark:border-slate-600">
            <th scope="col" className="py-1">
              {t('conv.col.name')}
            </th>
            <th scope="col" className="py-1 text-right">
              {t('conv.col.total')}
            </th>
            <th scope="col" className="py-1 pl-2">
              {t('conv.col.unit')}
            </th>
            <th scope="col" className="py-1 text-right">
              {t('conv.col.ratio')}
            </th>
          </tr>
        </thead>
        <tbody>
          {result.conventions.map((id, i) => {
            const c = conventionById(id);
            const total = result.totals.counts[i];
            // Across units the ratio is taken in FLOPs.
            const mixed = toFlops(id) !== refScale;
            const r = mixed ? ratio(total * toFlops(id), refTotal * refScale) : ratio(total, refTotal);
            const isSel = i === selected;
            return (
              <tr
                key={id}
                className={`border-b border-slate-100 dark:border-slate-800 ${isSel ? 'bg-indigo-50 font-semibold dark:bg-indigo-950' : ''}`}
                data-testid="conventions-row"
                data-convention={id}
                aria-selected={isSel}
              >
                <th scope="row" className="py-1 text-left font-normal">
                  <button
                    type="button"
                    className="focus-ring rounded text-left text-indigo-800 underline-offset-2 hover:underline dark:text-indigo-300"
                    onClick={() => setSettings({ convention: id })}
                    aria-label={t('conv.select', { name: c?.name ?? id })}
                    title={c?.summary}
                  >
                    {c?.name ?? id}
                  </button>
                  {isSel && <span className="ml-1 text-slate-600 dark:text-slate-300">({t('conv.selected')})</span>}
                </th>
                <td className="num py-1 text-right" title={groupDigits(total)} data-exact={total.toString()}>
                  {formatCount(total, fmt)}
                </td>
                <td className="py-1 pl-2">{unitWord(c?.unit ?? 'FLOP')}</td>
                <td className="num py-1 text-right" title={mixed ? t('conv.inFlops') : undefined}>
                  {Number.isNaN(r) ? '—' : `${r.toFixed(3)}×${mixed ? '*' : ''}`}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div>
        <h3 className="mb-1 font-semibold">{t('conv.why', { name: refName })}</h3>
        <ul className="space-y-1 text-xs" data-testid="conventions-why">
          {result.conventions.map((id, i) => {
            if (i === selected) return null;
            const list = diffs[i] ?? [];
            return (
              <li key={id}>
                <span className="font-semibold">
                  {conventionById(id)?.name ?? id} vs {refName}
                </span>
                {toFlops(id) !== refScale && (
                  <span className="text-slate-600 dark:text-slate-300"> ({t('conv.inFlops')})</span>
                )}
                {list.length === 0 ? (
                  <span className="text-slate-600 dark:text-slate-300"> — {t('conv.why.none')}</span>
                ) : (
                  <ul className="ml-3 list-disc pl-2">
                    {list.map((d) => (
                      <li key={d.type}>{diffText(d, t, fmt)}</li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
