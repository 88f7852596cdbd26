import { expect, test, type Page } from '@playwright/test';
import type { Model } from '../src/engine/format/model';
import { makeShareUrl } from '../src/state/urlCodec';
import { addLayer, expectTotals, newModel, row, selectRow } from './helpers';

// These tests build models by typing, several steps each; allow for a loaded CI machine.
test.describe.configure({ timeout: 90_000 });

/** Types of the visible rows, top to bottom (the list is virtualised; these models are small). */
const types = (page: Page) =>
  page
    .getByTestId('layer-row')
    .evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('data-path') + ':' + r.querySelector('[data-row-button] span')?.textContent),
    );

async function threeLayers(page: Page) {
  await page.goto('./');
  await newModel(page);
  await page.getByTestId('input-shape').fill('3, 16, 16');
  await addLayer(page, 'conv2d');
  await addLayer(page, 'batchnorm2d');
  await addLayer(page, 'relu');
  await expect(page.getByTestId('layer-row')).toHaveCount(3);
}

test('keyboard: Alt+↑/↓ reorder, Ctrl+D duplicates, Delete deletes, ↑/↓ select', async ({ page }) => {
  await threeLayers(page);
  await page.locator('[data-row-button="layers[2]"]').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => types(page)).toEqual(['layers[0]:Conv2d', 'layers[1]:ReLU', 'layers[2]:BatchNorm2d']);
  await expect(row(page, 'layers[1]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-row-button="layers[1]"]')).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => types(page)).toEqual(['layers[0]:Conv2d', 'layers[1]:BatchNorm2d', 'layers[2]:ReLU']);
  // Each key acts on the focused row: wait for the selection to land before the next one (a busy
  // machine can still be rendering the move when the key arrives).
  await expect(page.locator('[data-row-button="layers[2]"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 'layers[1]')).toHaveAttribute('aria-current', 'true');
  await expect(page.locator('[data-row-button="layers[1]"]')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row(page, 'layers[0]')).toHaveAttribute('aria-current', 'true');
  // Ctrl+D duplicates the focused row: wait for the focus to land too (it follows the selection).
  await expect(page.locator('[data-row-button="layers[0]"]')).toBeFocused();
  await page.keyboard.press('Control+d');
  await expect
    .poll(() => types(page))
    .toEqual(['layers[0]:Conv2d', 'layers[1]:Conv2d', 'layers[2]:BatchNorm2d', 'layers[3]:ReLU']);
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('layer-row')).toHaveCount(3);
});

test('wrap a Shift+click range in a residual, collapse, expand and unwrap it', async ({ page }) => {
  await threeLayers(page);
  await selectRow(page, 'layers[0]');
  await page.locator('[data-row-button="layers[1]"]').click({ modifiers: ['Shift'] });
  await row(page, 'layers[0]').getByTestId('wrap-select').selectOption('residual');
  await expect
    .poll(() => types(page))
    .toEqual(['layers[0]:Residual', 'layers[0].body[0]:Conv2d', 'layers[0].body[1]:BatchNorm2d', 'layers[1]:ReLU']);
  // conv 64 channels + 3 channels input cannot add: the error sits on the block, the conv keeps its numbers.
  await expect(row(page, 'layers[0]').getByTestId('row-error')).toContainText('cannot add');
  await expect(row(page, 'layers[0].body[0]').getByTestId('row-params')).toHaveText('1.79 k');
  await page.getByRole('button', { name: 'Collapse Residual' }).click();
  await expect(page.getByTestId('layer-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Expand Residual' }).click();
  await expect(page.getByTestId('layer-row')).toHaveCount(4);
  await selectRow(page, 'layers[0]');
  await row(page, 'layers[0]').getByRole('button', { name: 'Unwrap' }).click();
  await expect.poll(() => types(page)).toEqual(['layers[0]:Conv2d', 'layers[1]:BatchNorm2d', 'layers[2]:ReLU']);
});

test('"+ add here" inserts into a block\'s empty list; the model matches the engine', async ({ page }) => {
  await page.goto('./');
  await newModel(page);
  await page.getByTestId('input-shape').fill('8, 8, 8');
  await addLayer(page, 'residual');
  await page.getByRole('button', { name: 'Add a layer at the start of layers[0].body' }).click();
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.type('conv2d');
  await page.keyboard.press('Enter');
  await expect(row(page, 'layers[0].body[0]')).toBeVisible();
  await row(page, 'layers[0].body[0]').locator('[data-field="out"]').fill('8');
  await row(page, 'layers[0].body[0]').locator('[data-field="padding"]').fill('1');
  const m: Model = {
    format: 'floplab.model/2',
    input: [8, 8, 8],
    layers: [{ type: 'residual', body: [{ type: 'conv2d', out: 8, kernel: 3, padding: 1 }] }],
  };
  await expectTotals(page, m);
});

test('drag a layer by its handle to reorder', async ({ page }) => {
  await threeLayers(page);
  const handle = page.getByRole('button', { name: 'Drag ReLU to reorder' });
  const target = page.locator('[data-row-button="layers[0]"]');
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  // Several small moves: dnd-kit starts dragging after 4 px and tracks pointer moves.
  for (let i = 1; i <= 10; i++)
    await page.mouse.move(from.x + from.width / 2, from.y + ((to.y - from.y) * i) / 10 + 2, { steps: 2 });
  await page.mouse.up();
  await expect.poll(() => types(page)).toEqual(['layers[0]:ReLU', 'layers[1]:Conv2d', 'layers[2]:BatchNorm2d']);
});

test('New asks first: Cancel keeps the model', async ({ page }) => {
  await page.goto('./');
  // The list mounts in the task after the first numbers: count its rows once it is there.
  await expect(page.getByTestId('layer-row').first()).toBeVisible();
  const before = await page.getByTestId('layer-row').count();
  expect(before).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('layer-row')).toHaveCount(before);
});

test('per-layer table sorts by a column and copies CSV', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./');
  const table = page.getByTestId('layer-table');
  await expect(table.getByTestId('table-row').first()).toBeVisible();
  await table.getByRole('button', { name: /^Params/ }).click();
  await expect(table.getByRole('columnheader', { name: /Params/ })).toHaveAttribute('aria-sort', 'descending');
  const params = await table.getByTestId('table-row').evaluateAll((rows) => rows.map((r) => r.children[3].textContent));
  const asNumber = (t: string | null) => {
    const m = /^([\d.]+)\s*([kMG]?)$/.exec(t ?? '');
    return m ? Number(m[1]) * ({ '': 1, k: 1e3, M: 1e6, G: 1e9 } as const)[m[2] as '' | 'k' | 'M' | 'G'] : NaN;
  };
  const values = params.map(asNumber);
  expect(values).toEqual([...values].sort((a, b) => b - a));
  await page.getByRole('button', { name: 'Copy as CSV' }).click();
  await expect(page.getByTestId('notice')).toContainText('Copied');
  const csv = await page.evaluate(() => navigator.clipboard.readText());
  const lines = csv.trim().split('\n');
  expect(lines[0]).toMatch(/^path,name,type,output,params,/);
  expect(lines.length - 1).toBe(await table.getByTestId('table-row').count());
});

test('a 1,000-layer model renders only the visible rows and scrolls to the last one', async ({ page, baseURL }) => {
  const layers = Array.from({ length: 1000 }, (_, i) =>
    i % 2 ? { type: 'relu' } : { type: 'conv2d', out: 8, kernel: 3, padding: 1, name: `c${i}` },
  );
  const big: Model = { format: 'floplab.model/2', input: [8, 16, 16], layers };
  await page.goto(makeShareUrl(baseURL!, { model: big, convention: 'thop' }));
  await expectTotals(page, big, 'thop');
  expect(await page.getByTestId('layer-row').count()).toBeLessThan(80);
  await page.getByTestId('layer-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(page, 'layers[999]')).toBeVisible();
  await expect(page.getByTestId('table-row')).not.toHaveCount(1000);
});

test('"/" focuses the palette from anywhere; Enter inserts after the selection', async ({ page }) => {
  await threeLayers(page);
  await selectRow(page, 'layers[0]');
  await page.locator('h1').click();
  await page.keyboard.press('/');
  await expect(page.getByTestId('palette-search')).toBeFocused();
  await page.keyboard.type('flatten');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => types(page))
    .toEqual(['layers[0]:Conv2d', 'layers[1]:Flatten', 'layers[2]:BatchNorm2d', 'layers[3]:ReLU']);
  // Flatten before a batch norm: the error sits on the batch-norm row, in place.
  await expect(row(page, 'layers[2]').getByTestId('row-error')).toContainText('feature map');
});
