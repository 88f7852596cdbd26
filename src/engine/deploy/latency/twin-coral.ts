/**
 * Coral's Edge TPU benchmarks, Table 1 (measurements/coral.ts) as twin candidates of coral-edgetpu:
 * the USB Accelerator column (a desktop host with the USB Accelerator over USB 3.0; the Edge TPU runs
 * int8 only). Preset rows are ranked by FlopLab's MACs; the others (the page does not say which
 * DenseNet, SqueezeNet or ResNet-50 graph) have no MACs figure and are only named in the note.
 */
import { CORAL_ROWS, CORAL_SOURCE } from './measurements/coral';
import type { TwinCandidate } from './twin-core';
import { presetFields } from './twin-macs';

export function coralCandidates(deviceId: string): TwinCandidate[] {
  if (deviceId !== 'coral-edgetpu') return [];
  return CORAL_ROWS.map((r) => {
    const map = r.map;
    return {
      row: {
        table: 'coral',
        tableName: 'Coral Edge TPU benchmarks',
        id: r.id,
        model: r.model,
        precision: 'int8',
        ms: r.usbAccelerator,
        setup: 'Edge TPU, USB Accelerator (USB 3.0) on a desktop host, int8: time per inference, model execution only',
        source: {
          url: CORAL_SOURCE.url,
          date: CORAL_SOURCE.date,
          repo: null,
          path: null,
          commit: null,
          // The row's line in the saved page text (CORAL_SOURCE.read says how the page was read).
          line: r.source.line,
        },
      },
      network: r.model,
      ...('preset' in map ? presetFields(map.preset, map.knobs) : {}),
    };
  });
}
