/**
 * "Does it fit?" for the picked device: the verdict, and each memory check (what must fit, where,
 * with the capacity's source) in the precision the device runs. Everything comes from the runtime
 * worker's answer (deploy/device-memory.ts); this only words and draws it.
 */
import type { DeviceMemory } from '../../engine/deploy/device-memory';
import type { FitVerdict, MemoryCheck } from '../../engine/deploy/fit';
import { useRuntimeAnswer } from '../../state/runtime';
import { useEditor } from '../../state/store';
import { formatBytes, type NumberFormat } from '../format';
import { DocsLink } from '../docs/DocsLink';
import type { PlacementView } from '../../worker/placementView';
import { PlacementHead, PlacementSummary } from './PlacementSummary';
import { useLocalize, useT, type MessageKey } from '../i18n';

const VERDICT: Record<FitVerdict, { key: MessageKey; cls: string }> = {
  fits: { key: 'fit.fits', cls: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' },
  streams: { key: 'fit.streams', cls: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100' },
  'does-not-fit': { key: 'fit.doesNotFit', cls: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-100' },
  unknown: { key: 'fit.unknown', cls: 'bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-100' },
};

const WHAT: Record<MemoryCheck['what'], MessageKey> = {
  weights: 'fit.what.weights',
  activations: 'fit.what.activations',
  'weights and activations': 'fit.what.both',
};

const MEMORY: Record<string, MessageKey> = {
  flash: 'fit.mem.flash',
  RAM: 'fit.mem.ram',
  'external RAM': 'fit.mem.externalRam',
  'on-chip memory': 'fit.mem.onChip',
};
const memoryName = (t: ReturnType<typeof useT>, m: string) => (MEMORY[m] ? t(MEMORY[m]) : m);

function CheckLine({ c, fmt }: { c: MemoryCheck; fmt: NumberFormat }) {
  const t = useT();
  const src = c.figure.sources[0];
  const over = c.needBytes - c.haveBytes;
  return (
    <li data-testid="fit-check" data-ok={c.ok}>
      {t('fit.check', {
        what: t(WHAT[c.what]),
        need: formatBytes(c.needBytes, fmt),
        memory: memoryName(t, c.memory),
        have: formatBytes(c.haveBytes, fmt),
      })}{' '}
      {c.ok ? (
        <span className="text-emerald-800 dark:text-emerald-300">✓</span>
      ) : c.spill?.ok ? (
        <span className="text-amber-800 dark:text-amber-300">
          {t('fit.spills', {
            over: formatBytes(over, fmt),
            memory: memoryName(t, c.spill.memory),
            have: formatBytes(c.spill.haveBytes, fmt),
          })}
        </span>
      ) : (
        <span className="font-semibold text-red-800 dark:text-red-300">
          {t('fit.over', { over: formatBytes(over - (c.spill?.haveBytes ?? 0n), fmt) })}
        </span>
      )}{' '}
      <span className="text-slate-500 dark:text-slate-400">
        (
        {src.url ? (
          <a className="underline decoration-dotted" href={src.url} target="_blank" rel="noreferrer" title={src.title}>
            {t('fit.source')}
          </a>
        ) : (
          <span title={src.document}>{t('fit.source')}</span>
        )}
        {c.figure.unverified ? `, ${t('fit.unverified')}` : ''})
      </span>
    </li>
  );
}

/** The verdict card; nothing while no device is picked. */
export function DeviceFitCard({
  memory,
  deviceName,
  placement,
}: {
  memory: DeviceMemory;
  deviceName: string;
  placement: PlacementView | null;
}) {
  const t = useT();
  const localize = useLocalize();
  const fmt = useEditor((s) => s.settings.numberFormat);
  const v = VERDICT[memory.fit.verdict];
  const bytesOf = memory.fit.verdict === 'does-not-fit' ? memory.fit.shortBytes : memory.fit.spillBytes;
  return (
    <div className={CARD} data-testid="device-fit" data-verdict={memory.fit.verdict}>
      {/* The verdicts in one or two lines of fixed height (no layout shift when they come); the rest on request. */}
      <p className={SUMMARY}>
        <span className={`rounded px-1.5 py-0.5 font-semibold ${v.cls}`}>
          {t(v.key, { b: formatBytes(bytesOf, fmt) })}
        </span>
        {placement && <PlacementHead placement={placement} />}
        <span>{t('fit.on', { device: deviceName, dtype: memory.dtype })}</span>
      </p>
      <details data-testid="device-fit-details">
        <summary className="focus-ring cursor-pointer text-slate-600 dark:text-slate-300">{t('fit.more')}</summary>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {t('fit.activations', {
            arena: memory.arenaBytes !== null ? formatBytes(memory.arenaBytes, fmt) : t('totals.acts.noArena'),
            lower: formatBytes(memory.lowerBoundBytes, fmt),
          })}{' '}
          · {t('fit.weights', { w: formatBytes(memory.weightBytes, fmt) })}
        </p>
        {memory.fit.checks.length > 0 && (
          <ul className="mt-1 list-inside list-disc space-y-0.5">
            {memory.fit.checks.map((c) => (
              <CheckLine key={`${c.what}-${c.memory}`} c={c} fmt={fmt} />
            ))}
          </ul>
        )}
        {memory.fit.note && <p className="mt-1 text-slate-600 dark:text-slate-300">{localize(memory.fit.note)}</p>}
        {memory.arenaNote && <p className="mt-1 text-slate-600 dark:text-slate-300">{localize(memory.arenaNote)}</p>}
        {!memory.complete && <p className="mt-1 text-amber-800 dark:text-amber-300">{t('fit.incomplete')}</p>}
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          <DocsLink doc="memory">{t('fit.docs')}</DocsLink>
        </p>
        {placement && <PlacementSummary placement={placement} />}
      </details>
    </div>
  );
}

const CARD = 'rounded-lg border border-slate-200 bg-white px-3 py-1.5 text-xs dark:border-slate-700 dark:bg-slate-900';
const SUMMARY = 'flex min-h-[2.75rem] flex-wrap content-center items-center gap-x-2 gap-y-1';

/** While the first answer for a picked device is on its way: the card's frame, the same height. */
function DeviceFitPending() {
  const t = useT();
  return (
    <div className={CARD} data-testid="device-fit-pending" aria-busy="true">
      <p className={SUMMARY}>
        <span className="text-slate-500 dark:text-slate-400">{t('fit.pending')}</span>
      </p>
      <p className="text-slate-500 dark:text-slate-400">{t('fit.more')}</p>
    </div>
  );
}

/** The card for the runtime answer's device (memory, and placement on an accelerator), or nothing. */
export function DeviceFit() {
  const answer = useRuntimeAnswer();
  const device = useEditor((s) => s.settings.device);
  const m = answer?.deviceMemory;
  const latency = answer?.latency;
  if (!m) return device && !answer?.modelError && (!answer || answer.latency === null) ? <DeviceFitPending /> : null;
  const name = latency && !('error' in latency) ? latency.deviceName : m.deviceId;
  return <DeviceFitCard memory={m} deviceName={name} placement={answer?.placement ?? null} />;
}
