/**
 * "Why this number": the latency calculation of the selected layer, step by step, with the
 * device figures and calibrated efficiencies it used (and where they come from).
 */
import type { LatencyView, RuntimeLayer } from '../../worker/runtimeClient';
import { deviceById } from '../../engine/deploy/devices';
import { LAYER_CLASS_LABELS } from '../../engine/deploy/latency/classes';
import { bytes, ms, si } from './format';
import { DocsLink } from '../docs/DocsLink';
import { useLocalize, useT } from '../i18n';

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="num">{children}</dd>
    </>
  );
}

/** The estimate's layer for a model path (the first repeat iteration when there are several). */
export function layerForPath(
  latency: LatencyView | null,
  modelPath: string | null | undefined,
): RuntimeLayer | undefined {
  if (!latency || !modelPath) return undefined;
  return latency.estimate.layers.find((l) => l.modelPath === modelPath);
}

export function WhyThisNumber({
  latency,
  selectedPath,
}: {
  /** From the runtime worker: the estimate, its error, or null (no device / not computed yet). */
  latency: LatencyView | { error: string } | null;
  selectedPath?: string | null;
}) {
  const t = useT();
  const localize = useLocalize();
  if (latency && 'error' in latency)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        {t('why.noEstimate', { error: localize(latency.error) })}.
      </p>
    );
  const estimate = latency?.estimate;
  const layer = layerForPath(latency, selectedPath);
  if (!estimate) return <p className="text-sm text-slate-600 dark:text-slate-300">{t('why.pickDevice')}</p>;
  if (!layer) return <p className="text-sm text-slate-600 dark:text-slate-300">{t('why.selectLayer')}</p>;
  const device = deviceById(estimate.device);
  if (layer.fusedInto)
    return (
      <p className="text-sm" data-testid="why-fused">
        {t('why.fused.before')}{' '}
        <code>{latency.estimate.layers.find((l) => l.path === layer.fusedInto)?.label ?? layer.fusedInto}</code>
        {t('why.fused.after')}
      </p>
    );
  const total = layer.activationBytes + layer.weightBytes;
  const peakFig = device?.peak[estimate.precision];
  return (
    <section aria-label={t('why.title')} data-testid="why-this-number" className="space-y-2 text-sm">
      <p>
        <span className="font-semibold">{layer.label}</span>: <strong>{ms(layer.ms)}</strong>{' '}
        {t('why.on', { device: latency.deviceName, precision: estimate.precision })} —{' '}
        {t(layer.bound === 'compute' ? 'chart.bound.compute' : 'chart.bound.memory')}{' '}
        {LAYER_CLASS_LABELS[layer.layerClass].toLowerCase()}
        {layer.fused.length ? ` ${t('why.fusedCount', { n: layer.fused.length })}` : ''}.
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <Line label={t('why.ops')}>
          {si(layer.ops, 'op')} {t('why.ops.note')}
        </Line>
        <Line label={t('why.bytes')}>
          {t('why.bytes.sum', {
            total: bytes(total),
            acts: bytes(layer.activationBytes),
            weights: bytes(layer.weightBytes),
          })}
        </Line>
        <Line label={t('why.intensity')}>
          {Number.isFinite(layer.intensity) ? layer.intensity.toPrecision(3) : '∞'} op/byte
        </Line>
        <Line label={t('why.computeRoof')}>
          {si(layer.peakGops * 1e9, 'op/s')} {t('why.peak')} × {layer.efficiency.compute.toPrecision(3)}{' '}
          {t('why.efficiency')} = {si(layer.peakGops * layer.efficiency.compute * 1e9, 'op/s')}
        </Line>
        <Line label={t('why.memoryRoof')}>
          {layer.bandwidthGBs} GB/s × {layer.efficiency.memory.toPrecision(3)} {t('why.efficiency')}
        </Line>
        <Line label={t('why.attainable')}>{si(layer.attainableGops * 1e9, 'op/s')}</Line>
        <Line label={t('why.computeTime')}>{ms(layer.computeMs)}</Line>
        <Line label={t('why.memoryTime')}>{ms(layer.memoryMs)}</Line>
        <Line label={t('why.overhead')}>{t('why.perKernel', { ms: ms(layer.overheadMs) })}</Line>
        {layer.spillMs > 0 && <Line label={t('why.spill')}>{ms(layer.spillMs)}</Line>}
        <Line label={t('why.time')}>
          {t(layer.spillMs > 0 ? 'why.time.formulaLink' : 'why.time.formula')} = {ms(layer.ms)}
        </Line>
      </dl>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        {t('why.efficiencies')}{' '}
        {estimate.calibration.source === 'fitted'
          ? t('why.cal.fitted', { n: estimate.calibration.rows })
          : estimate.calibration.source === 'borrowed'
            ? t('why.cal.borrowed', { precision: String(estimate.calibration.fittedPrecision) })
            : t('why.cal.defaults')}
        {t('why.band', { band: estimate.calibration.band })}{' '}
        {peakFig
          ? `${peakFig.value} ${peakFig.unit}, ${peakFig.kind}${peakFig.unverified ? `, ${t('why.unverified')}` : ''} (${peakFig.sources[0].title})`
          : '–'}
        {t('why.seeDocs')}
        <DocsLink doc="latency">{t('why.docsLink')}</DocsLink>.
      </p>
    </section>
  );
}
