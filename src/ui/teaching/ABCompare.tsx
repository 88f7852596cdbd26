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
import { useRuntimeAnswer } from '../../state/runtime';
import { useCompareRuntime } from '../../state/compareRuntime';
import { MAX_COMPARE_MORE } from '../../state/urlCodec';
import { ABTable } from './ABTable';
import { useT } from '../i18n';
import { CopyLink, teachingLink } from './CopyLink';
import { useTeaching } from './store';

let client: EngineClient | null = null;

/** Each compared model's evaluation, with every convention (so switching convention needs no round trip). */
function useResultsOf(models: readonly Model[]): readonly (ModelResult | null)[] {
  const [done, setDone] = useState<ReadonlyMap<Model, ModelResult>>(new Map());
  useEffect(() => {
    let alive = true;
    client ??= new EngineClient({ conventions: ALL_CONVENTION_IDS });
    const c = client;
    void (async () => {
      // One after another: the client's latest-wins would drop all but the last of parallel requests.
      for (const m of models) {
        if (done.has(m)) continue;
        const r = await c.evaluate(m);
        if (!alive || !r) return;
        setDone((d) => new Map(d).set(m, r));
      }
    })();
    return () => {
      alive = false;
    };
    // `done` is read to skip finished models, not to re-run when one finishes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [models]);
  return models.map((m) => done.get(m) ?? null);
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

export function ABCompare() {
  const t = useT();
  const a = useDeferredResult(); // after the totals' frame
  const modelA = useEditor((s) => s.model);
  const convention = useEditor((s) => s.settings.convention);
  const fmt = useEditor((s) => s.settings.numberFormat);
  const compare = useTeaching((s) => s.compare);
  const compareMore = useTeaching((s) => s.compareMore);
  const setCompare = useTeaching((s) => s.setCompare);
  const addCompare = useTeaching((s) => s.addCompare);
  const removeCompareMore = useTeaching((s) => s.removeCompareMore);
  const others = useMemo(() => (compare ? [compare, ...compareMore] : []), [compare, compareMore]);
  const results = useResultsOf(others);
  const b = results[0] ?? null;
  const runtimeA = useRuntimeAnswer();
  const runtimes = useCompareRuntime(others);
  const device = useEditor((s) => s.settings.device);
  const deviceName = runtimeA?.latency && !('error' in runtimeA.latency) ? runtimeA.latency.deviceName : device;
  const full = compareMore.length >= MAX_COMPARE_MORE;
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
          <span>{compare ? t('ab.add') : t('ab.preset')}</span>
          <select
            className="field py-0.5 text-xs"
            value=""
            data-testid="ab-preset"
            disabled={full}
            onChange={(e) => {
              const p = presetByName(e.target.value);
              if (p) addCompare({ ...p.build(), name: p.name });
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
        <Button small onClick={() => addCompare(modelA)} disabled={full}>
          {compare ? t('ab.addCurrent') : t('ab.copy')}
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
          {/* Wider than a phone with C, D…: it scrolls sideways inside its box, the page does not. */}
          <div className="overflow-x-auto" data-testid="ab-scroll">
            <ABTable
              columns={[
                { letter: 'A', name: modelA.name ?? '', result: a, runtime: runtimeA },
                ...others.map((m, i) => ({
                  letter: String.fromCharCode(66 + i),
                  name: m.name ?? '',
                  result: results[i] ?? null,
                  runtime: runtimes[i] ?? null,
                })),
              ]}
              countName={`${conv?.name ?? convention}, ${unitWord(conv?.unit ?? 'FLOP')}`}
              ci={ci}
              fmt={fmt}
              device={device ? (deviceName ?? device) : null}
              onRemove={(i) => removeCompareMore(i - 2)}
            />
          </div>
          {full && (
            <p className="text-xs text-slate-600 dark:text-slate-300">{t('ab.max', { n: MAX_COMPARE_MORE + 1 })}</p>
          )}
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
      <CopyLink
        label={t('ab.link')}
        testId="ab-link"
        disabled={!compare}
        make={() => teachingLink({ compare, compareMore })}
      />
    </section>
  );
}
