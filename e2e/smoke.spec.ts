import { expect, test } from '@playwright/test';

test('the built page loads and runs the engine', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  expect(errors).toEqual([]);
});
