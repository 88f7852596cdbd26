/**
 * Shared steps for the browser tests. The page's numbers are read from `data-exact` (exact
 * digits, whatever the SI/exact display) and compared with the engine run here in Node.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { evaluateModel, type ModelResult } from '../src/engine/evaluate';
import { ALL_CONVENTION_IDS, DEFAULT_CONVENTION } from '../src/engine/conventions/registry';
import type { Model } from '../src/engine/format/model';

export const evaluateAll = (model: Model): ModelResult =>
  evaluateModel(model, { conventions: [...ALL_CONVENTION_IDS] });

export const total = (page: Page, name: string): Locator => page.getByTestId(`total-${name}`);

/** Waits until every total on the page equals the engine's for `model` (fp32 bytes). */
export async function expectTotals(page: Page, model: Model, convention = DEFAULT_CONVENTION): Promise<void> {
  const r = evaluateAll(model);
  const ci = r.conventions.indexOf(convention);
  expect(r.errors, 'the expected model should evaluate without errors').toBe(0);
  await expect(total(page, 'count')).toHaveAttribute('data-exact', r.totals.counts[ci].toString());
  await expect(total(page, 'params')).toHaveAttribute('data-exact', r.totals.params.toString());
  await expect(total(page, 'macs')).toHaveAttribute('data-exact', r.totals.macs.toString());
  await expect(total(page, 'flops')).toHaveAttribute('data-exact', r.totals.flops.toString());
  await expect(total(page, 'weights')).toHaveAttribute('data-exact', (r.totals.params * 4n).toString());
  // The headline is the peak of live activations (from the runtime worker); the sum of every output is beside it.
  await expect(page.getByTestId('total-activations-sum')).toHaveAttribute(
    'data-exact',
    (r.totals.activations * 4n).toString(),
  );
  await expect(total(page, 'activations')).toHaveAttribute('data-exact', /^\d+$/);
}

/** Starts an empty model through the New button and its confirmation. */
export async function newModel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('button', { name: 'Discard and start new' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('empty-model')).toBeVisible();
}

/** Types in the palette and presses Enter: inserts after the selected layer. */
export async function addLayer(page: Page, query: string): Promise<void> {
  const search = page.getByTestId('palette-search');
  await search.click();
  await search.fill(query);
  await search.press('Enter');
}

export const row = (page: Page, path: string): Locator =>
  page.locator(`[data-testid="layer-row"][data-path="${path}"]`);

export const field = (page: Page, path: string, name: string): Locator =>
  row(page, path).locator(`[data-field="${name}"]`);

/** Clicks a row's title to select it (opens its field form). */
export async function selectRow(page: Page, path: string): Promise<void> {
  await page.locator(`[data-row-button="${path}"]`).click();
  await expect(row(page, path)).toHaveAttribute('aria-current', 'true');
}

/**
 * Records CSP violations and console errors from the first script on, in this page and every
 * page the context opens later (popups, a second tab): init scripts and listeners are the context's.
 */
export async function watchForViolations(
  page: Page,
): Promise<{ violations: (p?: Page) => Promise<string[]>; errors: string[] }> {
  const errors: string[] = [];
  const context = page.context();
  context.on('weberror', (e) => errors.push(`pageerror: ${e.error().message}`));
  context.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(
        `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}: ${e.sample} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    );
  });
  return {
    violations: (p = page) => p.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    errors,
  };
}

/** Drag enter and over `selector` with a File built in the page (kept as window.__dt for the drop). */
async function dragOver(page: Page, name: string, bytes: Uint8Array, selector: string): Promise<void> {
  await page.evaluate(
    ({ name, b64, selector }) => {
      const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([data], name));
      (window as unknown as { __dt: DataTransfer }).__dt = dt;
      const target = document.querySelector(selector) ?? document.body;
      target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
      target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, b64: Buffer.from(bytes).toString('base64'), selector },
  );
}

/** Builds a File in the page and drops it on `selector` (drag enter, then drop), as a desktop drag would. */
export async function dropFile(page: Page, name: string, bytes: Uint8Array, selector: string): Promise<void> {
  // Right after a (re)load the app renders a few tasks later (main.tsx opens in three tasks): wait
  // for the drop target, then drag until the overlay answers (its listener comes with the first commit).
  await page.locator(selector).first().waitFor({ state: 'attached' });
  await expect(async () => {
    await dragOver(page, name, bytes, selector);
    await expect(page.getByTestId('drop-overlay')).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await page.evaluate((selector) => {
    const dt = (window as unknown as { __dt: DataTransfer }).__dt;
    const target = document.querySelector(selector) ?? document.body;
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, selector);
  await expect(page.getByTestId('drop-overlay')).toBeHidden();
}

/** Opens the Export menu and picks `item` (its label, or `{ id }`: the item's data-export); waits for the download. */
export async function downloadFromMenu(
  page: Page,
  item: string | RegExp | { id: string },
): Promise<{ name: string; text: string; bytes: Buffer }> {
  await page.getByRole('button', { name: /^Export/ }).click();
  const menu = page.getByRole('menu', { name: 'Export' });
  await expect(menu).toBeVisible();
  const entry =
    typeof item === 'object' && 'id' in item
      ? menu.locator(`[data-export="${item.id}"]`)
      : menu.getByRole('menuitem', { name: item });
  // A failed export shows an error notice instead of a file: fail with its text at once rather
  // than wait out the test's timeout for a download that will not come.
  const failed = page.getByRole('alert').filter({ hasText: 'Export: ' });
  await expect(failed, 'an earlier export error is still shown').toHaveCount(0);
  const downloaded = page.waitForEvent('download');
  await entry.click();
  const download = await Promise.race([
    downloaded,
    failed.waitFor().then(async () => {
      throw new Error(`no download, the page says: ${await failed.textContent()}`);
    }),
  ]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}
