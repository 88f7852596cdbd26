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
    title:
      'MLPerf Tiny v1.0, NUCLEO_H7A3ZI_Q_system_description.json ("SoC Memory capacity": "1.19MB" RAM; "SoC storage capacity": "2MB" Flash)',
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
  // RAM of the phones and boards (issue 17, part 2). Google and Apple publish no RAM figure that
  // the stored sources hold; the LineageOS wiki's device files and press reports of benchmark or
  // Xcode listings are third-party, so every figure citing them is flagged unverified.
  LINEAGE_SAILFISH: {
    title: 'LineageOS wiki, _data/devices/sailfish.yml (Google Pixel: "ram: 4 GB"; third-party)',
    url: 'https://github.com/LineageOS/lineage_wiki/blob/39fc4209e13c2c3d87148ba923cc9d7d296c455f/_data/devices/sailfish.yml',
  },
  LINEAGE_WALLEYE: {
    title: 'LineageOS wiki, _data/devices/walleye.yml (Google Pixel 2: "ram: 4 GB"; third-party)',
    url: 'https://github.com/LineageOS/lineage_wiki/blob/01ecbb5b6eaac0bc8e1168353742b4ae54c5c584/_data/devices/walleye.yml',
  },
  LINEAGE_BLUELINE: {
    title: 'LineageOS wiki, _data/devices/blueline.yml (Google Pixel 3: "ram: 4 GB"; third-party)',
    url: 'https://github.com/LineageOS/lineage_wiki/blob/002b9c316858381a82186ef17f85cf957615ed5a/_data/devices/blueline.yml',
  },
  LINEAGE_FLAME: {
    title: 'LineageOS wiki, _data/devices/flame.yml (Google Pixel 4: "ram: 6 GB"; third-party)',
    url: 'https://github.com/LineageOS/lineage_wiki/blob/39fc4209e13c2c3d87148ba923cc9d7d296c455f/_data/devices/flame.yml',
  },
  IPHONE_XS_GEEKBENCH: {
    title: 'gizbot.com, iPhone XS / XS Max RAM from Geekbench listings ("comes with 4 GB of RAM"; third-party)',
    url: 'https://www.gizbot.com/mobile/news/apple-iphone-xs-iphone-xs-max-ram-battery-benchmark-details-054033.html',
  },
  IPHONE15PRO_XCODE: {
    title: 'Gadgets 360, iPhone 15 Pro RAM from files in the Xcode 15 release candidate ("8GB of RAM"; third-party)',
    url: 'https://www.gadgets360.com/mobiles/news/iphone-15-pro-max-specifications-8gb-ram-apple-memory-upgrade-4388196',
  },
  MLPERF_MOBILE_SD8G3: {
    title:
      'MLPerf Mobile v4.0, closed/Qualcomm_Innovation_Center/systems/SD8G3.json ("DRAM": "2xLPDDr5 12+12GB", "Phone summary": "Vivo IQOO 12")',
    url: 'https://github.com/mlcommons/mobile_results_v4.0/blob/3e6d7f00f80b8e666e8df51a00988157fff8d212/closed/Qualcomm_Innovation_Center/systems/SD8G3.json',
  },
  IQOO12_PRESS: {
    title: 'The Mobile Indian, iQOO 12 specifications ("up to 16GB LPDDR5x RAM"; third-party)',
    url: 'https://www.themobileindian.com/picture-story/confirmed-list-smartphones-launching-in-november-2023',
  },
  RPI_MODELS: {
    title:
      'Raspberry Pi documentation, computers/raspberry-pi/introduction.adoc (memory per model: Pi 4 1/2/4/8 GB, Pi 5 1/2/4/8/16 GB)',
    url: 'https://github.com/raspberrypi/documentation/blob/7b2ec07b505295d3d5c40c6c28024d60f6ad3669/documentation/asciidoc/computers/raspberry-pi/introduction.adoc',
  },
  RADXA_ROCK5B: {
    title:
      'Radxa docs, rock5/rock5b/getting-started/introduction.md (ROCK 5B: 4/8/16 GB 64-bit LPDDR4; ROCK 5B+: 4/8/16/32 GB LPDDR5)',
    url: 'https://github.com/radxa-docs/docs/blob/3fb6755bd441d2b79bcb021ec0cdd736c833844b/docs/rock5/rock5b/getting-started/introduction.md',
  },
  OPI5_REVIEW: {
    title: 'geerlingguy/sbc-reviews issue #5, Orange Pi 5 (neofetch "Memory: 172MiB / 3921MiB", a 4 GB board)',
    url: 'https://github.com/geerlingguy/sbc-reviews/issues/5',
  },
  OPENVINO_BENCH_2020_4: {
    title:
      'OpenVINO 2020.4 performance benchmarks page (Neural Compute Stick 2: "1 X Intel® Movidius™ Myriad™ X MA2485")',
    document:
      'openvinotoolkit/openvino, docs/benchmarks/performance_benchmarks.md (2020.4 release text), "Accelerator Inference Engines" table',
  },
  MYRIADX_MA2485: {
    title:
      'Assured Systems FAQ, Movidius Myriad X ("the MA2485, which integrates 4 gigabits of in-package LPDDR4 memory"; third-party)',
    url: 'https://assured-systems.com/faq/what-is-a-movidius-myriad-x-vision-processing-unit',
  },
  // Host CPUs of the accelerators and the i.MX 93 (issue 17, "Will it run here?"). Press pages and
  // microarchitecture analyses are third-party: figures citing them are flagged unverified.
  SD8G3_CPU: {
    title:
      'trendgrnd.com, Snapdragon 8 Gen 3 specs as announced by Qualcomm (Kryo CPU: 1× Cortex-X4 @ 3.3 GHz, 3× A720 @ 3.2 GHz, 2× A720 @ 3.0 GHz, 2× A520 @ 2.3 GHz; third-party relay)',
    url: 'https://trendgrnd.com/qualcomms-snapdragon-8-gen-3-infuses-high-performance-ai-for-upcoming-flagship-smartphones/',
  },
  ARM_A720_SOG: {
    title:
      'Arm Cortex-A720 Software Optimization Guide (two 128-bit FP FMLA per cycle, as a third-party benchmark write-up quotes it; the guide itself was not read here)',
    url: 'https://documentation-service.arm.com/static/65f1692987f147198672973b',
  },
  FIRESTORM_TABLES: {
    title:
      "Dougall Johnson, Apple Firestorm microarchitecture tables (reverse-engineered: four 128-bit FP/SIMD FMA pipes in Apple's A14/M1 performance core; third-party)",
    url: 'https://dougallj.github.io/applecpu/firestorm.html',
  },
  A17_CLOCKS: {
    title:
      'Grokipedia, Apple A17 Pro (2× "Everest" performance cores up to 3.78 GHz, 4× "Sawtooth" efficiency cores up to 2.11 GHz; third-party)',
    url: 'https://grokipedia.com/page/Apple_A17',
  },
  ANANDTECH_A12: {
    title:
      'AnandTech, "The iPhone XS & XS Max Review", page 3 (measured A12 clocks: 2 Vortex at 2380 MHz and 4 Tempest at 1538 MHz with all six cores loaded)',
    url: 'https://www.anandtech.com/show/13392/the-iphone-xs-xs-max-review-unveiling-the-silicon-secrets/3',
  },
  K210_DATASHEET: {
    title: 'Canaan, Kendryte K210 Datasheet (dual-core 64-bit RISC-V processor; KPU, 8 MB SRAM)',
    url: 'https://www.manualshelf.com/manual/seeed-studio/114991695/datasheet-english.html',
  },
  K210_RUSTSBI: {
    title:
      'RustSBI, platform/k210/README.md ("a dual-core RISC-V RV64GC chip … can speed up to 400MHz"; RV64GC includes the F and D floating-point extensions)',
    url: 'https://git.mirrors.dragonos.org.cn/DragonOS-Community/rustsbi/src/fc77821ca656a83ff612dc0ccbe152c5ff525b47/platform/k210/README.md',
  },
  NXP_VELA_IMX93: {
    title:
      'NXP\'s Vela fork, ethosu/vela/vela.py: Imx93ArchitectureFeatures (core_clock 1e9, accelerator ethos-u65-256, "SRAM (16 GB/s) and DRAM (3.75 GB/s)", arena_cache_size 384 * 1024)',
    url: 'https://github.com/nxp-imx/ethos-u-vela/blob/a6f65663db123c131cdd12aab6aad9a50470d5c0/ethosu/vela/vela.py',
  },
  NXP_VELA_ARCH: {
    title:
      "NXP's Vela fork, ethosu/vela/architecture_features.py (Ethos_U65_256: ArchitectureConfig(macs=256, cores=1))",
    url: 'https://github.com/nxp-imx/ethos-u-vela/blob/a6f65663db123c131cdd12aab6aad9a50470d5c0/ethosu/vela/architecture_features.py',
  },
  MAAXBOARD_OSM93: {
    title:
      'Hackster.io, Getting started with ML on the MaaXBoard OSM93 (i.MX 93: "The 0.5 TOPs NPU", Vela; Avnet/Tria)',
    url: 'https://hackster.io/monica/getting-started-with-machine-learning-on-the-maaxboard-osm93-c2d041',
  },
  ZEPHYR_IMX93_EVK: {
    title:
      'Zephyr, boards/nxp/imx93_evk/doc/index.rst (MCIMX93-EVK: "RAM: 2GB LPDDR4"; 2× Cortex-A55, "Cortex-A55 Core runs up to 1.7 GHz")',
    url: 'https://github.com/zephyrproject-rtos/zephyr/blob/684bc3b5ab983103d02a99f65850bda93d627644/boards/nxp/imx93_evk/doc/index.rst',
  },
  NXP_IMX93_DDR: {
    title:
      'NXP Community, i.MX 93 LPDDR4/4X memory selection (i.MX 93: max data bus width 16-bit, max density 16 Gb = 2 GB)',
    url: 'https://community.nxp.com/t5/i-MX-Processors-Knowledge-Base/tkb-p/imx-processors%40tkb/label-name/product%3A%20i.mx%2093',
  },
  UBOOT_IMX93W: {
    title:
      'U-Boot mailing list, "i.MX93W EVK" patch (the board reuses the i.MX93 11x11 EVK and "uses the LPDDR4X 3600MTS timing tables")',
    url: 'https://www.mail-archive.com/u-boot@lists.u-boot-project.org/msg01400.html',
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

/**
 * A single-board computer's DRAM. Boards are sold in several sizes; FlopLab counts the 4 GB board for
 * each (Raspberry Pi 4, Raspberry Pi 5, the RK3588 boards) because every one of them is sold with
 * 4 GB, so their verdicts compare alike and none is credited with its largest option.
 */
export const board4GiB = (variants: string, sources: Source[], extra: Extra = {}) =>
  derived(4294.967296, 'MB', `the 4 GB board (sold with ${variants}) read as 4 GiB = 4,294,967,296 B`, sources, {
    ...extra,
    note:
      'FlopLab counts the 4 GB board, a size every single-board computer here is sold in; a larger board holds more. ' +
      'The DRAM is shared with Linux and everything else the board runs.' +
      (extra.note ? ` ${extra.note}` : ''),
  });
