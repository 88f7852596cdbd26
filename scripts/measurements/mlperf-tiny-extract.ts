/**
 * Extracts the closed-division latency results of mlcommons/tiny_results_v1.0 into
 * src/engine/deploy/latency/measurements/mlperf-tiny.json. Run by hand (the output is committed,
 * the repository is not):
 *
 *   npx tsx scripts/measurements/mlperf-tiny-extract.ts <git dir of a mlcommons/tiny_results_v1.0 clone> [commit]
 *
 * Each closed/<submitter>/results/<system…>/<benchmark>/performance/results.txt (or
 * performance_results.txt, as Qualcomm and Silicon Labs name it) is the EEMBC
 * runner's log; its line "Median throughput is X inf./sec." is the figure MLPerf Tiny reports
 * (latency = 1 / median throughput over the runner's windows, one inference at a time). We keep X as
 * read and the path's system and benchmark folder names; the submitter's system description JSON
 * (systems/*.json naming that board) is not parsed here. Each row's source is its results.txt at
 * the commit read, with the last commit that changed it (and its date).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: mlperf-tiny-extract.ts <git dir of mlcommons/tiny_results_v1.0> [commit]');
  process.exit(1);
}
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const REPO = 'mlcommons/tiny_results_v1.0';
const commit = git('rev-parse', process.argv[3] ?? 'HEAD').trim();
const date = git('show', '-s', '--format=%cs', commit).trim();

// Submitters name the four benchmarks either by their short or their long name.
const BENCH: Record<string, string> = {
  ad: 'ad',
  anomaly_detection: 'ad',
  ic: 'ic',
  image_classification: 'ic',
  kws: 'kws',
  keyword_spotting: 'kws',
  vww: 'vww',
  visual_wake_words: 'vww',
};

const rows: {
  submitter: string;
  system: string;
  benchmark: string;
  folder: string;
  throughput: number;
  path: string;
  line: number;
  rowCommit: string;
  date: string;
}[] = [];
const skipped: { path: string; why: string }[] = [];
const files = git('ls-tree', '-r', '--name-only', commit, 'closed/')
  .split('\n')
  .filter((p) => /\/performance\/(performance_)?results\.txt$/.test(p));
for (const path of files) {
  const parts = path.split('/');
  const [submitter, folder] = [parts[1], parts[parts.length - 3]];
  const system = parts.slice(3, parts.length - 3).join('/');
  const benchmark = BENCH[folder];
  if (!benchmark) throw new Error(`unknown benchmark folder ${folder} in ${path}`);
  const lines = git('show', `${commit}:${path}`).split('\n');
  const at = lines.findIndex((l) => /Median throughput is/.test(l));
  const m = /Median throughput is\s+([\d.]+) inf\.\/sec\./.exec(lines[at] ?? '');
  if (!m) {
    // The log has per-window throughputs but no median line (Qualcomm's): not computed here.
    skipped.push({ path, why: 'no "Median throughput" line in the log' });
    continue;
  }
  const [rc, rd] = git('log', '-1', '--format=%H %cs', commit, '--', path).trim().split(' ');
  rows.push({
    submitter,
    system,
    benchmark,
    folder,
    throughput: Number(m[1]),
    path,
    line: at + 1,
    rowCommit: rc,
    date: rd,
  });
}

const out = {
  generatedBy: 'scripts/measurements/mlperf-tiny-extract.ts; do not edit by hand',
  source: {
    repo: REPO,
    commit,
    date,
    url: `https://github.com/${REPO}/tree/${commit}/closed`,
    what: 'MLPerf Tiny v1.0 closed division: median throughput (inferences per second, one at a time) per system and benchmark',
  },
  rows,
  skipped,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'src/engine/deploy/latency/measurements/mlperf-tiny.json');
const text = await format(JSON.stringify(out), { ...(await resolveConfig(file)), filepath: file });
writeFileSync(file, text);
console.log(`${rows.length} rows (${skipped.length} logs skipped) at ${commit.slice(0, 7)} (${date})`);
