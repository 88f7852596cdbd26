/**
 * The documentation inside the built app (issue 19, item 5): docs/*.md open in a dialog from the
 * About box and from the runtime's "why this number" (a link, not a file name); links between
 * documents switch documents; nothing touches the address's hash, which holds the model.
 */
import { expect, test } from '@playwright/test';
import { total } from './helpers';

test('About → Documentation opens docs/conventions.md, and the other documents from its list', async ({ page }) => {
  await page.goto('./');
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
  await expect(page).toHaveURL(/#v2\?/);
  const hash = new URL(page.url()).hash;
  await page.getByTestId('about-open').click();
  await page.getByTestId('docs-link-conventions').click();
  const dialog = page.getByTestId('docs-dialog').filter({ visible: true });
  const body = dialog.getByTestId('docs-body');
  await expect(body.locator('h1').first()).toContainText(/convention/i);
  await dialog.locator('[data-doc="latency"]').click();
  await expect(body.locator('h1').first()).toContainText('Runtime estimate');
  // A Markdown table and code are rendered as such.
  await expect(body.locator('table').first()).toBeVisible();
  await dialog.locator('[data-doc="import-export"]').click();
  await expect(body.locator('h1').first()).toContainText(/import/i);
  expect(new URL(page.url()).hash).toBe(hash);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
