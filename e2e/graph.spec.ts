/**
 * Graphs in the built app (issue 13): a network whose branches do not nest as blocks (Netscope's
 * own Inception-v4 prototxt) opens as a graph with the engine's numbers, and a person can wire
 * layers by hand with the Id and From fields, seeing a wrong reference on the row that has it.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { importFile } from '../src/engine/import';
import type { Model } from '../src/engine/format/model';
import { addLayer, evaluateAll, expectTotals, field, newModel, row, total } from './helpers';

test.beforeEach(async ({ page }) => {
  await page.goto('./');
  await expect(total(page, 'count')).toBeVisible();
});

test('an Inception-style prototxt whose branches reuse an output opens as a graph with the engine’s totals', async ({
  page,
}) => {
  const bytes = readFileSync('tests/fixtures/inception-branches.prototxt');
  const r = importFile('inception-branches.prototxt', new Uint8Array(bytes));
  if (!r.ok) throw new Error(r.error);
  await page.getByTestId('open-file-input').setInputFiles({
    name: 'inception-branches.prototxt',
    mimeType: 'text/plain',
    buffer: bytes,
  });
  await expect(page.getByText(/imported as a graph/)).toBeVisible({ timeout: 20_000 });
  await expectTotals(page, r.model);
  // Rows say where their inputs come from: the first concat joins four branches by name.
  const cat = r.model.layers.findIndex((l) => l.type === 'cat');
  await page
    .getByTestId('layer-list')
    .evaluate((el, i) => el.scrollTo(0, i * 28), cat)
    .catch(() => undefined);
  await expect(row(page, `layers[${cat}]`)).toContainText('←');
});

test('wire a fork and a merge with Id and From, and see a bad reference on its row', async ({ page }) => {
  await newModel(page);
  await page.getByTestId('input-shape').fill('3, 16, 16');
  await addLayer(page, 'conv2d');
  await field(page, 'layers[0]', 'out').fill('8');
  await field(page, 'layers[0]', 'kernel').fill('3');
  await field(page, 'layers[0]', 'padding').fill('1');
  await field(page, 'layers[0]', 'id').fill('stem');
  await addLayer(page, 'relu');
  await addLayer(page, 'add');
  // Without From, an add has one input: the row says what to do.
  await expect(row(page, 'layers[2]')).toContainText('name them with from');
  await field(page, 'layers[2]', 'from').fill('-1, stem');
  const built: Model = {
    format: 'floplab.model/2',
    input: [3, 16, 16],
    layers: [
      { type: 'conv2d', out: 8, kernel: 3, padding: 1, id: 'stem' },
      { type: 'relu' },
      { type: 'add', from: [-1, 'stem'] },
    ],
  };
  await expectTotals(page, built);
  await expect(row(page, 'layers[2]')).toContainText('← -1, stem');
  // A name nothing defines: the message is on the add's row, the layers before keep their numbers.
  await field(page, 'layers[2]', 'from').fill('-1, stme');
  await expect(row(page, 'layers[2]')).toContainText('no earlier layer has the id "stme"');
  await expect(row(page, 'layers[0]').getByTestId('row-params')).toHaveText('224');
});

test('fvcore called under torch.no_grad(): a checkbox under the convention, attention’s fast path unseen', async ({
  page,
}) => {
  const model: Model = {
    format: 'floplab.model/2',
    name: 'one attention layer',
    input: [16, 32],
    layers: [
      { type: 'attention', heads: 4 },
      { type: 'linear', out: 10 },
    ],
  };
  const r = evaluateAll(model);
  const at = (id: string) => r.totals.counts[r.conventions.indexOf(id)];
  expect(at('fvcore-nograd')).toBeLessThan(at('fvcore'));
  await page.getByTestId('open-file-input').setInputFiles({
    name: 'attention.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(model)),
  });
  await expect(page.getByTestId('layer-row')).toHaveCount(2);
  await page.getByTestId('convention-button').click();
  await page.locator('input[name="convention"][value="fvcore"]').check();
  await expectTotals(page, model, 'fvcore');
  const noGrad = page.getByTestId('convention-nograd');
  await expect(noGrad).not.toBeChecked();
  await noGrad.check();
  await expectTotals(page, model, 'fvcore-nograd');
  await expect(page.getByTestId('convention-button')).toContainText('under no_grad');
  // The base convention stays selected in the list; unticking goes back to the README's call.
  await expect(page.locator('input[name="convention"][value="fvcore"]')).toBeChecked();
  await noGrad.uncheck();
  await expectTotals(page, model, 'fvcore');
  // Conventions without the setting do not show it.
  await page.locator('input[name="convention"][value="thop"]').check();
  await expect(noGrad).toHaveCount(0);
});
