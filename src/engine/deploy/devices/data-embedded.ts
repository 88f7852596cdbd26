/** Single-board computers and microcontrollers. Figures and labels from shared/reference/devices.md unless marked ASSUMED. */
import type { Device } from './schema';
import { board4GiB, derived, measured, SRC, vendor } from './sources';

const G = 'GOP/s';
const BW = 'GB/s';

export const EMBEDDED_DEVICES: Device[] = [
  {
    id: 'rpi4-cpu',
    name: 'Raspberry Pi 4 (BCM2711, 4× Cortex-A72 1.5 GHz)',
    category: 'sbc-cpu',
    peak: {
      fp32: derived(
        48,
        G,
        '4 cores × 1.5 GHz × 8 FLOP/cycle (assumed); HPL FP64 measured 11.43 GFLOPS on a CM4',
        [SRC.A32],
        {
          unverified: true,
        },
      ),
      int8: derived(96, G, '2 × FP32 (no dot-product instructions on the A72)', [SRC.A32], { unverified: true }),
    },
    memoryBandwidth: derived(12.8, BW, 'LPDDR4-3200 × 32-bit ÷ 8', [SRC.A32], { unverified: true }),
    power: measured(7.2, 'W', [SRC.A33], { note: 'under HPL, 1.8 GHz board; idle 1.6 W' }),
    ram: board4GiB('1, 2, 4 or 8 GB', [SRC.RPI_MODELS]),
    setup: 'TFLite / ONNX Runtime, 4 threads; no calibration row yet',
  },
  {
    id: 'rpi5-cpu',
    name: 'Raspberry Pi 5 (BCM2712, 4× Cortex-A76 2.4 GHz)',
    category: 'sbc-cpu',
    peak: {
      fp32: derived(
        153.6,
        G,
        '4 cores × 2.4 GHz × 16 FLOP/cycle (assumed); HPL FP64 measured 30.25 GFLOPS',
        [SRC.A35, SRC.A36],
        {
          unverified: true,
        },
      ),
      fp16: derived(307.2, G, '2 × FP32 (ARMv8.2 FP16 arithmetic)', [SRC.A35], { unverified: true }),
      int8: derived(614.4, G, '4 × FP32 (ARMv8.2 SDOT)', [SRC.A35], { unverified: true }),
    },
    memoryBandwidth: derived(
      17.1,
      BW,
      'LPDDR4X-4267 × 32-bit ÷ 8; tinymembench measured a 5.5–6.2 GB/s C copy',
      [SRC.A35],
      {
        unverified: true,
      },
    ),
    power: measured(11, 'W', [SRC.A36], { note: 'under HPL' }),
    ram: board4GiB('1, 2, 4, 8 or 16 GB', [SRC.RPI_MODELS]),
    setup: 'TFLite / ONNX Runtime, 4 threads; no calibration row yet',
  },
  {
    id: 'stm32h7',
    name: 'STM32H7A3 (Cortex-M7 at 280 MHz, as in MLPerf Tiny v1.0)',
    category: 'mcu',
    peak: {
      fp32: derived(
        0.56,
        G,
        '280 MHz (the STM32H7A3ZIT6Q of the MLPerf Tiny system file) × 1 FMA/cycle × 2 (assumed 1 FMA/cycle for the Cortex-M7)',
        [SRC.B7SYS, SRC.B7],
        {
          unverified: true,
        },
      ),
      int8: derived(1.12, G, '280 MHz × 2 int8 MAC/cycle (16-bit SIMD SMLAD) × 2', [SRC.B7SYS, SRC.B7], {
        unverified: true,
      }),
    },
    memoryBandwidth: derived(2.24, BW, '64-bit AXI SRAM bus × 280 MHz ÷ 8 (assumed)', [SRC.ASSUMED], {
      unverified: true,
    }),
    onChipMemory: vendor(1.19, 'MB', [SRC.B7SYS], { note: 'RAM of the STM32H7A3ZIT6Q, as the system file writes it' }),
    ram: vendor(1.19, 'MB', [SRC.B7SYS], { note: 'as the MLPerf Tiny system file writes it ("1.19MB", RAM)' }),
    flash: derived(2.097152, 'MB', '2 MB of flash as the system file writes it, read as 2 MiB = 2,097,152 B', [
      SRC.B7SYS,
    ]),
    power: derived(
      0.2,
      'W',
      '≈0.1–0.3 W (reference row 22, unverified; no STM32H7A3 power figure found)',
      [SRC.ASSUMED],
      {
        unverified: true,
      },
    ),
    setup: 'X-CUBE-AI 7.3, MLPerf Tiny v1.0 closed division (STMicroelectronics)',
  },
  {
    id: 'esp32-s3',
    name: 'Espressif ESP32-S3 (2× Xtensa LX7, 240 MHz)',
    category: 'mcu',
    peak: {
      fp32: derived(0.96, G, '2 cores × 240 MHz × 1 FMA/cycle × 2 (assumed)', [SRC.A40], { unverified: true }),
      int8: derived(7.68, G, '2 cores × 240 MHz × 16 int8 MAC/cycle (128-bit SIMD assumed)', [SRC.A40], {
        unverified: true,
      }),
    },
    memoryBandwidth: derived(3.84, BW, '128-bit SRAM access × 240 MHz ÷ 8 (assumed)', [SRC.ASSUMED], {
      unverified: true,
    }),
    onChipMemory: vendor(0.5, 'MB', [SRC.A40], { note: '512 KB SRAM; optional PSRAM' }),
    ram: derived(0.524288, 'MB', '512 KB of on-chip SRAM = 524,288 B', [SRC.A40]),
    externalRam: derived(
      8.388608,
      'MB',
      '8 MB octal PSRAM of the DevKitC-1 N8R8 module = 8,388,608 B (other modules: 2 MB or none)',
      [SRC.ESP32S3_DEVKIT],
    ),
    flash: derived(8.388608, 'MB', '8 MB flash of the DevKitC-1 modules = 8,388,608 B', [SRC.ESP32S3_DEVKIT]),
    power: derived(0.35, 'W', '≈0.2–0.5 W (reference row 23, unverified)', [SRC.A40], { unverified: true }),
    setup: 'ESP-DL; no calibration row yet',
  },
  {
    id: 'k210',
    name: 'Kendryte K210 (2× RV64GC 400 MHz + KPU)',
    category: 'mcu',
    peak: {
      int8: vendor(230, G, [SRC.A42], {
        note: '0.23 TOPS (the same page header says 0.2; a CSDN "0.8 TFLOPS" is likely wrong)',
      }),
    },
    memoryBandwidth: derived(6.4, BW, 'on-chip SRAM; assumed 128-bit × 400 MHz ÷ 8', [SRC.ASSUMED], {
      unverified: true,
    }),
    onChipMemory: vendor(8, 'MB', [SRC.A42], { note: '6 MB general + 2 MB KPU' }),
    ram: derived(
      8.388608,
      'MB',
      '8 MB of on-chip SRAM (6 MB general + 2 MB KPU) = 8,388,608 B; the model is loaded into it with its activations',
      [SRC.A42],
      { unverified: true },
    ),
    power: vendor(0.3, 'W', [SRC.A42], { note: 'chip < 0.3 W; ≈1 W with a camera' }),
    setup: 'nncase / KPU; no calibration row yet',
  },
];
