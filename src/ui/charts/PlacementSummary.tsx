/**
 * Where the model runs on the picked accelerator (issue 17): "N of M ops on the Edge TPU", the
 * partitions, the first op that falls back and why (a click selects it), and the runtime with the
 * fallback ops on the host CPU plus the transfers. Drawn from the runtime worker's PlacementView.
 */
import type { PlacementView } from '../../worker/placementView';
import { useEditor } from '../../state/store';
import { DocsLink } from '../docs/DocsLink';
import { useLocalize, useT } from '../i18n';
import { ms } from './format';

/** The summary line's part: "N of M ops on the Edge TPU" and the first op on the CPU (a click selects it). */
export function PlacementHead({ placement: p }: { placement: PlacementView }) {
  const t = useT();
  const select = useEditor((s) => s.select);
  if (!p.documented)
    return (
      <span className="text-slate-600 dark:text-slate-300">
        {t('place.unknownShort', { accelerator: p.accelerator })}
      </span>
    );
  const all = p.opsOnAccelerator === p.opsTotal;
  return (
    <>
      <span
        className={`rounded px-1.5 py-0.5 font-semibold ${all ? 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100'}`}
        data-testid="placement-count"
      >
        {t('place.count', { on: p.opsOnAccelerator, total: p.opsTotal, accelerator: p.accelerator })}
      </span>
      {p.firstFallback && (
        <span data-testid="placement-first-fallback">
          {t('place.firstFallback')}{' '}
          <button
            type="button"
            className="focus-ring font-mono underline decoration-dotted"
            onClick={() => select(p.firstFallback!.modelPath)}
          >
            {p.firstFallback.label}
          </button>
        </span>
      )}
    </>
  );
}

/** The details: partitions, why the first op falls back, the runtime with placement, the docs. */
export function PlacementSummary({ placement: p }: { placement: PlacementView }) {
  const t = useT();
  const localize = useLocalize();
  if (!p.documented)
    return (
      <p className="mt-1 text-slate-600 dark:text-slate-300" data-testid="placement" data-documented="false">
        {t('place.unknown', { accelerator: p.accelerator })}
      </p>
    );
  const all = p.opsOnAccelerator === p.opsTotal;
  const lat = p.latency;
  return (
    <div className="mt-1 space-y-0.5" data-testid="placement" data-on={p.opsOnAccelerator} data-total={p.opsTotal}>
      <p>
        {t(p.partitions === 1 ? 'place.partition' : 'place.partitions', { n: p.partitions })}
        {p.undocumentedRows > 0 ? ` · ${t('place.undocumented', { n: p.undocumentedRows })}` : ''}
      </p>
      {p.firstFallback && (
        <p data-testid="placement-first-fallback-why">
          {t('place.firstFallback')} <span className="font-mono">{p.firstFallback.label}</span> —{' '}
          {localize(p.firstFallback.why)}
          {p.fallbackMode === 'rest-on-cpu' ? ` ${t('place.restOnCpu')}` : ''}
        </p>
      )}
      {!all &&
        ('error' in lat ? (
          <p className="text-amber-800 dark:text-amber-300">{t('place.noLatency', { why: lat.error })}</p>
        ) : (
          <p data-testid="placement-latency">
            {t('place.latency', {
              ms: ms(lat.ms),
              acc: ms(lat.acceleratorMs),
              accelerator: p.accelerator,
              cpu: ms(lat.cpuMs),
              host: lat.hostName ?? '–',
              transfer: ms(lat.transferMs),
              n: lat.boundaries,
              link: lat.link,
            })}
            {lat.hostAssumed ? ` ${t('place.hostAssumed', { why: lat.hostReason })}` : ''}
          </p>
        ))}
      <p className="text-slate-600 dark:text-slate-300">
        <DocsLink doc="placement">{t('place.docs')}</DocsLink>
      </p>
    </div>
  );
}

/** The selected layer's placement on the picked accelerator: where it runs and the rule that decided. */
export function PlacementLine({
  placement: p,
  selectedPath,
}: {
  placement: PlacementView;
  selectedPath: string | null;
}) {
  const t = useT();
  const localize = useLocalize();
  if (!p.documented || !selectedPath) return null;
  const row = p.rows.find((r) => r.modelPath === selectedPath);
  if (!row) return null;
  return (
    <p className="text-sm" data-testid="placement-line" data-on={row.on}>
      <span className="font-semibold">{t('place.where')}:</span>{' '}
      <span className={row.on === 'cpu' ? 'font-semibold text-amber-800 dark:text-amber-300' : ''}>
        {row.on === 'cpu' ? t('place.cpu') : p.accelerator}
      </span>{' '}
      — {localize(row.why)}{' '}
      <span className="text-slate-500 dark:text-slate-400">({t('place.rule', { id: row.ruleId })})</span>
      {row.on === 'cpu' && row.role === 'op' && row.ms !== undefined && !('error' in p.latency) && (
        <span data-testid="placement-line-ms">
          {' '}
          {t('place.cpuTime', { ms: ms(row.ms), host: p.latency.hostName ?? '–' })}
        </span>
      )}
    </p>
  );
}
