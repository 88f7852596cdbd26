/**
 * Extracts the latency table of Tencent/ncnn benchmark/README.md into
 * src/engine/deploy/latency/measurements/ncnn.json. Run by hand (the output is committed, the
 * repository is not):
 *
 *   npx tsx scripts/measurements/ncnn-extract.ts <git dir of a Tencent/ncnn clone> [commit]
 *
 * What it reads, all at one commit:
 * - benchmark/README.md: each "### <device>" section holds benchncnn runs; a run starts with
 *   `loop_count = N`, names `num_threads`, `powersave`, `gpu_device` (absent in old runs = CPU),
 *   and lists `<model> min = … max = … avg = …` in ms. We keep avg (what the table reports).
 * - git blame of the README: the commit and date that added each row (the row's own source).
 * - benchmark/benchncnn.cpp: the input size each built-in model is benchmarked at.
 * - benchmark/models/<model>.param: conv/linear weight counts and output shapes, from which the
 *   MACs of the network ncnn ran are computed, so a mapping to a FlopLab preset can be checked
 *   by arithmetic (tests/unit/latency/measurements.test.ts) rather than by name.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const gitDir = process.argv[2];
if (!gitDir) {
  console.error('usage: ncnn-extract.ts <git dir of Tencent/ncnn> [commit]');
  process.exit(1);
}
const git = (...args: string[]) =>
  execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const commit = git('rev-parse', process.argv[3] ?? 'HEAD').trim();
const commitDate = git('show', '-s', '--format=%cs', commit).trim();
const README = 'benchmark/README.md';
const readme = git('show', `${commit}:${README}`).split('\n');

// Blame: line number (1-based) → index into `commits`.
const commits: { hash: string; date: string }[] = [];
const commitIndex = new Map<string, number>();
const lineCommit: number[] = [];
{
  const dates = new Map<string, string>();
  let current = '';
  for (const l of git('blame', '--porcelain', commit, '--', README).split('\n')) {
    const head = /^([0-9a-f]{40}) \d+ (\d+)/.exec(l);
    if (head) {
      current = head[1];
      if (!commitIndex.has(current)) {
        commitIndex.set(current, commits.length);
        commits.push({ hash: current, date: '' });
      }
      lineCommit[Number(head[2])] = commitIndex.get(current)!;
      continue;
    }
    const t = /^committer-time (\d+)/.exec(l);
    if (t) dates.set(current, new Date(Number(t[1]) * 1000).toISOString().slice(0, 10));
  }
  for (const c of commits) c.date = dates.get(c.hash) ?? '';
}

// Input sizes from benchncnn.cpp: benchmark("name", ncnn::Mat(w, h, c), …).
const inputs = new Map<string, [number, number, number]>();
for (const m of git('show', `${commit}:benchmark/benchncnn.cpp`).matchAll(
  /^\s*benchmark\("([^"]+)", ncnn::Mat\((\d+), (\d+), (\d+)\)/gm,
))
  inputs.set(m[1], [Number(m[4]), Number(m[3]), Number(m[2])]);

/**
 * MACs of conv / depthwise / deconv / inner-product layers of an ncnn param file, from the
 * weight count (key 6 for convolutions, 2 for InnerProduct) × output positions (the
 * `-23330=4,3,w,h,c` shape hint). Undefined when a layer lacks the hint.
 */
function paramMacs(text: string): { macs: bigint; weights: bigint } | undefined {
  let macs = 0n;
  let weights = 0n;
  for (const line of text.split('\n').slice(2)) {
    const f = line.trim().split(/\s+/);
    const type = f[0];
    if (!/^(Convolution|ConvolutionDepthWise|Deconvolution|DeconvolutionDepthWise|InnerProduct)$/.test(type ?? ''))
      continue;
    const kv = new Map(f.filter((x) => x.includes('=')).map((x) => x.split('=') as [string, string]));
    const w = BigInt(kv.get(type === 'InnerProduct' ? '2' : '6') ?? '0');
    weights += w;
    if (type === 'InnerProduct') {
      macs += w;
      continue;
    }
    const shape = kv.get('-23330')?.split(',').map(Number);
    if (!shape || shape[0] !== 4 || shape[1] !== 3) return undefined;
    // Deconvolution weights are applied per input position, the others per output position.
    if (type.startsWith('Deconvolution')) return undefined;
    macs += w * BigInt(shape[2] * shape[3]);
  }
  return { macs, weights };
}

const models: Record<string, { input: [number, number, number]; macs?: string; weights?: string }> = {};
const tree = git('ls-tree', '--name-only', commit, 'benchmark/models/').split('\n');
for (const [name, input] of inputs) {
  const path = `benchmark/models/${name}.param`;
  const counted = tree.includes(path) ? paramMacs(git('show', `${commit}:${path}`)) : undefined;
  models[name] = {
    input,
    ...(counted ? { macs: counted.macs.toString(), weights: counted.weights.toString() } : {}),
  };
}

// Rows: [section, threads, powersave, gpu, model, avg ms, line].
type RowTuple = [number, number, number, number, string, number, number];
const sections: { title: string; line: number }[] = [];
const rows: RowTuple[] = [];
let threads = NaN;
let powersave = 0;
let gpu = -1;
readme.forEach((text, i) => {
  const line = i + 1;
  if (text.startsWith('### ')) {
    sections.push({ title: text.slice(4).trim(), line });
    return;
  }
  let m: RegExpExecArray | null;
  if (/^loop_count\s*=/.test(text)) {
    threads = NaN;
    powersave = 0;
    gpu = -1;
  } else if ((m = /^num_threads\s*=\s*(\d+)/.exec(text))) threads = Number(m[1]);
  else if ((m = /^powersave\s*=\s*(\d+)/.exec(text))) powersave = Number(m[1]);
  else if ((m = /^gpu_device\s*=\s*(-?\d+)/.exec(text))) gpu = Number(m[1]);
  else if ((m = /^\s*(\S+)\s+min\s*=\s*([\d.]+)\s+max\s*=\s*([\d.]+)\s+avg\s*=\s*([\d.]+)/.exec(text))) {
    if (!sections.length || !Number.isFinite(threads)) return;
    // Old runs spell some names with '-' (squeezenet-int8); benchncnn.cpp uses '_'.
    const name = inputs.has(m[1]) ? m[1] : m[1].replace(/-/g, '_');
    rows.push([sections.length - 1, threads, powersave, gpu, name, Number(m[4]), line]);
  }
});

const out = {
  generatedBy: 'scripts/measurements/ncnn-extract.ts; do not edit by hand',
  source: {
    repo: 'Tencent/ncnn',
    path: README,
    commit,
    date: commitDate,
    url: `https://github.com/Tencent/ncnn/blob/${commit}/${README}`,
    what: 'benchncnn avg ms over the loop count, batch 1; gpu -1 = CPU, else the Vulkan device',
  },
  commits,
  models,
  sections: sections.map((s) => ({ ...s, commit: lineCommit[s.line] })),
  columns: ['section', 'threads', 'powersave', 'gpu', 'model', 'ms', 'line', 'commit'],
  rows: rows.map((r) => [...r, lineCommit[r[6]]]),
};

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const file = join(root, 'src/engine/deploy/latency/measurements/ncnn.json');
mkdirSync(dirname(file), { recursive: true });
// Formatted like the repo (npm run lint checks it): one row per line, so re-extracting at a newer
// commit gives a readable diff.
const json = await format(JSON.stringify(out), { ...((await resolveConfig(file)) ?? {}), filepath: file });
writeFileSync(file, json);
console.log(`${rows.length} rows, ${sections.length} sections, ${Object.keys(models).length} models → ${file}`);
