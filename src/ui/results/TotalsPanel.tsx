/**
 * Totals: parameters, the count in the selected convention (unit spelled out), MACs, exact
 * FLOPs, weight size and activation memory for the chosen dtype. Every figure carries its
 * exact value in `data-exact` (tests compare digits regardless of the SI/exact display).
 */
import type { ReactNode } from 'react';
import { notCountedLayers, ownErrorRows, type ModelResult } from '../../engine/evaluate';
import { conventionById } from '../../engine/conventions/registry';
import { DTYPES } from '../../state/defaults';
import { useSlowPending } from '../../state/evaluation';
import { useRuntimeStore } from '../../state/runtimeStore';
import { useEditor } from '../../state/store';
import { Segmented } from '../controls';
import {
  DTYPE_BYTES,
  formatBytes,
  formatCount,
  groupDigits,
  shapeLabel,
  unitLong,
  unitWord,
  type NumberFormat,
} from '../format';
import { useLang, useT } from '../i18n';
import { conventionSummary } from '../i18n/zh-CN-engine';

function Figure({
  label,
  value,
  exact,
  note,
  testId,
  big = false,
  busy = false,
}: {
  label: ReactNode;
  value: string;
  exact: bigint;
  note?: ReactNode;
  testId: string;
  big?: boolean;
  /** The value is not known yet: shown dimmed, marked busy, `data-exact` left out. */
  busy?: boolean;
}) {
  const tr = useT();
  return (
    <div
      className={`rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900 ${big ? 'col-span-2' : ''}`}
    >
      <dt className="text-xs text-slate-600 dark:text-slate-300">{label}</dt>
      <dd
        className={`num font-semibold ${big ? 'text-2xl text-indigo-800 dark:text-indigo-200' : 'text-lg'} ${busy ? 'text-slate-500 dark:text-slate-400' : ''}`}
        data-testid={testId}
        data-exact={busy ? undefined : exact.toString()}
        aria-busy={busy || undefined}
        title={tr('totals.exactly', { n: groupDigits(exact) })}
      >
        {value}
      </dd>
      {note && <dd className="text-xs text-slate-600 dark:text-slate-400">{note}</dd>}
    </div>
  );
}

export function TotalsPanel({ result, countIndex }: { result: ModelResult | null; countIndex: number }) {
  // "updating…" only when an evaluation takes a while: a fast one repaints the numbers instead.
  const pending = useSlowPending();
  const settings = useEditor((s) => s.settings);
  const setSettings = useEditor((s) => s.setSettings);
  const tr = useT();
  const lang = useLang((s) => s.lang);
  const fmt: NumberFormat = settings.numberFormat;
  const conv = conventionById(settings.convention);
  const t = result?.totals;
  const bytes = DTYPE_BYTES[settings.dtype];
  const count = t && countIndex >= 0 ? (t.counts[countIndex] ?? 0n) : 0n;
  const unit = conv?.unit ?? 'FLOP';
  const weights = t ? t.params * bytes : 0n;
  const actsSum = t ? t.activations * bytes : 0n;
  // The peak and the arena come from the runtime worker (deploy/device-memory.ts), which the charts
  // panel starts; until its answer is for this model and dtype the card says so rather than
  // showing another model's number.
  const runtime = useRuntimeStore((s) => s.answer);
  const runtimeModel = useRuntimeStore((s) => s.model);
  const model = useEditor((s) => s.model);
  const memory =
    runtime?.memory && runtimeModel === model && runtime.memory.dtype === settings.dtype ? runtime.memory : null;

  return (
    <section aria-labelledby="totals-title" className="space-y-2" aria-busy={pending}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="totals-title" className="panel-title">
          {tr('totals.title')}
        </h2>
        <span className="text-xs text-slate-600 dark:text-slate-300" aria-live="polite" data-testid="eval-status">
          {!result
            ? tr('totals.computing')
            : pending
              ? tr('totals.updating')
              : result.errors
                ? errorStatus(result, tr)
                : tr('totals.upToDate')}
        </span>
        <div className="ml-auto">
          <Segmented
            label={tr('totals.dtype')}
            value={settings.dtype}
            options={DTYPES.map((d) => ({ value: d, label: `${d} (${DTYPE_BYTES[d]} B)` }))}
            onChange={(d) => setSettings({ dtype: d })}
          />
        </div>
      </div>
      {result && result.notCounted.length > 0 && (
        <p
          className="rounded border border-amber-300 bg-amber-50 px-2 py-1 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100"
          role="status"
          data-testid="totals-partial"
        >
          {tr('totals.partial', { n: result.notCounted.length, names: notCountedNames(result) })}
        </p>
      )}
      <dl className="grid grid-cols-2 gap-2 lg:grid-cols-4" data-testid="totals">
        <Figure
          big
          testId="total-count"
          label={
            <>
              {conv?.name ?? settings.convention} — {unitWord(unit)} ({unitLong(unit)})
            </>
          }
          value={`${formatCount(count, fmt)}${unitWord(unit)}`.replace(/(\d)([A-Z])/, '$1 $2')}
          exact={count}
          note={conv ? conventionSummary(conv, lang) : undefined}
        />
        <Figure
          testId="total-params"
          label={tr('totals.params')}
          value={formatCount(t?.params ?? 0n, fmt)}
          exact={t?.params ?? 0n}
          note={t?.buffers ? tr('totals.buffers', { n: formatCount(t.buffers, fmt) }) : undefined}
        />
        <Figure
          testId="total-macs"
          label={tr('totals.macs')}
          value={formatCount(t?.macs ?? 0n, fmt)}
          exact={t?.macs ?? 0n}
        />
        <Figure
          testId="total-flops"
          label={tr('totals.flops')}
          value={formatCount(t?.flops ?? 0n, fmt)}
          exact={t?.flops ?? 0n}
        />
        <Figure
          testId="total-weights"
          label={tr('totals.weights', { dtype: settings.dtype })}
          value={formatBytes(weights, fmt)}
          exact={weights}
          note={tr('totals.weights.note', { bytes: String(bytes) })}
        />
        <Figure
          testId="total-activations"
          label={tr('totals.acts', { dtype: settings.dtype })}
          value={memory ? formatBytes(memory.peakBytes, fmt) : tr('totals.acts.pending')}
          exact={memory?.peakBytes ?? 0n}
          busy={!memory}
          // Three short lines, the same count while the plan is computed and after: no layout shift.
          note={
            <>
              <span className="block">{tr('totals.acts.note', { batch: result?.batch ?? 1 })}</span>
              <span className="block">
                {tr('totals.acts.arena', {
                  arena: memory
                    ? memory.arenaBytes !== null
                      ? formatBytes(memory.arenaBytes, fmt)
                      : tr('totals.acts.noArena')
                    : '…',
                })}
              </span>
              <span className="block" data-testid="total-activations-sum" data-exact={actsSum.toString()}>
                {tr('totals.acts.sum', { sum: formatBytes(actsSum, fmt) })}
              </span>
            </>
          }
        />
        <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
          <dt className="text-xs text-slate-600 dark:text-slate-300">
            {tr('totals.output', { batch: result?.batch ?? 1 })}
          </dt>
          <dd className="font-mono text-lg font-semibold" data-testid="total-output">
            {shapeLabel(result?.output)}
          </dd>
          <dd className="text-xs text-slate-600 dark:text-slate-400">
            {!result
              ? ''
              : result.rows.length === 1
                ? tr('totals.row')
                : tr('totals.rows', { n: groupDigits(result.rows.length) })}
          </dd>
        </div>
      </dl>
    </section>
  );
}

/** "1 row with an error; 10 after it cannot be computed": the cause, then what it stops. */
function errorStatus(result: ModelResult, tr: ReturnType<typeof useT>): string {
  const own = ownErrorRows(result);
  const after = result.errors - own;
  if (!own || !after) return tr(result.errors > 1 ? 'totals.errors' : 'totals.error', { n: result.errors });
  return tr(own > 1 ? 'totals.errorsAndAfter' : 'totals.errorAndAfter', { n: own, m: after });
}

/** The first few not-counted layers, by name (or path) and the file's operator. */
function notCountedNames(result: ModelResult): string {
  const all = notCountedLayers(result);
  const list = all.slice(0, 4).map((l) => `${l.name ?? l.path} (${l.op})`);
  return all.length > 4 ? `${list.join(', ')}, …` : list.join(', ');
}
