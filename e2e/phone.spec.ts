/**
 * Issue 19, item 1: on a 375 px phone the page used to scroll sideways to 656 px, the results
 * column was 24 px wide (totals, charts and table invisible) and header buttons were clipped.
 * Below 1024 px the three regions now stack in one scrolling column at the screen's width.
 */
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 375, height: 812 } });

test('on a 375 px phone nothing runs off the side: header, editor, totals, table and details fit the width', async ({
  page,
}) => {
  await page.goto('./');
  await expect(page.getByTestId('layer-row').first()).toBeVisible();
  // The document itself never scrolls sideways.
  const widths = await page.evaluate(() => ({
    client: document.documentElement.clientWidth,
    scroll: document.documentElement.scrollWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  // Every header control is inside the screen.
  const header = page.locator('header');
  for (const b of await header.locator('button, input, select').all()) {
    const box = await b.boundingBox();
    if (box) expect(box.x + box.width, await b.innerText().catch(() => '')).toBeLessThanOrEqual(widths.client + 1);
  }
  // The totals, the table and the details are reached by scrolling down, each at the screen's width.
  for (const id of ['total-count', 'layer-table']) {
    const el = page.getByTestId(id);
    await el.scrollIntoViewIfNeeded();
    await expect(el).toBeVisible();
    const box = await el.boundingBox();
    expect(box?.width ?? 0, id).toBeGreaterThan(150);
  }
  await expect(page.getByTestId('total-count')).toContainText('FLOPs');
  const details = page.getByRole('complementary');
  await details.scrollIntoViewIfNeeded();
  await expect(details).toBeVisible();
  expect((await details.boundingBox())?.width ?? 0).toBeGreaterThan(300);
});

for (const width of [375, 768, 1440])
  test(`the Export menu stays inside the window at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('./');
    await expect(page.getByTestId('eval-status')).toHaveText('up to date');
    await page.getByRole('button', { name: /^Export/ }).click();
    // Anchored at the button's right edge: at 375 and 768 px a left-anchored menu ran off the screen.
    const box = (await page.locator('#export-menu').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
  });
