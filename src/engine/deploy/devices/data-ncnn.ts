/**
 * Devices measured by Tencent/ncnn's benchncnn (src/engine/deploy/latency/measurements/ncnn.json):
 * one device per board and CPU setup (threads, big or little cores) or Vulkan GPU, each with its
 * runs in the table. Only setups whose cores are named in the section title (and that therefore
 * have a computable peak) are devices; a CPU run mixing big and little cores is not.
 *
 * Figures: the core count and clock come from the ncnn section title (cited per device). FLOP per
 * cycle per core and the memory bandwidth are FlopLab assumptions (flagged unverified): the fit
 * absorbs a wrong peak into the compute efficiency, which is why the held-out error, not the
 * peak, is what docs/latency.md reports. Vulkan GPUs reuse the figures of the same Jetson in
 * data-edge.ts.
 */
import type { Device, DeviceCategory, Figure } from './schema';
import { derived, SRC } from './sources';
import { EDGE_DEVICES } from './data-edge';

const G = 'GOP/s';

const NCNN_COMMIT = 'a4d2ea1d4422c9e849f166fd7a4aefb52f942f6a';
const NCNN_SRC = (title: string) => ({
  title: `Tencent/ncnn benchmark/README.md, section "${title}"`,
  url: `https://github.com/Tencent/ncnn/blob/${NCNN_COMMIT}/benchmark/README.md`,
});

/**
 * Core classes and the FP32 FLOP per cycle assumed for each (the patterns of data-embedded.ts:
 * 8 for the Raspberry Pi 4's A72, 16 for the Raspberry Pi 5's A76), and the INT8 factor
 * (2 × without dot-product instructions, 4 × with ARMv8.2 SDOT).
 */
const CORES = {
  inorder: { flop: 4, int8: 2, fp16: false, label: 'in-order core without dot product (Cortex-A5/A7/A53 class)' },
  inorder82: { flop: 4, int8: 4, fp16: true, label: 'in-order ARMv8.2 core with SDOT (Cortex-A55 class)' },
  mid: { flop: 8, int8: 2, fp16: false, label: 'out-of-order ARMv7/v8.0 core (Cortex-A17/A57/A72/A73, Kryo class)' },
  big: { flop: 16, int8: 4, fp16: true, label: 'out-of-order ARMv8.2+ core (Cortex-A76 and later, Carmel class)' },
} as const;
type CoreClass = keyof typeof CORES;

/** One benchncnn run setting of a section: the rows of the table that belong to a device. */
export interface NcnnRun {
  readonly section: string;
  readonly threads: number;
  readonly powersave: number;
  /** -1 = CPU, else the Vulkan device index. */
  readonly gpu: number;
}

// Sections as titled in the README (exact strings: the extraction matches them).
const S = {
  sd855p: 'Qualcomm SM8150-AC Snapdragon 855+ (Kyro485 2.96 GHz + 2.42 GHz x 3 + 1.80 GHz x 4 + Adreno 640)',
  sd675: 'Qualcomm MSM6150 Snapdragon 675 (Kyro460 2.0GHz x 2 + Kyro460 1.7GHz x 6 + Adreno 612)',
  kirin970: 'Kirin 970 (Cortex-A73 2.4GHz x 4 + Cortex-A53 1.8GHz x 4)',
  sd835: 'Qualcomm MSM8998 Snapdragon 835 (Kyro 2.45GHz x 4 + Kyro 1.9GHz x 4 + Adreno 540)',
  sd660: 'Qualcomm SDM660 Snapdragon 660 (Kyro260 2.2GHz x 4 + Kyro260 1.84GHz x 4 + Adreno 512)',
  sd821: 'Qualcomm MSM8996 Pro Snapdragon 821 (Kyro 2.35GHz x 2 + Kyro 2.19GHz x 2)',
  sd810: 'Qualcomm MSM8994 Snapdragon 810 (Cortex-A57 2.0GHz x 4 + Cortex-A53 1.55GHz x 4)',
  sd410: 'Qualcomm MSM8916 Snapdragon 410 (Cortex-A53 1.2GHz x 4)',
  sd8g2:
    'Qualcomm SM8550-AB Snapdragon 8 Gen 2 (Kyro 3.20 GHz + 2.8 GHz x 2 + 2.80 GHz x 2 + 2.00 GHz * 3 + Adreno 740)',
  d9300:
    'MediaTek Dimensity 9300 (MT6989) (Cortex-X4 3.25 GHz + 2.85 GHz x 3 + Cortex-A720 2.0 GHz x 4 + Mali-G720-Immortalis MC12)',
  rpi3: 'Raspberry Pi 3 Model B+ Broadcom BCM2837B0, Cortex-A53 (ARMv8) (1.4GHz x 4)',
  rpi4: 'Raspberry Pi 4 Model B Broadcom BCM2711B0, Cortex-A72 (ARMv8) (1.8GHz x 4)',
  rpi5: 'Raspberry Pi 5 Broadcom BCM2712, Cortex-A76 (ARMv8) (2.4GHz x 4)',
  rpiz2: 'Raspberry Pi Zero 2 W Broadcom BCM2710A1, Cortex-A53 (ARMv8) (1.0GHz x 4)',
  bpim2: 'Banana Pi M2 Zero 2 AllWinner H2+, Cortex-A7 (ARMv7-A) (1.2GHz x 4)',
  zero3w: 'Radxa Zero 3W, Cortex-A55 (ARMv82) (1.416 GHz x 4)',
  t527: 'Avaota Aim T527, Allwinner T527 (Cortex-A55 2.2GHz x 4 + Cortex-A55 1.8GHz x 4)',
  vim3: 'Khadas VIM3, Amlogic A311D (Cortex-A73 2.2GHz x 4 + Cortex-A53 1.8GHz x 2)',
  rk3588a: 'Rockchip RK3588 (Cortex-A76 2.4GHz x 4 + Cortex-A55 1.8GHz x 4)',
  rk3588b: 'Rockchip RK3588 (Quad Core A76 2.4GHz + Quad Core A55 1.8GHz)',
  opi5: 'OrangePi5, Rockchip RK3588s (Quad Core A76 2.4GHz + Quad Core A55 1.8GHz)',
  opi5plus: 'OrangePi5 Plus, Rockchip RK3588 (Quad Core A76 2.4GHz + Quad Core A55 1.8GHz)',
  stationP2: 'Station P2, Rockchip RK3568 (Cortex-A55 2.0GHz x 4)',
  rock3a: 'Rock3A, Rockchip RK3568 (Cortex-A55 2.0GHz x 4) ubuntu 20.04',
  opicm4: 'OrangePicm4, Rockchip Rk3566 (Cortex-A55 1.8GHz x 4)',
  rk3399: 'Rockchip RK3399 (Cortex-A72 1.8GHz x 2 + Cortex-A53 1.5GHz x 4)',
  opi4: 'OrangePi4 LTS, Rockchip RK3399 (Cortex-A72 1.8GHz x 2 + Cortex-A53 1.5GHz x 4)',
  opiz2: 'OrangePi Zero 2, Allwinner H616 (Cortex-A53 1.5GHz x 4)',
  rdkx3: 'RDK X3 Module (Cortex-A53 1.5GHz x 4) aarch64',
  r2s: 'NanoPi R2S, Rockchip RK3328 (Cortex-A53 1.3GHz x 4) Armbian focal (21.05.1) aarch64',
  eaidk: 'EAIDK 310, Rockchip RK3228H (Cortex-A53 1.3GHz x 4) fedora-28 aarch64',
  rk3288: 'Rockchip RK3288-CG.W (Cortex-A17 1.8GHz x 4)',
  unoq: 'Arduino UNO Q - QRB2210 (ARM Cortex-A53 @ 2.0GHz x 4)',
  ax630c: 'AXERA AX630C (Cortex-A53 1.2GHz * 2)',
  agxOrin: 'NVIDIA Jetson AGX Orin (Cortex-A78AE 2.2 GHz x 12 + Ampere@1.3 GHz Tensor Cores 64)',
  xavier: 'NVIDIA Jetson AGX Xavier (Carmel 2.2 GHz x 8 + Volta Tensor Cores 64)',
  nano: 'NVIDIA Jetson Nano',
  orinNano: 'NVIDIA Jetson Orin Nano',
} as const;

const n = (k: number, ghz: number) => Array<number>(k).fill(ghz);
type Row = [string, string, string, DeviceCategory, (keyof typeof S)[], number, number, number[], CoreClass];
// [id, name, vendor, category, sections, threads, powersave, clocks of the cores used, core class]
// prettier-ignore
const CPU_ROWS: Row[] = [
  ['sd855p-ncnn-1t', 'Snapdragon 855+, 1 prime Kryo 485 core', 'Qualcomm', 'phone-cpu', ['sd855p'], 1, 2, [2.96], 'big'],
  ['sd855p-ncnn-4t', 'Snapdragon 855+, 4 big Kryo 485 cores', 'Qualcomm', 'phone-cpu', ['sd855p'], 4, 2, [2.96, ...n(3, 2.42)], 'big'],
  ['sd675-ncnn-1t', 'Snapdragon 675, 1 Kryo 460 big core', 'Qualcomm', 'phone-cpu', ['sd675'], 1, 0, [2.0], 'big'],
  ['sd675-ncnn-2t', 'Snapdragon 675, 2 Kryo 460 big cores', 'Qualcomm', 'phone-cpu', ['sd675'], 2, 0, n(2, 2.0), 'big'],
  ['kirin970-ncnn-1t', 'Kirin 970, 1 Cortex-A73 core', 'HiSilicon', 'phone-cpu', ['kirin970'], 1, 2, [2.4], 'mid'],
  ['kirin970-ncnn-4t', 'Kirin 970, 4 Cortex-A73 cores', 'HiSilicon', 'phone-cpu', ['kirin970'], 4, 2, n(4, 2.4), 'mid'],
  ['sd835-ncnn-1t', 'Snapdragon 835, 1 big Kryo 280 core', 'Qualcomm', 'phone-cpu', ['sd835'], 1, 2, [2.45], 'mid'],
  ['sd835-ncnn-4t', 'Snapdragon 835, 4 big Kryo 280 cores', 'Qualcomm', 'phone-cpu', ['sd835'], 4, 2, n(4, 2.45), 'mid'],
  ['sd660-ncnn-1t', 'Snapdragon 660, 1 big Kryo 260 core', 'Qualcomm', 'phone-cpu', ['sd660'], 1, 2, [2.2], 'mid'],
  ['sd821-ncnn-1t', 'Snapdragon 821, 1 Kryo core', 'Qualcomm', 'phone-cpu', ['sd821'], 1, 0, [2.35], 'mid'],
  ['sd821-ncnn-4t', 'Snapdragon 821, 4 Kryo cores', 'Qualcomm', 'phone-cpu', ['sd821'], 4, 0, [2.35, 2.35, 2.19, 2.19], 'mid'],
  ['sd810-ncnn-1t', 'Snapdragon 810, 1 Cortex-A57 core', 'Qualcomm', 'phone-cpu', ['sd810'], 1, 2, [2.0], 'mid'],
  ['sd810-ncnn-4t', 'Snapdragon 810, 4 Cortex-A57 cores', 'Qualcomm', 'phone-cpu', ['sd810'], 4, 2, n(4, 2.0), 'mid'],
  ['sd410-ncnn-1t', 'Snapdragon 410, 1 Cortex-A53 core', 'Qualcomm', 'phone-cpu', ['sd410'], 1, 0, [1.2], 'inorder'],
  ['sd410-ncnn-4t', 'Snapdragon 410, 4 Cortex-A53 cores', 'Qualcomm', 'phone-cpu', ['sd410'], 4, 0, n(4, 1.2), 'inorder'],
  ['sd8g2-ncnn-1t', 'Snapdragon 8 Gen 2, 1 prime Kryo core', 'Qualcomm', 'phone-cpu', ['sd8g2'], 1, 2, [3.2], 'big'],
  ['sd8g2-ncnn-4t', 'Snapdragon 8 Gen 2, 4 big Kryo cores', 'Qualcomm', 'phone-cpu', ['sd8g2'], 4, 2, [3.2, ...n(3, 2.8)], 'big'],
  ['d9300-ncnn-1t', 'Dimensity 9300, 1 Cortex-X4 core', 'MediaTek', 'phone-cpu', ['d9300'], 1, 2, [3.25], 'big'],
  ['d9300-ncnn-4t', 'Dimensity 9300, 4 Cortex-X4 cores', 'MediaTek', 'phone-cpu', ['d9300'], 4, 2, [3.25, ...n(3, 2.85)], 'big'],
  ['d9300-ncnn-4t-little', 'Dimensity 9300, 4 Cortex-A720 cores', 'MediaTek', 'phone-cpu', ['d9300'], 4, 1, n(4, 2.0), 'big'],
  ['rpi3-ncnn-1t', 'Raspberry Pi 3 B+, 1 Cortex-A53 core', 'Raspberry Pi', 'sbc-cpu', ['rpi3'], 1, 0, [1.4], 'inorder'],
  ['rpi3-ncnn-4t', 'Raspberry Pi 3 B+, 4 Cortex-A53 cores', 'Raspberry Pi', 'sbc-cpu', ['rpi3'], 4, 0, n(4, 1.4), 'inorder'],
  ['rpi4-ncnn-1t', 'Raspberry Pi 4 B, 1 Cortex-A72 core', 'Raspberry Pi', 'sbc-cpu', ['rpi4'], 1, 0, [1.8], 'mid'],
  ['rpi4-ncnn-4t', 'Raspberry Pi 4 B, 4 Cortex-A72 cores', 'Raspberry Pi', 'sbc-cpu', ['rpi4'], 4, 0, n(4, 1.8), 'mid'],
  ['rpi5-ncnn-1t', 'Raspberry Pi 5, 1 Cortex-A76 core', 'Raspberry Pi', 'sbc-cpu', ['rpi5'], 1, 0, [2.4], 'big'],
  ['rpi5-ncnn-4t', 'Raspberry Pi 5, 4 Cortex-A76 cores', 'Raspberry Pi', 'sbc-cpu', ['rpi5'], 4, 0, n(4, 2.4), 'big'],
  ['rpiz2-ncnn-1t', 'Raspberry Pi Zero 2 W, 1 Cortex-A53 core', 'Raspberry Pi', 'sbc-cpu', ['rpiz2'], 1, 0, [1.0], 'inorder'],
  ['rpiz2-ncnn-4t', 'Raspberry Pi Zero 2 W, 4 Cortex-A53 cores', 'Raspberry Pi', 'sbc-cpu', ['rpiz2'], 4, 0, n(4, 1.0), 'inorder'],
  ['bpim2z-ncnn-1t', 'Banana Pi M2 Zero (H2+), 1 Cortex-A7 core', 'Allwinner', 'sbc-cpu', ['bpim2'], 1, 0, [1.2], 'inorder'],
  ['bpim2z-ncnn-4t', 'Banana Pi M2 Zero (H2+), 4 Cortex-A7 cores', 'Allwinner', 'sbc-cpu', ['bpim2'], 4, 0, n(4, 1.2), 'inorder'],
  ['zero3w-ncnn-4t', 'Radxa Zero 3W (RK3566), 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['zero3w'], 4, 0, n(4, 1.416), 'inorder82'],
  ['t527-ncnn-4t', 'Allwinner T527, 4 Cortex-A55 2.2 GHz cores', 'Allwinner', 'sbc-cpu', ['t527'], 4, 2, n(4, 2.2), 'inorder82'],
  ['a311d-ncnn-1t', 'Khadas VIM3 (A311D), 1 Cortex-A73 core', 'Amlogic', 'sbc-cpu', ['vim3'], 1, 2, [2.2], 'mid'],
  ['a311d-ncnn-4t', 'Khadas VIM3 (A311D), 4 Cortex-A73 cores', 'Amlogic', 'sbc-cpu', ['vim3'], 4, 2, n(4, 2.2), 'mid'],
  ['rk3588-ncnn-1t', 'Rockchip RK3588, 1 Cortex-A76 core', 'Rockchip', 'sbc-cpu', ['rk3588a'], 1, 2, [2.4], 'big'],
  ['rk3588-ncnn-4t', 'Rockchip RK3588, 4 Cortex-A76 cores', 'Rockchip', 'sbc-cpu', ['rk3588a', 'rk3588b'], 4, 2, n(4, 2.4), 'big'],
  ['rk3588-ncnn-1t-little', 'Rockchip RK3588, 1 Cortex-A55 core', 'Rockchip', 'sbc-cpu', ['rk3588a'], 1, 1, [1.8], 'inorder82'],
  ['rk3588-ncnn-4t-little', 'Rockchip RK3588, 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['rk3588a'], 4, 1, n(4, 1.8), 'inorder82'],
  ['opi5-ncnn-4t', 'Orange Pi 5 (RK3588S), 4 Cortex-A76 cores', 'Rockchip', 'sbc-cpu', ['opi5'], 4, 2, n(4, 2.4), 'big'],
  ['opi5-ncnn-4t-little', 'Orange Pi 5 (RK3588S), 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['opi5'], 4, 1, n(4, 1.8), 'inorder82'],
  ['opi5plus-ncnn-4t', 'Orange Pi 5 Plus (RK3588), 4 Cortex-A76 cores', 'Rockchip', 'sbc-cpu', ['opi5plus'], 4, 2, n(4, 2.4), 'big'],
  ['rk3568-ncnn-1t', 'Station P2 (RK3568), 1 Cortex-A55 core', 'Rockchip', 'sbc-cpu', ['stationP2'], 1, 0, [2.0], 'inorder82'],
  ['rk3568-ncnn-2t', 'Station P2 (RK3568), 2 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['stationP2'], 2, 0, n(2, 2.0), 'inorder82'],
  ['rk3568-ncnn-4t', 'Station P2 (RK3568), 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['stationP2'], 4, 0, n(4, 2.0), 'inorder82'],
  ['rock3a-ncnn-1t', 'Rock 3A (RK3568, Ubuntu), 1 Cortex-A55 core', 'Rockchip', 'sbc-cpu', ['rock3a'], 1, 0, [2.0], 'inorder82'],
  ['rock3a-ncnn-4t', 'Rock 3A (RK3568, Ubuntu), 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['rock3a'], 4, 0, n(4, 2.0), 'inorder82'],
  ['opicm4-ncnn-1t', 'Orange Pi CM4 (RK3566), 1 Cortex-A55 core', 'Rockchip', 'sbc-cpu', ['opicm4'], 1, 0, [1.8], 'inorder82'],
  ['opicm4-ncnn-4t', 'Orange Pi CM4 (RK3566), 4 Cortex-A55 cores', 'Rockchip', 'sbc-cpu', ['opicm4'], 4, 0, n(4, 1.8), 'inorder82'],
  ['rk3399-ncnn-1t', 'Rockchip RK3399, 1 Cortex-A72 core', 'Rockchip', 'sbc-cpu', ['rk3399'], 1, 2, [1.8], 'mid'],
  ['rk3399-ncnn-2t', 'Rockchip RK3399, 2 Cortex-A72 cores', 'Rockchip', 'sbc-cpu', ['rk3399', 'opi4'], 2, 2, n(2, 1.8), 'mid'],
  ['rk3399-ncnn-1t-little', 'Rockchip RK3399, 1 Cortex-A53 core', 'Rockchip', 'sbc-cpu', ['rk3399'], 1, 1, [1.5], 'inorder'],
  ['rk3399-ncnn-4t-little', 'Rockchip RK3399, 4 Cortex-A53 cores', 'Rockchip', 'sbc-cpu', ['rk3399', 'opi4'], 4, 1, n(4, 1.5), 'inorder'],
  ['h616-ncnn-4t', 'Orange Pi Zero 2 (H616), 4 Cortex-A53 cores', 'Allwinner', 'sbc-cpu', ['opiz2'], 4, 0, n(4, 1.5), 'inorder'],
  ['rdkx3-ncnn-4t', 'RDK X3 Module, 4 Cortex-A53 cores', 'D-Robotics', 'sbc-cpu', ['rdkx3'], 4, 0, n(4, 1.5), 'inorder'],
  ['rk3328-ncnn-2t', 'NanoPi R2S (RK3328), 2 Cortex-A53 cores', 'Rockchip', 'sbc-cpu', ['r2s'], 2, 0, n(2, 1.3), 'inorder'],
  ['rk3328-ncnn-4t', 'NanoPi R2S (RK3328), 4 Cortex-A53 cores', 'Rockchip', 'sbc-cpu', ['r2s'], 4, 0, n(4, 1.3), 'inorder'],
  ['rk3228h-ncnn-1t', 'EAIDK 310 (RK3228H), 1 Cortex-A53 core', 'Rockchip', 'sbc-cpu', ['eaidk'], 1, 0, [1.3], 'inorder'],
  ['rk3228h-ncnn-4t', 'EAIDK 310 (RK3228H), 4 Cortex-A53 cores', 'Rockchip', 'sbc-cpu', ['eaidk'], 4, 0, n(4, 1.3), 'inorder'],
  ['rk3288-ncnn-1t', 'Rockchip RK3288, 1 Cortex-A17 core', 'Rockchip', 'sbc-cpu', ['rk3288'], 1, 0, [1.8], 'mid'],
  ['rk3288-ncnn-4t', 'Rockchip RK3288, 4 Cortex-A17 cores', 'Rockchip', 'sbc-cpu', ['rk3288'], 4, 0, n(4, 1.8), 'mid'],
  ['qrb2210-ncnn-1t', 'Arduino UNO Q (QRB2210), 1 Cortex-A53 core', 'Qualcomm', 'sbc-cpu', ['unoq'], 1, 0, [2.0], 'inorder'],
  ['qrb2210-ncnn-4t', 'Arduino UNO Q (QRB2210), 4 Cortex-A53 cores', 'Qualcomm', 'sbc-cpu', ['unoq'], 4, 0, n(4, 2.0), 'inorder'],
  ['ax630c-ncnn-1t', 'AXERA AX630C, 1 Cortex-A53 core', 'AXERA', 'sbc-cpu', ['ax630c'], 1, 0, [1.2], 'inorder'],
  ['ax630c-ncnn-2t', 'AXERA AX630C, 2 Cortex-A53 cores', 'AXERA', 'sbc-cpu', ['ax630c'], 2, 0, n(2, 1.2), 'inorder'],
  ['agx-orin-ncnn-1t', 'Jetson AGX Orin, 1 Cortex-A78AE core', 'NVIDIA', 'sbc-cpu', ['agxOrin'], 1, 0, [2.2], 'big'],
  ['agx-orin-ncnn-4t', 'Jetson AGX Orin, 4 Cortex-A78AE cores', 'NVIDIA', 'sbc-cpu', ['agxOrin'], 4, 0, n(4, 2.2), 'big'],
  ['agx-orin-ncnn-12t', 'Jetson AGX Orin, 12 Cortex-A78AE cores', 'NVIDIA', 'sbc-cpu', ['agxOrin'], 12, 0, n(12, 2.2), 'big'],
  ['agx-xavier-ncnn-1t', 'Jetson AGX Xavier, 1 Carmel core', 'NVIDIA', 'sbc-cpu', ['xavier'], 1, 0, [2.2], 'big'],
  ['agx-xavier-ncnn-8t', 'Jetson AGX Xavier, 8 Carmel cores', 'NVIDIA', 'sbc-cpu', ['xavier'], 8, 0, n(8, 2.2), 'big'],
];

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Memory bandwidth: no figure was looked up for these boards; one placeholder, flagged, for all. */
const ASSUMED_BW = (): Figure =>
  derived(12.8, 'GB/s', 'LPDDR4-3200 × 32-bit ÷ 8, the Raspberry Pi 4 figure, used as a placeholder', [SRC.ASSUMED], {
    unverified: true,
    note: 'not this board’s published figure: memory-bound layers’ efficiency is fitted on its measurements',
  });

function cpuDevice(r: Row): Device {
  const [id, name, , category, sections, threads, powersave, ghz, core] = r;
  const c = CORES[core];
  const sumGhz = r4(ghz.reduce((a, b) => a + b, 0));
  const how = `${ghz.length === 1 ? `1 core × ${ghz[0]} GHz` : `cores at ${ghz.join(' + ')} GHz = ${sumGhz} GHz`} × ${c.flop} FLOP/cycle (assumed for a ${c.label})`;
  const src = sections.map((k) => NCNN_SRC(S[k]));
  return {
    id,
    name: `${name} (ncnn)`,
    category,
    peak: {
      fp32: derived(r4(sumGhz * c.flop), G, how, [...src, SRC.ASSUMED], { unverified: true }),
      // ARMv8.2 FP16 arithmetic (as rpi5-cpu): ncnn runs fp32 models in fp16 there (measurements/index.ts).
      ...(c.fp16
        ? {
            fp16: derived(
              r4(sumGhz * c.flop * 2),
              G,
              `2 × FP32 (ARMv8.2 FP16 arithmetic; ${c.label})`,
              [...src, SRC.ASSUMED],
              {
                unverified: true,
              },
            ),
          }
        : {}),
      int8: derived(
        r4(sumGhz * c.flop * c.int8),
        G,
        `${c.int8} × FP32 (assumed for a ${c.label})`,
        [...src, SRC.ASSUMED],
        {
          unverified: true,
        },
      ),
    },
    memoryBandwidth: ASSUMED_BW(),
    setup: `ncnn benchncnn, ${threads} thread${threads > 1 ? 's' : ''}, powersave ${powersave} (${powersave === 2 ? 'big cores' : powersave === 1 ? 'little cores' : 'all cores'})`,
  };
}

/** Vulkan GPUs of Jetsons whose figures data-edge.ts already sources. */
const GPU_ROWS: [string, string, keyof typeof S, string][] = [
  ['jetson-nano-ncnn-vulkan', 'Jetson Nano, Maxwell GPU, Vulkan', 'nano', 'jetson-nano'],
  ['jetson-orin-nano-ncnn-vulkan', 'Jetson Orin Nano, Ampere GPU, Vulkan', 'orinNano', 'jetson-orin-nano'],
  ['agx-orin-ncnn-vulkan', 'Jetson AGX Orin, Ampere GPU, Vulkan', 'agxOrin', 'jetson-agx-orin'],
];

function gpuDevice([id, name, , from]: (typeof GPU_ROWS)[number]): Device {
  const base = EDGE_DEVICES.find((d) => d.id === from);
  if (!base) throw new Error(`data-ncnn: device ${from} is not in data-edge.ts`);
  return {
    ...base,
    id,
    name: `${name} (ncnn)`,
    setup: 'ncnn benchncnn on the Vulkan GPU (gpu_device 0)',
    notes: `Figures as ${from}; ncnn runs fp32 models with fp16 storage/arithmetic where the GPU supports it.`,
  };
}

export const NCNN_DEVICES: Device[] = [...CPU_ROWS.map(cpuDevice), ...GPU_ROWS.map(gpuDevice)];

/** Vendor of each device, for grouping in the picker. */
export const NCNN_VENDORS: Readonly<Record<string, string>> = Object.fromEntries([
  ...CPU_ROWS.map((r) => [r[0], r[2]]),
  ...GPU_ROWS.map((r) => [r[0], 'NVIDIA']),
]);

/** Which benchncnn runs are each device's measurements. */
export const NCNN_RUNS: Readonly<Record<string, readonly NcnnRun[]>> = Object.fromEntries([
  ...CPU_ROWS.map((r) => [r[0], r[4].map((k) => ({ section: S[k], threads: r[5], powersave: r[6], gpu: -1 }))]),
  ...GPU_ROWS.map((r) => [r[0], [{ section: S[r[2]], threads: -1, powersave: -1, gpu: 0 }]]),
]);
