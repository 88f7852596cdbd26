/**
 * `npm run bench:open` — opening a share link (issue 20): a ResNet-152 link (519 rows, the
 * worker's size class) opened in a fresh browser context (cold: nothing cached, no service
 * worker) and again in the same context (cached: the service worker serves the app). For each:
 * time from navigation start to the real numbers on screen (the params total equal to the
 * engine's, seen by a MutationObserver installed before the app), long tasks during the open
 * (count, longest), and the layout shift (CLS: layout-shift entries without recent input) up to
 * 2 s after the numbers. Prints the targets of issue 20 beside the figures, and the load average.
 *
 * Options (env): BENCH_FIRST_LAUNCH=1 to measure from a just-launched browser (no warm-up open), BENCH_RUNS (5), BENCH_PRESET (resnet152), BENCH_PORT (4397), BENCH_DIST (dist-bench),
 * BENCH_SKIP_BUILD=1 to reuse a build, BENCH_BUSY=N to run N busy-loop processes meanwhile (synthetic load).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import type { Browser, BrowserContext } from '@playwright/test';
import { pct, withBuiltApp } from './bench-browser';
import { presetByName } from '../src/engine/presets';
import { makeShareUrl } from '../src/state/urlCodec';
import { evaluateModel } from '../src/engine/evaluate';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PRESET = process.env.BENCH_PRESET ?? 'resnet152';
const PORT = Number(process.env.BENCH_PORT ?? 4397);
const DIST = process.env.BENCH_DIST ?? 'dist-bench';
const BUSY = Number(process.env.BENCH_BUSY ?? 0);

interface Open {
  readonly numbers: number;
  readonly longTasks: number;
  readonly longest: number;
  readonly cls: number;
}

/** Installed before the app: when the params total first shows `want`, long tasks, layout shifts. */
const probe = (want: string) => {
  const w = window as unknown as { __open: { numbers: number; long: number[]; cls: number } };
  w.__open = { numbers: -1, long: [], cls: 0 };
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__open.long.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
      if (!e.hadRecentInput) w.__open.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new MutationObserver(() => {
    if (w.__open.numbers >= 0) return;
    const el = document.querySelector('[data-testid="total-params"]');
    if (el?.getAttribute('data-exact') === want) w.__open.numbers = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-exact'] });
};

async function openOnce(context: BrowserContext, url: string, want: string): Promise<Open> {
  const page = await context.newPage();
  await page.addInitScript(probe, want);
  await page.goto(url);
  await page.waitForFunction(
    () => (window as unknown as { __open: { numbers: number } }).__open.numbers >= 0,
    undefined,
    { timeout: 120_000 },
  );
  await page.waitForTimeout(2000); // late shifts (charts) and tasks count too
  const o = await page.evaluate(
    () => (window as unknown as { __open: { numbers: number; long: number[]; cls: number } }).__open,
  );
  await page.close();
  return { numbers: o.numbers, longTasks: o.long.length, longest: Math.max(0, ...o.long), cls: o.cls };
}

function report(label: string, runs: readonly Open[], target: number): void {
  const n = runs.map((r) => r.numbers);
  const f = (x: number) => x.toFixed(0).padStart(5);
  console.log(
    `${label.padEnd(8)} to numbers p50 ${f(pct(n, 50))} ms  p95 ${f(pct(n, 95))} ms (target ≤ ${target})   ` +
      `longest task ${f(Math.max(...runs.map((r) => r.longest)))} ms (target ≤ 50; per open ${runs.map((r) => r.longest.toFixed(0)).join(', ')})   ` +
      `long tasks/open ${(runs.reduce((a, r) => a + r.longTasks, 0) / runs.length).toFixed(1)}   ` +
      `CLS max ${Math.max(...runs.map((r) => r.cls)).toFixed(3)} (target ≤ 0.01)   load ${loadavg()[0].toFixed(1)}`,
  );
}

async function run(browser: Browser, base: string): Promise<void> {
  const model = presetByName(PRESET)!.build();
  const want = evaluateModel(model).totals.params.toString();
  const url = makeShareUrl(base, { model, convention: 'torchvision' });
  console.log(`${PRESET}: link ${url.length} characters, ${RUNS} runs each, 1440×900`);
  // The browser has run before (its font fallback tables are warm, as in any browser a person
  // uses), but each run's context starts with nothing cached: one unmeasured open in a throwaway
  // context first. Without it the first run's first layout waits ~100 ms on the browser process
  // matching fonts (trace: 128 ms of Layout wall time, 22 ms of the renderer's CPU).
  if (!process.env.BENCH_FIRST_LAUNCH) {
    const warmup = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await openOnce(warmup, url, want);
    await warmup.close();
  }
  const cold: Open[] = [];
  const cached: Open[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    cold.push(await openOnce(context, url, want));
    // Cached: the same context, once the service worker controls the scope.
    const warm = await context.newPage();
    await warm.goto(base);
    await warm.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 60_000 });
    await warm.close();
    cached.push(await openOnce(context, url, want));
    await context.close();
  }
  report('cold', cold, 500);
  report('cached', cached, 250);
}

const busy = Array.from({ length: BUSY }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
if (BUSY) console.log(`synthetic load: ${BUSY} busy-loop processes`);
try {
  await withBuiltApp(DIST, PORT, !process.env.BENCH_SKIP_BUILD, run);
} finally {
  for (const p of busy) p.kill();
}
