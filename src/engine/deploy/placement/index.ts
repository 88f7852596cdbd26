/**
 * Operator placement per accelerator (issue 17): the rule tables, which device of the database
 * uses which table, which CPU an accelerator falls back to, and `placeModel`.
 * How placement is decided and where each rule comes from: docs/placement.md.
 */
import type { ModelResult } from '../../rows';
import type { Precision } from '../devices/schema';
import { ANE } from './ane';
import { EDGETPU } from './edgetpu';
import { ETHOS_U } from './ethos-u';
import { HAILO8 } from './hailo8';
import { K210_KPU } from './k210-kpu';
import { placeOn } from './place';
import { QNN_HTP } from './qnn-htp';
import { RKNN_RK3588 } from './rknn';
import { TFLITE_GPU } from './tflite-gpu';
import type { Placement, PlacementTarget } from './types';

export type * from './types';
export { decide, ruleFor } from './place';

export const TARGETS: readonly PlacementTarget[] = [
  EDGETPU,
  TFLITE_GPU,
  QNN_HTP,
  RKNN_RK3588,
  HAILO8,
  ETHOS_U,
  K210_KPU,
  ANE,
];

const BY_ID = new Map(TARGETS.map((t) => [t.id, t]));
export const targetById = (id: string): PlacementTarget | undefined => BY_ID.get(id);

/**
 * The rule table each accelerator device of the database (devices/data-*.ts) uses: its `setup`
 * names the runtime (edgetpu_compiler, TFLite GPU delegate, QNN/SNPE, RKNN, HailoRT, nncase, Core ML).
 * Devices not listed (CPUs, Jetson GPUs with TensorRT, the NCS2) have no placement table. The
 * i.MX 93's NPU uses the Ethos-U table: NXP's eIQ compiles for it with Vela, the table's source.
 */
export const TARGET_OF_DEVICE: Readonly<Record<string, string>> = {
  'coral-edgetpu': 'edgetpu',
  'pixel3-gpu': 'tflite-gpu',
  'pixel4-gpu': 'tflite-gpu',
  'iphone-xs-gpu': 'tflite-gpu',
  'snapdragon-8gen3-npu': 'qnn-htp',
  'rk3588-npu': 'rknn-rk3588',
  'hailo-8': 'hailo8',
  k210: 'k210-kpu',
  'apple-a17-ane': 'ane',
  'imx93-npu': 'ethos-u',
};

export interface HostChoice {
  /** A device id of the database, or null when the host is not in it (none is today: tests require a reason to allow one). */
  readonly device: string | null;
  readonly reason: string;
  /** The host is FlopLab's stand-in (a device with the same CPU cores, a common pairing), not the measured setup. */
  readonly assumed?: boolean;
}

/**
 * The CPU each accelerator device falls back to: the same chip's CPU where the database has it
 * (devices/data-hosts.ts for the phone SoCs, the K210 and the i.MX 93), else a stand-in marked
 * `assumed`. A null host makes latency with placement ask for one.
 */
export const HOST_OF_DEVICE: Readonly<Record<string, HostChoice>> = {
  'pixel3-gpu': {
    device: 'pixel3-cpu-4t',
    reason: 'the same phone (Pixel 3, Snapdragon 845), measured with 4 CPU threads on the same TFLite benchmarks page',
  },
  'pixel4-gpu': {
    device: 'pixel4-cpu-4t',
    reason: 'the same phone (Pixel 4, Snapdragon 855), measured with 4 CPU threads on the same TFLite benchmarks page',
  },
  'iphone-xs-gpu': {
    device: 'apple-a12-cpu',
    reason:
      "the same chip's CPU (A12 Bionic: 2 Vortex + 4 Tempest at AnandTech's measured clocks; the per-cycle figures are assumed)",
  },
  'coral-edgetpu': {
    device: 'rpi4-cpu',
    assumed: true,
    reason:
      'assumed: a Raspberry Pi 4, a common host of the USB Accelerator (Coral benchmarks ran it on a desktop host, which is not in the device database)',
  },
  'snapdragon-8gen3-npu': {
    device: 'sd8g3-cpu',
    reason:
      "the same SoC's Kryo CPU (1× Cortex-X4 + 5× A720 + 2× A520 at Qualcomm's clocks), all eight cores, where the ops the HTP table lacks run",
  },
  'rk3588-npu': {
    device: 'rpi5-cpu',
    assumed: true,
    reason:
      "assumed: the Raspberry Pi 5's 4× Cortex-A76 at 2.4 GHz stand in for the RK3588's own big cores (4× Cortex-A76 at 2.4 GHz, Rockchip brief datasheet), which are not a device of the database",
  },
  'hailo-8': {
    device: 'rpi5-cpu',
    assumed: true,
    reason: 'assumed: a Raspberry Pi 5 host (the Hailo-8 is an M.2 card in any host; none is implied)',
  },
  k210: {
    device: 'k210-cpu',
    reason: "the same chip's two RV64GC cores at 400 MHz, where nncase runs the ops the KPU does not (timed at FP32)",
  },
  'apple-a17-ane': {
    device: 'apple-a17-cpu',
    reason:
      "the same chip's CPU (A17 Pro: 2 P + 4 E cores; clocks third-party, per-cycle figures assumed); Core ML may also use the GPU, which is not modelled",
  },
  'imx93-npu': {
    device: 'imx93-cpu',
    reason:
      "the same chip's 2× Cortex-A55 at 1.7 GHz, where the TFLite Ethos-U delegate leaves the ops Vela did not place on the NPU",
  },
};

/**
 * Where each op of an evaluated model runs on a target. `dtype` defaults to the target's first
 * precision. Bad input gives `{ error }`, never a throw.
 */
export function placeModel(result: ModelResult, targetId: string, dtype?: Precision): Placement | { error: string } {
  const target = targetById(targetId);
  if (!target) return { error: `unknown placement target "${targetId}" (${TARGETS.map((t) => t.id).join(', ')})` };
  if (result.modelError) return { error: `the model cannot be evaluated: ${result.modelError}` };
  return placeOn(target, result, dtype ?? target.dtypes[0]);
}

/** One line for a model: "12 of 108 ops on the Edge TPU (2 partitions); first fallback: layers[2] (hardswish …)". */
export function placementSummary(p: Placement): string {
  if (!p.documented) return `placement on the ${p.accelerator} unknown: no public rule table`;
  const head = `${p.opsOnAccelerator} of ${p.opsTotal} ops on the ${p.accelerator} (${p.partitions.length} partition${p.partitions.length === 1 ? '' : 's'})`;
  return p.firstFallback ? `${head}; first fallback: ${p.firstFallback.path} — ${p.firstFallback.why}` : head;
}

/** Placement on the table of a device of the database, or `{ error }` for a device without one. */
export function placeOnDevice(result: ModelResult, deviceId: string, dtype?: Precision): Placement | { error: string } {
  const t = TARGET_OF_DEVICE[deviceId];
  if (!t) return { error: `device "${deviceId}" has no placement table (only accelerators do)` };
  return placeModel(result, t, dtype);
}
