import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Model } from '../src/engine/format/model';
import { addLayer, expectTotals, field, newModel, row, total } from './helpers';

// These tests build models by typing, several steps each; allow for a loaded CI machine.
test.describe.configure({ timeout: 90_000 });

const model: Model = {
  format: 'floplab.model/2',
  input: [3, 24, 24],
  layers: [
    { type: 'conv2d', out: 12, kernel: 5, padding: 2 },
    { type: 'relu' },
    { type: 'residual', body: [{ type: 'conv2d', out: 12, kernel: 3, padding: 1 }] },
  ],
};

/** Builds `model` in the page: two layers by typing, then the conv wrapped in a residual. */
async function buildModel(page: import('@playwright/test').Page) {
  await newModel(page);
  await page.getByTestId('input-shape').fill('3, 24, 24');
  await addLayer(page, 'conv2d');
  await field(page, 'layers[0]', 'out').fill('12');
  await field(page, 'layers[0]', 'kernel').fill('5');
  await field(page, 'layers[0]', 'padding').fill('2');
  await addLayer(page, 'relu');
  await addLayer(page, 'conv2d');
  await field(page, 'layers[2]', 'out').fill('12');
  await field(page, 'layers[2]', 'padding').fill('1');
  await row(page, 'layers[2]').getByTestId('wrap-select').selectOption('residual');
  await expect(row(page, 'layers[2].body[0]')).toBeVisible();
  await expectTotals(page, model);
}

test('reload restores the autosaved model', async ({ page }) => {
  await page.goto('./');
  await buildModel(page);
  await page.reload();
  await expectTotals(page, model);
  await expect(row(page, 'layers[2].body[0]')).toBeVisible();
});

test('a copied link opens the same model, convention and numbers in a fresh browser', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  await buildModel(page);
  await page.getByTestId('convention-button').click();
  await page.locator('input[name="convention"][value="fvcore"]').check();
  await page.keyboard.press('Escape');
  await page.locator('[data-row-button="layers[0]"]').click();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const url = await page.getByTestId('share-url').inputValue();
  expect(url).toMatch(/#v2\?conv=fvcore&/);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expectTotals(other, model, 'fvcore');
  await expect(other.getByTestId('convention-button')).toContainText('fvcore');
  await expect(row(other, 'layers[0]')).toHaveAttribute('aria-current', 'true');
  await fresh.close();
});

test('a corrupted link shows a notice and keeps the autosaved model', async ({ page }) => {
  await page.goto('./');
  await buildModel(page);
  // The address bar follows the model once the autosave has run (same debounce).
  await expect(page).toHaveURL(/#v2\?.*model=/);
  await page.goto('about:blank');
  await page.goto('./#v1.AAAAthis-is-not-a-model');
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByTestId('notice')).toContainText('autosaved model was kept');
  await expectTotals(page, model);
});

test('a link printed by the CLI opens with the same totals', async ({ page, baseURL }) => {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      'src/cli/main.ts',
      'tests/fixtures/resnet18.json',
      '--link',
      '--base-url',
      baseURL!,
      '--convention',
      'thop',
    ],
    { encoding: 'utf8', timeout: 60_000 },
  );
  const url = out.match(/https?:\/\/\S+#v2\?\S+/)?.[0];
  expect(url, `the CLI printed no link:\n${out}`).toBeTruthy();
  await page.goto(url!);
  const resnet = JSON.parse(readFileSync('tests/fixtures/resnet18.json', 'utf8')) as Model;
  await expectTotals(page, resnet, 'thop');
  // And the MACs are torchvision's published resnet18 _ops (shared/reference/zoo.md).
  await expect(total(page, 'macs')).toHaveAttribute('data-exact', '1814073344');
});

test('the address bar follows the work: readable settings, a reload opens the same page quietly', async ({ page }) => {
  await page.goto('./');
  await buildModel(page);
  await page.getByTestId('convention-button').click();
  await page.locator('input[name="convention"][value="thop"]').check();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/#v2\?conv=thop&.*model=[\w-]+&save=[\w-]+$/);
  const before = page.url();
  await page.reload();
  await expectTotals(page, model, 'thop');
  await expect(page.getByTestId('notice')).toHaveCount(0);
  expect(page.url()).toBe(before);
  // The same address in a fresh browser (no autosave) opens the model as a shared one.
  const fresh = await page.context().browser()!.newContext();
  const other = await fresh.newPage();
  await other.goto(before);
  await expectTotals(other, model, 'thop');
  await fresh.close();
});
