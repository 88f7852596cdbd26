/**
 * `npm run bench:graph` — the graph view (issue 16): layout time and frame time.
 *
 * 1. Layout (Node, the same code the layout worker runs: src/worker/graphLayout.ts): the graph of
 *    ResNet-152 (517 nodes) and of a 1,000-layer model, built from the engine's evaluation and laid
 *    out REPS times after a warm-up; p50/p95. Target: ResNet-152 ≤ 300 ms.
 * 2. Frames (Chromium, the built app): the 1,000-layer model's graph open, FRAMES wheel events,
 *    one per animation frame — a pan down the graph at reading zoom, then zooming out to the whole
 *    graph and back in — and the time between animation frames while they run (p50/p95/max, and
 *    frames dropped: gaps over 25 ms, 1.5 vsync). Target: p95 one vsync (16.7 ms, 60 fps). Also the layout time the worker reports
 *    for that graph in the page.
 *
 * Options (env): BENCH_PORT (4399), BENCH_DIST (dist-bench), BENCH_SKIP_BUILD=1 to reuse a build
 * (`npm run bench` runs this right after bench:ui, which built it), BENCH_REPS (11), BENCH_FRAMES (240).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { evaluateModel } from '../src/engine/evaluate';
import type { LayerSpec, Model } from '../src/engine/format/model';
import { buildGraphView, collapseGraph } from '../src/engine/graph-view';
import { presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';
import { layoutGraph } from '../src/worker/graphLayout';
import { layoutRequestOf } from '../src/worker/graphLayoutRequest';

const PORT = Number(process.env.BENCH_PORT ?? 4399);
const DIST = process.env.BENCH_DIST ?? 'dist-bench';
const REPS = Number(process.env.BENCH_REPS ?? 11);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 240);

/** 1,000 layers: conv, bn, relu and a residual around a conv, repeated (as bench-ui.ts). */
function bigModel(n: number): Model {
  const layers: LayerSpec[] = [];
  for (let i = 0, count = 0; count < n; i++)
    for (const l of [
      { type: 'conv2d', name: `conv${i}`, out: 16, kernel: 3, padding: 1 },
      { type: 'batchnorm2d' },
      { type: 'relu' },
      { type: 'residual', body: [{ type: 'conv2d', out: 16, kernel: 3, padding: 1, bias: false }] },
    ] as LayerSpec[]) {
      if (count >= n) break;
      layers.push(l);
      count += l.type === 'residual' ? 2 : 1;
    }
  return { format: 'floplab.model/2', name: `bench ${n} layers`, input: [16, 32, 32], layers };
}

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const f = (ms: number) => `${ms.toFixed(1)} ms`;

function layoutTimes(label: string, model: Model, target?: number): void {
  const result = evaluateModel(model);
  const t0 = performance.now();
  const visible = collapseGraph(buildGraphView(model, result), new Set());
  const build = performance.now() - t0;
  const req = layoutRequestOf(visible);
  layoutGraph(req); // warm-up (JIT)
  const times: number[] = [];
  // CPU time too: on a shared machine the wall time includes waiting for a core, the CPU time not.
  const cpu: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const c0 = process.cpuUsage();
    times.push(layoutGraph(req).ms);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  console.log(
    `${label}: ${visible.nodes.length} nodes, ${visible.edges.length} edges; graph from the result ${f(build)}; ` +
      `layout p50 ${f(pct(times, 50))}, p95 ${f(pct(times, 95))} (CPU time p50 ${f(pct(cpu, 50))}, ` +
      `p95 ${f(pct(cpu, 95))})${target ? `; target ≤ ${target} ms` : ''}`,
  );
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}

async function frames(): Promise<void> {
  if (process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(`${DIST}/index.html`)) {
    console.log(`building into ${DIST}/ …`);
    execFileSync('npx', ['vite', 'build', '--outDir', DIST, '--logLevel', 'error'], { stdio: 'inherit' });
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', DIST, '--port', String(PORT), '--strictPort', '--host', '127.0.0.1'],
    {
      stdio: 'ignore',
      detached: true,
    },
  );
  const base = `http://127.0.0.1:${PORT}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitForServer(base);
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(makeShareUrl(base, { model: bigModel(1000), convention: 'thop' }));
    await page.getByTestId('eval-status').filter({ hasText: 'up to date' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('graph-toggle').click();
    const canvas = page.getByTestId('graph-canvas');
    await canvas.and(page.locator('[data-laid-out="true"]')).waitFor({ timeout: 60_000 });
    const status = await page.getByTestId('graph-status').textContent();
    console.log(`\n1,000-layer model in the page: ${status?.split(' · ').slice(0, 3).join(' · ')}`);
    const run = (ctrl: 'pan' | 'zoom') =>
      page.evaluate(
        async ({ n, ctrl }) => {
          const el = document.querySelector('[data-testid="graph-canvas"]') as HTMLElement;
          const r = el.getBoundingClientRect();
          const gaps: number[] = [];
          let last = await new Promise<number>(requestAnimationFrame);
          for (let i = 0; i < n; i++) {
            // Zoom: out for the first half (to the whole graph), back in for the second.
            const deltaY = ctrl === 'pan' ? 60 : i < n / 2 ? 40 : -40;
            el.dispatchEvent(
              new WheelEvent('wheel', {
                deltaY,
                clientX: r.left + r.width / 2,
                clientY: r.top + r.height / 2,
                ctrlKey: ctrl === 'zoom',
                bubbles: true,
                cancelable: true,
              }),
            );
            const now = await new Promise<number>(requestAnimationFrame);
            gaps.push(now - last);
            last = now;
          }
          return { gaps, drawn: el.getAttribute('data-drawn') };
        },
        { n: FRAMES, ctrl },
      );
    for (const kind of ['pan', 'zoom'] as const) {
      const { gaps } = await run(kind);
      // A frame that took longer than 1.5 vsync intervals means one was dropped.
      const slow = gaps.filter((g) => g > 25).length;
      console.log(
        `${kind === 'pan' ? 'pan down the graph' : 'zoom out to all and back'} (${gaps.length} frames): frame time p50 ${f(pct(gaps, 50))}, ` +
          `p95 ${f(pct(gaps, 95))}, max ${f(Math.max(...gaps))}, ${slow} dropped (over 25 ms; target: p95 one vsync, 16.7 ms)`,
      );
    }
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}

async function main(): Promise<void> {
  console.log(`graph view: layout (Node, the layout worker’s code); load average ${loadavg()[0].toFixed(1)}`);
  layoutTimes('resnet152', (presetByName('resnet152') as NonNullable<ReturnType<typeof presetByName>>).build(), 300);
  layoutTimes('1,000 layers', bigModel(1000));
  await frames();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
