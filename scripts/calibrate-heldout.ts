/**
 * The measurement-table half of npm run calibrate (scripts/calibrate.ts): fits every measured
 * device on its training rows, predicts its held-out rows, and writes the held-out error into the
 * calibration file (entry.heldOut, and a band never narrower than the held-out 90th percentile
 * ratio). Returns the docs/latency.md section and the console table.
 */
import { absPctError, fitAll, median, prepare } from '../src/engine/deploy/latency/fit';
import type { CalibrationFile } from '../src/engine/deploy/latency/calibration';
import {
  heldOut,
  predictFromFile,
  quantile,
  TEST_POINTS,
  TRAIN_POINTS,
} from '../src/engine/deploy/latency/measured-fit';
import { CALIBRATION_SET } from '../src/engine/deploy/latency/calibration-set';
import {
  tableFitBullets,
  tableFitDoc,
  TABLE_CAL_TRAIN,
  TABLE_TEST_POINTS,
  TABLE_TRAIN_POINTS,
} from './calibrate-tables';
import { FP16_DEFAULT_SINCE, MAPPED, MEASUREMENTS, unusedReason } from '../src/engine/deploy/latency/measurements';
import { NCNN_MODELS } from '../src/engine/deploy/latency/measurements/ncnn-models';
import { UNFITTED_SOURCES, unfittedSourcesTable } from '../src/engine/deploy/latency/measurements/sources';
import { deviceById } from '../src/engine/deploy/devices';
import { twinParagraph } from './calibrate-twin';
import { NCNN_VENDORS } from '../src/engine/deploy/devices/data-ncnn';

export const TARGET_MEDIAN_PCT = 15;

/** Every held-out point (ncnn and the other fitted tables) and the training rows each device was fitted on. */
export const ALL_TEST_POINTS = [...TEST_POINTS, ...TABLE_TEST_POINTS];
export const ALL_TRAIN_POINTS = [...TRAIN_POINTS, ...TABLE_TRAIN_POINTS, ...TABLE_CAL_TRAIN];

export function calibrateMeasured(file: CalibrationFile): { doc: string; console: string[] } {
  // The calibration set's estimates before the tables touch the file: they must not get worse.
  const cal = prepare(CALIBRATION_SET).prepared;
  const before = cal.map((pp) => absPctError(predictFromFile(pp, file), pp.point.measuredMs));

  const { prepared, skipped } = prepare([...TRAIN_POINTS, ...TABLE_TRAIN_POINTS]);
  const fitted = fitAll(prepared, file.generatedBy).file;
  for (const id of Object.keys(fitted.devices))
    if (file.devices[id])
      throw new Error(`calibrate: ${id} has rows in both the calibration set and a table's training rows`);
  Object.assign(file.devices, fitted.devices);

  const ho = heldOut(file, ALL_TEST_POINTS, ALL_TRAIN_POINTS);
  for (const d of ho.devices)
    for (const e of Object.values(file.devices[d.device] ?? {})) {
      e!.heldOut = { rows: d.testRows, medianErrorPct: d.medianPct, p90ErrorPct: d.p90Pct, band: d.band };
      e!.band = Math.max(e!.band, d.band);
    }

  const after = cal.map((pp) => absPctError(predictFromFile(pp, file), pp.point.measuredMs));
  const worse = cal.filter((_, i) => after[i] > before[i] + 1e-9).map((pp) => pp.point.id);
  if (worse.length) throw new Error(`calibrate: the tables made calibration-set rows worse: ${worse.join(', ')}`);
  const calLine = (xs: number[]) => `median ${median(xs).toFixed(2)} %, worst ${Math.max(...xs).toFixed(2)} %`;

  const devices = [...ho.devices].sort((a, b) => a.medianPct - b.medianPct);
  const good = devices.filter((d) => d.medianPct <= TARGET_MEDIAN_PCT);
  const all = ho.rows.map((r) => r.errorPct);
  const p1 = (x: number) => x.toFixed(1);
  const table = devices
    .map(
      (d) =>
        `| ${d.device} | ${NCNN_VENDORS[d.device] ?? ''} | ${deviceById(d.device)?.category} | ${d.trainRows} | ${d.testRows} | ${p1(d.medianPct)} | ${p1(d.p90Pct)} | ${d.band} |`,
    )
    .join('\n');
  const models = Object.entries(NCNN_MODELS)
    .map(([name, m]) =>
      'preset' in m
        ? `- ${name} → ${m.preset}${m.knobs ? ` ${JSON.stringify(m.knobs)}` : ''} (${m.precision}, ${m.match}${m.note ? `: ${m.note}` : ''})`
        : `- ${name}: unmapped — ${m.unmapped}`,
    )
    .join('\n');
  const skippedAll = [...skipped, ...ho.skipped];
  const unused = MAPPED.filter((m) => unusedReason(m));
  const doc = `## Held-out error on the public measurement table

<!-- machine-read by tests/unit/latency/measured-fit.test.ts -->

- Table rows: ${MEASUREMENTS.length} (Tencent/ncnn benchmark/README.md; src/engine/deploy/latency/measurements/ncnn.json)
- Rows on a FlopLab device and preset: ${MAPPED.length} (training ${TRAIN_POINTS.length}, held out ${TEST_POINTS.length}, not used ${unused.length}: ${[...new Set(unused.map((m) => unusedReason(m)))].join('; ')})
${tableFitBullets(calLine(before), calLine(after))}
- Also committed, not fitted (or fitted only in part, as above): ${UNFITTED_SOURCES.reduce((n, s) => n + s.rows, 0)} rows from ${UNFITTED_SOURCES.length} more tables (${UNFITTED_SOURCES.map((s) => `${s.name} ${s.rows}`).join(', ')}; see "Other measurement tables" below)
- Devices: ${devices.length}; held-out median ≤ ${TARGET_MEDIAN_PCT} %: ${good.length}
- Held-out median absolute error, all rows: ${median(all).toFixed(2)} %; 90th percentile: ${quantile(all, 0.9).toFixed(2)} %

Each measured device is fitted on its training rows only (the five factors of the method below, per
device and precision). The held-out rows — every row of one network on one device goes to the same side;
about a third of each device's networks, drawn separately among dense networks (no depthwise convolution:
resnet18, vgg16, regnety_400m) and depthwise ones, so the fit has seen both kinds — are then estimated
exactly as the app estimates them. "band" is the 90th percentile of max(estimate/measured,
measured/estimate) on those rows; the app's band for the device is never narrower.

${twinParagraph()}

ncnn computes float models in fp16 on ARMv8.2 cores and Vulkan GPUs (its default \`use_fp16_arithmetic\`
since ${FP16_DEFAULT_SINCE}), so those rows are fitted as fp16. The ncnn boards' peaks come from the clocks and
core counts in the table's section titles times an assumed FLOP per cycle, and their bandwidth is one
placeholder (all flagged unverified below): the fitted efficiencies absorb both, which is why the
held-out error, not the fit, is the figure to trust. Held-out rows per device are few (2–6), so a
device's median is itself uncertain.

| device | vendor | kind | train rows | held-out rows | held-out median % | held-out p90 % | band |
|---|---|---|---:|---:|---:|---:|---:|
${table}

### Which benchncnn models are presets

A model is mapped only when FlopLab's conv + linear MACs for the preset equal those computed from ncnn's own
\`benchmark/models/<model>.param\` (tests/unit/latency/measurements.test.ts checks it):

${models}

${tableFitDoc()}

### Other measurement tables (committed; not fitted, or fitted only in part)

Each row keeps its source file, commit and date; a row is on a FlopLab device or preset only when it is
the same device and setup, and the same network by parameter or operation counts (the tests under
tests/unit/latency check both).

${unfittedSourcesTable()}
${skippedAll.length ? `\nRows not used: ${skippedAll.map((s) => `${s.id} (${s.error})`).join('; ')}\n` : ''}`;

  const lines = [
    `calibration set (${cal.length} rows) before the tables: ${calLine(before)}; after: ${calLine(after)}`,
    `held-out: ${ho.rows.length} rows on ${devices.length} devices, median ${median(all).toFixed(1)} %, p90 ${quantile(all, 0.9).toFixed(1)} %; ${good.length} devices with median ≤ ${TARGET_MEDIAN_PCT} %`,
    `${'device'.padEnd(28)} ${'train'.padStart(5)} ${'test'.padStart(4)} ${'median%'.padStart(8)} ${'p90%'.padStart(7)} ${'band'.padStart(5)}`,
    ...devices.map(
      (d) =>
        `${d.device.padEnd(28)} ${String(d.trainRows).padStart(5)} ${String(d.testRows).padStart(4)} ${p1(d.medianPct).padStart(8)} ${p1(d.p90Pct).padStart(7)} ${String(d.band).padStart(5)}`,
    ),
  ];
  return { doc, console: lines };
}
