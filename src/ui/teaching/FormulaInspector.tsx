/**
 * Formula inspector for the selected layer: for the selected convention, each quantity as a
 * formula, the same formula with the layer's numbers, and the result — all from explain.ts,
 * which uses the engine's own formulas. After a convention switch it lists the terms that
 * changed. Plain-words notes say where the seed article differs from the tools.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { changedTerms, countExpr, explainRow, type Quantity } from '../../engine/explain';
import { conventionById } from '../../engine/conventions/registry';
import { useDeferredSelection, useEditor } from '../../state/store';
import type { LayerNumbers } from '../numbers';
import { groupDigits, unitWord } from '../format';
import { useLocalize, useT, type T } from '../i18n';
import { Button } from '../controls';
import { Tex, useKatex } from './Tex';
import { layerPart, useHidden, useTeaching } from './store';
import { LayerConventions } from './LayerConventions';

type Katex = ReturnType<typeof useKatex>;

const texNumber = (v: bigint): string => groupDigits(v).replace(/,/g, '{,}');

function quantityLabel(q: Quantity, t: T, conventionName: string): string {
  return q.id === 'count' ? t('inspector.q.count', { name: conventionName }) : t(`inspector.q.${q.id}`);
}

function QuantityBlock({ q, t, katex, name }: { q: Quantity; t: T; katex: Katex; name: string }) {
  return (
    <div className="rounded-md border border-slate-200 p-2 dark:border-slate-700" data-testid={`formula-${q.id}`}>
      <h4 className="text-xs font-semibold text-slate-700 dark:text-slate-200">{quantityLabel(q, t, name)}</h4>
      <div className="mt-1 text-sm" role="group" aria-label={t('inspector.symbolic')}>
        <Tex tex={q.tex} katex={katex} testId={`formula-${q.id}-symbolic`} />
      </div>
      <div className="text-sm" role="group" aria-label={t('inspector.substituted')}>
        <Tex
          tex={q.substituted === q.tex ? texNumber(q.value) : `${q.substituted} = ${texNumber(q.value)}`}
          katex={katex}
          testId={`formula-${q.id}-substituted`}
        />
      </div>
      <p
        className="num text-right text-xs font-semibold"
        data-testid={`formula-${q.id}-value`}
        data-exact={q.value.toString()}
      >
        {t('inspector.value')}: {groupDigits(q.value)}
        {q.unit ? ` ${unitWord(q.unit)}` : ''}
      </p>
      {q.note && <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">{q.note}</p>}
    </div>
  );
}

/** Remembers the convention chosen before the current one (for "what changed"). */
function usePreviousConvention(current: string): string | null {
  const last = useRef(current);
  const [prev, setPrev] = useState<string | null>(null);
  useEffect(() => {
    if (last.current !== current) {
      setPrev(last.current);
      last.current = current;
    }
  }, [current]);
  return prev;
}

/**
 * `nums`: the selected layer's numbers, as the details panel found them (numbersLookup: matched by
 * layer, as a worker's result may be for an older model), in the panel's transition.
 */
export function FormulaInspector({ nums }: { nums: LayerNumbers | undefined }) {
  const t = useT();
  const localize = useLocalize();
  const katex = useKatex();
  // In the details panel's transition (its model, selection and result), never in a click's render.
  const selection = useDeferredSelection();
  const convention = useEditor((s) => s.settings.convention);
  const prev = usePreviousConvention(convention);
  const hidden = useHidden(selection ? layerPart(selection) : '');
  const reveal = useTeaching((s) => s.reveal);

  const row = nums?.first;
  const instances = nums?.instances ?? 0; // a layer inside a repeat runs once per iteration
  const explained = useMemo(() => (row ? explainRow(row, convention) : null), [row, convention]);
  const change = useMemo(() => {
    const from = prev ? conventionById(prev) : undefined;
    const to = conventionById(convention);
    if (!row?.symbols || !from || !to || from.id === to.id) return null;
    return {
      from,
      to,
      diff: changedTerms(countExpr(from, row.type, row.symbols), countExpr(to, row.type, row.symbols)),
    };
  }, [prev, convention, row]);

  if (!selection || !row) return null;
  return (
    <section className="space-y-2 text-sm" data-testid="formula-inspector" aria-label={t('inspector.title')}>
      <h3 className="font-semibold">{t('inspector.title')}</h3>
      {hidden ? (
        <div className="rounded-md border border-dashed border-amber-500 p-2 text-xs">
          <p>{t('inspector.hidden')}</p>
          <Button small className="mt-1" onClick={() => reveal(layerPart(selection))}>
            {t('exercise.reveal')}
          </Button>
        </div>
      ) : !explained ? null : !explained.ok ? (
        <p className="text-xs text-red-800 dark:text-red-200">{localize(explained.error)}</p>
      ) : (
        <>
          <p className="text-xs text-slate-600 dark:text-slate-300" data-testid="inspector-convention">
            {t('inspector.under', {
              name: explained.explanation.convention.name,
              unit: unitWord(explained.explanation.convention.unit),
            })}
          </p>
          {!katex && <p className="text-xs text-slate-600 dark:text-slate-300">{t('inspector.loading')}</p>}
          {instances > 1 && (
            <p className="text-xs text-slate-600 dark:text-slate-300">{t('inspector.repeat', { n: instances })}</p>
          )}
          {explained.explanation.blockNote && (
            <p className="text-xs text-slate-600 dark:text-slate-300">{explained.explanation.blockNote}</p>
          )}
          {explained.explanation.quantities.map((q) => (
            <QuantityBlock key={q.id} q={q} t={t} katex={katex} name={explained.explanation.convention.name} />
          ))}
          {change && (
            <div
              className="rounded-md bg-indigo-50 p-2 text-xs dark:bg-indigo-950"
              data-testid="formula-change"
              aria-live="polite"
            >
              <p className="font-semibold">{t('inspector.changed', { from: change.from.name, to: change.to.name })}</p>
              {change.diff.added.length + change.diff.removed.length === 0 ? (
                <p>{t('inspector.same')}</p>
              ) : (
                <ul className="mt-1 space-y-0.5">
                  {change.diff.removed.map((term, i) => (
                    <li key={`r${i}`} className="text-red-800 line-through dark:text-red-300">
                      <span className="sr-only">{t('inspector.removed')}: </span>
                      <Tex tex={term} katex={katex} />
                    </li>
                  ))}
                  {change.diff.added.map((term, i) => (
                    <li key={`a${i}`} className="text-emerald-800 dark:text-emerald-300">
                      <span className="sr-only">{t('inspector.added')}: </span>
                      <Tex tex={term} katex={katex} />
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <LayerConventions row={row} />
          {explained.explanation.symbols.length > 0 && (
            <details>
              <summary className="cursor-pointer text-xs font-semibold">{t('inspector.legend')}</summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-xs">
                {explained.explanation.symbols.map((s) => (
                  <div key={s.name} className="contents">
                    <dt>
                      <Tex tex={s.tex} katex={katex} />
                    </dt>
                    <dd className="num text-right">{s.value.toLocaleString('en')}</dd>
                  </div>
                ))}
              </dl>
            </details>
          )}
          {explained.explanation.seedNotes.length > 0 && (
            <div
              className="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
              data-testid="seed-notes"
            >
              <p className="font-semibold">{t('inspector.seed')}</p>
              {explained.explanation.seedNotes.map((n, i) => (
                <p key={i} className="mt-1">
                  {n}
                </p>
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}
