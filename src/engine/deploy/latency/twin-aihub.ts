/**
 * Qualcomm AI Hub (measurements/aihub.ts) as twin candidates of snapdragon-8gen3-npu: the Galaxy S24's
 * rows (its chipset is the Snapdragon 8 Gen 3: table-fit.ts AIHUB_S24_CHIPSET, which the test ties to
 * this constant) whose every layer ran on the NPU, at the precisions FlopLab has: w8a8 as int8 and
 * float as fp16 (the NPU has no FP32; table-fit.ts cites it). w8a16 and mixed rows are left out, as
 * are rows with layers on the GPU or CPU (they time the phone, not the NPU). Every runtime is offered,
 * QNN first (the device's own SDK), then TFLite and ONNX Runtime.
 */
import type { Precision } from '../devices/schema';
import { AIHUB_ROWS, AIHUB_SOURCE, aihubPreset, type AihubRow } from './measurements/aihub';
import type { TwinCandidate } from './twin-core';
import { presetFields } from './twin-macs';

export const AIHUB_TWIN_DEVICE = { label: 'Samsung Galaxy S24', device: 'snapdragon-8gen3-npu' } as const;

const PRECISION: Readonly<Record<string, Precision>> = { w8a8: 'int8', float: 'fp16' };
const RUNTIME: Readonly<Record<string, { name: string; rank: number }>> = {
  qnn_dlc: { name: 'QNN (qnn_dlc)', rank: 0 },
  tflite: { name: 'TFLite', rank: 1 },
  onnx: { name: 'ONNX Runtime', rank: 2 },
};

const onNpu = (r: AihubRow) => r.layers.npu > 0 && r.layers.cpu + r.layers.gpu === 0;

export function aihubCandidates(deviceId: string): TwinCandidate[] {
  if (deviceId !== AIHUB_TWIN_DEVICE.device) return [];
  return AIHUB_ROWS.filter((r) => r.device === AIHUB_TWIN_DEVICE.label && PRECISION[r.precision] && onNpu(r)).map(
    (r) => {
      const map = aihubPreset(r.model);
      const rt = RUNTIME[r.runtime] ?? { name: r.runtime, rank: 3 };
      return {
        row: {
          table: 'aihub',
          tableName: 'Qualcomm AI Hub',
          id: r.id,
          model: `${r.model} (${r.component})`,
          precision: PRECISION[r.precision],
          ms: r.ms,
          setup: `${rt.name} on the Galaxy S24, ${r.precision}, all ${r.layers.npu} layers on the NPU: AI Hub's inference time, batch 1`,
          source: {
            url: r.source.url,
            date: r.source.date,
            repo: r.source.repo,
            path: r.source.path,
            // The commit the file was read at (its link's); r.source.commit is the file's last change.
            commit: AIHUB_SOURCE.commit,
            line: null,
          },
        },
        network: r.model,
        rank: rt.rank,
        ...('preset' in map ? presetFields(map.preset, undefined, map.input) : {}),
      };
    },
  );
}
