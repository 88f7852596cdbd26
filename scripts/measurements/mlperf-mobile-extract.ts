/**
 * Extracts the closed-division SingleStream latencies of mlcommons/mobile_results_v4.0 into
 * src/engine/deploy/latency/measurements/mlperf-mobile.json. Run by hand (the output is committed,
 * the repository is not):
 *
 *   npx tsx scripts/measurements/mlperf-mobile-extract.ts <git dir of a mlcommons/mobile_results_v4.0 clone> [commit]
 *
 * Each closed/<submitter>/results/<system>/…/mlperf_log_summary.txt of a performance run is the
 * LoadGen summary. For the SingleStream scenario (one query at a time) we keep, as read, the 90th
 * percentile latency (the figure MLPerf Mobile reports), the mean and the median, in ns. Offline
 * runs (batched samples per second, not a latency) are listed as skipped. The system's accelerator
 * and phone come from closed/<submitter>/systems/<system>.json. Each row's source is its summary at
 * the commit read, with the last commit that changed it (and its date).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: mlperf-mobile-extract.ts <git dir of mlcommons/mobile_results_v4.0> [commit]');
  process.exit(1);
}
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
const REPO = 'mlcommons/mobile_results_v4.0';
const commit = git('rev-parse', process.argv[3] ?? 'HEAD').trim();
const date = git('show', '-s', '--format=%cs', commit).trim();
const all = git('ls-tree', '-r', '--name-only', commit, 'closed/').split('\n');

const systems: Record<string, { path: string; accelerator: string | null; phone: string | null }> = {};
for (const path of all.filter((p) => /^closed\/[^/]+\/systems\/[^/]+\.json$/.test(p))) {
  const j = JSON.parse(git('show', `${commit}:${path}`)) as {
    system?: Record<string, string>;
    notes?: Record<string, string>;
  };
  const key = `${path.split('/')[1]}/${path
    .split('/')
    .pop()!
    .replace(/\.json$/, '')}`;
  systems[key] = {
    path,
    accelerator: j.system?.['Accelerator type'] ?? null,
    phone: j.notes?.['Phone summary'] ?? null,
  };
}

const field = (lines: string[], name: string) => {
  const i = lines.findIndex((l) => l.startsWith(name));
  const m = i < 0 ? null : /:\s*([\d.]+)\s*$/.exec(lines[i]);
  return m ? { value: Number(m[1]), line: i + 1 } : null;
};

const rows: Record<string, unknown>[] = [];
const skipped: { path: string; why: string }[] = [];
for (const path of all.filter((p) => /\/mlperf_log_summary\.txt$/.test(p) && /performance/.test(p))) {
  const parts = path.split('/');
  const [submitter, system] = [parts[1], parts[3]];
  const task = parts.slice(4, -1).join('/');
  const lines = git('show', `${commit}:${path}`).split('\n');
  const text = (name: string) =>
    lines
      .find((l) => l.startsWith(name))
      ?.split(':')[1]
      ?.trim() ?? '';
  const scenario = text('Scenario');
  if (scenario !== 'SingleStream') {
    skipped.push({ path, why: `${scenario} scenario: samples per second of batched queries, not a latency` });
    continue;
  }
  const p90 = field(lines, '90th percentile latency (ns)');
  const mean = field(lines, 'Mean latency (ns)');
  const p50 = field(lines, '50.00 percentile latency (ns)');
  if (!p90) throw new Error(`no 90th percentile latency in ${path}`);
  const [rc, rd] = git('log', '-1', '--format=%H %cs', commit, '--', path).trim().split(' ');
  rows.push({
    submitter,
    system,
    task,
    sut: text('SUT name'),
    result: text('Result is'),
    p90Ns: p90.value,
    meanNs: mean?.value ?? null,
    p50Ns: p50?.value ?? null,
    path,
    line: p90.line,
    rowCommit: rc,
    date: rd,
  });
}

const out = {
  generatedBy: 'scripts/measurements/mlperf-mobile-extract.ts; do not edit by hand',
  source: {
    repo: REPO,
    commit,
    date,
    url: `https://github.com/${REPO}/tree/${commit}/closed`,
    what: 'MLPerf Mobile v4.0 closed division, SingleStream: 90th percentile, mean and median latency (ns) per system and task',
  },
  systems,
  rows,
  skipped,
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const file = join(root, 'src/engine/deploy/latency/measurements/mlperf-mobile.json');
const text = await format(JSON.stringify(out), { ...(await resolveConfig(file)), filepath: file });
writeFileSync(file, text);
console.log(`${rows.length} rows (${skipped.length} skipped) at ${commit.slice(0, 7)} (${date})`);
