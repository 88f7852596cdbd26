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
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { evaluateModel } from '../src/engine/evaluate';
import type { Model } from '../src/engine/format/model';
import { buildGraphView, collapseGraph } from '../src/engine/graph-view';
import { presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';
import { layoutGraph } from '../src/worker/graphLayout';
import { layoutRequestOf } from '../src/worker/graphLayoutRequest';
import { bigModel, pct, withBuiltApp } from './bench-browser';

const PORT = Number(process.env.BENCH_PORT ?? 4399);
const DIST = process.env.BENCH_DIST ?? 'dist-bench';
const REPS = Number(process.env.BENCH_REPS ?? 11);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 240);

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

async function frames(): Promise<void> {
  const build = process.env.BENCH_SKIP_BUILD !== '1' || !existsSync(`${DIST}/index.html`);
  await withBuiltApp(DIST, PORT, build, async (browser, base) => {
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
  });
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
