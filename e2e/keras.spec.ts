/**
 * Keras files in the browser: a .keras zip and a legacy .h5 dropped on the page load (the HDF5
 * reader is fetched by the import worker on first use) with the totals the engine gives for the
 * same file in Node, Keras's layer names on the rows, not-counted layers said in the totals, and
 * Undo import bringing the previous model back.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importFileAsync } from '../src/engine/import';
import { starterModel } from '../src/state/defaults';
import { dropFile, expectTotals, row, watchForViolations } from './helpers';

const fixture = (name: string) => new Uint8Array(readFileSync(join('tests/fixtures/keras', name)));

async function importedInNode(name: string, bytes: Uint8Array) {
  const r = await importFileAsync(name, bytes);
  if (!r.ok) throw new Error(`fixture ${name} should import: ${r.error}`);
  return r;
}

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expectTotals(page, starterModel());
});

test('a dropped .keras file loads with the engine’s totals and Keras’s layer names; Undo import restores', async ({
  page,
}) => {
  const bytes = fixture('nested.keras');
  const { model } = await importedInNode('nested.keras', bytes);
  await dropFile(page, 'nested.keras', bytes, '[aria-label="Results"]');
  await expect(page.getByTestId('import-notice')).toContainText('Imported nested.keras');
  await expectTotals(page, model);
  // The nested Sequential's first conv, named as in Keras (outer/inner), is the first row.
  expect(model.layers[0].name).toBe('features/c1');
  await expect(row(page, 'layers[0]')).toContainText('features/c1');
  await page.getByTestId('import-notice').getByRole('button', { name: 'Undo import' }).click();
  await expectTotals(page, starterModel());
});

test('a dropped legacy .h5 with a layer no kind computes: totals partial, naming it', async ({ page }) => {
  const bytes = fixture('transformer.h5');
  const { model, warnings } = await importedInNode('transformer.h5', bytes);
  await dropFile(page, 'transformer.h5', bytes, 'header');
  const notice = page.getByTestId('import-notice');
  await expect(notice).toHaveAttribute('data-kind', 'warnings');
  for (const w of warnings) await expect(notice.getByTestId('import-warnings')).toContainText(w);
  await expectTotals(page, model);
  await expect(page.getByTestId('totals-partial')).toContainText('cross_attn');
});

test('without Worker support a .keras imports on the page itself, under its CSP, with no violation or error', async ({
  page,
}) => {
  await page.addInitScript(() => {
    // As in a browser without module workers: the import (and jsfive's chunk) runs on the page.
    Object.defineProperty(window, 'Worker', { value: undefined });
  });
  const watch = await watchForViolations(page);
  await page.goto('./');
  await expectTotals(page, starterModel());
  expect(await page.evaluate(() => typeof Worker)).toBe('undefined');
  const bytes = fixture('two_io.keras');
  const { model } = await importedInNode('two_io.keras', bytes);
  await dropFile(page, 'two_io.keras', bytes, 'header');
  await expect(page.getByTestId('import-notice')).toContainText('Imported two_io.keras');
  await expectTotals(page, model);
  expect(await watch.violations()).toEqual([]);
  expect(watch.errors).toEqual([]);
});
