/**
 * Rockchip NPU measurements (airockchip/rknn_model_zoo README.md, "Model performance
 * benchmark(FPS)"; rknn.json, extracted by scripts/measurements/rknn-extract.ts): frames per
 * second of RKNN models on seven Rockchip platforms at their maximum NPU frequency, inference
 * only. The table gives FPS; ms here is 1000 / FPS (the README times "model inference", one frame
 * at a time, so its reciprocal is the time per inference).
 *
 * Not fitted, and on no FlopLab device:
 * - RK3588 and RK3576 rows run on one NPU core ("@single_core"). FlopLab's rk3588-npu is the whole
 *   NPU, whose 6 TOPS int8 peak is the three cores together; a single-core row is a different setup.
 * - The other platforms (RK3566/68, RK3562, RV1109, RV1126, RK1808) are not FlopLab devices.
 * And on no preset: the table states neither parameters nor MACs, and the exported ONNX/RKNN
 * files are downloads outside the repository, so no mapping could be checked by arithmetic (the
 * networks named like presets are exported with Rockchip's own changes, e.g. their YOLO heads
 * without post-processing, which changes the graph). Rows serve later fits once a model can be checked.
 */
import { rowSource, type MeasurementSource } from './source';
import rknnJson from './rknn.json';

export interface RknnRow {
  /** Stable id: rknn:<line>:<platform>. */
  readonly id: string;
  readonly demo: string;
  /** The model as the table names it. */
  readonly model: string;
  /** The input as the table writes it ("[1, 3, 224, 224]", "[1, 513, 513, 1]", "embedding-256, token-16"). */
  readonly input: string;
  /** The device as the table names it (a column header). */
  readonly deviceLabel: string;
  readonly runtime: { readonly name: 'rknn'; readonly dtype: string };
  readonly fps: number;
  /** 1000 / fps. */
  readonly ms: number;
  /** Why the row is on no FlopLab device. */
  readonly deviceNote: string;
  /** Why the row is on no preset. */
  readonly unmapped: string;
  readonly source: MeasurementSource;
}

const J = rknnJson as unknown as {
  source: { repo: string; path: string; commit: string; date: string; url: string };
  platforms: string[];
  rows: {
    demo: string;
    model: string;
    input: string;
    platform: string;
    line: number;
    rowCommit: string;
    date: string;
    dtype: string;
    fps: number;
  }[];
  skipped: { model: string; platform: string; cell: string; why: string }[];
};

export const RKNN_SOURCE = J.source;
export const RKNN_SKIPPED = J.skipped;

const SINGLE_CORE =
  "one of the RK3588's three NPU cores; FlopLab's rk3588-npu is the whole NPU (6 TOPS int8 for the three cores together), a different setup";

/** Why a platform's rows are on no FlopLab device. */
export function rknnDeviceNote(platform: string): string {
  if (platform.startsWith('RK3588')) return SINGLE_CORE;
  return `${platform} is not a FlopLab device`;
}

const UNMAPPED =
  'the table states neither parameters nor MACs and the exported model is outside the repository: no mapping could be checked';

export const RKNN_ROWS: readonly RknnRow[] = J.rows.map((r) => ({
  id: `rknn:${r.line}:${r.platform}`,
  demo: r.demo,
  model: r.model,
  input: r.input,
  deviceLabel: r.platform,
  runtime: { name: 'rknn', dtype: r.dtype },
  fps: r.fps,
  ms: 1000 / r.fps,
  deviceNote: rknnDeviceNote(r.platform),
  unmapped: UNMAPPED,
  source: rowSource(J.source.repo, J.source.commit, J.source.path, r.line, r.rowCommit, r.date),
}));
