/**
 * Issue 21: the table exports (CSV, Markdown, HTML) of a model whose counts pass 2^53 carry the
 * CLI's digits, which it counts in bigint: a trip through Number would round the last ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportAs } from '../../../src/engine/export';
import { parseModelJson } from '../../../src/engine/format/schema';
import { capture } from '../cli/capture';

const FILE = 'tests/fixtures/beyond-2p53.json';
const parsed = parseModelJson(readFileSync(FILE, 'utf8'));
if (!parsed.ok) throw new Error('fixture does not parse');
const model = parsed.model;

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const text = (format: 'csv' | 'markdown' | 'html', convention: string) => {
  const r = exportAs(format, model, convention);
  if (!r.ok || typeof r.data !== 'string') throw new Error(`no ${format}`);
  return r.data;
};

type CliJson = {
  totals: Record<'params' | 'count' | 'macs', number | string>;
  layers: { params: number | string; count: number | string }[];
};
const CONVENTIONS = ['seed', 'thop', 'torch'];
// One run at a time: capture() spies on process.stdout for the length of its run.
const CLI: Record<string, CliJson> = {};
for (const c of CONVENTIONS)
  CLI[c] = JSON.parse((await capture(['--json', '--convention', c, FILE])).stdout) as CliJson;

describe.each(CONVENTIONS)('exports in %s carry the CLI digits', (convention) => {
  const cli = CLI[convention];
  const totals = [cli.totals.params, cli.totals.count, cli.totals.macs].map(String);
  const layers = cli.layers.map((l) => [String(l.params), String(l.count)]);

  it('the reference holds digits beyond 2^53', () => {
    expect(totals.every((d) => BigInt(d) > 2n ** 53n)).toBe(true);
  });
  it('CSV: plain digits in the rows, the total row and the header', () => {
    const csv = text('csv', convention);
    const lines = csv.split('\n');
    layers.forEach(([p, c], i) => expect(lines.find((l) => l.startsWith(`layers[${i}],`))).toContain(`,${p},${c},`));
    expect(lines.find((l) => l.startsWith('Total,'))).toContain(`,${totals.join(',')},`);
    expect(csv).toContain(`# Parameters: ${totals[0]}\n`);
  });
  it.each(['markdown', 'html'] as const)('%s: grouped digits', (format) => {
    const t = text(format, convention);
    for (const d of [...totals, ...layers.flat()]) expect(t).toContain(grouped(d));
  });
});
