/**
 * Every tool on the selected layer, side by side (issue 19): the formula with the layer's numbers,
 * the count in the tool's unit and in FLOPs, and why it differs from the exact count — the unit,
 * the terms it adds or leaves out, its own remark. The numbers come from
 * src/engine/explain-compare.ts; this only renders them.
 */
import { useMemo } from 'react';
import type { Row } from '../../engine/evaluate';
import { conventionsOnRow, type ToolOnLayer } from '../../engine/explain-compare';
import { groupDigits, unitWord } from '../format';
import { useT, type T } from '../i18n';
import { Tex, useKatex } from './Tex';

const signed = (v: bigint) => (v > 0n ? `+${groupDigits(v)}` : groupDigits(v));

function Why({ tool, t, katex }: { tool: ToolOnLayer; t: T; katex: ReturnType<typeof useKatex> }) {
  return (
    <ul className="space-y-0.5">
      {tool.unit === 'MAC' && <li>{t('compare.mac')}</li>}
      {tool.added.map((term, i) => (
        <li key={`a${i}`} className="text-emerald-800 dark:text-emerald-300">
          {t('compare.adds')} <Tex tex={term} katex={katex} />
        </li>
      ))}
      {tool.removed.map((term, i) => (
        <li key={`r${i}`} className="text-red-800 dark:text-red-300">
          {t('compare.leavesOut')} <Tex tex={term} katex={katex} />
        </li>
      ))}
      {tool.note && <li className="text-slate-600 dark:text-slate-300">{tool.note}</li>}
    </ul>
  );
}

export function LayerConventions({ row }: { row: Row }) {
  const t = useT();
  const katex = useKatex();
  const tools = useMemo(() => conventionsOnRow(row), [row]);
  if (typeof tools === 'string') return null;
  return (
    <details className="text-xs" data-testid="layer-conventions">
      <summary className="cursor-pointer font-semibold">{t('compare.title')}</summary>
      <p className="mt-1 text-slate-600 dark:text-slate-300">{t('compare.help')}</p>
      {/* One card per tool: the side panel is too narrow for a five-column table. */}
      <ul className="mt-1 space-y-1">
        {tools.map((tool) => (
          <li
            key={tool.id}
            className="rounded border border-slate-200 p-1.5 dark:border-slate-700"
            data-convention={tool.id}
          >
            <div className="flex flex-wrap items-baseline justify-between gap-x-2">
              <span className="font-semibold">{tool.name}</span>
              <span className="num" data-exact={tool.value.toString()}>
                {groupDigits(tool.value)} {unitWord(tool.unit)}
              </span>
            </div>
            <div className="num text-right text-slate-700 dark:text-slate-200" data-exact-flops={tool.flops.toString()}>
              {tool.unit === 'MAC' && <>= {groupDigits(tool.flops)} FLOPs · </>}
              <span data-testid="compare-diff">
                {tool.diff === 0n ? t('compare.same') : t('compare.diff', { n: signed(tool.diff) })}
              </span>
            </div>
            <div className="overflow-x-auto">
              <Tex tex={tool.substituted} katex={katex} />
            </div>
            <Why tool={tool} t={t} katex={katex} />
          </li>
        ))}
      </ul>
    </details>
  );
}
