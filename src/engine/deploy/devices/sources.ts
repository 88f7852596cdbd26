/**
 * Sources the device figures cite. Keys follow shared/reference/devices.md ([A1] …), so each
 * figure can be traced to the reference file and from there to the original page. `ASSUMED`
 * marks figures for which no published number was found: they are FlopLab's assumptions,
 * written down in docs/latency.md, and always flagged unverified.
 */
import type { Figure, FigureKind, Source } from './schema';

const REF = 'shared/reference/devices.md';
const ref = (key: string, title: string, url?: string): Source => ({
  title,
  document: `${REF}, source [${key}]`,
  ...(url ? { url } : {}),
});

export const SRC = {
  A1: ref(
    'A1',
    'zchrissirhcz/pixel, contrib/flops/README.md (FMLA GFLOPS, Xiaomi 8 / QCOM845)',
    'https://github.com/zchrissirhcz/pixel',
  ),
  A3: ref('A3', 'Qualcomm Snapdragon Adreno GPU Development Notes (HDK 8150 / 8550 specs)'),
  A2: ref('A2', 'notebookcheck.net, Qualcomm Adreno 640 page'),
  A5: ref(
    'A5',
    'runlocalai.co, Snapdragon 8 Gen 3 hardware page (third-party)',
    'https://runlocalai.co/hardware/snapdragon-8-gen-3',
  ),
  A6: ref('A6', 'droidholic.com / fonearena.com, Snapdragon 8 Gen 3 launch coverage'),
  A8: ref('A8', 'top2gadget.com, "A17 Pro vs A16" (third-party spec table)'),
  A10: ref('A10', 'techfirstnow.com; Apple A17 Pro 35 TOPS Neural Engine'),
  A13: ref(
    'A13',
    'ultralytics docs, guides/nvidia-jetson.md (Jetson comparison table)',
    'https://github.com/ultralytics/ultralytics/blob/main/docs/en/guides/nvidia-jetson.md',
  ),
  A14: ref(
    'A14',
    'YahboomTechnology/Jetson-NANO-4GB README ("472 GFLOP", "as little as 5 watts")',
    'https://github.com/YahboomTechnology/Jetson-NANO-4GB',
  ),
  A15: ref('A15', 'llh-ustb/jetson_nano README (nvpmodel -m 0 = 10 W)', 'https://github.com/llh-ustb/jetson_nano'),
  A16: ref(
    'A16',
    'huggingface.co/hardware/jetson-xavier-nx (1.69 TFLOPS, 20 W)',
    'https://huggingface.co/hardware/jetson-xavier-nx',
  ),
  A17: ref(
    'A17',
    'ysh329/embedded-ai.bi-weekly 2019-11-18 (Xavier NX 14 TOPS at 10 W, 21 TOPS at 15 W)',
    'https://github.com/ysh329/embedded-ai.bi-weekly',
  ),
  A18: ref('A18', 'NVIDIA Jetson Orin Nano Series datasheet (1024 CUDA cores, 625 MHz)'),
  A21: ref('A21', 'blog.us.fixstars.com, Jetson AGX Orin (15-60 W, 275 sparse INT8 TOPS)'),
  A22: ref(
    'A22',
    'Coral USB Accelerator datasheet v1.4; coral.ai Edge TPU FAQ ("4 TOPS using only 2 watts")',
    'https://coral.ai/docs/edgetpu/faq/',
  ),
  A23: ref(
    'A23',
    'coral.ai, Run multiple models with multiple Edge TPUs (on-chip parameter cache)',
    'https://coral.ai/docs/edgetpu/multiple-edgetpu/',
  ),
  A24: ref(
    'A24',
    'Intel, "Optimize Networks for the Intel Neural Compute Stick 2" (2 Neural Compute Engines = 1 TOPS)',
  ),
  A25: ref(
    'A25',
    'movidius.github.io/ncsdk/ncs.html (first-generation stick, ~1 W)',
    'https://movidius.github.io/ncsdk/ncs.html',
  ),
  A26: ref(
    'A26',
    'community.hailo.ai, "What are differences between Hailo-8 and Hailo-8L?" (26 vs 13 TOPS)',
    'https://community.hailo.ai/',
  ),
  A27: ref('A27', 'cnx-software.com 2020-10-07, Hailo-8 interview (no external DRAM)', 'https://www.cnx-software.com/'),
  A28: ref('A28', 'branes-ai/graphs docs/hardware/hailo_edge_ai.md (third-party: 2.5 W typical)'),
  A29: ref('A29', 'Rockchip RK3588 brief datasheet (6 TOPS NPU; LPDDR4/4X/5 quad-channel)'),
  A31: ref(
    'A31',
    'ggml-org/whisper.cpp issue #89 (Orange Pi 5 memcpy 10.14 GB/s)',
    'https://github.com/ggml-org/whisper.cpp/issues/89',
  ),
  A32: ref('A32', 'Raspberry Pi 4 spec list (BCM2711, 4x Cortex-A72 1.5 GHz, LPDDR4-3200)'),
  A33: ref(
    'A33',
    'geerlingguy/sbc-reviews issue #4 (Raspberry Pi 4 power)',
    'https://github.com/geerlingguy/sbc-reviews/issues/4',
  ),
  A35: ref(
    'A35',
    'docs.zephyrproject.org, Raspberry Pi 5 board page (4x Cortex-A76 2.4 GHz, LPDDR4X-4267)',
    'https://docs.zephyrproject.org/',
  ),
  A36: ref(
    'A36',
    'geerlingguy/top500-benchmark issue #18 (Pi 5: 30.249 Gflops at 11 W)',
    'https://github.com/geerlingguy/top500-benchmark/issues/18',
  ),
  A39: ref('A39', 'STM32H743 datasheet title ("Cortex-M7 480MHz, up to 1MB RAM")'),
  A40: ref(
    'A40',
    'docs.zephyrproject.org, ESP32-S3 boards (512 KB SRAM, vector instructions)',
    'https://docs.zephyrproject.org/',
  ),
  A42: ref('A42', 'SoCXin/doc docs/high/K210.rst (KPU 0.23 TOPS, 8 MB SRAM, < 0.3 W)', 'https://github.com/SoCXin/doc'),
  B7: ref(
    'B7',
    'mlcommons/tiny_results_v1.0 closed/STMicroelectronics system file (STM32H7A3ZIT6Q, 280 MHz, 1.19 MB RAM)',
    'https://github.com/mlcommons/tiny_results_v1.0',
  ),
  B9: ref(
    'B9',
    'kentaroy47/benchmark-FP32-FP16-INT8-with-TensorRT README ("Jetson Nano does not support INT8")',
    'https://github.com/kentaroy47/benchmark-FP32-FP16-INT8-with-TensorRT',
  ),
  B7SYS: {
    title: 'MLPerf Tiny v1.0, NUCLEO_H7A3ZI_Q_system_description.json ("SoC Memory capacity": "1.19MB" RAM; "SoC storage capacity": "2MB" Flash)',
    url: 'https://github.com/mlcommons/tiny_results_v1.0/blob/abb8e49aa59f3ad9e8d85ab98ebed0e583358ec3/closed/STMicroelectronics/systems/NUCLEO-H7A3ZI-Q/NUCLEO_H7A3ZI_Q_system_description.json',
  },
  ESP32S3_DEVKIT: {
    title: 'Espressif, ESP32-S3-DevKitC-1 (modules with 8 MB flash and 2 MB quad or 8 MB octal PSRAM)',
    url: 'https://www.espressif.com/en/taxonomy/term/831',
  },
  A13MEM: {
    title: 'ultralytics docs, guides/nvidia-jetson.md, "Memory" row of the Jetson comparison table',
    url: 'https://github.com/ultralytics/ultralytics/blob/01007503ffb223506d5b4b76d69e1e7145f49693/docs/en/guides/nvidia-jetson.md',
  },
  ASSUMED: {
    title: 'FlopLab assumption (no published figure found); see "Device figures" in docs/latency.md',
    document: 'docs/latency.md',
  },
} satisfies Record<string, Source>;

type Extra = { note?: string; unverified?: boolean };

function fig(
  kind: FigureKind,
  value: number,
  unit: string,
  sources: Source[],
  extra: Extra & { derivation?: string },
): Figure {
  return {
    value,
    unit,
    kind,
    unverified: extra.unverified ?? false,
    sources,
    ...(extra.derivation ? { derivation: extra.derivation } : {}),
    ...(extra.note ? { note: extra.note } : {}),
  };
}

/** A figure the vendor (or, with unverified, a third party quoting it) publishes. */
export const vendor = (value: number, unit: string, sources: Source[], extra: Extra = {}) =>
  fig('vendor', value, unit, sources, extra);
/** A figure someone measured (a benchmark run). */
export const measured = (value: number, unit: string, sources: Source[], extra: Extra = {}) =>
  fig('measured', value, unit, sources, extra);
/** A figure computed from others; `how` states the computation. */
export const derived = (value: number, unit: string, how: string, sources: Source[], extra: Extra = {}) =>
  fig('derived', value, unit, sources, { ...extra, derivation: how });
