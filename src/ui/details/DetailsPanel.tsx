/**
 * Details of the selected layer: its kind, fields (defaults shown), shapes and every number the
 * engine produced for it, including its count under every convention. With no selection: the
 * model's summary and the keyboard shortcuts. `formula-inspector` is the slot issue 6 fills.
 */
import type { ReactNode } from 'react';
import type { ModelResult } from '../../engine/evaluate';
import { conventionById } from '../../engine/conventions/registry';
import { getAt } from '../../engine/format/edit';
import { kindOf } from '../../engine/layers/registry';
import { useDeferredModel, useDeferredSelection, useEditor } from '../../state/store';
import { useDeferredResultModel } from '../../state/evaluation';
import { formatCount, groupDigits, shapeLabel, unitWord, type NumberFormat } from '../format';
import { numbersAge, numbersLookup, numbersOfResult } from '../numbers';
import { fieldText } from '../editor/fieldText';
import { memo, useMemo } from 'react';
import { FormulaInspector } from '../teaching/FormulaInspector';
import { useLocalize, useT, type MessageKey } from '../i18n';

function Pair({ k, v, testId }: { k: ReactNode; v: ReactNode; testId?: string }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-300">{k}</dt>
      <dd className="num text-right font-medium" data-testid={testId}>
        {v}
      </dd>
    </>
  );
}

const SHORTCUTS: readonly [string, MessageKey][] = [
  ['/', 'keys.palette'],
  ['Enter', 'keys.insert'],
  ['↑ / ↓', 'keys.select'],
  ['Alt+↑ / Alt+↓', 'keys.move'],
  ['← / →', 'keys.collapse'],
  ['Delete', 'keys.delete'],
  ['Ctrl/⌘+D', 'keys.duplicate'],
  ['Shift+click', 'keys.range'],
  ['Ctrl/⌘+Z, Ctrl/⌘+Shift+Z', 'keys.undo'],
];

function DetailsPanelView({ result }: { result: ModelResult | null }) {
  // After the edit's frame, like `result`: this panel is not the edited field or the totals.
  const model = useDeferredModel();
  const selection = useDeferredSelection();
  const fmt: NumberFormat = useEditor((s) => s.settings.numberFormat);
  const numbers = numbersOfResult(result); // shared with the list: made once per result
  const resultModel = useDeferredResultModel(); // a worker's result may be for an older model
  const numbersOf = useMemo(() => numbersLookup(model, resultModel, numbers), [model, resultModel, numbers]);
  const spec = selection ? getAt(model, selection) : undefined;
  // The selected layer changed since the result's model: its numbers are marked as updating.
  const stale = !!selection && !!spec && numbersAge(model, resultModel, selection, spec) === 'edited';
  const t = useT();
  const localize = useLocalize();

  if (!selection || !spec) {
    return (
      <div className="space-y-4 text-sm">
        <h2 className="panel-title">{t('details.title')}</h2>
        <p className="text-slate-700 dark:text-slate-300">{t('details.none')}</p>
        <div>
          <h3 className="mb-1 font-semibold">{t('details.keyboard')}</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            {SHORTCUTS.map(([k, v]) => (
              <div key={k} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">{k}</kbd>
                </dt>
                <dd className="text-slate-700 dark:text-slate-300">{t(v)}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    );
  }

  const kind = kindOf(spec.type);
  const n = numbersOf(selection, spec);
  const row = n?.first;
  const params = row?.params_ ?? null;

  return (
    <div className="space-y-4 text-sm" data-testid="details" data-path={selection}>
      <div>
        <h2 className="panel-title">{t('details.title')}</h2>
        <p className="mt-1 text-base font-semibold">
          {kind?.label ?? spec.type}
          {spec.name ? (
            <span className="ml-2 font-normal text-slate-600 dark:text-slate-300">{String(spec.name)}</span>
          ) : null}
        </p>
        <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{selection}</p>
        {kind && <p className="mt-1 text-slate-700 dark:text-slate-300">{kind.summary}</p>}
      </div>
      {n?.error && (
        <p
          role="note"
          className="rounded-md border border-red-300 bg-red-50 p-2 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        >
          {localize(n.error)}
        </p>
      )}
      {kind && kind.fields.length > 0 && (
        <section>
          <h3 className="mb-1 font-semibold">{t('details.fields')}</h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-xs">
            {kind.fields.map((f) => (
              <Pair
                key={f.name}
                k={f.label}
                v={
                  <span className={spec[f.name] === undefined ? 'text-slate-600 dark:text-slate-400' : ''}>
                    {fieldText(params ? params[f.name] : spec[f.name]) || '—'}
                    {spec[f.name] === undefined && params ? ` ${t('details.default')}` : ''}
                  </span>
                }
              />
            ))}
          </dl>
        </section>
      )}
      {n && !n.error && (
        <section data-numbers className={stale ? 'opacity-40' : undefined} aria-busy={stale || undefined}>
          <h3 className="mb-1 font-semibold">
            {t('details.numbers')}
            {n.instances > 1 ? ` ${t('details.repeats', { n: n.instances })}` : ''}
            {row?.block ? ` ${t('details.block')}` : ''}
          </h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-xs">
            {/* A layer with several inputs (add, cat, matmul) lists each, in the order of its From. */}
            <Pair
              k={t(row?.inputs ? 'details.inputs' : 'details.input')}
              v={
                <span className="font-mono">{(row?.inputs ?? [row?.input]).map((s) => shapeLabel(s)).join(' · ')}</span>
              }
            />
            <Pair
              k={t('details.output')}
              v={<span className="font-mono">{shapeLabel(n.output)}</span>}
              testId="details-output"
            />
            <Pair k={t('details.params')} v={formatCount(n.params, fmt)} testId="details-params" />
            <Pair k={t('details.macs')} v={formatCount(n.macs, fmt)} />
            <Pair k={t('details.flops')} v={formatCount(n.flops, fmt)} />
            <Pair k={t('details.acts')} v={formatCount(n.activations, fmt)} />
          </dl>
        </section>
      )}
      {n && !n.error && result && (
        <section data-numbers className={stale ? 'opacity-40' : undefined} aria-busy={stale || undefined}>
          <h3 className="mb-1 font-semibold">{t('details.every')}</h3>
          <table className="w-full text-xs">
            <caption className="sr-only">{t('details.every.caption')}</caption>
            <tbody>
              {result.conventions.map((id, i) => {
                const c = conventionById(id);
                return (
                  <tr key={id} title={c?.summary}>
                    <th scope="row" className="py-0.5 text-left font-normal text-slate-700 dark:text-slate-300">
                      {c?.name ?? id}
                    </th>
                    <td className="num text-right font-medium" title={groupDigits(n.counts[i])}>
                      {formatCount(n.counts[i], fmt)} {unitWord(c?.unit ?? 'FLOP')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
      {/* Issue 6: the formula inspector (src/ui/teaching). */}
      <FormulaInspector nums={n} />
    </div>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const DetailsPanel = memo(DetailsPanelView);
