/**
 * Model JSON, CSV, Markdown and HTML exports. JSON must read back identical; the tables must
 * carry the convention, its unit and the totals in their header, one row per evaluated layer,
 * and a total row equal to the sum of the rows (as evaluateModel's totals are).
 */
import { describe, expect, it } from 'vitest';
import { modelToCsv, modelToHtml, modelToJson, modelToMarkdown } from '../../../src/engine/export';
import { parseModelJson } from '../../../src/engine/format/schema';
import { evaluateModel } from '../../../src/engine/evaluate';
import type { Model } from '../../../src/engine/format/model';
import { PRESETS } from '../../../src/engine/presets';
import { EVERY_KIND, MLP } from './models';
import { readMigrated, readModel } from './helpers';

const MODELS: [string, Model][] = [
  ['resnet18 fixture', readMigrated('resnet18.json')],
  ['tiny-cnn fixture', readMigrated('tiny-cnn.json')],
  ['every kind', EVERY_KIND],
  ['mlp', { ...MLP, meta: { note: 'x', nested: { a: [1, 2] } } }],
  ...PRESETS.map((p): [string, Model] => [p.name, p.build()]),
];

describe('model JSON', () => {
  it.each(MODELS)('%s → JSON → model is identical', (_n, m) => {
    const r = parseModelJson(modelToJson(m));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.model).toEqual(m);
  });

  it('puts the header first and keeps number lists on one line', () => {
    const text = modelToJson({ layers: [], input: [3, 224, 224], name: 'n', format: 'floplab.model/2' });
    expect(text).toBe(
      '{\n  "format": "floplab.model/2",\n  "name": "n",\n  "input": [3, 224, 224],\n  "layers": []\n}\n',
    );
  });
});

/** RFC 4180 reader for the test: quoted fields may hold commas and quotes. */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cur += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

describe('per-layer table exports', () => {
  const model = readModel('resnet18.json');
  const rows = evaluateModel(model, { conventions: ['thop'] });

  it('CSV: header with convention, unit and totals; one row per layer; total row = column sums', () => {
    const r = modelToCsv(model, { convention: 'thop' });
    if (!r.ok) throw new Error(r.error);
    const lines = r.text.trimEnd().split('\n');
    const header = lines.filter((l) => l.startsWith('#'));
    expect(header).toContain('# Convention: thop 0.1.1 (thop), unit: MACs');
    // issue 2: ResNet-18 under thop = 1,824,033,792; params 11,689,512
    expect(header).toContain('# Total (thop): 1824033792 MACs');
    expect(header).toContain('# Parameters: 11689512');
    const table = lines.filter((l) => !l.startsWith('#')).map(parseCsvLine);
    expect(table[0]).toEqual(['Layer', 'Name', 'Type', 'Output', 'Params', 'thop (MACs)', 'MACs', 'Error']);
    const body = table.slice(1, -1);
    expect(body).toHaveLength(rows.rows.length);
    const total = table[table.length - 1];
    expect(total[0]).toBe('Total');
    expect(BigInt(total[5])).toBe(body.reduce((s, c) => s + BigInt(c[5]), 0n));
    expect(total[5]).toBe('1824033792');
    expect(total[4]).toBe('11689512');
  });

  it('CSV quotes fields with commas and quotes; HTML escapes markup; Markdown escapes pipes', () => {
    const m: Model = {
      format: 'floplab.model/2',
      name: 'a<b>',
      input: [4],
      layers: [{ type: 'linear', out: 2, name: 'fc "a", b|c' }],
    };
    const csv = modelToCsv(m);
    expect(csv.ok && csv.text).toContain('layers[0],"fc ""a"", b|c",linear,2,10,');
    const html = modelToHtml(m);
    expect(html.ok && html.text).toContain('<h1>a&lt;b&gt;</h1>');
    expect(html.ok && html.text).toContain('fc &quot;a&quot;, b|c');
    const md = modelToMarkdown(m);
    expect(md.ok && md.text).toContain('| fc "a", b\\|c |');
  });

  it('Markdown: title, header list, right-aligned number columns, indented block children, bold totals', () => {
    const r = modelToMarkdown(model, { convention: 'torchvision' });
    if (!r.ok) throw new Error(r.error);
    expect(r.text.startsWith('# resnet18 (torchvision)\n')).toBe(true);
    // issue 2: ResNet-18 under torchvision = 1,814,073,344
    expect(r.text).toContain('- **Total (torchvision):** 1,814,073,344 MACs');
    expect(r.text).toContain('| --- | --- | --- | --- | ---: | ---: | ---: | --- |');
    expect(r.text).toContain('| &nbsp;&nbsp;&nbsp;&nbsp;layers[4]#0.body[0].body[0] |');
    expect(r.text.trimEnd().split('\n').pop()).toBe(
      '| **Total** |  |  | **1000** | **11,689,512** | **1,814,073,344** | **1,814,073,344** |  |',
    );
  });

  it('HTML: a standalone printable page with the header and one table row per layer', () => {
    const r = modelToHtml(model, { convention: 'seed' });
    if (!r.ok) throw new Error(r.error);
    expect(r.text.startsWith('<!doctype html>')).toBe(true);
    expect(r.text).toContain('@media print');
    expect(r.text).not.toContain('<script');
    expect(r.text.match(/<tr/g)).toHaveLength(rows.rows.length + 2); // head + rows + total
  });

  it('layers with errors are flagged in the header and rows; an unknown convention is a message', () => {
    const bad: Model = { format: 'floplab.model/2', input: [3, 8, 8], layers: [{ type: 'linear', out: 2 }] };
    const r = modelToCsv(bad);
    expect(r.ok && r.text).toContain('# Errors: 1 layer(s) with errors');
    expect(r.ok && r.text).toMatch(/linear needs a flat/);
    const u = modelToCsv(bad, { convention: 'nope' });
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.error).toBe('unknown convention "nope"');
  });
});

describe('a table with a layer FlopLab cannot count', () => {
  const model = {
    format: 'floplab.model/2',
    name: 'partial',
    batch: 1,
    input: [3, 4, 4],
    layers: [
      { type: 'conv2d', out: 2, kernel: 1, bias: false, name: 'c' },
      { type: 'opaque', op: 'NonMaxSuppression', name: 'nms' },
    ],
  } as unknown as Model;

  it('CSV: the row says "not counted", the header and the total row say partial', () => {
    const r = modelToCsv(model, { convention: 'onnx-tool' });
    if (!r.ok) throw new Error(r.error);
    const lines = r.text.trimEnd().split('\n');
    expect(lines).toContain('# Partial: 1 layer(s) not counted (nms: NonMaxSuppression); the totals leave them out');
    expect(lines).toContain('layers[1],nms,opaque,2×4×4,0,not counted,not counted,');
    // conv 1×1, 3 → 2 on 4×4: 96 MACs; onnx-tool counts the same 96.
    expect(lines[lines.length - 1]).toBe('Total,,,2×4×4,6,96,96,partial: 1 not counted');
  });

  it('Markdown carries the same partial line', () => {
    const r = modelToMarkdown(model, { convention: 'thop' });
    if (!r.ok) throw new Error(r.error);
    expect(r.text).toContain('**Partial:** 1 layer(s) not counted (nms: NonMaxSuppression)');
  });
});
