/**
 * Which sections of Tencent/ncnn benchmark/README.md hold each ncnn device's runs
 * (devices/data-ncnn.ts): the exact titles, the line of each heading at the extracted commit, and
 * each device's run setting. Tests check every title sits at its line in ncnn.json.
 */
import { NCNN_CPU_SETUPS } from '../../devices/data-ncnn';

export interface NcnnRun {
  readonly section: string;
  /** -1 = any. */
  readonly threads: number;
  /** -1 = any. */
  readonly powersave: number;
  /** -1 = CPU, else the Vulkan device index. */
  readonly gpu: number;
}

// The README line of each section's "### " heading (ncnn.json `sections`).
// prettier-ignore
export const NCNN_SECTION_LINES = {
  sd855p: 656, sd675: 779, kirin970: 840, sd835: 949, sd660: 1150, sd821: 1259,
  sd810: 1342, sd410: 1493, sd8g2: 8668, d9300: 8885, rpi3: 1753, rpi4: 1834,
  rpi5: 1920, rpiz2: 2162, bpim2: 2240, zero3w: 2451, t527: 2495, vim3: 2543,
  rk3588a: 2674, rk3588b: 7929, opi5: 3767, opi5plus: 3899, stationP2: 2967, rock3a: 3085,
  opicm4: 3681, rk3399: 3260, opi4: 3550, opiz2: 3504, rdkx3: 3945, r2s: 3991,
  eaidk: 4068, rk3288: 4671, unoq: 9617, ax630c: 9455, agxOrin: 94, xavier: 6833,
  nano: 4326, orinNano: 4147,
} as const;
export type NcnnSectionKey = keyof typeof NCNN_SECTION_LINES;

export const NCNN_SECTION_TITLES: Readonly<Record<NcnnSectionKey, string>> = {
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
};

/** Sections of each board (data-ncnn.ts id base). */
// prettier-ignore
const BOARD_SECTIONS: Record<string, NcnnSectionKey[]> = {
  sd855p: ['sd855p'],
  sd675: ['sd675'],
  kirin970: ['kirin970'],
  sd835: ['sd835'],
  sd660: ['sd660'],
  sd821: ['sd821'],
  sd810: ['sd810'],
  sd410: ['sd410'],
  sd8g2: ['sd8g2'],
  d9300: ['d9300'],
  rpi3: ['rpi3'],
  rpi4: ['rpi4'],
  rpi5: ['rpi5'],
  rpiz2: ['rpiz2'],
  bpim2z: ['bpim2'],
  zero3w: ['zero3w'],
  t527: ['t527'],
  a311d: ['vim3'],
  rk3588: ['rk3588a'],
  opi5: ['opi5'],
  opi5plus: ['opi5plus'],
  rk3568: ['stationP2'],
  rock3a: ['rock3a'],
  opicm4: ['opicm4'],
  rk3399: ['rk3399'],
  h616: ['opiz2'],
  rdkx3: ['rdkx3'],
  rk3328: ['r2s'],
  rk3228h: ['eaidk'],
  rk3288: ['rk3288'],
  qrb2210: ['unoq'],
  ax630c: ['ax630c'],
  'agx-orin': ['agxOrin'],
  'agx-xavier': ['xavier'],
};
/** Setups measured on more than one board of the same SoC. */
const MORE_SECTIONS: Record<string, NcnnSectionKey[]> = {
  'rk3588-ncnn-4t': ['rk3588a', 'rk3588b'],
  'rk3399-ncnn-2t': ['rk3399', 'opi4'],
  'rk3399-ncnn-4t-little': ['rk3399', 'opi4'],
};
const GPU_SECTIONS: Record<string, NcnnSectionKey> = {
  'jetson-nano-ncnn-vulkan': 'nano',
  'jetson-orin-nano-ncnn-vulkan': 'orinNano',
  'agx-orin-ncnn-vulkan': 'agxOrin',
};

const run = (k: NcnnSectionKey, threads: number, powersave: number, gpu: number): NcnnRun => ({
  section: NCNN_SECTION_TITLES[k],
  threads,
  powersave,
  gpu,
});

export const NCNN_RUNS: Readonly<Record<string, readonly NcnnRun[]>> = Object.fromEntries([
  ...NCNN_CPU_SETUPS.map((s) => [
    s.id,
    (MORE_SECTIONS[s.id] ?? BOARD_SECTIONS[s.base]).map((k) => run(k, s.threads, s.powersave, -1)),
  ]),
  ...Object.entries(GPU_SECTIONS).map(([id, k]) => [id, [run(k, -1, -1, 0)]]),
]);
