/**
 * A/B comparison: the editor's model (A) next to model B — totals, B/A ratios and per-layer bars
 * in the selected convention — shareable as one link. B is evaluated by its own engine client
 * (a second worker), so the UI never counts and never blocks.
 */
import { useEffect, useMemo, useState } from 'react';
import { ALL_CONVENTION_IDS, conventionById } from '../../engine/conventions/registry';
import type { ModelResult } from '../../engine/evaluate';
import type { Model } from '../../engine/format/model';
import { kindOf } from '../../engine/layers/registry';
import { PRESETS, presetByName } from '../../engine/presets';
import { useEditor } from '../../state/store';
import { useDeferredResult } from '../../state/evaluation';
import { EngineClient } from '../../worker/client';
import { Button } from '../controls';
import { formatCount, groupDigits, unitWord } from '../format';
import { useT, type T } from '../i18n';
import { CopyLink, teachingLink } from './CopyLink';
import { ratio } from './conventionDiff';
import { useTeaching } from './store';

let client: EngineClient | null = null;

/** B's evaluation, with every convention (so switching convention needs no round trip). */
function useResultOf(model: Model | null): ModelResult | null {
  const [result, setResult] = useState<ModelResult | null>(null);
  useEffect(() => {
    if (!model) return;
    let alive = true;
    client ??= new EngineClient({ conventions: ALL_CONVENTION_IDS });
    client.evaluate(model).then((r) => {
      if (alive && r) setResult(r);
    });
    return () => {
      alive = false;
    };
  }, [model]);
  return model ? result : null;
}

interface Bar {
  readonly key: string;
  readonly label: string;
  readonly value: bigint;
}

/** One bar per top-level layer (a block's bar is its total). */
function barsOf(r: ModelResult, ci: number): Bar[] {
  return r.rows
    .filter((row) => row.depth === 0)
    .map((row) => ({
      key: row.path,
      label: row.name ?? kindOf(row.type)?.label ?? row.type,
      value: (row.block && row.total ? row.total : row).counts[ci] ?? 0n,
    }));
}

const MAX_BARS = 60;

function Bars({ bars, max, fmt, testId }: { bars: Bar[]; max: bigint; fmt: 'si' | 'exact'; testId: string }) {
  return (
    <ol className="space-y-0.5" data-testid={testId}>
      {bars.slice(0, MAX_BARS).map((b) => {
        const pct = max > 0n ? Number((b.value * 1000n) / max) / 10 : 0;
        return (
          <li
            key={b.key}
            className="grid grid-cols-[6rem_1fr_4rem] items-center gap-1 text-[11px]"
            title={groupDigits(b.value)}
          >
            <span className="truncate">{b.label}</span>
            <span className="h-2.5 rounded-sm bg-slate-100 dark:bg-slate-800">
              <span className="block h-2.5 rounded-sm bg-indigo-600 dark:bg-indigo-400" style={{ width: `${pct}%` }} />
            </span>
            <span className="num text-right">{formatCount(b.value, fmt)}</span>
          </li>
        );
      })}
      {bars.length > MAX_BARS && (
        <li className="text-[11px] text-slate-600 dark:text-slate-300">… +{bars.length - MAX_BARS}</li>
      )}
    </ol>
  );
}

function metrics(t: T, name: string, ci: number) {
  return [
    { key: 'params', label: t('ab.params'), of: (r: ModelResult) => r.totals.params },
    { key: 'count', label: t('ab.count', { name }), of: (r: ModelResult) => r.totals.counts[ci] ?? 0n },
    { key: 'macs', label: t('ab.macs'), of: (r: ModelResult) => r.totals.macs },
    { key: 'flops', label: t('ab.flops'), of: (r: ModelResult) => r.totals.flops },
  ];
}

export function ABCompare() {
  const t = useT();
  const a = useDeferredResult(); // after the totals' frame
  const modelA = useEditor((s) => s.model);
  const convention = useEditor((s) => s.settings.convention);
  const fmt = useEditor((s) => s.settings.numberFormat);
  const compare = useTeaching((s) => s.compare);
  const setCompare = useTeaching((s) => s.setCompare);
  const b = useResultOf(compare);
  const ci = ALL_CONVENTION_IDS.indexOf(convention);
  const conv = conventionById(convention);
  const [bars, max] = useMemo(() => {
    const ba = a ? barsOf(a, ci) : [];
    const bb = b ? barsOf(b, ci) : [];
    return [{ a: ba, b: bb }, [...ba, ...bb].reduce((m, x) => (x.value > m ? x.value : m), 0n)] as const;
  }, [a, b, ci]);

  const swap = () => {
    if (!compare) return;
    const oldA = modelA;
    useEditor.getState().setModel(compare); // undoable
    setCompare(oldA);
  };

  return (
    <section className="space-y-3 text-sm" data-testid="ab-compare" aria-label={t('ab.title')}>
      <h2 className="panel-title">{t('ab.title')}</h2>
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1 text-xs">
          <span>{t('ab.preset')}</span>
          <select
            className="field py-0.5 text-xs"
            value=""
            data-testid="ab-preset"
            onChange={(e) => {
              const p = presetByName(e.target.value);
              if (p) setCompare({ ...p.build(), name: p.name });
            }}
          >
            <option value="">{t('ab.choose')}</option>
            {PRESETS.map((p) => (
              <option key={p.name} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <Button small onClick={() => setCompare(modelA)}>
          {t('ab.copy')}
        </Button>
        <Button small onClick={swap} disabled={!compare}>
          {t('ab.swap')}
        </Button>
        <Button small onClick={() => setCompare(null)} disabled={!compare}>
          {t('ab.clear')}
        </Button>
      </div>
      {!compare ? (
        <p className="text-slate-600 dark:text-slate-300">{t('ab.none')}</p>
      ) : (
        <>
          <table className="w-full border-collapse text-xs" data-testid="ab-totals">
            <thead>
              <tr className="border-b border-slate-300 text-left dark:border-slate-600">
                <th scope="col">{t('ab.metric')}</th>
                <th scope="col" className="text-right">
                  {t('ab.a')}
                  <span className="block font-normal text-slate-600 dark:text-slate-300">{modelA.name}</span>
                </th>
                <th scope="col" className="text-right">
                  {t('ab.b')}
                  <span className="block font-normal text-slate-600 dark:text-slate-300">{compare.name}</span>
                </th>
                <th scope="col" className="text-right">
                  {t('ab.ratio')}
                </th>
              </tr>
            </thead>
            <tbody>
              {metrics(t, `${conv?.name ?? convention}, ${unitWord(conv?.unit ?? 'FLOP')}`, ci).map((m) => {
                const va = a ? m.of(a) : null;
                const vb = b ? m.of(b) : null;
                const r = va !== null && vb !== null ? ratio(vb, va) : Number.NaN;
                return (
                  <tr
                    key={m.key}
                    className="border-b border-slate-100 dark:border-slate-800"
                    data-testid={`ab-${m.key}`}
                  >
                    <th scope="row" className="py-1 text-left font-normal">
                      {m.label}
                    </th>
                    <td className="num text-right" data-exact={va?.toString()}>
                      {va === null ? '…' : formatCount(va, fmt)}
                    </td>
                    <td className="num text-right" data-exact={vb?.toString()}>
                      {vb === null ? '…' : formatCount(vb, fmt)}
                    </td>
                    <td className="num text-right font-semibold">{Number.isNaN(r) ? '—' : `${r.toFixed(3)}×`}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {b && b.errors > 0 && (
            <p className="text-xs text-red-800 dark:text-red-300">B: {t('ab.errors', { n: b.errors })}</p>
          )}
          <div>
            <h3 className="mb-1 text-xs font-semibold">{t('ab.layers', { name: conv?.name ?? convention })}</h3>
            <div className="grid grid-cols-2 gap-3">
              <div>
                <p className="mb-0.5 text-xs font-semibold">{t('ab.a')}</p>
                <Bars bars={bars.a} max={max} fmt={fmt} testId="ab-bars-a" />
              </div>
              <div>
                <p className="mb-0.5 text-xs font-semibold">{t('ab.b')}</p>
                <Bars bars={bars.b} max={max} fmt={fmt} testId="ab-bars-b" />
              </div>
            </div>
          </div>
        </>
      )}
      <CopyLink label={t('ab.link')} testId="ab-link" disabled={!compare} make={() => teachingLink({ compare })} />
    </section>
  );
}
