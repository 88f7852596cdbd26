/**
 * Extracts the "Model performance benchmark(FPS)" table of airockchip/rknn_model_zoo README.md
 * into src/engine/deploy/latency/measurements/rknn.json. Run by hand (the output is committed,
 * the repository is not):
 *
 *   npx tsx scripts/measurements/rknn-extract.ts <git dir of an airockchip/rknn_model_zoo clone> [commit]
 *
 * The table gives frames per second per (model, Rockchip platform), "collected based on the
 * maximum NPU frequency of each platform", timing "model inference" only (the README's notes
 * under the table). Cells are kept as read: an FPS number, "/" (not supported: no row), an FPS
 * with a different dtype in parentheses ("30.6(INT8)": the row takes that dtype), or a real-time
 * factor for audio models ("RTF <br>0.817": no latency in ms, so no row). git blame gives the
 * commit and date that last wrote each line.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: rknn-extract.ts <git dir of airockchip/rknn_model_zoo> [commit]');
  process.exit(1);
}
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const REPO = 'airockchip/rknn_model_zoo';
const PATH = 'README.md';
const commit = git('rev-parse', process.argv[3] ?? 'HEAD').trim();
const date = git('show', '-s', '--format=%cs', commit).trim();
const lines = git('show', `${commit}:${PATH}`).split('\n');

const blame = new Map<number, { hash: string; date: string }>();
{
  const dates = new Map<string, string>();
  const lineHash = new Map<number, string>();
  let current = '';
  for (const l of git('blame', '--porcelain', commit, '--', PATH).split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l);
    if (head) {
      current = head[1];
      lineHash.set(Number(head[2]), current);
      continue;
    }
    const t = /^committer-time (\d+)/.exec(l);
    if (t) dates.set(current, new Date(Number(t[1]) * 1000).toISOString().slice(0, 10));
  }
  for (const [n, h] of lineHash) blame.set(n, { hash: h, date: dates.get(h) ?? '' });
}

const start = lines.findIndex((l) => /^## Model performance benchmark\(FPS\)/.test(l));
if (start < 0) throw new Error('no "Model performance benchmark(FPS)" heading');
const cells = (l: string) =>
  l
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
const headerAt = lines.findIndex((l, i) => i > start && l.trim().startsWith('|'));
const header = cells(lines[headerAt]);
const platforms = header.slice(4).map((h) => h.replace(/<br\s*\/?>/g, ' ').replace(/\s+/g, ' '));
if (header[1] !== 'model_name' || !header[2].startsWith('inputs_shape') || header[3] !== 'dtype')
  throw new Error(`unexpected header: ${header.join(' | ')}`);

interface Row {
  demo: string;
  model: string;
  input: string;
  dtype: string;
  platform: string;
  fps: number;
  line: number;
  rowCommit: string;
  date: string;
}
const rows: Row[] = [];
const skipped: { model: string; platform: string; cell: string; why: string }[] = [];
let demo = '';
for (let i = headerAt + 2; i < lines.length && lines[i].trim().startsWith('|'); i++) {
  const c = cells(lines[i]);
  if (c[0]) demo = c[0];
  const [model, input, dtype] = [c[1], c[2].replace(/&nbsp;/g, '').trim(), c[3]];
  c.slice(4).forEach((cell, k) => {
    const platform = platforms[k];
    const plain = /^(\d+(?:\.\d+)?)$/.exec(cell);
    const other = /^(\d+(?:\.\d+)?)\((INT8|FP16)\)$/.exec(cell);
    const b = blame.get(i + 1)!;
    const base = { demo, model, input, platform, line: i + 1, rowCommit: b.hash, date: b.date };
    if (plain) rows.push({ ...base, dtype, fps: Number(plain[1]) });
    else if (other) rows.push({ ...base, dtype: other[2], fps: Number(other[1]) });
    else
      skipped.push({
        model,
        platform,
        cell,
        why: cell === '/' ? 'not supported on this platform' : 'not a frame rate (real-time factor)',
      });
  });
}

const out = {
  generatedBy: 'scripts/measurements/rknn-extract.ts; do not edit by hand',
  source: {
    repo: REPO,
    path: PATH,
    commit,
    date,
    url: `https://github.com/${REPO}/blob/${commit}/${PATH}#L${start + 1}`,
    what: 'FPS at the maximum NPU frequency, model inference only (no pre/post-processing); RK3588 and RK3576 on a single NPU core',
  },
  platforms,
  rows,
  skipped,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'src/engine/deploy/latency/measurements/rknn.json');
const text = await format(JSON.stringify(out), { ...(await resolveConfig(file)), filepath: file });
writeFileSync(file, text);
console.log(`${rows.length} rows, ${skipped.length} cells skipped, at ${commit.slice(0, 7)} (${date})`);
