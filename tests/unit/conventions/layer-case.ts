import type { LayerSpec } from '../../../src/engine/format/model';

/** One layer on one input (batch 2) with its count under every convention. */
export interface LayerCase {
  readonly spec: LayerSpec;
  readonly input: number[];
  readonly source: string;
  readonly expect: Readonly<Record<string, number>>;
}

/**
 * An element-wise layer on [4, 6, 6] at batch 2 (288 elements) that none of the six PyTorch tools count
 * (measured: unary-tools.jsonl, quantize-tools.jsonl): they and torchvision's _ops give 0; exact and the
 * seed article give the kind's own per-element count; onnx-tool and Netscope as measured for the case.
 */
export function uncountedByPyTorchCase(
  type: string,
  fields: Record<string, unknown>,
  exactPerElement: number,
  measured: { onnxTool: number; netscope: number },
  source: string,
): LayerCase {
  const n = 4 * 6 * 6 * 2;
  return {
    spec: { type, ...fields } as LayerSpec,
    input: [4, 6, 6],
    source,
    expect: {
      seed: exactPerElement * n,
      exact: exactPerElement * n,
      ...Object.fromEntries(
        ['torchvision', 'thop', 'ptflops', 'fvcore', 'torch', 'deepspeed', 'torchinfo'].map((c) => [c, 0]),
      ),
      'onnx-tool': measured.onnxTool,
      netscope: measured.netscope,
    },
  };
}
