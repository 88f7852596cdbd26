/**
 * The CPUs accelerators fall back to (issue 17, "Will it run here?"): placement/index.ts's
 * HOST_OF_DEVICE runs an accelerator's unsupported ops on one of these, and the NXP i.MX 93, whose
 * Ethos-U65 NPU is what the Ethos-U rule table (placement/ethos-u.ts, NXP's Vela mirror) places on.
 *
 * A CPU's peak is Σ cores × clock × FP32 FLOP per cycle over its clusters (HOST_CLUSTERS below, read
 * back by tests/unit/latency/hosts.test.ts). Clocks are the vendor's (relayed by the press) or
 * AnandTech's measurement; FLOP per cycle comes from an optimisation guide as quoted, a
 * reverse-engineered table, or FlopLab's assumption — every peak is therefore flagged unverified.
 * Memory bandwidth and RAM are the same phone's or chip's figures the accelerator device already
 * cites (one figure object, so the two can never disagree).
 */
import type { Device, Source } from './schema';
import { PHONE_DEVICES } from './data-phone';
import { EMBEDDED_DEVICES } from './data-embedded';
import { derived, SRC, vendor } from './sources';

const G = 'GOP/s';

export interface Cluster {
  readonly label: string;
  readonly cores: number;
  readonly ghz: number;
  /** FP32 FLOP per cycle per core (an FMA counts 2). */
  readonly flop: number;
  /** Where the FLOP-per-cycle figure comes from, in words. */
  readonly why: string;
  readonly sources: readonly Source[];
}

export interface HostCpu {
  readonly clusters: readonly Cluster[];
  /** ARMv8.2 FP16 arithmetic: FP16 peak = 2 × FP32. */
  readonly fp16: boolean;
  /** INT8 peak ÷ FP32 peak: 4 with dot-product instructions (SDOT), 2 without; 0 = no INT8 figure. */
  readonly int8: 0 | 2 | 4;
  readonly int8Why?: string;
}

const SOG_A720 = 'two 128-bit FMLA per cycle, Cortex-A720 Software Optimization Guide as quoted';
const A520 =
  'assumed: in-order core sharing its vector unit with the other core of its pair, counted like an A55 (data-ncnn.ts)';
const FIRESTORM = "four 128-bit FMA pipes, as measured on Apple's A14/M1 performance core";

/** The clusters of each host CPU; the peaks below are computed from them. */
export const HOST_CLUSTERS: Readonly<Record<string, HostCpu>> = {
  'sd8g3-cpu': {
    clusters: [
      {
        label: 'Cortex-X4',
        cores: 1,
        ghz: 3.3,
        flop: 32,
        why: 'assumed: four 128-bit FMA pipes, as the X1–X3 (the Cortex-X4 Software Optimization Guide was not read)',
        sources: [SRC.SD8G3_CPU, SRC.ASSUMED],
      },
      { label: 'Cortex-A720', cores: 3, ghz: 3.2, flop: 16, why: SOG_A720, sources: [SRC.SD8G3_CPU, SRC.ARM_A720_SOG] },
      { label: 'Cortex-A720', cores: 2, ghz: 3.0, flop: 16, why: SOG_A720, sources: [SRC.SD8G3_CPU, SRC.ARM_A720_SOG] },
      { label: 'Cortex-A520', cores: 2, ghz: 2.3, flop: 4, why: A520, sources: [SRC.SD8G3_CPU, SRC.ASSUMED] },
    ],
    fp16: true,
    int8: 4,
    int8Why: 'Armv9.2 cores with SDOT',
  },
  'apple-a17-cpu': {
    clusters: [
      {
        label: 'Everest (P)',
        cores: 2,
        ghz: 3.78,
        flop: 32,
        why: `${FIRESTORM}; assumed unchanged in the A17 Pro's core`,
        sources: [SRC.A17_CLOCKS, SRC.FIRESTORM_TABLES],
      },
      {
        label: 'Sawtooth (E)',
        cores: 4,
        ghz: 2.11,
        flop: 16,
        why: 'assumed: two 128-bit FMA pipes (no published figure found)',
        sources: [SRC.A17_CLOCKS, SRC.ASSUMED],
      },
    ],
    fp16: true,
    int8: 4,
    int8Why: 'SDOT (Armv8.4 dot product, in Apple cores since the A13; assumed for the A17 Pro)',
  },
  'apple-a12-cpu': {
    clusters: [
      {
        label: 'Vortex (P)',
        cores: 2,
        ghz: 2.38,
        flop: 24,
        why: `assumed: three 128-bit FMA pipes, one fewer than Apple's later core (${FIRESTORM})`,
        sources: [SRC.ANANDTECH_A12, SRC.FIRESTORM_TABLES, SRC.ASSUMED],
      },
      {
        label: 'Tempest (E)',
        cores: 4,
        ghz: 1.538,
        flop: 8,
        why: 'assumed: one 128-bit FMA pipe (no published figure found)',
        sources: [SRC.ANANDTECH_A12, SRC.ASSUMED],
      },
    ],
    fp16: true,
    int8: 2,
    int8Why: 'no dot-product instructions before the A13 (Armv8.4)',
  },
  'k210-cpu': {
    clusters: [
      {
        label: 'RV64GC',
        cores: 2,
        ghz: 0.4,
        flop: 2,
        why: 'assumed: one FMADD.S per cycle per core (the F/D extensions of RV64GC; no throughput published)',
        sources: [SRC.K210_DATASHEET, SRC.K210_RUSTSBI, SRC.ASSUMED],
      },
    ],
    fp16: false,
    int8: 0,
  },
  'imx93-cpu': {
    clusters: [
      {
        label: 'Cortex-A55',
        cores: 2,
        ghz: 1.7,
        flop: 4,
        why: 'assumed for an in-order Armv8.2 core with SDOT, as the Cortex-A55 rows of data-ncnn.ts',
        sources: [SRC.ZEPHYR_IMX93_EVK, SRC.ASSUMED],
      },
    ],
    fp16: true,
    int8: 4,
    int8Why: 'Armv8.2 SDOT',
  },
};

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Σ cores × GHz × FLOP/cycle, in GFLOP/s. */
export const clustersGflops = (cs: readonly Cluster[]): number =>
  r4(cs.reduce((s, c) => s + c.cores * c.ghz * c.flop, 0));

function peaksOf(id: string): Device['peak'] {
  const h = HOST_CLUSTERS[id];
  const fp32 = clustersGflops(h.clusters);
  const terms = h.clusters.map((c) => `${c.cores} × ${c.ghz} GHz × ${c.flop} FLOP/cycle (${c.label}: ${c.why})`);
  const sources = [...new Set(h.clusters.flatMap((c) => c.sources))];
  const fig = (value: number, how: string) => derived(r4(value), G, how, sources, { unverified: true });
  return {
    fp32: fig(fp32, `${terms.join(' + ')} = ${fp32} GFLOP/s`),
    ...(h.fp16 ? { fp16: fig(2 * fp32, `2 × FP32 (ARMv8.2 FP16 arithmetic)`) } : {}),
    ...(h.int8 ? { int8: fig(h.int8 * fp32, `${h.int8} × FP32 (${h.int8Why})`) } : {}),
  };
}

function deviceOf(id: string): Device {
  const d = [...PHONE_DEVICES, ...EMBEDDED_DEVICES].find((x) => x.id === id);
  if (!d) throw new Error(`data-hosts: device ${id} is not in data-phone.ts / data-embedded.ts`);
  return d;
}
const SD8G3 = deviceOf('snapdragon-8gen3-npu');
const A17 = deviceOf('apple-a17-ane');
const XS = deviceOf('iphone-xs-gpu');
const K210 = deviceOf('k210');

const HOST_SETUP = 'no calibration row yet; the CPU placement runs fallback ops on (placement/index.ts)';

// i.MX 93: NXP's Vela fork compiles for it by default (Imx93ArchitectureFeatures), which gives the
// NPU's configuration, clock and the memory figures Vela's own performance model uses.
const IMX93_RAM = () =>
  derived(
    2147.483648,
    'MB',
    '"RAM: 2GB LPDDR4" of the MCIMX93-EVK read as 2 GiB = 2,147,483,648 B',
    [SRC.ZEPHYR_IMX93_EVK, SRC.NXP_IMX93_DDR],
    {
      note: "the EVK's DRAM, also the most the i.MX 93's 16-bit LPDDR4/4X interface takes (NXP); shared with Linux",
    },
  );

export const HOST_DEVICES: Device[] = [
  {
    id: 'sd8g3-cpu',
    name: 'Snapdragon 8 Gen 3 Kryo CPU (1× X4 + 5× A720 + 2× A520), all 8 cores',
    category: 'phone-cpu',
    peak: peaksOf('sd8g3-cpu'),
    memoryBandwidth: SD8G3.memoryBandwidth,
    ...(SD8G3.ram ? { ram: SD8G3.ram } : {}),
    setup: HOST_SETUP,
    notes:
      'Peak over all eight cores; a runtime with fewer threads reaches less. Bandwidth and RAM are those of snapdragon-8gen3-npu (the same SoC and phone).',
  },
  {
    id: 'apple-a17-cpu',
    name: 'Apple A17 Pro CPU (2 P + 4 E cores)',
    category: 'phone-cpu',
    peak: peaksOf('apple-a17-cpu'),
    memoryBandwidth: A17.memoryBandwidth,
    ...(A17.ram ? { ram: A17.ram } : {}),
    setup: HOST_SETUP,
    notes:
      'Apple publishes neither clocks nor per-cycle figures; all six cores counted. Bandwidth and RAM as apple-a17-ane.',
  },
  {
    id: 'apple-a12-cpu',
    name: 'Apple A12 Bionic CPU (2 Vortex + 4 Tempest), iPhone XS',
    category: 'phone-cpu',
    peak: peaksOf('apple-a12-cpu'),
    memoryBandwidth: XS.memoryBandwidth,
    ...(XS.ram ? { ram: XS.ram } : {}),
    setup: HOST_SETUP,
    notes:
      "Clocks are AnandTech's measurement with all six cores loaded (single-core boost 2.5 GHz). Bandwidth and RAM as iphone-xs-gpu.",
  },
  {
    id: 'k210-cpu',
    name: 'Kendryte K210 CPU (2× RV64GC 400 MHz, FPU)',
    category: 'mcu',
    peak: peaksOf('k210-cpu'),
    memoryBandwidth: K210.memoryBandwidth,
    ...(K210.ram ? { ram: K210.ram } : {}),
    setup: `nncase CPU kernels; ${HOST_SETUP}`,
    notes:
      'No INT8 figure: the cores have no SIMD or dot-product extension, so fallback ops are timed at FP32. Bandwidth and SRAM as k210 (the same chip).',
  },
  {
    id: 'imx93-npu',
    name: 'NXP i.MX 93 Ethos-U65 NPU (256 MACs, 1 GHz)',
    category: 'edge-npu',
    peak: {
      int8: derived(
        512,
        G,
        '256 MAC/cycle (ethos-u65-256) × 2 ops × 1 GHz (core_clock 1e9 of Vela\'s i.MX 93 configuration); NXP partners quote "0.5 TOPS"',
        [SRC.NXP_VELA_ARCH, SRC.NXP_VELA_IMX93, SRC.MAAXBOARD_OSM93],
      ),
    },
    memoryBandwidth: vendor(3.75, 'GB/s', [SRC.NXP_VELA_IMX93], {
      unverified: true,
      note: "the DRAM bandwidth Vela's performance model assumes for the i.MX 93 (16 GB/s SRAM × 0.234375), not a DDR datasheet figure",
    }),
    onChipMemory: derived(
      0.393216,
      'MB',
      'arena_cache_size = 384 × 1024 B of SRAM, the NPU cache Vela plans for the i.MX 93',
      [SRC.NXP_VELA_IMX93],
    ),
    ram: IMX93_RAM(),
    setup: 'NXP eIQ: Vela (NXP fork, ethos-u65-256) and the TFLite Ethos-U delegate; no calibration row yet',
    notes:
      'Vela keeps the weights and the activation arena in DRAM and caches in the 384 KiB of SRAM, so the fit is checked against the DRAM.',
  },
  {
    id: 'imx93-cpu',
    name: 'NXP i.MX 93 CPU (2× Cortex-A55 1.7 GHz), i.MX 93 EVK',
    category: 'sbc-cpu',
    peak: peaksOf('imx93-cpu'),
    memoryBandwidth: derived(7.2, 'GB/s', '16-bit LPDDR4X × 3600 MT/s ÷ 8', [SRC.NXP_IMX93_DDR, SRC.UBOOT_IMX93W], {
      unverified: true,
      note: '3600 MT/s is the timing of the i.MX93W EVK (a variant of the i.MX 93 EVK); the i.MX 93 datasheet rate was not found',
    }),
    ram: IMX93_RAM(),
    setup: `TFLite on Linux, 2 threads; ${HOST_SETUP}`,
  },
];
