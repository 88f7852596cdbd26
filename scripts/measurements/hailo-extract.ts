/**
 * Extracts the Hailo-8 model tables of hailo-ai/hailo_model_zoo (docs/public_models/HAILO8/*.rst)
 * into src/engine/deploy/latency/measurements/hailo.json. Run by hand (the output is committed,
 * the repository is not):
 *
 *   npx tsx scripts/measurements/hailo-extract.ts <git dir of a hailo-ai/hailo_model_zoo clone> [commit]
 *
 * Each .rst holds reStructuredText list-tables, one per dataset (a "^^^" subsection title), whose
 * header row names the columns; a row starts with "   * - <network>" and each further cell with
 * "     - ". We keep, as read: the network name (without its |rocket| / |star| markers), the
 * dataset, "FPS (Batch Size=1)", "FPS (Batch Size=8)", "Input Resolution (HxWxC)", "Params (M)"
 * and "OPS (G)", and the Dataflow Compiler version the file says the models were compiled with.
 * Each row's source is its file at the commit read, with the last commit that changed the file
 * (and its date).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: hailo-extract.ts <git dir of hailo-ai/hailo_model_zoo> [commit]');
  process.exit(1);
}
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const REPO = 'hailo-ai/hailo_model_zoo';
const DIR = 'docs/public_models/HAILO8';
const commit = git('rev-parse', process.argv[3] ?? 'HEAD').trim();
const date = git('show', '-s', '--format=%cs', commit).trim();

const WANT = {
  fps1: 'FPS (Batch Size=1)',
  fps8: 'FPS (Batch Size=8)',
  input: 'Input Resolution (HxWxC)',
  params: 'Params (M)',
  ops: 'OPS (G)',
} as const;

interface Row {
  file: number;
  line: number;
  dataset: string;
  model: string;
  fps1: number | null;
  fps8: number | null;
  input: string;
  paramsM: number | null;
  opsG: number | null;
}
const files: { path: string; commit: string; date: string; compiler: string | null }[] = [];
const rows: Row[] = [];
const odd: { path: string; line: number; model: string; cells: Record<string, string> }[] = [];
const num = (s: string | undefined) => (s !== undefined && /^\d+(\.\d+)?$/.test(s) ? Number(s) : null);

for (const path of git('ls-tree', '--name-only', commit, `${DIR}/`).trim().split('\n')) {
  if (!path.endsWith('.rst')) continue;
  const [fc, fd] = git('log', '-1', '--format=%H %cs', commit, '--', path).trim().split(' ');
  const lines = git('show', `${commit}:${path}`).split('\n');
  const compiler = lines.map((l) => /Dataflow Compiler v([\d.]+)/.exec(l)?.[1]).find(Boolean) ?? null;
  const fileIndex = files.push({ path, commit: fc, date: fd, compiler }) - 1;
  let dataset = '';
  let header: string[] | null = null;
  let cur: { line: number; cells: string[] } | null = null;
  const flush = () => {
    if (!cur || !header) return;
    if (cur.cells[0] === header[0]) return; // the header row itself
    const at = (name: string) => cur!.cells[header!.indexOf(name)];
    const model = cur.cells[0].replace(/\|[a-z]+\|/g, '').trim();
    const row: Row = {
      file: fileIndex,
      line: cur.line,
      dataset,
      model,
      fps1: num(at(WANT.fps1)),
      fps8: num(at(WANT.fps8)),
      input: at(WANT.input) ?? '',
      paramsM: num(at(WANT.params)),
      opsG: num(at(WANT.ops)),
    };
    if (row.fps1 === null || row.paramsM === null || row.opsG === null)
      odd.push({ path, line: cur.line, model, cells: Object.fromEntries(header.map((h, i) => [h, cur!.cells[i]])) });
    if (row.fps1 !== null) rows.push(row);
  };
  lines.forEach((l, i) => {
    if (/^\^{3,}$/.test(l.trim()) && i > 0) dataset = lines[i - 1].trim();
    if (/^\.\. list-table::/.test(l)) {
      flush();
      cur = null;
      header = null;
      return;
    }
    const first = /^ {3}\* - (.*)$/.exec(l);
    const more = /^ {5}- (.*)$/.exec(l);
    if (first) {
      flush();
      if (!header) {
        header = [first[1].trim()];
        cur = null;
        return;
      }
      cur = { line: i + 1, cells: [first[1].trim()] };
    } else if (more) {
      if (cur) cur.cells.push(more[1].trim());
      else if (header) header.push(more[1].trim());
    }
  });
  flush();
}

const out = {
  generatedBy: 'scripts/measurements/hailo-extract.ts; do not edit by hand',
  source: {
    repo: REPO,
    dir: DIR,
    commit,
    date,
    url: `https://github.com/${REPO}/tree/${commit}/${DIR}`,
    what: 'Hailo-8 frames per second at batch 1 and 8 ("Benchmark and TAPPAS networks run in performance mode"), Params (M), OPS (G)',
  },
  files,
  rows,
  incomplete: odd,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'src/engine/deploy/latency/measurements/hailo.json');
const text = await format(JSON.stringify(out), { ...(await resolveConfig(file)), filepath: file });
writeFileSync(file, text);
console.log(
  `${rows.length} rows from ${files.length} files, ${odd.length} incomplete, at ${commit.slice(0, 7)} (${date})`,
);
