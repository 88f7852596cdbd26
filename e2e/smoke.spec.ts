import { expect, test } from '@playwright/test';

test('the built page loads and runs the engine', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('./');
  await expect(page.getByRole('heading', { name: 'FlopLab' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('About names what FlopLab answers, the seed article by title, author and year, and closes', async ({ page }) => {
  await page.goto('./');
  await page.getByTestId('about-open').click();
  const dialog = page.getByTestId('about-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('RaySue, 《卷积神经网络的参数量和计算量》');
  await expect(dialog).toContainText('2020');
  await expect(dialog).toContainText('nothing you open or type is uploaded');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});
