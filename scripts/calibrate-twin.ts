/**
 * The "nearest measured twin" part of docs/latency.md (npm run calibrate): which measurement tables
 * feed the twin, on which devices, with how many rows, read from the twin's own adapters
 * (src/engine/deploy/latency/twin*.ts) so the docs cannot drift from what the app shows.
 */
import { TWIN_ADAPTERS } from '../src/engine/deploy/latency/twin';
import type { TwinTableId } from '../src/engine/deploy/latency/twin-core';
import { TWIN_TABLE_DEVICES } from '../src/engine/deploy/latency/twin-tables';

const WHAT: Readonly<Record<TwinTableId, { name: string; what: string; adapter: string }>> = {
  ncnn: {
    name: 'ncnn benchmark (Tencent/ncnn benchmark/README.md)',
    what: "benchncnn's average ms per inference, batch 1; ranked by the MACs of ncnn's param files",
    adapter: 'twin-ncnn.ts',
  },
  aihub: {
    name: 'Qualcomm AI Hub (Galaxy S24)',
    what: 'inference time of the Galaxy S24 runs wholly on the NPU (QNN first, then TFLite, ONNX Runtime; w8a8 as int8, float as fp16; w8a16 and runs with layers off the NPU left out)',
    adapter: 'twin-aihub.ts',
  },
  'mlperf-mobile': {
    name: 'MLPerf Mobile v4.0, closed (SD8G3)',
    what: 'SingleStream 90th-percentile latency; no preset and no MACs figure, so only named',
    adapter: 'twin-mlperf.ts',
  },
  coral: {
    name: 'Coral Edge TPU benchmarks, Table 1 (USB Accelerator)',
    what: 'USB Accelerator on a desktop host, int8, time per inference (model execution only)',
    adapter: 'twin-coral.ts',
  },
  'mlperf-tiny': {
    name: 'MLPerf Tiny v1.0, closed (NUCLEO-H7A3ZI-Q)',
    what: '1000 / the median throughput, one inference at a time (the NUCLEO-H7A3ZI-Q submission)',
    adapter: 'twin-mlperf.ts',
  },
  hailo: {
    name: 'Hailo model zoo, HAILO8 tables',
    what: 'streaming throughput in FPS at batch 1 and 8, shown as FPS and never as a time per inference; unmapped networks ranked by half the stated OPS',
    adapter: 'twin-hailo.ts',
  },
};

/**
 * The twin paragraph and its table of sources. Its first cells differ from the source names of the
 * "Other measurement tables" table, which tests/unit/latency/sources.test.ts finds by that cell.
 */
export function twinParagraph(): string {
  const rows = (Object.keys(TWIN_TABLE_DEVICES) as TwinTableId[]).map((t) => {
    const devices = TWIN_TABLE_DEVICES[t];
    const n = devices.reduce((s, d) => s + TWIN_ADAPTERS[t](d).length, 0);
    const where = t === 'ncnn' ? `${devices.length} ncnn devices` : devices.map((d) => `\`${d}\``).join(', ');
    return `| ${WHAT[t].name} | ${where} | ${n} | ${WHAT[t].what} | \`latency/${WHAT[t].adapter}\` |`;
  });
  return `In the app, the runtime line of a measured device says this held-out error ("held-out error on this
device: median …, p90 …"). On every device a measurement table below has measured, it also shows the nearest
measured twin (\`latency/twin-core.ts\`; \`docs/screenshots/measured-twin.png\`): the table's own measurement
of the model when it was measured there (the same preset network, by FlopLab's MACs), or else the measured
model closest by MACs (FlopLab's count of a mapped network, the MACs of ncnn's param file, or half the OPS
the Hailo zoo states), named as a different network; where no row gives a MACs figure, the models measured
there are listed. The twin links its row's source and says the runtime, the precision and what the figure
is. A device's tables are loaded only when it is picked (\`latency/twin-tables.ts\`).

| table | devices | twin rows | what the figure is | adapter |
|---|---|---:|---|---|
${rows.join('\n')}

Not in the twin: the RKNN model zoo (its RK3588 rows run one of the three NPU cores; \`rk3588-npu\` is the
whole NPU) and the STM32 model zoo (an STM32H747 at 400 MHz and an STM32N6 are not FlopLab devices).`;
}
