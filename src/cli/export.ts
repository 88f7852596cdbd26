/**
 * `--export FORMAT`: the app's Export menu on the command line, with the same writers
 * (src/engine/export). Text formats go to stdout unless `--out FILE`; ONNX is binary and needs
 * `--out`. Warnings (what a format cannot express) are returned for stderr.
 */
import { writeFileSync } from 'node:fs';
import {
  modelToCsv,
  modelToHtml,
  modelToJson,
  modelToMarkdown,
  modelToOnnx,
  modelToPrototxt,
  modelToPytorch,
} from '../engine/export';
import type { Model } from '../engine/format/model';

export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'html', 'pytorch', 'onnx', 'prototxt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (s: string): s is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(s);

export type Exported = { ok: true; data: string | Uint8Array; warnings: string[] } | { ok: false; error: string };

/** The model written in `format`; tables (csv, markdown, html) in `convention`. Never throws. */
export function exportAs(format: ExportFormat, model: Model, convention: string): Exported {
  const text = (r: { ok: true; text: string } | { ok: false; error: string }): Exported =>
    r.ok ? { ok: true, data: r.text, warnings: [] } : r;
  try {
    switch (format) {
      case 'json':
        return { ok: true, data: modelToJson(model), warnings: [] };
      case 'csv':
        return text(modelToCsv(model, { convention }));
      case 'markdown':
        return text(modelToMarkdown(model, { convention }));
      case 'html':
        return text(modelToHtml(model, { convention }));
      case 'pytorch': {
        const r = modelToPytorch(model);
        return r.ok ? { ok: true, data: r.code, warnings: [] } : r;
      }
      case 'onnx': {
        const r = modelToOnnx(model);
        return r.ok ? { ok: true, data: r.bytes, warnings: r.warnings } : r;
      }
      case 'prototxt': {
        const r = modelToPrototxt(model);
        if (!r.ok) return r;
        const warnings = [
          ...(r.unknown.length
            ? [`no Caffe layer Netscope analyses (Netscope shows "Unknown Layer"): ${r.unknown.join(', ')}`]
            : []),
          ...(r.skipped.length ? [`training-only heads left out: ${r.skipped.join(', ')}`] : []),
        ];
        return { ok: true, data: r.text, warnings };
      }
    }
  } catch (err) {
    return { ok: false, error: `export failed: ${(err as Error).message}` };
  }
}

/** Writes `data` to `file` with `write`. Returns an error message, or null when written. */
export function writeExport(
  data: string | Uint8Array,
  file: string,
  write: (file: string, data: string | Uint8Array) => void = writeFileSync,
): string | null {
  try {
    write(file, data);
    return null;
  } catch (err) {
    return `cannot write ${file}: ${(err as Error).message}`;
  }
}
