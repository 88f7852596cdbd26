/**
 * Exporters: model JSON, the per-layer table (CSV, Markdown, printable HTML), PyTorch source,
 * ONNX bytes and Caffe prototxt; `exportAs` (formats.ts) picks one by name for the app and the CLI.
 * All are pure and never throw; failures come back as `{ ok: false, error }`.
 */
export { modelToJson } from './json';
export {
  layerTable,
  modelToCsv,
  modelToHtml,
  modelToMarkdown,
  tableToCsv,
  tableToHtml,
  tableToMarkdown,
} from './table';
export type { LayerTable, TableOptions, TableResult } from './table';
export { modelToPytorch } from './pytorch';
export type { CodeResult } from './pytorch';
export { modelToOnnx } from './onnx';
export type { OnnxWriteOptions, OnnxWriteResult } from './onnx';
export { modelToPrototxt } from './prototxt';
export type { PrototxtOptions, PrototxtResult } from './prototxt';
export { EXPORT_FILES, EXPORT_FORMATS, exportAs, isExportFormat } from './formats';
export type { ExportFormat, Exported } from './formats';
