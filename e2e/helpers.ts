/**
 * Shared steps for the browser tests. The page's numbers are read from `data-exact` (exact
 * digits, whatever the SI/exact display) and compared with the engine run here in Node.
 */
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
  await expect(total(page, 'activations')).toHaveAttribute('data-exact', (r.totals.activations * 4n).toString());
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
