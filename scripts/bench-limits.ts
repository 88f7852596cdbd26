/**
 * `npm run bench:limits` — the page at FlopLab's limits (issue 21: "nothing frozen"), through the
 * real interfaces of the production build: models at the 100,000-row limit and 20,000-block files
 * imported through the file input, an edit, and a reopen (the autosave). For each: time to the
 * numbers, the longest main-thread task (Long Tasks API; the page is frozen for its length), the
 * sum of long tasks, and the page's JS heap. Figures, not a pass/fail test; docs/performance.md
 * ("At the limits") has the reasoning. The load average is printed beside them.
 *
 * Options (env): BENCH_PORT (4398), BENCH_DIST (dist-bench), BENCH_SKIP_BUILD=1 to reuse a build.
 */
import { loadavg } from 'node:os';
import type { Browser, Page } from '@playwright/test';
import { withBuiltApp } from './bench-browser';
import { onnxResidualChain, prototxtResidualChain } from '../tests/unit/io/hostile-files';

const PORT = Number(process.env.BENCH_PORT ?? 4398);
const DIST = process.env.BENCH_DIST ?? 'dist-bench';

const json = (layers: unknown[]) =>
  new TextEncoder().encode(JSON.stringify({ format: 'floplab.model/2', name: 'big', input: [8], layers }));

const FILES: readonly { name: string; bytes: () => Uint8Array; rows: string }[] = [
  {
    name: 'repeat-99998.json',
    bytes: () => json([{ type: 'repeat', times: 99_998, body: [{ type: 'linear', out: 8 }] }]),
    rows: '99,999 rows',
  },
  {
    name: 'flat-99999.json',
    bytes: () => json(Array.from({ length: 99_999 }, () => ({ type: 'linear', out: 8 }))),
    rows: '99,999 rows',
  },
  { name: 'residual-20000.onnx', bytes: () => onnxResidualChain(20_000), rows: '40,000 rows' },
  { name: 'residual-20000.prototxt', bytes: () => prototxtResidualChain(20_000), rows: '40,000 rows' },
];

/** Installed before the app: every long task from the start of the page. */
const observe = () => {
  const w = window as unknown as { __lt: number[] };
  w.__lt = [];
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__lt.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
};

async function figures(page: Page, what: string, ms: number): Promise<void> {
  await page.waitForTimeout(2000); // the deferred views (charts, runtime) finish
  const lt = await page.evaluate(() => (window as unknown as { __lt: number[] }).__lt.splice(0));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  await cdp.detach();
  const f = (x: number) => x.toFixed(0).padStart(6);
  console.log(
    `${what.padEnd(42)} ${f(ms)} ms   longest task ${f(Math.max(0, ...lt))} ms   long tasks ${String(lt.length).padStart(3)} ` +
      `(${f(lt.reduce((a, b) => a + b, 0))} ms)   heap ${f(heap / 1e6)} MB   load ${loadavg()[0].toFixed(1)}`,
  );
}

async function run(browser: Browser, base: string): Promise<void> {
  for (const file of FILES) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(observe);
    await page.goto(base);
    await page.getByTestId('eval-status').filter({ hasText: 'up to date' }).waitFor({ timeout: 60_000 });
    await page.evaluate(() => (window as unknown as { __lt: number[] }).__lt.splice(0));
    const rows = page.getByText(`${file.rows} evaluated`);
    let t = Date.now();
    await page.getByTestId('open-file-input').setInputFiles({
      name: file.name,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(file.bytes()),
    });
    await rows.waitFor({ timeout: 300_000 });
    await figures(page, `${file.name}: import`, Date.now() - t);
    t = Date.now();
    await page.getByRole('textbox', { name: 'Model name' }).fill('renamed');
    await figures(page, `${file.name}: rename`, Date.now() - t);
    await page.goto(base);
    t = Date.now();
    await rows.waitFor({ timeout: 300_000 });
    await figures(page, `${file.name}: reopen (autosave)`, Date.now() - t);
    await page.close();
  }
}

console.log('bench:limits — the page at the limits (Chromium, 1440×900)');
await withBuiltApp(DIST, PORT, !process.env.BENCH_SKIP_BUILD, run);
