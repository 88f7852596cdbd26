/**
 * The last honesty net of the ONNX import: each graph output's shape as FlopLab gives it, read as the
 * file would show it (batch × the sample's shape; the whole shape for an output without a batch dim
 * of its own; [N·d0, …] for one that merges the batch), against the shape the file states. Where they
 * differ — a 0-d scalar held as [1], an ArgMax to [N] held as [N, 1], a not-counted row that could
 * only keep its input's shape — a notice names the output and both shapes, so no shape is silently
 * other than the file's.
 */
import type { OnnxValueInfo } from './decode';

export interface OutputView {
  /** The output's value name, its sample shape (batch left out) where known. */
  readonly name: string;
  readonly shape: readonly number[] | null | undefined;
  readonly whole: boolean;
  readonly merged: boolean;
}

export interface Mismatch {
  /** "name [file] → [FlopLab]". */
  readonly line: string;
  /** The file states the output empty (a size of 0), which no row holds: said apart. */
  readonly empty: boolean;
}

/** Every output whose fully stated shape FlopLab does not give. */
export function outputMismatches(
  views: readonly OutputView[],
  stated: readonly OnnxValueInfo[],
  batch: number,
): Mismatch[] {
  const out: Mismatch[] = [];
  for (const v of views) {
    const info = stated.find((s) => s.name === v.name);
    // A stated 0 (an empty output) is compared too: FlopLab holds no empty tensor, so it is always said.
    const file = info?.dims?.map((d, i) => (d === null && info.zeros?.includes(i) ? 0 : d));
    if (!file || file.some((d) => d === null) || !v.shape) continue;
    const s = v.shape;
    const given = v.whole ? [...s] : v.merged ? [batch * (s[0] ?? 1), ...s.slice(1)] : [batch, ...s];
    // A stated [] where FlopLab has more than one value: some writers state an empty shape for
    // "unknown" (a 0-d scalar is one value), so only a one-value output is compared with it.
    if (file.length === 0 && given.reduce((a, b) => a * b, 1) !== 1) continue;
    if (given.length !== file.length || given.some((d, i) => d !== file[i]))
      out.push({ line: `${v.name} [${file.join(', ')}] → [${given.join(', ')}]`, empty: file.includes(0) });
  }
  return out;
}
