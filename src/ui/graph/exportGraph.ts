/**
 * The graph as a standalone SVG document (every node, not only those in view) with a title line
 * naming the model, the convention and the device; PNG is that SVG drawn on a canvas. Colours are
 * written out, so the file reads the same outside the page.
 */
import type { VisibleNode } from '../../engine/graph-view';
import type { LayoutAnswer } from '../../worker/graphLayout';
import { NODE_SIZE } from '../../worker/graphLayoutRequest';
import { shapeLabel } from '../format';
import { pngOfSvgText, save } from '../charts/download';
import { heatFill, heatText } from './heat';
import { routePath } from './graphShapes';
import type { PlacedLayout } from './useGraphData';

const esc = (s: string): string =>
  s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

const TITLE_H = 36;

export interface GraphSvgInput {
  readonly title: string;
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly { readonly from: string; readonly to: string; readonly shape: readonly number[] | null }[];
  readonly layout: PlacedLayout;
  readonly levels: readonly number[];
  /** The third line of each node (its numbers), by node index. */
  readonly valueText: (i: number) => string;
}

/** The SVG text and its size. */
export function graphSvg(g: GraphSvgInput): { text: string; width: number; height: number } {
  const a: LayoutAnswer = g.layout.answer;
  const width = Math.ceil(Math.max(a.width, 320));
  const height = Math.ceil(a.height + TITLE_H);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="24" font-size="16" font-weight="600" fill="#0f172a">${esc(g.title)}</text>`,
    `<defs><marker id="a" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0 0L8 4L0 8z" fill="#64748b"/></marker></defs>`,
    `<g transform="translate(0,${TITLE_H})">`,
  );
  for (const e of g.edges) {
    const r = g.layout.routes.get(`${e.from}\u0000${e.to}`);
    const p = r === undefined ? null : routePath(a.routes[r]);
    if (!p) continue;
    out.push(`<path d="${p.d}" fill="none" stroke="#64748b" stroke-width="1.2" marker-end="url(#a)"/>`);
    if (e.shape)
      out.push(
        `<text x="${(p.lx + 4).toFixed(1)}" y="${p.ly.toFixed(1)}" font-size="10" fill="#64748b">${esc(shapeLabel(e.shape))}</text>`,
      );
  }
  g.nodes.forEach((n, i) => {
    const j = g.layout.at.get(n.id);
    if (j === undefined) return;
    const s = NODE_SIZE[n.kind];
    const x = a.centres[2 * j] - s.width / 2;
    const y = a.centres[2 * j + 1] - s.height / 2;
    const lv = g.levels[i] ?? -1;
    const fg = heatText(lv);
    const rx = n.kind === 'input' || n.kind === 'output' ? s.height / 2 : 6;
    out.push(
      `<g transform="translate(${x.toFixed(1)},${y.toFixed(1)})"><rect width="${s.width}" height="${s.height}" rx="${rx}" fill="${heatFill(lv)}" stroke="#64748b"/>`,
      `<text x="8" y="16" font-size="12" font-weight="600" fill="${fg}">${esc(n.kind === 'block' ? `▸ ${n.label}` : n.label)}</text>`,
      `<text x="8" y="31" font-size="11" fill="${fg}">${esc(shapeLabel(n.shape))}</text>`,
      `<text x="8" y="45" font-size="11" fill="${fg}">${esc(g.valueText(i))}</text></g>`,
    );
  });
  out.push('</g></svg>');
  return { text: out.join(''), width, height };
}

/** Browsers refuse canvases past ~16k pixels a side: tall graphs are scaled down to fit. */
const MAX_SIDE = 16000;

export async function downloadGraph(g: GraphSvgInput, name: string, format: 'svg' | 'png'): Promise<void> {
  const { text, width, height } = graphSvg(g);
  if (format === 'svg') return save(new Blob([text], { type: 'image/svg+xml' }), `${name}.svg`);
  const scale = Math.min(2, MAX_SIDE / width, MAX_SIDE / height);
  save(await pngOfSvgText(text, width, height, scale), `${name}.png`);
}
