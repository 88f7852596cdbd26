/** Phone CPUs, GPUs and NPUs. Figures and labels from shared/reference/devices.md unless marked ASSUMED. */
import type { Device } from './schema';
import { derived, measured, SRC, vendor } from './sources';

const G = 'GOP/s';
const BW = 'GB/s';

// Snapdragon 845 (Pixel 3): LPDDR4X-1866, 4×16-bit — the reference's row 1 labels it unverified.
const SD845_BW = () =>
  derived(29.9, BW, 'LPDDR4X at 1866 MHz (3733 MT/s) × 64-bit bus ÷ 8', [SRC.A1], {
    unverified: true,
    note: 'shared by CPU and GPU',
  });
const SD855_BW = () => vendor(34.1, BW, [SRC.A3], { note: 'LPDDR4X-4266, 4×16-bit; shared by CPU and GPU' });
const SD845_CORE = 22.15;

// Phone DRAM is the whole phone's, shared with the OS and every other app; how much one app may
// take is the OS's decision and not a published figure, so the verdict compares with the whole.
const PHONE_SHARE =
  "the phone's whole DRAM, shared with the OS and other apps: a model gets only part of it (how much is the OS's decision, not published)";
// Spec sheets write binary sizes ("4 GB" = 4 GiB); MB here is 10^6 bytes.
const PIXEL3_RAM = () =>
  derived(4294.967296, 'MB', '"ram: 4 GB" read as 4 GiB = 4,294,967,296 B', [SRC.LINEAGE_BLUELINE], {
    unverified: true,
    note: PHONE_SHARE,
  });
const PIXEL4_RAM = () =>
  derived(6442.450944, 'MB', '"ram: 6 GB" read as 6 GiB = 6,442,450,944 B', [SRC.LINEAGE_FLAME], {
    unverified: true,
    note: PHONE_SHARE,
  });

export const PHONE_DEVICES: Device[] = [
  {
    id: 'pixel1-cpu-1core',
    name: 'Google Pixel (Snapdragon 821), 1 large Kryo core',
    category: 'phone-cpu',
    peak: {
      fp32: derived(17.2, G, '2.15 GHz × 8 FP32 FLOP/cycle (two 128-bit NEON FMA pipes assumed)', [SRC.ASSUMED], {
        unverified: true,
      }),
      int8: derived(
        34.4,
        G,
        '2 × FP32 (16-bit widening multiply-accumulate; no dot-product instructions on ARMv8.0)',
        [SRC.ASSUMED],
        {
          unverified: true,
        },
      ),
    },
    memoryBandwidth: derived(29.9, BW, 'LPDDR4 at 1866 MHz × 64-bit bus ÷ 8', [SRC.ASSUMED], { unverified: true }),
    power: derived(5, 'W', 'phone SoC power budget, as for the Snapdragon 845 row', [SRC.ASSUMED], {
      unverified: true,
    }),
    ram: derived(4294.967296, 'MB', '"ram: 4 GB" read as 4 GiB = 4,294,967,296 B', [SRC.LINEAGE_SAILFISH], {
      unverified: true,
      note: PHONE_SHARE,
    }),
    setup: 'TFLite, one large core (tensorflow/models MobileNetV2 README timings)',
  },
  {
    id: 'pixel2-cpu-1core',
    name: 'Google Pixel 2 (Snapdragon 835), 1 large Kryo 280 core',
    category: 'phone-cpu',
    peak: {
      fp32: derived(19.6, G, '2.45 GHz × 8 FP32 FLOP/cycle (Cortex-A73-class core; assumed)', [SRC.ASSUMED], {
        unverified: true,
      }),
      int8: derived(39.2, G, '2 × FP32 (no dot-product instructions on ARMv8.0)', [SRC.ASSUMED], { unverified: true }),
    },
    memoryBandwidth: derived(29.9, BW, 'LPDDR4X at 1866 MHz × 64-bit bus ÷ 8', [SRC.ASSUMED], { unverified: true }),
    power: derived(5, 'W', 'phone SoC power budget, as for the Snapdragon 845 row', [SRC.ASSUMED], {
      unverified: true,
    }),
    ram: derived(4294.967296, 'MB', '"ram: 4 GB" read as 4 GiB = 4,294,967,296 B', [SRC.LINEAGE_WALLEYE], {
      unverified: true,
      note: PHONE_SHARE,
    }),
    setup: 'TFLite, one large core (MobileNetV3 paper, Table 3)',
  },
  {
    id: 'pixel3-cpu-1core',
    name: 'Google Pixel 3 (Snapdragon 845), 1 large Kryo 385 core',
    category: 'phone-cpu',
    peak: {
      fp32: measured(SD845_CORE, G, [SRC.A1], {
        note: 'single-thread FMLA v.4s loop; an achieved peak, not a datasheet value',
      }),
      fp16: derived(
        44.3,
        G,
        '2 × the measured FP32 peak (ARMv8.2 FP16 arithmetic, 8 lanes per 128-bit FMA)',
        [SRC.A1],
        {
          unverified: true,
        },
      ),
      int8: derived(
        88.6,
        G,
        '4 × the measured FP32 peak (ARMv8.2 SDOT: 16 int8 MACs per 128-bit instruction)',
        [SRC.A1],
        {
          unverified: true,
        },
      ),
    },
    memoryBandwidth: SD845_BW(),
    power: derived(5, 'W', '≈5 W SoC (reference row 1, unverified)', [SRC.A1], { unverified: true }),
    ram: PIXEL3_RAM(),
    setup: 'TFLite, one large core (MobileNetV3 paper, Table 3)',
  },
  {
    id: 'pixel3-cpu-4t',
    name: 'Google Pixel 3 (Snapdragon 845), 4 threads on the big cores',
    category: 'phone-cpu',
    peak: {
      fp32: derived(4 * SD845_CORE, G, '4 × 22.15 GFLOPS measured per big core', [SRC.A1]),
      fp16: derived(8 * SD845_CORE, G, '2 × the 4-core FP32 figure (ARMv8.2 FP16 arithmetic)', [SRC.A1], {
        unverified: true,
      }),
      int8: derived(16 * SD845_CORE, G, '4 × the 4-core FP32 figure (ARMv8.2 SDOT)', [SRC.A1], { unverified: true }),
    },
    memoryBandwidth: SD845_BW(),
    power: derived(5, 'W', '≈5 W SoC (reference row 1, unverified)', [SRC.A1], { unverified: true }),
    ram: PIXEL3_RAM(),
    setup: 'TFLite benchmark_model, 4 threads, Android 10 (TFLite performance benchmarks page)',
  },
  {
    id: 'pixel4-cpu-4t',
    name: 'Google Pixel 4 (Snapdragon 855), 4 threads on the Cortex-A76 cores',
    category: 'phone-cpu',
    peak: {
      fp32: derived(
        161,
        G,
        '(2.84 + 3 × 2.42) GHz × 16 FLOP/cycle (two 128-bit FMA pipes; the 16 FLOP/cycle is assumed)',
        [SRC.A3],
        {
          unverified: true,
        },
      ),
      fp16: derived(322, G, '2 × FP32 (ARMv8.2 FP16 arithmetic)', [SRC.A3], { unverified: true }),
      int8: derived(644, G, '4 × FP32 (ARMv8.2 SDOT)', [SRC.A3], { unverified: true }),
    },
    memoryBandwidth: SD855_BW(),
    power: derived(5, 'W', '≈5 W SoC (reference row 3, unverified)', [SRC.A3], { unverified: true }),
    ram: PIXEL4_RAM(),
    setup: 'TFLite benchmark_model, 4 threads, Android 10 (TFLite performance benchmarks page)',
  },
  {
    id: 'pixel3-gpu',
    name: 'Google Pixel 3 GPU (Adreno 630)',
    category: 'phone-gpu',
    peak: {
      fp32: derived(
        727,
        G,
        '512 ALUs × 2 FLOP × ≈710 MHz; 512 ALUs from "Adreno 640 has 50% more ALUs" and 768 on the 640; the clock is assumed',
        [SRC.A2, SRC.A3],
        {
          unverified: true,
        },
      ),
      fp16: derived(1454, G, '2 × FP32 (packed FP16)', [SRC.A2], { unverified: true }),
    },
    memoryBandwidth: SD845_BW(),
    ram: PIXEL3_RAM(),
    setup: 'TFLite GPU delegate, Android 10 (TFLite performance benchmarks page)',
  },
  {
    id: 'pixel4-gpu',
    name: 'Google Pixel 4 GPU (Adreno 640)',
    category: 'phone-gpu',
    peak: {
      fp32: vendor(1036.8, G, [SRC.A3], { note: '768 ALUs at 675 MHz; 898.5 at 585 MHz' }),
      fp16: derived(2073.6, G, '2 × FP32 (packed FP16)', [SRC.A3], { unverified: true }),
    },
    memoryBandwidth: SD855_BW(),
    ram: PIXEL4_RAM(),
    setup: 'TFLite GPU delegate, Android 10 (TFLite performance benchmarks page)',
  },
  {
    id: 'iphone-xs-gpu',
    name: 'Apple iPhone XS GPU (A12 Bionic, 4-core GPU)',
    category: 'phone-gpu',
    peak: {
      fp32: derived(
        563,
        G,
        '4 cores × 64 FP32 lanes × 2 FLOP × 1.1 GHz (core width and clock assumed)',
        [SRC.ASSUMED],
        {
          unverified: true,
        },
      ),
      fp16: derived(1126, G, '2 × FP32 (assumed)', [SRC.ASSUMED], { unverified: true }),
    },
    memoryBandwidth: derived(34.1, BW, 'LPDDR4X-4266 × 64-bit ÷ 8 (assumed memory type)', [SRC.ASSUMED], {
      unverified: true,
    }),
    ram: derived(
      4294.967296,
      'MB',
      '4 GB (Geekbench listings, as reported) read as 4 GiB = 4,294,967,296 B',
      [SRC.IPHONE_XS_GEEKBENCH],
      { unverified: true, note: `Apple does not publish iPhone RAM; ${PHONE_SHARE}` },
    ),
    setup: 'TFLite GPU delegate (Metal), TFLite performance benchmarks page',
  },
  {
    id: 'snapdragon-8gen3-npu',
    name: 'Snapdragon 8 Gen 3 Hexagon NPU',
    category: 'phone-npu',
    peak: {
      int8: vendor(45000, G, [SRC.A5], {
        unverified: true,
        note: 'third-party figure; Qualcomm publishes only "+98 %"; an upper bound of unstated precision',
      }),
      fp16: derived(22500, G, '½ × the INT8 figure (assumed)', [SRC.A5], { unverified: true }),
    },
    memoryBandwidth: vendor(76.8, BW, [SRC.A5, SRC.A6], {
      unverified: true,
      note: 'third-party; LPDDR5X up to 4800 MHz',
    }),
    power: derived(8, 'W', 'upper end of ≈5–8 W sustained (reference row 6, unverified)', [SRC.A6], {
      unverified: true,
    }),
    ram: derived(
      12884.901888,
      'MB',
      'the system file\'s "12+12GB" counted as 12 GB of DRAM, read as 12 GiB = 12,884,901,888 B',
      [SRC.MLPERF_MOBILE_SD8G3, SRC.IQOO12_PRESS],
      {
        unverified: true,
        note:
          'RAM of the phone in the MLPerf Mobile v4.0 submission (vivo iQOO 12), not of the SoC. The file does not say what "+12GB" is; 24 GB would exceed the "up to 16GB" the press lists for the iQOO 12, so only the first 12 GB is counted (the smaller reading, never overstated). ' +
          PHONE_SHARE,
      },
    ),
    setup: 'Qualcomm Neural Processing SDK (MLPerf Mobile v4.0 system); no calibration row yet',
  },
  {
    id: 'apple-a17-ane',
    name: 'Apple A17 Pro 16-core Neural Engine',
    category: 'phone-npu',
    peak: {
      int8: vendor(35000, G, [SRC.A10], {
        unverified: true,
        note: '"35 TOPS"; Apple does not state the precision (the A16 said 17 TOPS, probably FP16)',
      }),
      fp16: derived(17500, G, '½ × the 35 TOPS figure (assumes the figure counts INT8)', [SRC.A10], {
        unverified: true,
      }),
    },
    memoryBandwidth: vendor(51.2, BW, [SRC.A8], { unverified: true, note: 'third-party spec table, LPDDR5' }),
    ram: derived(
      8589.934592,
      'MB',
      '8 GB (files in the Xcode 15 release candidate, as reported) read as 8 GiB = 8,589,934,592 B',
      [SRC.IPHONE15PRO_XCODE],
      {
        unverified: true,
        note: `RAM of the iPhone 15 Pro / Pro Max, the phones with the A17 Pro; Apple does not publish it. ${PHONE_SHARE}`,
      },
    ),
    setup: 'Core ML on the Neural Engine; no calibration row yet',
  },
];
