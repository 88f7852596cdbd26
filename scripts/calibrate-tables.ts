/**
 * The part of docs/latency.md (written by npm run calibrate) about the measurement tables fitted
 * besides ncnn: which rows of Qualcomm AI Hub and Coral's Table 1 are fitted or held out, and why
 * the rest are not used (src/engine/deploy/latency/table-fit.ts decides; this only writes it down).
 */
import {
  AIHUB_S24_CHIPSET,
  TABLE_CAL_TRAIN,
  TABLE_ROWS,
  TABLE_SPLIT,
  TABLE_TEST_POINTS,
  TABLE_TRAIN_POINTS,
} from '../src/engine/deploy/latency/table-fit';

export { TABLE_CAL_TRAIN, TABLE_TEST_POINTS, TABLE_TRAIN_POINTS };

const count = (table: string, side?: 'train' | 'test') =>
  TABLE_ROWS.filter((r) => r.table === table && !r.unused && (side ? TABLE_SPLIT.get(r.id) === side : true)).length;
const unusedOf = (table: string) => {
  const rs = TABLE_ROWS.filter((r) => r.table === table && r.unused);
  const why = [...new Set(rs.map((r) => r.unused!.replace(/^\d+ layers/, 'layers')))];
  return `${rs.length}${rs.length ? ` (${why.join('; ')})` : ''}`;
};

/** The bullets of docs/latency.md's held-out section about the other fitted tables. */
export function tableFitBullets(calBefore: string, calAfter: string): string {
  return `- Also fitted: Qualcomm AI Hub, ${AIHUB_S24_CHIPSET.device} (chipset ${AIHUB_S24_CHIPSET.chipset}: ${AIHUB_S24_CHIPSET.source}) → snapdragon-8gen3-npu, qnn_dlc: training ${count('aihub', 'train')}, held out ${count('aihub', 'test')}, not used ${unusedOf('aihub')}; Coral Table 1, USB Accelerator → coral-edgetpu: ${count('coral')} rows on a preset, ${count('coral', 'train')} of them the calibration set's own rows (its fit is kept), ${count('coral', 'test')} held out against it
- Calibration set (${TABLE_CAL_TRAIN.length ? 'the devices above keep their fit' : 'unchanged'}): before the tables ${calBefore}; after ${calAfter}`;
}

/** The docs/latency.md paragraph on how those rows are used. */
export function tableFitDoc(): string {
  const on = (pts: readonly { device: string }[], d: string) => pts.filter((p) => p.device === d).length;
  const coralHeld = TABLE_TEST_POINTS.filter((p) => p.device === 'coral-edgetpu').map((p) => p.model);
  return [
    '### AI Hub and Coral rows',
    '',
    `AI Hub's float rows are fitted as fp16 (${AIHUB_S24_CHIPSET.npuPrecisions}), only rows whose every layer ran on the NPU are used, and its w8a8 rows are fitted as int8. The S24's rows are split by the ncnn rule above: ${on(TABLE_TRAIN_POINTS, 'snapdragon-8gen3-npu')} training, ${on(TABLE_TEST_POINTS, 'snapdragon-8gen3-npu')} held out.`,
    '',
    `coral-edgetpu is already fitted on the calibration set, whose three Edge TPU rows are this same Table 1's. That fit is kept, and the table's other preset rows (${coralHeld.join(', ')}) are all held out against it: no fit has seen them, and the calibration set's errors cannot change.`,
  ].join('\n');
}
