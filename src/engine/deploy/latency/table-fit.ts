/**
 * The measurement tables besides ncnn that sit on a FlopLab device, as calibration points for npm run
 * calibrate (scripts/calibrate-heldout.ts); not loaded by the app, which reads the result from
 * calibration.json.
 *
 * - Qualcomm AI Hub, Samsung Galaxy S24 → snapdragon-8gen3-npu: quic/ai-hub-models
 *   qai_hub_models/devices_and_chipsets.yaml gives the S24's chipset as qualcomm-snapdragon-8gen3
 *   (AIHUB_S24_CHIPSET). Only the qnn_dlc runtime (the setup the device names: Qualcomm's SDK), only
 *   rows whose every layer ran on the NPU, and two precisions: w8a8 as int8, and float as fp16 (the
 *   repository's README lists FP16, INT16 and INT8 for the NPU, no FP32). w8a16 rows are left out:
 *   FlopLab has no int8-weight, int16-activation precision.
 * - Coral Table 1, USB Accelerator → coral-edgetpu (coral.ts).
 *
 * A device the hand-kept calibration set already fits (coral-edgetpu) keeps that fit: the table's rows
 * that are calibration-set rows count as its training rows, and every other row of the device is held
 * out. So the calibration set's errors cannot change, and the held-out rows are never seen by a fit.
 * Other devices are split by the rule ncnn uses (measurements/split.ts) and fitted on their training rows.
 */
import type { ModelResult } from '../../evaluate';
import type { Precision } from '../devices/schema';
import { CALIBRATION_SET, type CalibrationPoint } from './calibration-set';
import { AIHUB_ROWS, aihubPreset, type AihubRow } from './measurements/aihub';
import { CORAL_ROWS, CORAL_SOURCE } from './measurements/coral';
import { heldOutKeys } from './measurements/split';
import { evaluatePreset } from './preset-eval';

export const AIHUB_S24_CHIPSET = {
  device: 'Samsung Galaxy S24',
  chipset: 'qualcomm-snapdragon-8gen3',
  source: 'quic/ai-hub-models qai_hub_models/devices_and_chipsets.yaml line 273 @ 52c080d (2026-02-12)',
  npuPrecisions: 'quic/ai-hub-models README.md line 113 @ 52c080d: NPU "FP16*, INT16, INT8"',
} as const;

export interface TableRow {
  readonly id: string;
  readonly table: 'aihub' | 'coral';
  readonly device: string;
  readonly precision: Precision;
  readonly model: string;
  readonly network: string;
  readonly preset: string;
  readonly knobs?: Record<string, number>;
  readonly input?: readonly number[];
  readonly ms: number;
  readonly setup: string;
  readonly source: string;
  /** The calibration set's name of the same measurement, when it holds it. */
  readonly calibration?: string;
  /** Why the row is neither fitted nor checked, if it is not. */
  readonly unused?: string;
}

const evaluateRow = (r: TableRow): ModelResult | { error: string } => evaluatePreset(r.preset, r.knobs, r.input);

/** Whether the row's network has a depthwise convolution (the split's stratum), as the ncnn test decides it. */
export function hasDepthwise(r: TableRow): boolean {
  const m = evaluateRow(r);
  if ('error' in m) return false;
  return m.rows.some((x) => x.category === 'conv' && Number(x.symbols?.g ?? 1) > 1 && x.symbols?.g === x.symbols?.Cin);
}

function aihubRow(r: AihubRow): TableRow | undefined {
  if (r.device !== AIHUB_S24_CHIPSET.device || r.runtime !== 'qnn_dlc') return undefined;
  const map = aihubPreset(r.model);
  if (!('preset' in map)) return undefined;
  const precision: Precision | undefined =
    r.precision === 'w8a8' ? 'int8' : r.precision === 'float' ? 'fp16' : undefined;
  const network = `${map.preset}@${map.input.join('x')}`;
  const offNpu = r.layers.cpu + r.layers.gpu;
  const unused = !precision
    ? `${r.precision}: no FlopLab precision of that kind`
    : offNpu > 0
      ? `${offNpu} layers ran off the NPU`
      : undefined;
  return {
    id: r.id,
    table: 'aihub',
    device: 'snapdragon-8gen3-npu',
    precision: precision ?? 'int8',
    model: `${r.model} (${r.precision})`,
    network,
    preset: map.preset,
    input: map.input,
    ms: r.ms,
    setup: `Qualcomm AI Hub, ${r.device}, qnn_dlc, ${r.precision}`,
    source: `${r.source.repo} ${r.source.path} @ ${r.source.commit.slice(0, 7)} (${r.source.date})`,
    ...(unused ? { unused } : {}),
  };
}

export const TABLE_ROWS: readonly TableRow[] = [
  ...AIHUB_ROWS.map(aihubRow).filter((r): r is TableRow => r !== undefined),
  ...CORAL_ROWS.flatMap((r): TableRow[] =>
    'preset' in r.map
      ? [
          {
            id: r.id,
            table: 'coral',
            device: 'coral-edgetpu',
            precision: 'int8',
            model: r.model,
            network: `${r.map.preset}${r.map.knobs ? JSON.stringify(r.map.knobs) : ''}`,
            preset: r.map.preset,
            ...(r.map.knobs ? { knobs: r.map.knobs } : {}),
            ms: r.usbAccelerator,
            setup: 'USB Accelerator (USB 3.0), desktop host, model execution only',
            source: `${CORAL_SOURCE.url}, Table 1 (saved text line ${r.source.line}; date ${CORAL_SOURCE.date})`,
            ...(r.map.calibration ? { calibration: r.map.calibration } : {}),
          },
        ]
      : [],
  ),
];

const CAL_DEVICES = new Set(CALIBRATION_SET.map((p) => p.device));
const USED = TABLE_ROWS.filter((r) => !r.unused);

/** Each used row's side: a calibration-set device's rows are train iff the calibration set holds them. */
export function tableSplit(rows: readonly TableRow[] = USED): Map<string, 'train' | 'test'> {
  const own = rows.filter((r) => !CAL_DEVICES.has(r.device));
  const held = heldOutKeys(own.map((r) => ({ device: r.device, network: r.network, dense: !hasDepthwise(r) })));
  return new Map(
    rows.map((r) => [
      r.id,
      CAL_DEVICES.has(r.device)
        ? r.calibration
          ? 'train'
          : 'test'
        : held.has(`${r.device}|${r.network}`)
          ? 'test'
          : 'train',
    ]),
  );
}

export function tablePoint(r: TableRow): CalibrationPoint {
  return {
    id: `${r.device}/${r.precision}/${r.model} (${r.id})`,
    device: r.device,
    precision: r.precision,
    model: r.model,
    measuredMs: r.ms,
    setup: r.setup,
    source: r.source,
    evaluate: () => evaluateRow(r),
  };
}

export const TABLE_SPLIT = tableSplit();
/** Training rows to fit: those of devices the calibration set does not already fit. */
export const TABLE_TRAIN_POINTS = USED.filter(
  (r) => TABLE_SPLIT.get(r.id) === 'train' && !CAL_DEVICES.has(r.device),
).map(tablePoint);
export const TABLE_TEST_POINTS = USED.filter((r) => TABLE_SPLIT.get(r.id) === 'test').map(tablePoint);
/** The calibration-set rows of the devices whose table rows are held out against that fit. */
export const TABLE_CAL_TRAIN = CALIBRATION_SET.filter((p) =>
  TABLE_TEST_POINTS.some((t) => t.device === p.device && CAL_DEVICES.has(t.device)),
);
