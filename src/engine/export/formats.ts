/**
 * Every export format behind one call: what the app's Export menu downloads and what the CLI's
 * `--export FORMAT` writes come from here, so the two cannot drift. Never throws.
 */
import type { Model } from '../format/model';
import { modelToJson } from './json';
import { modelToOnnx } from './onnx';
import { modelToPrototxt } from './prototxt';
import { modelToPytorch } from './pytorch';
import { modelToCsv, modelToHtml, modelToMarkdown } from './table';
import { say } from '../messages';

export const EXPORT_FORMATS = ['json', 'csv', 'markdown', 'html', 'pytorch', 'onnx', 'prototxt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (s: string): s is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(s);

/** The file name ending and media type of each format. */
export const EXPORT_FILES: Readonly<Record<ExportFormat, { readonly ext: string; readonly type: string }>> = {
  json: { ext: '.json', type: 'application/json' },
  csv: { ext: '.csv', type: 'text/csv;charset=utf-8' },
  markdown: { ext: '.md', type: 'text/markdown;charset=utf-8' },
  html: { ext: '.html', type: 'text/html;charset=utf-8' },
  pytorch: { ext: '.py', type: 'text/x-python;charset=utf-8' },
  onnx: { ext: '.onnx', type: 'application/octet-stream' },
  prototxt: { ext: '.prototxt', type: 'text/plain;charset=utf-8' },
};

export type Exported =
  | {
      readonly ok: true;
      /** Text, or bytes for ONNX. */
      readonly data: string | Uint8Array;
      /** What the format could not express (left out, approximated). */
      readonly warnings: string[];
    }
  | { readonly ok: false; readonly error: string };

/** "a, b, c, d, e (+4)": paths in one line, without flooding a notice. */
const list = (paths: readonly string[]): string =>
  paths.length <= 5 ? paths.join(', ') : `${paths.slice(0, 5).join(', ')} (+${paths.length - 5})`;

/** `model` written in `format`; the tables (csv, markdown, html) in `convention`. */
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
        // Caffe's text format, as Netscope reads it (the writer is checked against the real Netscope).
        const r = modelToPrototxt(model);
        if (!r.ok) return r;
        const warnings = [
          ...(r.unknown.length
            ? [`no Caffe layer Netscope analyses (Netscope shows "Unknown Layer"): ${list(r.unknown)}`]
            : []),
          ...(r.skipped.length ? [`training-only heads left out: ${list(r.skipped)}`] : []),
        ];
        return { ok: true, data: r.text, warnings };
      }
    }
  } catch (err) {
    return { ok: false, error: say('export.failed', { error: (err as Error).message }) };
  }
}
