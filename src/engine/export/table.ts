/**
 * The per-layer table as CSV, Markdown and a printable HTML page. Each starts with the model's
 * name, input, batch, the convention with its unit, and the totals (parameters, the
 * convention's count, conv + linear MACs), so a pasted table says what its numbers mean.
 * Counts are exact integers (CSV: plain digits; Markdown/HTML: digits grouped with commas).
 * Block rows carry their own combining op (the residual add, the SE multiply); the totals are
 * the sum over all rows, as in the evaluator.
 */
import type { Model } from '../format/model';
import { shapeText } from '../format/model';
import { evaluateModel, notCountedLayers, type ModelResult } from '../evaluate';
import { conventionById, DEFAULT_CONVENTION } from '../conventions/registry';
import type { Convention } from '../conventions/types';
import { NOT_COUNTED_TYPE } from '../layers/opaque';
import { tableText } from './escape';
import { groupDigits } from '../digits';
import { say } from '../messages';

export interface TableOptions {
  /** Convention id; defaults to the app's default convention. */
  readonly convention?: string;
  /** Batch override (as in evaluateModel). */
  readonly batch?: number;
}

export interface LayerTable {
  readonly model: string;
  readonly convention: Convention;
  readonly result: ModelResult;
  readonly header: { label: string; value: string }[];
  readonly columns: string[];
  /** One row per evaluated layer; `depth` is its nesting (for indenting names). */
  readonly rows: { depth: number; cells: string[] }[];
  readonly totals: string[];
}

export type TableResult = { ok: true; table: LayerTable } | { ok: false; error: string };

/** Evaluates the model and lays out its table. Never throws. */
export function layerTable(model: Model, opts: TableOptions = {}): TableResult {
  const id = opts.convention ?? DEFAULT_CONVENTION;
  const conv = conventionById(id);
  if (!conv) return { ok: false, error: say('edit.unknownConvention', { id }) };
  try {
    const result = evaluateModel(model, { conventions: [id], ...(opts.batch ? { batch: opts.batch } : {}) });
    const unit = conv.unit === 'MAC' ? 'MACs' : 'FLOPs';
    const t = result.totals;
    const header = [
      { label: 'Model', value: model.name ?? 'model' },
      { label: 'Input', value: `${shapeText(result.input)}, batch ${result.batch}` },
      { label: 'Convention', value: `${conv.name} (${conv.id}), unit: ${unit}` },
      { label: 'Parameters', value: groupDigits(t.params) },
      { label: `Total (${conv.id})`, value: `${groupDigits(t.counts[0])} ${unit}` },
      { label: 'MACs (conv + linear, no bias)', value: groupDigits(t.macs) },
      ...(result.errors ? [{ label: 'Errors', value: `${result.errors} layer(s) with errors` }] : []),
      ...(result.notCounted.length
        ? [
            {
              label: 'Partial',
              value: `${result.notCounted.length} layer(s) not counted (${notCountedLayers(result)
                .map((l) => `${l.name ?? l.path}: ${l.op}`)
                .join(', ')}); the totals leave them out`,
            },
          ]
        : []),
      ...(result.modelError ? [{ label: 'Model error', value: result.modelError }] : []),
    ];
    const columns = ['Layer', 'Name', 'Type', 'Output', 'Params', `${conv.id} (${unit})`, 'MACs', 'Error'];
    const rows = result.rows.map((r) => ({
      depth: r.depth,
      cells: [
        r.path,
        r.name ?? '',
        r.type,
        shapeText(r.output),
        r.params.toString(),
        r.type === NOT_COUNTED_TYPE ? 'not counted' : r.counts[0].toString(),
        r.type === NOT_COUNTED_TYPE ? 'not counted' : r.macs.toString(),
        r.error ?? '',
      ],
    }));
    const totals = [
      'Total',
      '',
      '',
      shapeText(result.output),
      t.params.toString(),
      t.counts[0].toString(),
      t.macs.toString(),
      result.notCounted.length ? `partial: ${result.notCounted.length} not counted` : '',
    ];
    // Names (and errors quoting them) with control characters as \x1b: a NUL or an ESC sequence
    // in a cell would break a CSV reader or a terminal that prints the file (escape.ts).
    return {
      ok: true,
      table: {
        model: tableText(model.name ?? 'model'),
        convention: conv,
        result,
        header: header.map((h) => ({ label: h.label, value: tableText(h.value) })),
        columns,
        rows: rows.map((r) => ({ depth: r.depth, cells: r.cells.map(tableText) })),
        totals: totals.map(tableText),
      },
    };
  } catch (err) {
    return { ok: false, error: say('export.cannotTable', { error: (err as Error).message }) };
  }
}

const NUMERIC = new Set([4, 5, 6]);

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** CSV: `#` header lines, then one row per layer and a total row. */
export function tableToCsv(t: LayerTable): string {
  // Header numbers as plain digits, like the cells: "202848", not "202,848".
  const lines = t.header.map((h) =>
    `# ${h.label}: ${h.value.replace(/(\d),(?=\d{3})/g, '$1')}`.replace(/[\r\n]+/g, ' '),
  );
  lines.push(t.columns.map(csvField).join(','));
  for (const r of t.rows) lines.push(r.cells.map(csvField).join(','));
  lines.push(t.totals.map(csvField).join(','));
  return lines.join('\n') + '\n';
}

const mdCell = (s: string) =>
  s
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ');
const display = (cells: string[]) =>
  cells.map((c, i) => (NUMERIC.has(i) && /^\d+$/.test(c) ? groupDigits(BigInt(c)) : c));

/** Markdown: a title, the header as a list, the table with names indented by depth. */
export function tableToMarkdown(t: LayerTable): string {
  const out = [`# ${mdCell(t.model)}`, '', ...t.header.map((h) => `- **${mdCell(h.label)}:** ${mdCell(h.value)}`), ''];
  const align = t.columns.map((_c, i) => (NUMERIC.has(i) ? '---:' : '---'));
  out.push(`| ${t.columns.map(mdCell).join(' | ')} |`, `| ${align.join(' | ')} |`);
  for (const r of t.rows) {
    const cells = display(r.cells);
    cells[0] = `${'&nbsp;&nbsp;'.repeat(r.depth)}${cells[0]}`;
    out.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  out.push(
    `| ${display(t.totals)
      .map((c) => (c ? `**${mdCell(c)}**` : ''))
      .join(' | ')} |`,
  );
  return out.join('\n') + '\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A standalone, printable HTML page (inline styles, no scripts). */
export function tableToHtml(t: LayerTable): string {
  const head = t.header.map((h) => `<dt>${esc(h.label)}</dt><dd>${esc(h.value)}</dd>`).join('\n');
  const th = t.columns.map((c, i) => `<th${NUMERIC.has(i) ? ' class="n"' : ''}>${esc(c)}</th>`).join('');
  const row = (cells: string[], depth: number, cls = '') =>
    `<tr${cls}>${display(cells)
      .map((c, i) => {
        const style = i === 0 && depth ? ` style="padding-left:${0.4 + depth * 1.2}em"` : '';
        return `<td${NUMERIC.has(i) ? ' class="n"' : ''}${style}>${esc(c)}</td>`;
      })
      .join('')}</tr>`;
  const body = t.rows.map((r) => row(r.cells, r.depth, r.cells[7] ? ' class="err"' : '')).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(t.model)} — FlopLab summary</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;margin:1.5em;color:#111}
dl{display:grid;grid-template-columns:max-content auto;gap:.2em 1em}dt{font-weight:600}dd{margin:0}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.2em .4em;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:700;border-top:2px solid #111}
tr.err td{color:#a00}@media print{body{margin:0}tr{break-inside:avoid}}
</style></head><body>
<h1>${esc(t.model)}</h1>
<dl>
${head}
</dl>
<table><thead><tr>${th}</tr></thead><tbody>
${body}
</tbody><tfoot>${row(t.totals, 0)}</tfoot></table>
</body></html>
`;
}

/** Convenience wrappers: model → text in one call. Never throw. */
export const modelToCsv = (m: Model, o?: TableOptions) => withTable(m, o, tableToCsv);
export const modelToMarkdown = (m: Model, o?: TableOptions) => withTable(m, o, tableToMarkdown);
export const modelToHtml = (m: Model, o?: TableOptions) => withTable(m, o, tableToHtml);

function withTable(m: Model, o: TableOptions | undefined, f: (t: LayerTable) => string) {
  const r = layerTable(m, o);
  return r.ok ? ({ ok: true, text: f(r.table) } as const) : r;
}
