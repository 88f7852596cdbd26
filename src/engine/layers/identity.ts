/**
 * Identity (torch.nn.Identity): passes its input through; a placeholder in presets. `onnx_op` names
 * the ONNX node an imported identity stands for when that node is no identity to onnx-tool: a Clip
 * without bounds, a Max or Min of one input compute nothing, yet its ClipNode / MaxNode / MinNode
 * count them per element (conventions/onnx-tool.ts), so the row keeps the op to copy that.
 */
import { elementwiseKind } from './elementwise';

export const identity = elementwiseKind({
  type: 'identity',
  label: 'Identity',
  category: 'shape',
  summary: 'Output = input',
  fields: [
    {
      name: 'onnx_op',
      kind: 'enum',
      options: ['none', 'Clip', 'Max', 'Min'],
      default: 'none',
      label: 'ONNX node',
      help: 'The ONNX node this identity was read from, if it is one that passes its input through: a Clip without bounds, a Max or Min of one input. Nothing is computed; onnx-tool still counts it (Clip 2, Max and Min 1 per element)',
    },
  ],
  symbols: (p) => ({ oc: p.onnx_op === 'Clip' ? 1 : 0, om: p.onnx_op === 'Max' || p.onnx_op === 'Min' ? 1 : 0 }),
  opsPerElement: 0,
  exactNote: 'No arithmetic.',
});
