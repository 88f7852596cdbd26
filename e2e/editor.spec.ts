import { expect, test } from '@playwright/test';
import type { Model } from '../src/engine/format/model';
import { addLayer, evaluateAll, expectTotals, field, newModel, row, selectRow, total } from './helpers';

// These tests build models by typing, several steps each; allow for a loaded CI machine.
test.describe.configure({ timeout: 90_000 });

/** What the first test builds by typing; the engine evaluates the same document in Node. */
const built: Model = {
  format: 'floplab.model/2',
  input: [3, 32, 32],
  layers: [
    { type: 'conv2d', out: 16, kernel: 3, padding: 1 },
    { type: 'relu' },
    { type: 'maxpool2d', kernel: 2 },
    { type: 'flatten' },
    { type: 'linear', out: 10 },
  ],
};

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(total(page, 'count')).toBeVisible();
});

test('first visit shows the example model with numbers', async ({ page }) => {
  await expect(page.getByTestId('layer-row').first()).toBeVisible();
  await expect(page.getByTestId('eval-status')).toHaveText('up to date');
  expect(Number(await total(page, 'params').getAttribute('data-exact'))).toBeGreaterThan(0);
});

test('build a network from an empty model by typing, and match the engine', async ({ page }) => {
  await newModel(page);
  const shape = page.getByTestId('input-shape');
  await shape.fill('3, 32, 32');
  await addLayer(page, 'conv2d');
  await expect(row(page, 'layers[0]')).toHaveAttribute('aria-current', 'true');
  await field(page, 'layers[0]', 'out').fill('16');
  await field(page, 'layers[0]', 'kernel').fill('3');
  await field(page, 'layers[0]', 'padding').fill('1');
  await addLayer(page, 'relu');
  await addLayer(page, 'maxpool');
  // Clicking an option inserts too.
  await page.getByTestId('palette-search').fill('flatten');
  await page.locator('#palette-flatten').click();
  await addLayer(page, 'linear');
  await field(page, 'layers[4]', 'out').fill('10');
  await expect(page.getByTestId('layer-row')).toHaveCount(5);
  await expect(page.getByTestId('model-output')).toHaveText('10');
  await expectTotals(page, built);
  // The per-row numbers are the engine's too (SI display of conv params: 448 = 16·27 + 16).
  await expect(row(page, 'layers[0]').getByTestId('row-params')).toHaveText('448');

  // Switching the convention changes only which count is shown; every one matches the engine.
  for (const id of ['thop', 'fvcore', 'torchvision']) {
    await page.getByTestId('convention-button').click();
    await page.locator(`input[name="convention"][value="${id}"]`).check();
    await page.keyboard.press('Escape');
    await expectTotals(page, built, id);
  }
});

test('edit a layer: totals change; undo and redo with keys and buttons', async ({ page }) => {
  await newModel(page);
  await page.getByTestId('input-shape').fill('3, 16, 16');
  await addLayer(page, 'conv2d');
  const one: Model = {
    format: 'floplab.model/2',
    input: [3, 16, 16],
    layers: [{ type: 'conv2d', out: 64, kernel: 3 }],
  };
  await expectTotals(page, one);

  await field(page, 'layers[0]', 'out').fill('8');
  const edited: Model = { ...one, layers: [{ type: 'conv2d', out: 8, kernel: 3 }] };
  await expectTotals(page, edited);
  expect(evaluateAll(edited).totals.params).not.toBe(evaluateAll(one).totals.params);

  // Ctrl+Z from the page (not in a field) undoes the last edit; Ctrl+Shift+Z redoes it.
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await expectTotals(page, one);
  await page.keyboard.press('Control+Shift+z');
  await expectTotals(page, edited);
  await page.getByRole('button', { name: /Undo/ }).click();
  await expectTotals(page, one);
  await page.getByRole('button', { name: /Redo/ }).click();
  await expectTotals(page, edited);
  await expect(field(page, 'layers[0]', 'out')).toHaveValue('8');
});

test('an invalid kernel shows the error on that row while the rest still computes', async ({ page }) => {
  await newModel(page);
  await page.getByTestId('input-shape').fill('3, 32, 32');
  await addLayer(page, 'conv2d');
  await addLayer(page, 'relu');
  await addLayer(page, 'conv2d');
  await selectRow(page, 'layers[2]');
  await field(page, 'layers[2]', 'kernel').fill('99');
  const bad = row(page, 'layers[2]').getByTestId('row-error');
  await expect(bad).toBeVisible();
  await expect(bad).toContainText('kernel');
  // The first layers keep their numbers, and the totals count them (the engine's partial totals).
  await expect(row(page, 'layers[0]').getByTestId('row-params')).toHaveText('1.79 k');
  await expect(row(page, 'layers[0]').getByTestId('row-error')).toHaveCount(0);
  const partial = evaluateAll({
    format: 'floplab.model/2',
    input: [3, 32, 32],
    layers: [{ type: 'conv2d', out: 64, kernel: 3 }, { type: 'relu' }, { type: 'conv2d', out: 64, kernel: 99 }],
  });
  expect(partial.errors).toBe(1);
  await expect(total(page, 'params')).toHaveAttribute('data-exact', partial.totals.params.toString());
  await expect(page.getByTestId('eval-status')).toContainText('Partial totals: 1 row with an error');

  // A value that does not parse stays local, with its message beside the field.
  await field(page, 'layers[2]', 'kernel').fill('three');
  await expect(row(page, 'layers[2]')).toContainText('Kernel: type a number');
  await field(page, 'layers[2]', 'kernel').fill('3');
  await expect(row(page, 'layers[2]').getByTestId('row-error')).toHaveCount(0);
});

test('one bad kernel size: the status names one error and the layers it stops, not one error per layer', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('layer-row').first()).toBeVisible();
  const rows = await page.getByTestId('layer-row').count();
  await selectRow(page, 'layers[0]');
  await field(page, 'layers[0]', 'kernel').fill('300');
  await expect(page.getByTestId('eval-status')).toHaveText(
    `Partial totals: 1 row with an error; ${rows - 1} after it cannot be computed (not counted)`,
  );
  await expect(page.getByTestId('row-error')).toHaveCount(1);
});
