/**
 * The Hailo model zoo (measurements/hailo.ts) as twin candidates of hailo-8. What the zoo measured is
 * a streaming throughput (frames per second at batch 1 and 8), not the latency of one frame, so the
 * rows carry the FPS and no ms: the app must never show them as time per inference. Preset rows are
 * ranked by FlopLab's MACs; the others by half the OPS the zoo states (it counts a multiply-add as two
 * operations, and a few element-wise ones besides: hailo.ts), said to be approximate.
 */
import { HAILO_ROWS } from './measurements/hailo';
import { twinSource, type TwinCandidate } from './twin-core';
import { presetFields } from './twin-macs';

export function hailoCandidates(deviceId: string): TwinCandidate[] {
  if (deviceId !== 'hailo-8') return [];
  return HAILO_ROWS.map((r) => {
    const map = r.map;
    const input = r.chw.length ? r.chw : undefined;
    const ops = r.opsG;
    return {
      row: {
        table: 'hailo',
        tableName: 'Hailo model zoo',
        id: r.id,
        model: `${r.model} (${r.dataset}, ${r.input})`,
        precision: 'int8',
        ms: null,
        fps: { batch1: r.fps1, batch8: r.fps8 },
        setup: `HailoRT on the Hailo-8, int8 (Dataflow Compiler ${r.runtime.compiler ?? 'version not stated'}), frames per second as the zoo states them`,
        source: twinSource(r.source),
      },
      network: r.id,
      ...('preset' in map
        ? presetFields(map.preset, map.knobs, input)
        : ops !== null && ops > 0
          ? {
              size: () => ({
                value: (ops * 1e9) / 2,
                text: `≈ ${Number((ops / 2).toPrecision(3))} G MACs (half the ${ops} G OPS the zoo states)`,
              }),
            }
          : {}),
    };
  });
}
