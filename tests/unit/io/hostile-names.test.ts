/**
 * Issue 21: a NUL, an ESC sequence, line breaks, quotes and backslashes in a model or layer name,
 * through every exporter (exportAs, what the app's Export menu and the CLI write). Each file must
 * stay valid for its format: Python the interpreter accepts (the escaped comment text pinned
 * exactly, since Python is not run here), prototxt and ONNX that our importers read back to the
 * same names, JSON that round-trips, CSV records of eight fields, Markdown rows of eight cells, and
 * no raw control character in any text file but the line breaks the format itself uses.
 */
import { describe, expect, it } from 'vitest';
import { exportAs, type ExportFormat } from '../../../src/engine/export';
import { importFile } from '../../../src/engine/import';
import { parseModelJson } from '../../../src/engine/format/schema';
import type { Model } from '../../../src/engine/format/model';
import { parseProtoText } from '../../../src/engine/import/prototxt-text';
import { tokenizePython } from './python-parse';

/** [name, as the tables show it, as the PyTorch comment writes it]. */
const NAMES: [string, string, string][] = [
  ['nul\u0000name', 'nul\\x00name', 'nul\\x00name'],
  ['esc\u001b[2Jclear', 'esc\\x1b[2Jclear', 'esc\\x1b[2Jclear'],
  ['two\nlines\r\nand\ttab', 'two\nlines\r\nand\ttab', 'two\\nlines\\r\\nand\\ttab'],
  [`quote"and'apostrophe`, `quote"and'apostrophe`, `quote"and'apostrophe`],
  ['back\\slash \\n \\x00', 'back\\slash \\n \\x00', 'back\\\\slash \\\\n \\\\x00'],
  ['pipe|cell, comma', 'pipe|cell, comma', 'pipe|cell, comma'],
  ['del\u007f c1\u009b', 'del\\x7f c1\\x9b', 'del\\x7f c1\\x9b'],
  ['ls\u2028ps\u2029', 'ls\u2028ps\u2029', 'ls\\u2028ps\\u2029'],
  ['lone\ud800surrogate', 'lone\ufffdsurrogate', 'lone\ufffdsurrogate'],
];

const modelNamed = (name: string): Model => ({
  format: 'floplab.model/2',
  name,
  input: [3, 8, 8],
  layers: [
    { type: 'conv2d', out: 4, kernel: 3, name },
    { type: 'relu', name },
  ],
});

const exported = (format: ExportFormat, m: Model) => {
  const r = exportAs(format, m, 'seed');
  if (!r.ok) throw new Error(`${format}: ${r.error}`);
  return r.data;
};
const text = (format: ExportFormat, m: Model) => exported(format, m) as string;

/** Control characters other than the line breaks (and tab) a text format may hold. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** The same name with a lone surrogate made U+FFFD, as any UTF-8 file holds it. */
const utf8Name = (s: string) => new TextDecoder().decode(new TextEncoder().encode(s));

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function csvRecords(src: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted && c === '"' && src[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') quoted = false;
    else if (quoted) field += c;
    else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\n') {
      endField();
      records.push(record);
      record = [];
    } else field += c;
  }
  expect(quoted, 'an unterminated quoted field').toBe(false);
  return records;
}

/** A Markdown table row's cells, unescaped (`\|` and `\\`); throws on a row that is not one line. */
const mdCells = (line: string) =>
  line
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.replace(/\\(.)/g, '$1'));

describe.each(NAMES)('the name %j', (name, shown, python) => {
  const m = modelNamed(name);

  it('json: round-trips to the same model, control characters escaped', () => {
    const t = text('json', m);
    expect(t).not.toMatch(RAW_CONTROL);
    const back = parseModelJson(t);
    expect(back.ok && back.model).toEqual(m);
  });

  it('csv: eight fields a record, the name as shown, no raw control character', () => {
    const t = text('csv', m);
    expect(t).not.toMatch(RAW_CONTROL);
    expect(t.split('\n').filter((l) => l.startsWith('#'))[0]).toBe(`# Model: ${shown.replace(/[\r\n]+/g, ' ')}`);
    const records = csvRecords(
      t
        .split('\n')
        .filter((l) => !l.startsWith('#'))
        .join('\n'),
    );
    expect(records.map((r) => r.length)).toEqual([8, 8, 8, 8]);
    expect(records[1].slice(0, 3)).toEqual(['layers[0]', shown, 'conv2d']);
    expect(records[2][1]).toBe(shown);
  });

  it('markdown: one line a row, eight cells, the name as shown on one line', () => {
    const t = text('markdown', m);
    expect(t).not.toMatch(RAW_CONTROL);
    expect(t).not.toContain('\r');
    const rows = t.split('\n').filter((l) => l.startsWith('| '));
    expect(rows.map((r) => mdCells(r).length)).toEqual([8, 8, 8, 8, 8]);
    expect(mdCells(rows[2])[1]).toBe(shown.replace(/[\r\n]+/g, ' '));
    expect(t.split('\n')[0]).toBe(`# ${shown.replace(/[\r\n]+/g, ' ').replace(/[\\|]/g, '\\$&')}`);
  });

  it('html: the name escaped for HTML, no raw control character', () => {
    const t = text('html', m);
    expect(t).not.toMatch(RAW_CONTROL);
    const html = shown.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    expect(t).toContain(`<h1>${html}</h1>`);
    expect(t).toContain(`<td>layers[0]</td><td>${html}</td>`);
  });

  it('pytorch: valid Python, the name in its comments written with Python escapes', () => {
    const code = text('pytorch', m);
    expect(() => tokenizePython(code)).not.toThrow();
    expect(code).not.toMatch(RAW_CONTROL);
    const lines = code.split('\n');
    expect(lines[0]).toBe(`# ${python} — generated by FlopLab (PyTorch nn.Module).`);
    expect(lines.find((l) => l.includes('nn.Conv2d('))).toBe(
      `            nn.Conv2d(3, 4, kernel_size=3),  # ${python}`,
    );
    expect(lines.find((l) => l.includes('nn.ReLU('))).toBe(`            nn.ReLU(),  # ${python}`);
  });

  it('prototxt: our importer reads the same name back', () => {
    const t = text('prototxt', m);
    expect(t).not.toMatch(RAW_CONTROL);
    expect(t.split('\n')).toHaveLength(5); // name, input, conv, relu, and the final newline
    const back = importFile('m.prototxt', new TextEncoder().encode(t));
    expect(back.ok && back.model.name).toBe(utf8Name(name));
  });

  it('onnx: written, and read back with the model and layer names', () => {
    const bytes = exported('onnx', m) as Uint8Array;
    const back = importFile('m.onnx', bytes);
    if (!back.ok) throw new Error(back.error);
    expect(back.model.name).toBe(utf8Name(name));
    // ONNX node names are unique (onnxruntime refuses a file otherwise): the second layer of the same name is `:2`.
    expect(back.model.layers.map((l) => l.name)).toEqual([utf8Name(name), `${utf8Name(name)}:2`]);
  });
});

describe('prototxt strings are read with protobuf text-format escapes', () => {
  it.each([
    ['"a\\nb\\tc"', 'a\nb\tc'],
    ['"\\000\\033[2J\\177"', '\u0000\u001b[2J\u007f'],
    ['"\\x41\\x7e"', 'A~'],
    ['"\\303\\251t\\302\\233"', '\u00e9t\u009b'],
    ['"\\u00e9\\U0001F600"', '\u00e9\u{1F600}'],
    ['"q\\"uote \\\\ back"', 'q"uote \\ back'],
    ["'it\\'s \\? \\a'", "it's ? \u0007"],
    ['"plain ünïcode"', 'plain ünïcode'],
  ])('%s', (literal, value) => {
    const r = parseProtoText(`name: ${literal}`);
    expect(r.ok && r.msg.name).toEqual([value]);
  });
});
