/**
 * "Why this number": the latency calculation of the selected layer, step by step, with the
 * device figures and calibrated efficiencies it used (and where they come from).
 */
import type { LatencyView, RuntimeLayer } from '../../worker/runtimeClient';
import { deviceById } from '../../engine/devices';
import { LAYER_CLASS_LABELS } from '../../engine/latency-classes';
import { bytes, ms, si } from './format';

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
  if (latency && 'error' in latency)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        No estimate: {latency.error}.
      </p>
    );
  const estimate = latency?.estimate;
  const layer = layerForPath(latency, selectedPath);
  if (!estimate)
    return <p className="text-sm text-slate-600 dark:text-slate-300">Pick a device to see the runtime estimate.</p>;
  if (!layer)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Select a layer to see how its time is computed (a block has no kernel of its own; select a layer inside it).
      </p>
    );
  const device = deviceById(estimate.device);
  if (layer.fusedInto)
    return (
      <p className="text-sm" data-testid="why-fused">
        This layer runs fused into{' '}
        <code>{latency.estimate.layers.find((l) => l.path === layer.fusedInto)?.label ?? layer.fusedInto}</code>: its
        operations are counted in that kernel, and it adds no memory traffic or overhead of its own.
      </p>
    );
  const total = layer.activationBytes + layer.weightBytes;
  const peakFig = device?.peak[estimate.precision];
  return (
    <section aria-label="Why this number" data-testid="why-this-number" className="space-y-2 text-sm">
      <p>
        <span className="font-semibold">{layer.label}</span>: <strong>{ms(layer.ms)}</strong> on {latency.deviceName} (
        {estimate.precision}) — {layer.bound}-bound {LAYER_CLASS_LABELS[layer.layerClass].toLowerCase()}
        {layer.fused.length ? ` (with ${layer.fused.length} fused layer${layer.fused.length > 1 ? 's' : ''})` : ''}.
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
        <Line label="Operations">{si(layer.ops, 'op')} (2 × MACs + element-wise ops)</Line>
        <Line label="Bytes moved">
          {bytes(total)} = activations {bytes(layer.activationBytes)} + weights {bytes(layer.weightBytes)}
        </Line>
        <Line label="Intensity">{Number.isFinite(layer.intensity) ? layer.intensity.toPrecision(3) : '∞'} op/byte</Line>
        <Line label="Compute roof">
          {si(layer.peakGops * 1e9, 'op/s')} peak × {layer.efficiency.compute.toPrecision(3)} efficiency ={' '}
          {si(layer.peakGops * layer.efficiency.compute * 1e9, 'op/s')}
        </Line>
        <Line label="Memory roof">
          {layer.bandwidthGBs} GB/s × {layer.efficiency.memory.toPrecision(3)} efficiency
        </Line>
        <Line label="Attainable">{si(layer.attainableGops * 1e9, 'op/s')}</Line>
        <Line label="Compute time">{ms(layer.computeMs)}</Line>
        <Line label="Memory time">{ms(layer.memoryMs)}</Line>
        <Line label="Overhead">{ms(layer.overheadMs)} per kernel</Line>
        {layer.spillMs > 0 && <Line label="Weights over host link">{ms(layer.spillMs)}</Line>}
        <Line label="Time">
          overhead + max(compute, memory){layer.spillMs > 0 ? ' + link' : ''} = {ms(layer.ms)}
        </Line>
      </dl>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        Efficiencies:{' '}
        {estimate.calibration.source === 'fitted'
          ? `fitted to ${estimate.calibration.rows} published measurement(s)`
          : estimate.calibration.source === 'borrowed'
            ? `borrowed from this device's ${estimate.calibration.fittedPrecision} fit`
            : 'category defaults (no measurements for this device)'}
        ; total band ×/÷ {estimate.calibration.band}. Peak:{' '}
        {peakFig
          ? `${peakFig.value} ${peakFig.unit}, ${peakFig.kind}${peakFig.unverified ? ', unverified' : ''} (${peakFig.sources[0].title})`
          : '–'}
        . See docs/latency.md.
      </p>
    </section>
  );
}
