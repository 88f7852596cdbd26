/**
 * The A/B/C… comparison table: the editor's model (A) and up to four others side by side, with each
 * one's ratio to A — counts in the selected convention, and (issue 19) the peak activations, the
 * runtime, the operators on the accelerator and the memory verdict on the picked device. Every number
 * comes from the engine (evaluations) or the runtime worker (answers); nothing is computed here but
 * the ratios.
 */
import type { ModelResult } from '../../engine/evaluate';
import type { RuntimeAnswer } from '../../worker/runtimeClient';
import { formatBytes, formatCount, type NumberFormat } from '../format';
import { useT, type MessageKey, type T } from '../i18n';
import { ms as msText } from '../charts/format';
import { ratio } from './conventionDiff';
import { useEditor } from '../../state/store';

export interface Column {
  readonly letter: string;
  readonly name: string;
  readonly result: ModelResult | null;
  readonly runtime: RuntimeAnswer | null;
}

type Value =
  | { readonly kind: 'exact'; readonly exact: bigint; readonly text: string }
  | { readonly kind: 'ms'; readonly ms: number; readonly text: string }
  | { readonly kind: 'text'; readonly text: string };

interface Metric {
  readonly key: string;
  readonly label: string;
  readonly of: (c: Column) => Value | null;
}

const FIT: Record<string, MessageKey> = {
  fits: 'fit.fits',
  streams: 'fit.streams',
  'does-not-fit': 'fit.doesNotFit',
  unknown: 'fit.unknown',
};

/** The runtime answer's estimate: with placement when ops fall back to a host CPU. */
function runtimeMs(a: RuntimeAnswer): number | null {
  const l = a.latency;
  if (!l || 'error' in l) return null;
  const p = a.placement;
  if (p?.documented && p.opsOnAccelerator < p.opsTotal && !('error' in p.latency)) return p.latency.ms;
  return l.estimate.ms;
}

function metrics(
  t: T,
  countName: string,
  ci: number,
  fmt: NumberFormat,
  device: string | null,
  dtype: string,
): Metric[] {
  const count = (key: string, label: string, of: (r: ModelResult) => bigint): Metric => ({
    key,
    label,
    of: (c) => (c.result ? { kind: 'exact', exact: of(c.result), text: formatCount(of(c.result), fmt) } : null),
  });
  const list: Metric[] = [
    count('params', t('ab.params'), (r) => r.totals.params),
    count('count', t('ab.count', { name: countName }), (r) => r.totals.counts[ci] ?? 0n),
    count('macs', t('ab.macs'), (r) => r.totals.macs),
    count('flops', t('ab.flops'), (r) => r.totals.flops),
    {
      key: 'peak',
      label: t('ab.peak', { dtype }),
      of: (c) => {
        const m = c.runtime?.memory;
        return m ? { kind: 'exact', exact: m.peakBytes, text: formatBytes(m.peakBytes, fmt) } : null;
      },
    },
  ];
  if (!device) return list;
  return [
    ...list,
    {
      key: 'ms',
      label: t('ab.runtime', { device }),
      of: (c) => {
        if (!c.runtime) return null;
        const v = runtimeMs(c.runtime);
        return v === null ? { kind: 'text', text: '–' } : { kind: 'ms', ms: v, text: msText(v) };
      },
    },
    {
      key: 'placement',
      label: t('ab.placement'),
      of: (c) => {
        if (!c.runtime) return null;
        const p = c.runtime.placement;
        return { kind: 'text', text: p?.documented ? `${p.opsOnAccelerator} / ${p.opsTotal}` : '–' };
      },
    },
    {
      key: 'fit',
      label: t('ab.fit'),
      of: (c) => {
        const m = c.runtime?.deviceMemory;
        if (!c.runtime) return null;
        if (!m) return { kind: 'text', text: '–' };
        const bytes = m.fit.verdict === 'does-not-fit' ? m.fit.shortBytes : m.fit.spillBytes;
        return { kind: 'text', text: t(FIT[m.fit.verdict], { b: formatBytes(bytes, fmt) }) };
      },
    },
  ];
}

function ratioText(v: Value | null, a: Value | null): string {
  if (!v || !a) return '—';
  if (v.kind === 'exact' && a.kind === 'exact') {
    const r = ratio(v.exact, a.exact);
    return Number.isNaN(r) ? '—' : `${r.toFixed(3)}×`;
  }
  if (v.kind === 'ms' && a.kind === 'ms' && a.ms > 0) return `${(v.ms / a.ms).toFixed(3)}×`;
  return '—';
}

export function ABTable({
  columns,
  countName,
  ci,
  fmt,
  device,
  onRemove,
}: {
  /** A first. */
  columns: readonly Column[];
  countName: string;
  ci: number;
  fmt: NumberFormat;
  /** The picked device's name (null: none, so no runtime rows). */
  device: string | null;
  /** Removes column i (≥ 2: C, D, …). */
  onRemove(i: number): void;
}) {
  const t = useT();
  const dtype = useEditor((s) => s.settings.dtype);
  const rows = metrics(t, countName, ci, fmt, device, dtype);
  return (
    <table className="w-full border-collapse text-xs" data-testid="ab-totals">
      <thead>
        <tr className="border-b border-slate-300 text-left dark:border-slate-600">
          <th scope="col">{t('ab.metric')}</th>
          {columns.map((c, i) => (
            <ColumnHead key={c.letter} c={c} i={i} onRemove={onRemove} t={t} />
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => {
          const a = m.of(columns[0]);
          return (
            <tr key={m.key} className="border-b border-slate-100 dark:border-slate-800" data-testid={`ab-${m.key}`}>
              <th scope="row" className="py-1 text-left font-normal">
                {m.label}
              </th>
              {columns.map((c, i) => {
                const v = i === 0 ? a : m.of(c);
                const cell = (
                  <td
                    key={c.letter}
                    className="num pl-2 text-right"
                    data-exact={v?.kind === 'exact' ? v.exact.toString() : undefined}
                    data-column={c.letter}
                  >
                    {v === null ? '…' : v.text}
                  </td>
                );
                if (i === 0) return cell;
                return [
                  cell,
                  <td key={`${c.letter}/A`} className="num pl-2 text-right font-semibold" data-ratio={c.letter}>
                    {ratioText(v, a)}
                  </td>,
                ];
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ColumnHead({ c, i, onRemove, t }: { c: Column; i: number; onRemove(i: number): void; t: T }) {
  const head = (
    <th scope="col" className="pl-2 text-right align-bottom" key={c.letter}>
      {i === 0 ? t('ab.a') : c.letter}
      <span className="block max-w-32 truncate font-normal text-slate-600 dark:text-slate-300" title={c.name}>
        {c.name}
      </span>
      {i >= 2 && (
        <button
          type="button"
          className="focus-ring text-[11px] font-normal text-slate-600 underline dark:text-slate-300"
          onClick={() => onRemove(i)}
          data-testid={`ab-remove-${c.letter}`}
        >
          {t('ab.remove', { letter: c.letter })}
        </button>
      )}
    </th>
  );
  if (i === 0) return head;
  return (
    <>
      {head}
      <th scope="col" className="pl-2 text-right align-bottom">
        {t('ab.ratioOf', { letter: c.letter })}
      </th>
    </>
  );
}
