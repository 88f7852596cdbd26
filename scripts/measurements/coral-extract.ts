/**
 * Extracts Table 1 ("Time per inference, in milliseconds") of Coral's "Edge TPU performance
 * benchmarks" page (https://coral.ai/docs/edgetpu/benchmarks) into
 * src/engine/deploy/latency/measurements/coral.json. Run by hand (the output is committed, the page
 * is not):
 *
 *   npx tsx scripts/measurements/coral-extract.ts <saved page text> <url> [date|-]
 *
 * The page is not in a repository; its text was read through the stored-pages search, which renders a
 * table row as "Model (HxW) |" then "a | b | c | d |" (or both on one line) and gives no date for
 * the page ("-": recorded as "not published by the tool"). The four columns are the page's: desktop
 * CPU, desktop CPU + USB Accelerator (USB 3.0), embedded CPU, Dev Board. Each row keeps its line in
 * the saved text.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const [file, url, dateArg] = process.argv.slice(2);
if (!file || !url) {
  console.error('usage: coral-extract.ts <saved page text> <url> [date|-]');
  process.exit(1);
}
const COLUMNS = ['desktopCpu', 'usbAccelerator', 'embeddedCpu', 'devBoard'] as const;
const lines = readFileSync(file, 'utf8').split('\n');
const start = lines.findIndex((l) => /^---\|/.test(l));
if (start < 0) throw new Error('no table separator in the saved text');

const nums = (l: string) => {
  const cells = l.split('|').map((c) => c.trim());
  if (cells.at(-1) === '') cells.pop();
  return cells;
};
const rows: Record<string, unknown>[] = [];
for (let i = start + 1; i < lines.length; i++) {
  const cells = nums(lines[i]);
  if (!cells.length || cells[0] === '') continue;
  let name: string;
  let values: string[];
  let line = i + 1;
  if (cells.length === 1) {
    name = cells[0];
    values = nums(lines[i + 1] ?? '');
    line = i + 2;
    i++;
  } else {
    name = cells[0];
    values = cells.slice(1);
  }
  if (values.length !== 4 || values.some((v) => !/^\d+(\.\d+)?$/.test(v)))
    throw new Error(`line ${line}: expected four times, got "${values.join(' | ')}"`);
  const res = /\((\d+)x(\d+)\)/.exec(name);
  rows.push({
    model: name,
    input: res ? [3, Number(res[1]), Number(res[2])] : null,
    ...Object.fromEntries(COLUMNS.map((c, k) => [c, Number(values[k])])),
    line,
  });
}

const out = {
  generatedBy: 'scripts/measurements/coral-extract.ts; do not edit by hand',
  source: {
    url,
    date: dateArg && dateArg !== '-' ? dateArg : 'not published by the tool',
    what: 'Coral, Edge TPU performance benchmarks, Table 1: time per inference (ms); model execution only',
    read: 'stored-pages search (corpus "pages"); the saved text is the excerpt it returned',
    columns: COLUMNS,
  },
  rows,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFile = join(root, 'src/engine/deploy/latency/measurements/coral.json');
writeFileSync(outFile, await format(JSON.stringify(out), { ...(await resolveConfig(outFile)), filepath: outFile }));
console.log(`${rows.length} rows from ${url}`);
