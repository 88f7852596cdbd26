/** Edge GPUs (Jetson) and accelerators. Figures and labels from shared/reference/devices.md unless marked ASSUMED. */
import type { Device } from './schema';
import { board4GiB, derived, measured, SRC, vendor } from './sources';

const G = 'GOP/s';
const BW = 'GB/s';

/** Accelerators whose on-chip bandwidth nobody publishes get a placeholder; calibration absorbs it. */
const onChipPlaceholder = (value: number, what: string) =>
  derived(
    value,
    BW,
    `placeholder: ${what} is not published; the calibrated memory efficiency absorbs the error`,
    [SRC.ASSUMED],
    {
      unverified: true,
    },
  );

export const EDGE_DEVICES: Device[] = [
  {
    id: 'coral-edgetpu',
    name: 'Google Coral Edge TPU (USB Accelerator)',
    category: 'edge-npu',
    peak: { int8: vendor(4000, G, [SRC.A22]) },
    memoryBandwidth: onChipPlaceholder(32, 'the on-chip SRAM bandwidth'),
    onChipMemory: derived(
      8,
      'MB',
      '"a small amount" of on-chip parameter RAM; 8 MB is the commonly quoted size',
      [SRC.A23],
      {
        unverified: true,
      },
    ),
    hostLink: derived(0.625, BW, 'USB 3.0: 5 Gb/s ÷ 8 bits', [SRC.A22]),
    power: vendor(2, 'W', [SRC.A22], { note: '2 TOPS per watt' }),
    setup: 'USB Accelerator on a desktop host, model execution only (coral.ai benchmarks, Table 1)',
    notes: 'Weights beyond the on-chip memory stream over the USB link on every inference.',
  },
  {
    id: 'jetson-nano',
    name: 'NVIDIA Jetson Nano (4 GB), Maxwell GPU',
    category: 'edge-gpu',
    peak: {
      fp32: derived(236, G, '128 CUDA cores × 2 FLOP × 921 MHz', [SRC.A13]),
      fp16: vendor(472, G, [SRC.A14], {
        note: '"472 GFLOP" quoted without a precision; it equals 2 × FP32, i.e. FP16',
      }),
    },
    memoryBandwidth: vendor(25.6, BW, [SRC.A13], { note: '64-bit LPDDR4' }),
    ram: derived(4294.967296, 'MB', '4 GiB = 4,294,967,296 B ("4GB 64-bit LPDDR4")', [SRC.A13MEM]),
    power: vendor(10, 'W', [SRC.A14, SRC.A15], { note: '5 W and 10 W modes' }),
    setup: 'TensorRT (kentaroy47 benchmark), 10 W mode',
    notes: 'No INT8 support (kentaroy47/benchmark-FP32-FP16-INT8-with-TensorRT).',
  },
  {
    id: 'jetson-xavier-nx',
    name: 'NVIDIA Jetson Xavier NX (8 GB), Volta GPU + 2 DLA',
    category: 'edge-gpu',
    peak: {
      fp32: derived(845, G, '384 CUDA cores × 2 FLOP × 1.1 GHz', [SRC.A13]),
      fp16: derived(1690, G, '2 × FP32; Hugging Face lists 1.69 TFLOPS', [SRC.A13, SRC.A16]),
      int8: vendor(21000, G, [SRC.A17], { note: '21 TOPS at 15 W, GPU + DLA combined (14 TOPS at 10 W)' }),
    },
    memoryBandwidth: vendor(59.7, BW, [SRC.A13], { note: '128-bit LPDDR4x' }),
    ram: derived(8589.934592, 'MB', '8 GiB = 8,589,934,592 B ("8GB 128-bit LPDDR4x")', [SRC.A13MEM]),
    power: vendor(15, 'W', [SRC.A13, SRC.A17], { note: '10 / 15 W modes (20 W per Hugging Face)' }),
    setup: 'TensorRT; no calibration row yet',
  },
  {
    id: 'jetson-orin-nano',
    name: 'NVIDIA Jetson Orin Nano 8 GB, Ampere GPU',
    category: 'edge-gpu',
    peak: {
      fp32: derived(1280, G, '1024 CUDA cores × 2 FLOP × 625 MHz', [SRC.A18]),
      fp16: derived(10000, G, '½ × the dense INT8 figure (tensor cores; assumed ratio)', [SRC.A18], {
        unverified: true,
      }),
      int8: derived(20000, G, '40 sparse TOPS ÷ 2 = dense', [SRC.A18, SRC.A13]),
    },
    memoryBandwidth: vendor(68, BW, [SRC.A13], { note: '102 GB/s in "Super" mode' }),
    ram: derived(8589.934592, 'MB', '8 GiB = 8,589,934,592 B ("8GB 128-bit LPDDR5", Orin Nano Super)', [SRC.A13MEM]),
    power: vendor(15, 'W', [SRC.A13], { note: '7–15 W (Super: up to 25 W)' }),
    setup: 'TensorRT; no calibration row yet',
  },
  {
    id: 'jetson-agx-orin',
    name: 'NVIDIA Jetson AGX Orin 64 GB, Ampere GPU + 2 DLA',
    category: 'edge-gpu',
    peak: {
      fp32: derived(5320, G, '2048 CUDA cores × 2 FLOP × 1.3 GHz', [SRC.A13]),
      fp16: derived(68750, G, '½ × the dense INT8 figure (tensor cores; assumed ratio)', [SRC.A21], {
        unverified: true,
      }),
      int8: derived(137500, G, '275 sparse TOPS ÷ 2 = dense (LLM-Viewer convention)', [SRC.A21, SRC.A13]),
    },
    memoryBandwidth: vendor(204.8, BW, [SRC.A13], { note: '256-bit LPDDR5' }),
    ram: derived(68719.476736, 'MB', '64 GiB = 68,719,476,736 B ("64GB 256-bit LPDDR5")', [SRC.A13MEM]),
    power: vendor(60, 'W', [SRC.A21], { note: '15–60 W' }),
    setup: 'TensorRT; no calibration row yet',
  },
  {
    id: 'hailo-8',
    name: 'Hailo-8 M.2 accelerator',
    category: 'edge-npu',
    peak: { int8: vendor(26000, G, [SRC.A26]) },
    memoryBandwidth: onChipPlaceholder(64, 'the on-chip memory bandwidth (no external DRAM)'),
    power: vendor(2.5, 'W', [SRC.A28], { unverified: true, note: 'third-party: 2.5 W typical, 8.65 W peak' }),
    setup: 'HailoRT; no calibration row yet',
    // No fit verdict: the on-chip memory size is not published. What Hailo says about larger models is kept here.
    notes:
      'No external DRAM: weights live on chip ("RAM is self-contained without the need for external DRAM", CNX interview), ' +
      'and the size of that memory is not published, so FlopLab gives no fit verdict. A network that needs more memory, control ' +
      'or compute than the chip has is split by the Hailo Dataflow Compiler into several contexts, which the HailoRT runtime on ' +
      'the host loads one after another while it runs ("This will allow larger networks to be executed", community.hailo.ai, ' +
      '"Multi context flow", https://community.hailo.ai/t/multi-context-flow/8017).',
  },
  {
    id: 'rk3588-npu',
    name: 'Rockchip RK3588 NPU (Orange Pi 5, Rock 5)',
    category: 'edge-npu',
    peak: {
      int8: vendor(6000, G, [SRC.A29], { note: 'mixed INT4/INT8/INT16/FP16 "6 TOPS"' }),
      fp16: derived(1500, G, '¼ × the INT8 figure (FP16 is supported; its rate is not published; assumed)', [SRC.A29], {
        unverified: true,
      }),
    },
    memoryBandwidth: derived(
      34.1,
      BW,
      '64-bit × 4266 MT/s ÷ 8 (quad-channel ×16 LPDDR4X; speed assumed)',
      [SRC.A29, SRC.A31],
      {
        unverified: true,
        note: 'a single-thread memcpy measured 10.14 GB/s',
      },
    ),
    power: derived(8, 'W', '≈5–10 W board (reference row 19, unverified)', [SRC.A29], { unverified: true }),
    ram: board4GiB('4, 8 or 16 GB on the ROCK 5B, 4 to 32 GB on the ROCK 5B+', [SRC.RADXA_ROCK5B, SRC.OPI5_REVIEW], {
      note: 'An Orange Pi 5 with 4 GB shows 3921 MiB to Linux (third-party review).',
    }),
    setup: 'RKNN toolkit; no calibration row yet',
  },
  {
    id: 'ncs2',
    name: 'Intel Neural Compute Stick 2 (Myriad X VPU)',
    category: 'edge-npu',
    peak: {
      fp16: vendor(1000, G, [SRC.A24], {
        unverified: true,
        note: '"1 TOPS" from the 2 Neural Compute Engines; the precision is not stated (the VPU computes in FP16)',
      }),
    },
    memoryBandwidth: derived(12.8, BW, 'LPDDR4 in package; assumed 32-bit × 3200 MT/s ÷ 8', [SRC.ASSUMED], {
      unverified: true,
    }),
    power: derived(1.5, 'W', '≈1–2 W; the first-generation stick was ≈1 W', [SRC.A25], { unverified: true }),
    ram: derived(
      536.870912,
      'MB',
      '4 Gbit of in-package LPDDR4 on the MA2485 = 2^32 bit = 512 MiB = 536,870,912 B',
      [SRC.OPENVINO_BENCH_2020_4, SRC.MYRIADX_MA2485, SRC.A25],
      {
        unverified: true,
        note: 'The network and its activations live in this DRAM beside the VPU (the first-generation stick loads its graph file "into the DRAM attached to the VPU"); the 4 Gbit for the MA2485 is third-party.',
      },
    ),
    setup: 'OpenVINO (FP16 IR); no calibration row yet',
  },
];

/** A measured memcpy figure kept for reference (not the roofline's roof). */
export const RK3588_MEMCPY = measured(10.14, BW, [SRC.A31], { note: 'single-thread memcpy on an Orange Pi 5' });
