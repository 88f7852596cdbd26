/**
 * Devices measured by Tencent/ncnn's benchncnn (src/engine/deploy/latency/measurements/ncnn.json):
 * one device per board and CPU setup (threads, big or little cores) or Vulkan GPU, each with its
 * runs in the table (latency/measurements/ncnn-sections.ts links devices to the table's sections;
 * kept out of this file because the device list is in the page's first bundle and the sections
 * are only needed to read the table). Only setups whose cores are named in the section title (and that therefore
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

const README = 'https://github.com/Tencent/ncnn/blob/a4d2ea1d4422c9e849f166fd7a4aefb52f942f6a/benchmark/README.md';
// The cores and clocks are in the board's section heading (latency/measurements/ncnn-sections.ts names it).
const NCNN_README = {
  title: "Tencent/ncnn benchmark/README.md, the board's section heading (cores, clocks)",
  url: README,
};

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

// Text tables, one board or device per line (parsed below): the device list is in the page's first
// bundle, so the table stays as short as it can be read.
// id base | board | vendor | phone or sbc
const BOARD_TEXT = `
sd855p | Snapdragon 855+ | Qualcomm | phone
sd675 | Snapdragon 675 | Qualcomm | phone
kirin970 | Kirin 970 | HiSilicon | phone
sd835 | Snapdragon 835 | Qualcomm | phone
sd660 | Snapdragon 660 | Qualcomm | phone
sd821 | Snapdragon 821 | Qualcomm | phone
sd810 | Snapdragon 810 | Qualcomm | phone
sd410 | Snapdragon 410 | Qualcomm | phone
sd8g2 | Snapdragon 8 Gen 2 | Qualcomm | phone
d9300 | Dimensity 9300 | MediaTek | phone
rpi3 | Raspberry Pi 3 B+ | Raspberry Pi | sbc
rpi4 | Raspberry Pi 4 B | Raspberry Pi | sbc
rpi5 | Raspberry Pi 5 | Raspberry Pi | sbc
rpiz2 | Raspberry Pi Zero 2 W | Raspberry Pi | sbc
bpim2z | Banana Pi M2 Zero (H2+) | Allwinner | sbc
zero3w | Radxa Zero 3W (RK3566) | Rockchip | sbc
t527 | Allwinner T527 | Allwinner | sbc
a311d | Khadas VIM3 (A311D) | Amlogic | sbc
rk3588 | Rockchip RK3588 | Rockchip | sbc
opi5 | Orange Pi 5 (RK3588S) | Rockchip | sbc
opi5plus | Orange Pi 5 Plus (RK3588) | Rockchip | sbc
rk3568 | Station P2 (RK3568) | Rockchip | sbc
rock3a | Rock 3A (RK3568, Ubuntu) | Rockchip | sbc
opicm4 | Orange Pi CM4 (RK3566) | Rockchip | sbc
rk3399 | Rockchip RK3399 | Rockchip | sbc
h616 | Orange Pi Zero 2 (H616) | Allwinner | sbc
rdkx3 | RDK X3 Module | D-Robotics | sbc
rk3328 | NanoPi R2S (RK3328) | Rockchip | sbc
rk3228h | EAIDK 310 (RK3228H) | Rockchip | sbc
rk3288 | Rockchip RK3288 | Rockchip | sbc
qrb2210 | Arduino UNO Q (QRB2210) | Qualcomm | sbc
ax630c | AXERA AX630C | AXERA | sbc
agx-orin | Jetson AGX Orin | NVIDIA | sbc
agx-xavier | Jetson AGX Xavier | NVIDIA | sbc`;
// id base, threads, powersave, clocks of the cores used (GHz; 2.4x4 = four at 2.4), core class, core name
const CPU_TEXT = `
sd855p 1 2 2.96 big prime Kryo 485
sd855p 4 2 2.96+2.42x3 big big Kryo 485
sd675 1 0 2.0 big Kryo 460 big
sd675 2 0 2.0x2 big Kryo 460 big
kirin970 1 2 2.4 mid Cortex-A73
kirin970 4 2 2.4x4 mid Cortex-A73
sd835 1 2 2.45 mid big Kryo 280
sd835 4 2 2.45x4 mid big Kryo 280
sd660 1 2 2.2 mid big Kryo 260
sd821 1 0 2.35 mid Kryo
sd821 4 0 2.35+2.35+2.19+2.19 mid Kryo
sd810 1 2 2.0 mid Cortex-A57
sd810 4 2 2.0x4 mid Cortex-A57
sd410 1 0 1.2 inorder Cortex-A53
sd410 4 0 1.2x4 inorder Cortex-A53
sd8g2 1 2 3.2 big prime Kryo
sd8g2 4 2 3.2+2.8x3 big big Kryo
d9300 1 2 3.25 big Cortex-X4
d9300 4 2 3.25+2.85x3 big Cortex-X4
d9300 4 1 2.0x4 big Cortex-A720
rpi3 1 0 1.4 inorder Cortex-A53
rpi3 4 0 1.4x4 inorder Cortex-A53
rpi4 1 0 1.8 mid Cortex-A72
rpi4 4 0 1.8x4 mid Cortex-A72
rpi5 1 0 2.4 big Cortex-A76
rpi5 4 0 2.4x4 big Cortex-A76
rpiz2 1 0 1.0 inorder Cortex-A53
rpiz2 4 0 1.0x4 inorder Cortex-A53
bpim2z 1 0 1.2 inorder Cortex-A7
bpim2z 4 0 1.2x4 inorder Cortex-A7
zero3w 4 0 1.416x4 inorder82 Cortex-A55
t527 4 2 2.2x4 inorder82 Cortex-A55 2.2 GHz
a311d 1 2 2.2 mid Cortex-A73
a311d 4 2 2.2x4 mid Cortex-A73
rk3588 1 2 2.4 big Cortex-A76
rk3588 4 2 2.4x4 big Cortex-A76
rk3588 1 1 1.8 inorder82 Cortex-A55
rk3588 4 1 1.8x4 inorder82 Cortex-A55
opi5 4 2 2.4x4 big Cortex-A76
opi5 4 1 1.8x4 inorder82 Cortex-A55
opi5plus 4 2 2.4x4 big Cortex-A76
rk3568 1 0 2.0 inorder82 Cortex-A55
rk3568 2 0 2.0x2 inorder82 Cortex-A55
rk3568 4 0 2.0x4 inorder82 Cortex-A55
rock3a 1 0 2.0 inorder82 Cortex-A55
rock3a 4 0 2.0x4 inorder82 Cortex-A55
opicm4 1 0 1.8 inorder82 Cortex-A55
opicm4 4 0 1.8x4 inorder82 Cortex-A55
rk3399 1 2 1.8 mid Cortex-A72
rk3399 2 2 1.8x2 mid Cortex-A72
rk3399 1 1 1.5 inorder Cortex-A53
rk3399 4 1 1.5x4 inorder Cortex-A53
h616 4 0 1.5x4 inorder Cortex-A53
rdkx3 4 0 1.5x4 inorder Cortex-A53
rk3328 2 0 1.3x2 inorder Cortex-A53
rk3328 4 0 1.3x4 inorder Cortex-A53
rk3228h 1 0 1.3 inorder Cortex-A53
rk3228h 4 0 1.3x4 inorder Cortex-A53
rk3288 1 0 1.8 mid Cortex-A17
rk3288 4 0 1.8x4 mid Cortex-A17
qrb2210 1 0 2.0 inorder Cortex-A53
qrb2210 4 0 2.0x4 inorder Cortex-A53
ax630c 1 0 1.2 inorder Cortex-A53
ax630c 2 0 1.2x2 inorder Cortex-A53
agx-orin 1 0 2.2 big Cortex-A78AE
agx-orin 4 0 2.2x4 big Cortex-A78AE
agx-orin 12 0 2.2x12 big Cortex-A78AE
agx-xavier 1 0 2.2 big Carmel
agx-xavier 8 0 2.2x8 big Carmel`;

const BOARDS: Record<string, [string, string, DeviceCategory]> = Object.fromEntries(
  BOARD_TEXT.trim()
    .split('\n')
    .map((l) => {
      const [base, board, vendor, kind] = l.split(' | ');
      return [base, [board, vendor, kind === 'phone' ? 'phone-cpu' : 'sbc-cpu']];
    }),
);

/** "3.2+2.8x3" → [3.2, 2.8, 2.8, 2.8]. */
const clocks = (t: string): number[] =>
  t.split('+').flatMap((p) => {
    const [ghz, k] = p.split('x');
    return Array<number>(Number(k ?? 1)).fill(Number(ghz));
  });

type CpuRow = [string, number, number, number[], CoreClass, string];
const CPU_ROWS: CpuRow[] = CPU_TEXT.trim()
  .split('\n')
  .map((l) => {
    const [base, threads, powersave, ghz, core, ...name] = l.split(' ');
    return [base, Number(threads), Number(powersave), clocks(ghz), core as CoreClass, name.join(' ')];
  });

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Memory bandwidth: no figure was looked up for these boards; one placeholder, flagged, for all. */
const ASSUMED_BW = (): Figure =>
  derived(12.8, 'GB/s', 'LPDDR4-3200 × 32-bit ÷ 8, the Raspberry Pi 4 figure, used as a placeholder', [SRC.ASSUMED], {
    unverified: true,
    note: 'not this board’s published figure: memory-bound layers’ efficiency is fitted on its measurements',
  });

const idOf = (base: string, threads: number, powersave: number) =>
  `${base}-ncnn-${threads}t${powersave === 1 ? '-little' : ''}`;

function cpuDevice(r: (typeof CPU_ROWS)[number]): Device {
  const [base, threads, powersave, ghz, core, coreName] = r;
  const [board, , category] = BOARDS[base];
  const c = CORES[core];
  const sumGhz = r4(ghz.reduce((a, b) => a + b, 0));
  const how = `${ghz.length === 1 ? `1 core × ${ghz[0]} GHz` : `cores at ${ghz.join(' + ')} GHz = ${sumGhz} GHz`} × ${c.flop} FLOP/cycle (assumed for a ${c.label})`;
  const src = [NCNN_README, SRC.ASSUMED];
  const fig = (value: number, derivation: string) => derived(r4(value), G, derivation, src, { unverified: true });
  return {
    id: idOf(base, threads, powersave),
    name: `${board}, ${threads} ${coreName} core${threads > 1 ? 's' : ''} (ncnn)`,
    category,
    peak: {
      fp32: fig(sumGhz * c.flop, how),
      // ARMv8.2 FP16 arithmetic (as rpi5-cpu): ncnn runs fp32 models in fp16 there (measurements/index.ts).
      ...(c.fp16 ? { fp16: fig(sumGhz * c.flop * 2, `2 × FP32 (ARMv8.2 FP16 arithmetic; ${c.label})`) } : {}),
      int8: fig(sumGhz * c.flop * c.int8, `${c.int8} × FP32 (assumed for a ${c.label})`),
    },
    memoryBandwidth: ASSUMED_BW(),
    setup: `ncnn benchncnn, ${threads} thread${threads > 1 ? 's' : ''}, powersave ${powersave} (${powersave === 2 ? 'big cores' : powersave === 1 ? 'little cores' : 'all cores'})`,
  };
}

/** Vulkan GPUs of Jetsons whose figures data-edge.ts already sources: [id, name, device of data-edge]. */
const GPU_ROWS: [string, string, string][] = [
  ['jetson-nano-ncnn-vulkan', 'Jetson Nano, Maxwell GPU, Vulkan', 'jetson-nano'],
  ['jetson-orin-nano-ncnn-vulkan', 'Jetson Orin Nano, Ampere GPU, Vulkan', 'jetson-orin-nano'],
  ['agx-orin-ncnn-vulkan', 'Jetson AGX Orin, Ampere GPU, Vulkan', 'jetson-agx-orin'],
];

function gpuDevice([id, name, from]: (typeof GPU_ROWS)[number]): Device {
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
  ...CPU_ROWS.map((r) => [idOf(r[0], r[1], r[2]), BOARDS[r[0]][1]]),
  ...GPU_ROWS.map((r) => [r[0], 'NVIDIA']),
]);

/** Each CPU device's board and run setting (latency/measurements/ncnn-sections.ts adds the sections). */
export const NCNN_CPU_SETUPS = CPU_ROWS.map(([base, threads, powersave]) => ({
  id: idOf(base, threads, powersave),
  base,
  threads,
  powersave,
}));
export const NCNN_GPU_IDS: readonly string[] = GPU_ROWS.map((r) => r[0]);
