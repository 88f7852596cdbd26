/**
 * Extracts the STM32 inference times, with their RAM and flash, of STMicroelectronics/stm32ai-modelzoo
 * model READMEs (image_classification/<model>/README.md) into
 * src/engine/deploy/latency/measurements/stm32-modelzoo.json. Run by hand (the output is committed,
 * the repository is not):
 *
 *   npx tsx scripts/measurements/stm32-modelzoo-extract.ts <dir> <commit> [date] <path>...
 *
 * <dir> holds the READMEs under their repository paths. The repository is larger than the tools that
 * read it can copy, so each README was read with the stored-file reader at <commit>, which does not
 * give the commit's date: pass it as [date] ("-" when unknown, recorded as "not published by the
 * tool"). A saved README may stop after its last MCU table; its length up to there was checked against
 * the reader's character offsets, so its line numbers are the repository file's.
 *
 * Per row: the "Reference **MCU** inference time" (board, 1 CPU, frequency) and "Reference **NPU**
 * inference time" (STM32N6570-DK, NPU/MCU) tables, joined to the memory-footprint table of the same
 * kind by the model file the row links (the table's own key), keeping each figure as stated.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const [dir, commit, dateArg, ...paths] = process.argv.slice(2);
if (!dir || !/^[0-9a-f]{40}$/.test(commit ?? '') || !paths.length) {
  console.error('usage: stm32-modelzoo-extract.ts <dir> <commit> [date|-] <README path>...');
  process.exit(1);
}
const REPO = 'STMicroelectronics/stm32ai-modelzoo';
const NOT_PUBLISHED = 'not published by the tool';
const date = dateArg && dateArg !== '-' ? dateArg : NOT_PUBLISHED;

type Kind = 'MCU' | 'NPU';
interface Table {
  kind: Kind;
  what: 'inference' | 'memory';
  header: string[];
  rows: { cells: string[]; line: number }[];
}

const cellsOf = (l: string) =>
  l
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

function tables(lines: string[]): Table[] {
  const out: Table[] = [];
  for (let i = 0; i < lines.length; i++) {
    const h = /^###\s+Reference \*\*(MCU|NPU)\*\*\s+(inference time|memory footprint)/.exec(lines[i]);
    if (!h) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j].trim().startsWith('|')) j++;
    const header = cellsOf(lines[j]);
    const rows: Table['rows'] = [];
    for (j += 2; j < lines.length && lines[j].trim().startsWith('|'); j++)
      rows.push({ cells: cellsOf(lines[j]), line: j + 1 });
    out.push({ kind: h[1] as Kind, what: h[2] === 'inference time' ? 'inference' : 'memory', header, rows });
  }
  return out;
}

/** The leading number of a cell ("94.34  ms", "1654.5 KiB KiB", "588"), or null. */
const num = (c: string | undefined) => {
  const m = /^(\d+(?:\.\d+)?)/.exec((c ?? '').trim());
  return m ? Number(m[1]) : null;
};
const link = (c: string) => /\]\(\.?\/?([^)]+)\)/.exec(c)?.[1] ?? null;
const label = (c: string) => /\[([^\]]+)\]/.exec(c)?.[1]?.trim() ?? c;
const col = (t: Table, name: string) => t.header.findIndex((h) => h.toLowerCase() === name.toLowerCase());

const rows: Record<string, unknown>[] = [];
const skipped: { path: string; line: number; why: string }[] = [];
for (const path of paths) {
  const lines = readFileSync(join(dir, path), 'utf8').split('\n');
  const ts = tables(lines);
  for (const inf of ts.filter((t) => t.what === 'inference')) {
    const mem = ts.find((t) => t.what === 'memory' && t.kind === inf.kind);
    const get = (t: Table, r: { cells: string[] }, name: string) => {
      const k = col(t, name);
      return k < 0 ? undefined : r.cells[k];
    };
    for (const r of inf.rows) {
      const file = link(r.cells[0]);
      const ms = num(get(inf, r, 'Inference time (ms)'));
      if (!file || ms === null) {
        skipped.push({ path, line: r.line, why: 'no model link or no inference time' });
        continue;
      }
      const m = mem?.rows.find((x) => link(x.cells[0]) === file);
      const memory =
        mem && m
          ? Object.fromEntries(
              mem.header
                .map((h, k) => [h, m.cells[k]] as const)
                .filter(([h]) => /RAM|Flash/.test(h))
                .map(([h, c]) => [h, { value: num(c), stated: c }]),
            )
          : null;
      rows.push({
        kind: inf.kind,
        model: label(r.cells[0]),
        file,
        dataset: get(inf, r, 'Dataset') ?? null,
        format: get(inf, r, 'Format') ?? null,
        resolution: get(inf, r, 'Resolution') ?? null,
        board: get(inf, r, 'Board') ?? null,
        engine: get(inf, r, 'Execution Engine') ?? null,
        frequency: get(inf, r, 'Frequency') ?? null,
        ms,
        tool: get(inf, r, 'STM32Cube.AI version') ?? null,
        series: mem && m ? (get(mem, m, 'Series') ?? null) : null,
        memoryResolution: mem && m ? (get(mem, m, 'Resolution') ?? null) : null,
        memory,
        path,
        line: r.line,
        memoryLine: m?.line ?? null,
      });
    }
  }
}

const out = {
  generatedBy: 'scripts/measurements/stm32-modelzoo-extract.ts; do not edit by hand',
  source: {
    repo: REPO,
    commit,
    date,
    url: `https://github.com/${REPO}/tree/${commit}/image_classification`,
    what: 'STM32 model zoo READMEs: "Reference MCU/NPU inference time" rows with their memory footprint',
  },
  rows,
  skipped,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFile = join(root, 'src/engine/deploy/latency/measurements/stm32-modelzoo.json');
writeFileSync(outFile, await format(JSON.stringify(out), { ...(await resolveConfig(outFile)), filepath: outFile }));
console.log(`${rows.length} rows (${skipped.length} skipped) at ${commit.slice(0, 7)} (${date})`);
