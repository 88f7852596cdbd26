/**
 * The Export menu's actions. The exporters (src/engine/export) are loaded on first use, so they
 * are not in the page's initial JavaScript. Files are saved with a Blob URL and <a download>.
 * The printable summary is a new window whose content is built with DOM APIs (no HTML string,
 * no script, styles through the CSSOM), so it works under the page's strict CSP, which the
 * window inherits.
 */
import type { Model } from '../../engine/format/model';
import type { LayerTable } from '../../engine/export/table';
import type { ExportFormat } from '../../engine/export/formats';
import { t as tr } from '../i18n';
import { groupDigits } from '../../engine/digits';

/** The formats the menu offers (the printable summary stands in for `html`). */
export type ExportKind = Exclude<ExportFormat, 'html'>;

export type ExportOutcome = { ok: true; filename: string; warnings: string[] } | { ok: false; error: string };

/** A file name from the model's name: letters, digits, dot, dash and underscore only. */
export function fileBase(model: Model): string {
  const base = (model.name ?? '')
    .trim()
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return base || 'model';
}

/** Saves `data` as a download named `filename`. */
export function saveFile(data: BlobPart, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: the download starts asynchronously and needs the URL until then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Builds the export and downloads it. Never throws. */
export async function exportModel(kind: ExportKind, model: Model, convention: string): Promise<ExportOutcome> {
  try {
    const { exportAs, EXPORT_FILES } = await import('../../engine/export');
    const r = exportAs(kind, model, convention);
    if (!r.ok) return r;
    const { ext, type } = EXPORT_FILES[kind];
    const filename = `${fileBase(model)}${kind === 'csv' || kind === 'markdown' ? `.${convention}` : ''}${ext}`;
    saveFile(r.data as BlobPart, filename, type);
    return { ok: true, filename, warnings: r.warnings };
  } catch (err) {
    return { ok: false, error: tr('export.err.failed', { msg: (err as Error)?.message ?? String(err) }) };
  }
}

const NUMERIC = new Set([4, 5, 6]);

/** Fills `doc` with the table: title, header list, the per-layer table with totals. */
export function renderSummary(doc: Document, t: LayerTable): void {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, css?: Partial<CSSStyleDeclaration>) => {
    const e = doc.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (css) Object.assign(e.style, css);
    return e;
  };
  doc.title = `${t.model} — FlopLab summary`;
  doc.documentElement.lang = 'en';
  const body = doc.body;
  body.replaceChildren();
  Object.assign(body.style, { font: '13px/1.4 system-ui, sans-serif', margin: '1.5em', color: '#111' });
  body.append(el('h1', t.model, { fontSize: '1.5em', margin: '0 0 .5em' }));
  const dl = el('dl', undefined, {
    display: 'grid',
    gridTemplateColumns: 'max-content auto',
    gap: '.2em 1em',
    margin: '0 0 1em',
  });
  for (const h of t.header) dl.append(el('dt', h.label, { fontWeight: '600' }), el('dd', h.value, { margin: '0' }));
  body.append(dl);
  const table = el('table', undefined, { borderCollapse: 'collapse', width: '100%' });
  const cell = (tag: 'th' | 'td', text: string, i: number, extra: Partial<CSSStyleDeclaration> = {}) =>
    el(tag, NUMERIC.has(i) ? groupDigits(text) : text, {
      borderBottom: '1px solid #ccc',
      padding: '.2em .4em',
      textAlign: NUMERIC.has(i) ? 'right' : 'left',
      fontVariantNumeric: 'tabular-nums',
      ...extra,
    });
  const headRow = el('tr');
  t.columns.forEach((c, i) => headRow.append(cell('th', c, i)));
  const thead = el('thead');
  thead.append(headRow);
  table.append(thead);
  const tbody = el('tbody');
  for (const r of t.rows) {
    const tr = el('tr', undefined, { breakInside: 'avoid' });
    r.cells.forEach((c, i) =>
      tr.append(
        cell('td', c, i, {
          ...(i === 0 && r.depth ? { paddingLeft: `${0.4 + r.depth * 1.2}em` } : {}),
          ...(r.cells[7] ? { color: '#a00' } : {}),
        }),
      ),
    );
    tbody.append(tr);
  }
  const foot = el('tr');
  t.totals.forEach((c, i) => foot.append(cell('td', c, i, { fontWeight: '700', borderTop: '2px solid #111' })));
  const tfoot = el('tfoot');
  tfoot.append(foot);
  table.append(tbody, tfoot);
  body.append(table);
}

/**
 * Opens the printable summary. The window is opened synchronously (inside the click, so popup
 * blockers allow it) and filled once the exporter has loaded; then the print dialog opens.
 */
export async function openPrintableSummary(model: Model, convention: string): Promise<ExportOutcome> {
  const win = window.open('', '_blank');
  if (!win) return { ok: false, error: tr('export.err.popup') };
  try {
    win.document.body.textContent = tr('export.preparing');
    const { layerTable } = await import('../../engine/export/table');
    const r = layerTable(model, { convention });
    if (!r.ok) {
      win.close();
      return r;
    }
    renderSummary(win.document, r.table);
    win.focus();
    win.print();
    return { ok: true, filename: '', warnings: [] };
  } catch (err) {
    win.close();
    return { ok: false, error: tr('export.err.summary', { msg: (err as Error)?.message ?? String(err) }) };
  }
}
