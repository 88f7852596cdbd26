/**
 * Exercise links: a link option that hides chosen parts (totals, the per-layer table, the
 * conventions table, the A/B view) or one layer's numbers until the student presses "Reveal".
 *  - <Hideable part> covers a panel while it is hidden;
 *  - <ExerciseBar> lists what is hidden with Reveal buttons;
 *  - <ExerciseMaker> builds such a link from check boxes.
 * A hidden layer's numbers are masked in the layer list, the table and the details by a style
 * rule on their data-path (the editor's rows are not ours to change). Hidden totals mask what
 * would give them away: every row's count and parameters, the charts, the details' numbers and
 * the A/B totals (issue 19, item 2).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useEditor } from '../../state/store';
import { Button } from '../controls';
import { useT, type T } from '../i18n';
import { CopyLink, teachingLink } from './CopyLink';
import { HIDEABLE_PARTS, layerPart, useHidden, useTeaching } from './store';

function partName(part: string, t: T): string {
  if (part.startsWith('layer:')) return t('exercise.part.layer', { path: part.slice('layer:'.length) });
  return (HIDEABLE_PARTS as readonly string[]).includes(part)
    ? t(`exercise.part.${part as (typeof HIDEABLE_PARTS)[number]}`)
    : part;
}

/** Covers `children` (kept in place, invisible) with a Reveal button while `part` is hidden. */
export function Hideable({
  part,
  children,
  className = '',
}: {
  part: string;
  children: ReactNode;
  className?: string;
}) {
  const t = useT();
  const hidden = useHidden(part);
  const reveal = useTeaching((s) => s.reveal);
  if (!hidden) return <>{children}</>;
  return (
    <div className={`relative ${className}`} data-hidden-part={part}>
      <div className="invisible" aria-hidden inert>
        {children}
      </div>
      <div className="absolute inset-0 flex items-center justify-center rounded-lg border-2 border-dashed border-amber-500 bg-amber-50/90 dark:bg-amber-950/90">
        <Button onClick={() => reveal(part)} data-testid={`reveal-${part}`}>
          {t('exercise.reveal')}: {partName(part, t)}
        </Button>
      </div>
    </div>
  );
}

/**
 * Masks hidden layers' count and parameters in the editor's list and the per-layer table. A
 * constructed style sheet, not a <style> element: the page's CSP (style-src 'self') blocks
 * inline style elements, and the rows belong to the editor, so a rule on data-path it is.
 */
/** What reveals the totals besides the totals panel: every number they are the sum of. */
const TOTALS_GIVEAWAYS = [
  '[data-testid="row-count"]',
  '[data-testid="row-params"]',
  '[data-testid="table-row"] td.num',
  '[data-slot="charts"]',
  '[data-testid="details"] [data-numbers]',
  '[data-testid="ab-totals"]',
];

function useLayerMasks(paths: readonly string[], totals: boolean): void {
  const key = paths.join('\n') + (totals ? '\n*totals' : '');
  useEffect(() => {
    if (!key || typeof CSSStyleSheet === 'undefined' || !('adoptedStyleSheets' in document)) return;
    const sel = (p: string) => `[data-path="${CSS.escape(p)}"]`;
    const sheet = new CSSStyleSheet();
    const rules = key
      .split('\n')
      .filter(Boolean)
      .map((p) =>
        p === '*totals'
          ? TOTALS_GIVEAWAYS.join(', ')
          : `${sel(p)} [data-testid="row-count"], ${sel(p)} [data-testid="row-params"], [data-testid="table-row"]${sel(p)} td, [data-testid="details"]${sel(p)} [data-numbers]`,
      );
    sheet.replaceSync(rules.join(', ') + ' { visibility: hidden; }');
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [key]);
}

export function ExerciseBar() {
  const t = useT();
  const hide = useTeaching((s) => s.hide);
  const revealed = useTeaching((s) => s.revealed);
  const reveal = useTeaching((s) => s.reveal);
  const revealAll = useTeaching((s) => s.revealAll);
  const open = hide.filter((p) => !revealed.includes(p));
  useLayerMasks(
    open.filter((p) => p.startsWith('layer:')).map((p) => p.slice('layer:'.length)),
    open.includes('totals'),
  );
  if (!open.length) return null;
  return (
    <div
      role="region"
      aria-label={t('exercise.bar')}
      className="flex flex-wrap items-center gap-2 border-b border-amber-300 bg-amber-50 px-4 py-1.5 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
      data-testid="exercise-bar"
    >
      <span className="font-semibold">{t('exercise.bar')}</span>
      {open.map((p) => (
        <Button key={p} small onClick={() => reveal(p)} data-testid={`bar-reveal-${p}`}>
          {t('exercise.reveal')}: {partName(p, t)}
        </Button>
      ))}
      {open.length > 1 && (
        <Button small variant="primary" onClick={revealAll}>
          {t('exercise.revealAll')}
        </Button>
      )}
    </div>
  );
}

export function ExerciseMaker() {
  const t = useT();
  const selection = useEditor((s) => s.selection);
  const compare = useTeaching((s) => s.compare);
  const [parts, setParts] = useState<readonly string[]>(['totals']);
  const [hideLayer, setHideLayer] = useState(false);
  const toggle = (p: string) => setParts((ps) => (ps.includes(p) ? ps.filter((x) => x !== p) : [...ps, p]));
  const hide = [...parts, ...(hideLayer && selection ? [layerPart(selection)] : [])];
  return (
    <fieldset
      className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700"
      data-testid="exercise-maker"
    >
      <legend className="px-1 font-semibold">{t('exercise.make')}</legend>
      <p className="text-xs text-slate-600 dark:text-slate-300">{t('exercise.makeHelp')}</p>
      {HIDEABLE_PARTS.map((p) => (
        <label key={p} className="flex items-center gap-2 text-xs">
          <input type="checkbox" checked={parts.includes(p)} onChange={() => toggle(p)} />
          {partName(p, t)}
        </label>
      ))}
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" checked={hideLayer} disabled={!selection} onChange={() => setHideLayer((v) => !v)} />
        {t('exercise.selectedLayer', { path: selection ?? '—' })}
      </label>
      <CopyLink
        label={t('exercise.copy')}
        testId="exercise-link"
        disabled={hide.length === 0}
        make={() => teachingLink({ compare, hide })}
      />
    </fieldset>
  );
}
