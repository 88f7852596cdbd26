/**
 * Identity (torch.nn.Identity): passes its input through; a placeholder in presets. `onnx_op` names
 * the ONNX node an imported identity stands for when that node is no identity to onnx-tool: a Clip
 * without bounds, a Max or Min of one input compute nothing, yet its ClipNode / MaxNode / MinNode
 * count them per element (conventions/onnx-tool.ts), so the row keeps the op to copy that; so does a
 * Reduce* over an empty axes list with noop_with_empty_axes, which onnx-tool profiles as any reduction.
 */
import { elementwiseKind } from './elementwise';

/** The nodes onnx-tool counts once per element: NpMathBase's Max / Min (ratio 1), ReduceMeanNode's family (ADD, MUL or CMP). */
const ONE_PER_ELEMENT = new Set(['Max', 'Min', 'ReduceSum', 'ReduceMean', 'ReduceProd', 'ReduceMin', 'ReduceMax']);

export const identity = elementwiseKind({
  type: 'identity',
  label: 'Identity',
  category: 'shape',
  summary: 'Output = input',
  fields: [
    {
      name: 'onnx_op',
      kind: 'enum',
      options: [
        'none',
        'Clip',
        'Max',
        'Min',
        'ReduceSum',
        'ReduceMean',
        'ReduceProd',
        'ReduceMin',
        'ReduceMax',
        'ReduceL2',
      ],
      default: 'none',
      label: 'ONNX node',
      help: 'The ONNX node this identity was read from, if it is one that passes its input through: a Clip without bounds, a Max or Min of one input, a Reduce* over an empty axes list with noop_with_empty_axes. Nothing is computed; onnx-tool still counts it (Clip 2, Max, Min and the reductions 1, ReduceL2 25 per element)',
    },
  ],
  symbols: (p) => ({
    oc: p.onnx_op === 'Clip' ? 1 : 0,
    om: ONE_PER_ELEMENT.has(p.onnx_op as string) ? 1 : 0,
    ol: p.onnx_op === 'ReduceL2' ? 1 : 0,
  }),
  opsPerElement: 0,
  exactNote: 'No arithmetic.',
});
