/**
 * STMicroelectronics/stm32ai-modelzoo measurements (stm32-modelzoo.json, extracted by
 * scripts/measurements/stm32-modelzoo-extract.ts from image_classification/mobilenetv1 and
 * mobilenetv2 README.md): int8 MobileNet v1/v2 inference times on an STM32H747I-DISCO (one Cortex-M7
 * core at 400 MHz, X-CUBE-AI 10.0.0) with the RAM and flash STM32Cube.AI reports, and on an
 * STM32N6570-DK (Neural-ART NPU) with its internal/external RAM and weights flash.
 *
 * Device: neither board is a FlopLab device. stm32h7 is the STM32H7A3 at 280 MHz of MLPerf Tiny v1.0
 * (devices/data-embedded.ts); the H747 at 400 MHz is another chip at another clock, and FlopLab has no
 * sourced figures for the STM32N6's NPU. Network: Keras MobileNets at the README's widths, resolutions
 * and class counts (5 flowers, 101 food, 1000 ImageNet); the only count the READMEs state ("MParams
 * alpha=0.35 1.66 M" for MobileNet v2) is not what FlopLab's mobilenet_v2 width 0.35 has (1,677,128),
 * so no row is claimed to be a preset.
 *
 * The commit is the one the stored-file reader gave for both READMEs; it does not give that commit's
 * date, so the rows say so rather than guess one.
 */
import { rowSource, type MeasurementSource } from './source';
import stmJson from './stm32-modelzoo.json';

export interface Stm32Figure {
  readonly value: number | null;
  /** The cell as written (units included, e.g. "237.32 KiB"; the NPU table's cells carry no unit). */
  readonly stated: string;
}

export interface Stm32Row {
  /** Stable id: stm32:<path>:<line>. */
  readonly id: string;
  /** MCU: the Cortex-M7 alone; NPU: the STM32N6's Neural-ART NPU with its MCU. */
  readonly kind: 'MCU' | 'NPU';
  readonly model: string;
  /** The .tflite the row links, relative to the README. */
  readonly file: string;
  readonly deviceLabel: string;
  readonly engine: string | null;
  readonly frequency: string | null;
  readonly resolution: string | null;
  readonly dataset: string | null;
  readonly ms: number;
  /** RAM and flash of the same model file, from the memory-footprint table of the same kind. */
  readonly memory: Readonly<Record<string, Stm32Figure>> | null;
  /** Where the two tables of one model disagree (as published). */
  readonly note?: string;
  readonly source: MeasurementSource;
}

const J = stmJson as unknown as {
  source: { repo: string; commit: string; date: string; url: string };
  rows: {
    kind: 'MCU' | 'NPU';
    model: string;
    file: string;
    dataset: string | null;
    resolution: string | null;
    memoryResolution: string | null;
    board: string;
    engine: string | null;
    frequency: string | null;
    ms: number;
    memory: Record<string, Stm32Figure> | null;
    path: string;
    line: number;
  }[];
};

export const STM32_SOURCE = J.source;

export const STM32_ROWS: readonly Stm32Row[] = J.rows.map((r) => ({
  id: `stm32:${r.path}:${r.line}`,
  kind: r.kind,
  model: r.model,
  file: r.file,
  deviceLabel: r.board,
  engine: r.engine,
  frequency: r.frequency,
  resolution: r.resolution,
  dataset: r.dataset,
  ms: r.ms,
  memory: r.memory,
  ...(r.memoryResolution && r.memoryResolution !== r.resolution
    ? {
        note: `the inference-time table says ${r.resolution}, the memory table and the file name ${r.memoryResolution}`,
      }
    : {}),
  // The reader gives one commit per file; it is both the commit read and the row's.
  source: rowSource(J.source.repo, J.source.commit, r.path, r.line, J.source.commit, J.source.date),
}));
