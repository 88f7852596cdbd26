/**
 * Issue 8 in Chromium: the built page's Content-Security-Policy holds while the app is used
 * (and really blocks inline script), the engine worker recovers from being killed mid-evaluation
 * with no edit lost, and a full localStorage is reported, not fatal.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { MODEL_FORMAT, type Model } from '../src/engine/format/model';
import { starterModel } from '../src/state/defaults';
import { addLayer, evaluateAll, expectTotals, field, row, selectRow, total, watchForViolations } from './helpers';

type Hooks = { killWorker(): void; engineMode(): string; workerRestarts(): number; answeredBy(): string | null };
const hooks = (page: Page) => ({
  kill: () => page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.killWorker()),
  mode: () => page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.engineMode()),
  restarts: () => page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.workerRestarts()),
  answeredBy: () => page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.answeredBy()),
});

test('the built page carries a strict CSP and runs without a single violation', async ({ page }) => {
  test.slow(); // it opens every lazy part of the app
  const watch = await watchForViolations(page);
  await page.goto('./');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("connect-src 'self'");
  await expectTotals(page, starterModel());
  expect(await hooks(page).mode()).toBe('worker');

  // Exercise the lazy parts: KaTeX (script, CSS, fonts, style attributes), the teaching tabs, an edit.
  await selectRow(page, 'layers[0]');
  await expect(page.locator('[data-testid="formula-count-substituted"] .katex').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  for (const tab of await page.locator('[data-testid^="tab-"]').all()) await tab.click();
  // The charts (hand-drawn SVG, and recharts with style props) in every tab, and a PNG export (an <img> of a blob: URL).
  await expect(page.locator('[data-testid^="chart-tab-"]').first()).toBeVisible();
  const chartTabs = await page
    .locator('[data-testid^="chart-tab-"]')
    .evaluateAll((tabs) => tabs.map((t) => t.getAttribute('data-testid') as string));
  for (const id of chartTabs) await page.getByTestId(id).click();
  await page.getByTestId('chart-tab-layers').click();
  await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download layers chart as PNG' }).click(),
  ]);
  await field(page, 'layers[0]', 'out').fill('48');
  await expect(total(page, 'params')).not.toHaveAttribute('data-exact', '');
  await page.waitForTimeout(300);
  expect(await watch.violations()).toEqual([]);
  expect(watch.errors).toEqual([]);

  // The policy is live, not decorative: an injected inline script is refused and reported, once by
  // each of the page's two policies (the <meta> tag's and the header's that vite preview sends).
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__ran = 1';
    document.body.append(s);
  });
  const refused = expect.stringMatching(/^script-src-elem blocked inline/);
  await expect.poll(watch.violations).toEqual([refused, refused]);
  expect(await page.evaluate(() => (window as unknown as { __ran?: number }).__ran)).toBeUndefined();
});

test('a favicon is served (no 404 on first load)', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`);
  });
  await page.goto('./');
  const href = await page.locator('link[rel="icon"]').getAttribute('href');
  expect(href).toBe('./favicon.svg');
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('<svg');
  expect(missing).toEqual([]);
});

/**
 * Over OPEN_INLINE_ROWS rows (2,082), so the worker evaluates it, never the page (which takes models up
 * to that size while its evaluations stay cheap); quick to evaluate, so the time measured is the
 * worker's restart, not the engine's work.
 */
const heavy = (out: number): Model => ({
  format: MODEL_FORMAT,
  input: [3, 64, 64],
  layers: [
    { type: 'conv2d', out, kernel: 3, padding: 1 },
    { type: 'relu' },
    {
      type: 'repeat',
      times: 260,
      body: Array.from({ length: 8 }, () => ({ type: 'conv2d', out: 8, kernel: 3, padding: 1 })),
    },
  ],
});

type Editor = { getState(): { setModel(m: Model): void } };

test('killing the worker mid-evaluation: restarted, same numbers within seconds, no edit lost', async ({ page }) => {
  await page.goto('./');
  await expectTotals(page, starterModel());
  const h = hooks(page);
  await page.evaluate(() => document.fonts.ready); // first paint settled, so the timing is the restart's
  // The edit and the kill in one task: the worker has the request and cannot have answered yet.
  // Timed in the page, from the kill to the next committed result (mark floplab:result).
  const ms = await page.evaluate(async (m) => {
    const f = (window as unknown as { __floplab: Hooks & { editor: Editor } }).__floplab;
    f.editor.getState().setModel(m);
    const t0 = performance.now();
    f.killWorker();
    for (;;) {
      const done = performance.getEntriesByName('floplab:result').find((e) => e.startTime > t0);
      if (done) return done.startTime - t0;
      await new Promise((r) => setTimeout(r, 5));
    }
  }, heavy(16));
  // About 0.6–1.1 s on the 2-core CI machine (1,059 ms once while it was loaded): a bound of a second failed
  // under load, so this checks that the restart answers at all, in bounded time; the figure itself is a budget,
  // not a pass mark.
  expect(ms).toBeLessThan(5000);
  await expectTotals(page, heavy(16));
  expect(await h.answeredBy()).toBe('worker');
  expect(await h.restarts()).toBe(1);
  expect(await h.mode()).toBe('worker');
  // A typed edit, a kill right behind it, and the next typed edit: every one of them lands.
  await selectRow(page, 'layers[0]');
  await field(page, 'layers[0]', 'out').fill('24');
  await h.kill();
  await expectTotals(page, heavy(24));
  await field(page, 'layers[0]', 'out').fill('32');
  await expectTotals(page, heavy(32));
  await expect(field(page, 'layers[0]', 'out')).toHaveValue('32');
  expect(await h.answeredBy()).toBe('worker');
  expect(await h.restarts()).toBe(2);
  expect(await h.mode()).toBe('worker');
});

test('a full localStorage is reported in a notice and the app keeps computing', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expectTotals(page, starterModel());
  await selectRow(page, 'layers[0]');
  await field(page, 'layers[0]', 'out').fill('40');
  await expect(page.getByTestId('notice')).toContainText('browser storage is full');
  const start = starterModel();
  const edited: Model = { ...start, layers: [{ ...start.layers[0], out: 40 }, ...start.layers.slice(1)] };
  await expectTotals(page, edited);
  await addLayer(page, 'relu');
  await expect(row(page, 'layers[1]')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a small model’s edit shows its numbers in the very frame that shows the edit; a large one is evaluated in the worker', async ({
  page,
}) => {
  await page.goto('./');
  await expectTotals(page, starterModel());
  await selectRow(page, 'layers[0]');
  const before = await total(page, 'params').getAttribute('data-exact');
  // Toggle the bias in the page, with an animation-frame callback registered first: it runs
  // in the next frame, so it sees what that frame paints.
  const seen = await page.evaluate(() => {
    const box = document.querySelector<HTMLInputElement>('[data-path="layers[0]"] [data-field="bias"]')!;
    return new Promise<{ checked: boolean; params: string | null }>((resolve) => {
      requestAnimationFrame(() =>
        resolve({
          checked: box.checked,
          params: document.querySelector('[data-testid="total-params"]')!.getAttribute('data-exact'),
        }),
      );
      box.click();
    });
  });
  const edited = {
    ...starterModel(),
    layers: starterModel().layers.map((l, i) => (i === 0 ? { ...l, bias: false } : l)),
  };
  expect(seen.checked).toBe(false);
  expect(seen.params).not.toBe(before);
  expect(seen.params).toBe(evaluateAll(edited).totals.params.toString());
  expect(await hooks(page).answeredBy()).toBe('page');

  // Over OPEN_INLINE_ROWS rows: the worker's answer, the same numbers as the engine in Node.
  await page.evaluate(
    (m) => (window as unknown as { __floplab: { editor: Editor } }).__floplab.editor.getState().setModel(m),
    heavy(12),
  );
  await expectTotals(page, heavy(12));
  expect(await hooks(page).answeredBy()).toBe('worker');
});

test('a repeat of a billion typed into its field: an error on that row at once, and the autosaved model opens again', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expectTotals(page, starterModel());
  await addLayer(page, 'repeat');
  const rep = page.locator('[data-testid="layer-row"]').filter({ hasText: 'Repeat' }).first();
  const path = await rep.getAttribute('data-path');
  await selectRow(page, path!);
  await field(page, path!, 'times').fill('1000000000');
  await expect(page.getByTestId('row-error')).toContainText('more than the 100,000 rows a model may expand to');
  await expect(page.getByTestId('eval-status')).toContainText('1 row with an error');
  // The model was autosaved with its billion: opening the app again evaluates it (the same error), no crash loop.
  await page.reload();
  await expect(page.getByTestId('row-error')).toContainText('more than the 100,000 rows a model may expand to');
  expect(errors).toEqual([]);
});

test('counts past 2^53 from an imported file show every digit in exact form (issue 21)', async ({ page }) => {
  // The digits the CLI prints for this file (bigint); as a double the last ones would read …000,000,000.
  const file = 'tests/fixtures/beyond-2p53.json';
  await page.goto('./');
  await page
    .getByTestId('open-file-input')
    .setInputFiles({ name: 'beyond-2p53.json', mimeType: 'application/json', buffer: readFileSync(file) });
  await expect(total(page, 'params')).toHaveAttribute('data-exact', '1000999997999000001');
  await page.getByRole('group', { name: 'Numbers' }).getByText('Exact', { exact: true }).click();
  await expect(total(page, 'count')).toHaveText('2,001,999,993,998,000,004 FLOPs');
  await expect(total(page, 'params')).toHaveText('1,000,999,997,999,000,001');
  await expect(row(page, 'layers[1]')).toContainText('999,999,998,000,000,001');
  await expect(row(page, 'layers[1]')).toContainText('1,999,999,995,000,000,003');
});
