/**
 * Details of the selected layer: its kind, fields (defaults shown), shapes and every number the
 * engine produced for it, including its count under every convention. With no selection: the
 * model's summary and the keyboard shortcuts. `formula-inspector` is the slot issue 6 fills.
 */
import type { ReactNode } from 'react';
import type { ModelResult } from '../../engine/evaluate';
import { CONVENTIONS } from '../../engine/conventions/registry';
import { getAt } from '../../engine/format/edit';
import { kindOf } from '../../engine/layers/registry';
import { useEditor } from '../../state/store';
import { formatCount, groupDigits, shapeLabel, unitWord, type NumberFormat } from '../format';
import { numbersByPath } from '../numbers';
import { fieldText } from '../editor/fieldText';
import { memo, useMemo } from 'react';
import { FormulaInspector } from '../teaching/FormulaInspector';

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

const SHORTCUTS: readonly [string, string][] = [
  ['/', 'search the layer palette'],
  ['Enter (in palette)', 'insert after the selection'],
  ['↑ / ↓', 'select previous / next layer'],
  ['Alt+↑ / Alt+↓', 'move the layer'],
  ['← / →', 'collapse / expand a block'],
  ['Delete', 'delete the layer'],
  ['Ctrl/⌘+D', 'duplicate'],
  ['Shift+click', 'select sibling layers to wrap'],
  ['Ctrl/⌘+Z, Ctrl/⌘+Shift+Z', 'undo, redo'],
];

function DetailsPanelView({ result }: { result: ModelResult | null }) {
  const model = useEditor((s) => s.model);
  const selection = useEditor((s) => s.selection);
  const fmt: NumberFormat = useEditor((s) => s.settings.numberFormat);
  const numbers = useMemo(() => numbersByPath(result), [result]);
  const spec = selection ? getAt(model, selection) : undefined;

  if (!selection || !spec) {
    return (
      <div className="space-y-4 text-sm">
        <h2 className="panel-title">Details</h2>
        <p className="text-slate-700 dark:text-slate-300">Select a layer to see its fields and numbers.</p>
        <div>
          <h3 className="mb-1 font-semibold">Keyboard</h3>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
            {SHORTCUTS.map(([k, v]) => (
              <div key={k} className="contents">
                <dt>
                  <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">{k}</kbd>
                </dt>
                <dd className="text-slate-700 dark:text-slate-300">{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    );
  }

  const kind = kindOf(spec.type);
  const n = numbers.get(selection);
  const row = n?.first;
  const params = row?.params_ ?? null;

  return (
    <div className="space-y-4 text-sm" data-testid="details">
      <div>
        <h2 className="panel-title">Details</h2>
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
          {n.error}
        </p>
      )}
      {kind && kind.fields.length > 0 && (
        <section>
          <h3 className="mb-1 font-semibold">Fields</h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-xs">
            {kind.fields.map((f) => (
              <Pair
                key={f.name}
                k={f.label}
                v={
                  <span className={spec[f.name] === undefined ? 'text-slate-600 dark:text-slate-400' : ''}>
                    {fieldText(params ? params[f.name] : spec[f.name]) || '—'}
                    {spec[f.name] === undefined && params ? ' (default)' : ''}
                  </span>
                }
              />
            ))}
          </dl>
        </section>
      )}
      {n && !n.error && (
        <section>
          <h3 className="mb-1 font-semibold">
            Numbers{n.instances > 1 ? ` (summed over ${n.instances} repeats)` : ''}
            {row?.block ? ' (block and everything inside)' : ''}
          </h3>
          <dl className="grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-xs">
            <Pair k="Input" v={<span className="font-mono">{shapeLabel(row?.input)}</span>} />
            <Pair k="Output" v={<span className="font-mono">{shapeLabel(n.output)}</span>} testId="details-output" />
            <Pair k="Parameters" v={formatCount(n.params, fmt)} testId="details-params" />
            <Pair k="MACs" v={formatCount(n.macs, fmt)} />
            <Pair k="FLOPs (exact)" v={formatCount(n.flops, fmt)} />
            <Pair k="Activations (elements)" v={formatCount(n.activations, fmt)} />
          </dl>
        </section>
      )}
      {n && !n.error && result && (
        <section>
          <h3 className="mb-1 font-semibold">Under every convention</h3>
          <table className="w-full text-xs">
            <caption className="sr-only">Count of this layer under each convention</caption>
            <tbody>
              {result.conventions.map((id, i) => {
                const c = CONVENTIONS.find((x) => x.id === id);
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
      <FormulaInspector />
    </div>
  );
}

// Memoised: the screen re-renders on every result; this part only when its own inputs change.
export const DetailsPanel = memo(DetailsPanelView);
