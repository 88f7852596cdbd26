/**
 * The ncnn benchmark table (measurements/index.ts) as twin candidates: every row of a FlopLab ncnn
 * device, except the int8 rows of Vulkan runs (unusedReason). Mapped rows are the preset by FlopLab's
 * MACs; every model is ranked by the MACs computed from ncnn's own param file (ncnnMacs), mapped or not.
 */
import type { Precision } from '../devices/schema';
import { isMapped, MEASUREMENTS, ncnnMacs, precisionOf, unusedReason, type Measurement } from './measurements';
import { groupDigits } from '../../digits';
import { twinSource, type TwinCandidate } from './twin-core';
import { presetMacs } from './twin-macs';

const rowPrecision = (m: Measurement): Precision =>
  isMapped(m) ? precisionOf(m) : m.model.endsWith('_int8') ? 'int8' : 'fp32';

const setup = (m: Measurement) => {
  const r = m.runtime;
  const run = r.gpu >= 0 ? `Vulkan GPU ${r.gpu}` : `${r.threads} thread(s), powersave ${r.powersave}`;
  return `ncnn on ${m.deviceLabel}, ${run}, ${rowPrecision(m)}: benchncnn's average time per inference, batch 1`;
};

export function ncnnCandidates(deviceId: string): TwinCandidate[] {
  return MEASUREMENTS.filter((m) => m.device === deviceId && !(isMapped(m) && unusedReason(m))).map((m) => ({
    row: {
      table: 'ncnn',
      tableName: 'ncnn benchmark',
      id: m.id,
      model: m.model,
      precision: rowPrecision(m),
      ms: m.ms,
      setup: setup(m),
      source: twinSource(m.source),
    },
    network: m.model,
    ...(isMapped(m)
      ? {
          preset: m.map.preset,
          flopLabMacs: () => presetMacs(m.map.preset, m.map.knobs, m.map.input),
        }
      : {}),
    size: () => {
      const macs = ncnnMacs(m.model);
      return macs === undefined
        ? undefined
        : { value: Number(macs), exact: macs, text: `${groupDigits(macs)} MACs (from ncnn's param file)` };
    },
  }));
}
