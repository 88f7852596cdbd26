/**
 * The Chinese interface (issue 6: "ready for a Chinese translation"): the language switch turns
 * the header, editor, totals, table and details labels into zh-CN while every number stays the
 * engine's; messages made by the UI (input errors) follow; nothing is clipped; the choice
 * survives a reload and switching back restores English. Screenshot: docs/screenshots/main-zh.png.
 */
import { expect, test, type Page } from '@playwright/test';
import { total } from './helpers';

async function open(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
}

const toChinese = (page: Page) => page.getByTestId('language-switch').selectOption('zh-CN');

test('switching to Chinese changes the header, editor, totals and details labels, not the numbers', async ({
  page,
}) => {
  await open(page);
  const exact = await Promise.all(
    ['count', 'params', 'macs', 'flops'].map((n) => total(page, n).getAttribute('data-exact')),
  );
  await expect(page.getByRole('button', { name: 'New', exact: true })).toBeVisible();

  await toChinese(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  // Header
  await expect(page.getByRole('button', { name: '新建', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /撤销/ })).toBeVisible();
  await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
  await expect(page.getByRole('group', { name: '数字' })).toBeVisible();
  await expect(page.getByTestId('convention-button')).toContainText('计数约定');
  await expect(page.getByRole('textbox', { name: '模型名称' })).toBeVisible();
  // Editor
  const editor = page.getByRole('region', { name: '编辑器' });
  await expect(editor).toContainText('输入形状（C, H, W 或任意维）');
  await expect(editor).toContainText('批大小');
  await expect(editor).toContainText('添加层');
  await expect(page.getByTestId('palette-search')).toHaveAttribute('placeholder', /输入以筛选/);
  // Totals and the per-layer table
  const results = page.getByRole('region', { name: '结果' });
  await expect(results.getByRole('heading', { name: '总计' })).toBeVisible();
  await expect(page.getByTestId('totals')).toContainText('参数量');
  await expect(page.getByTestId('totals')).toContainText('乘加运算 MACs');
  await expect(page.getByTestId('totals')).toContainText('浮点运算次数 FLOPs');
  await expect(page.getByTestId('eval-status')).toHaveText('已是最新');
  await expect(results.getByRole('heading', { name: '逐层', exact: true })).toBeVisible();
  await expect(page.getByTestId('layer-table').getByRole('columnheader', { name: /占比/ })).toBeVisible();
  // Details
  await expect(page.getByRole('complementary', { name: '详情' }).getByRole('heading', { name: '详情' })).toBeVisible();
  // The numbers are the engine's, whatever the language.
  for (const [i, n] of ['count', 'params', 'macs', 'flops'].entries())
    await expect(total(page, n)).toHaveAttribute('data-exact', exact[i] ?? '');

  // A message made by the UI follows the language.
  await page.getByTestId('input-shape').fill('1, 2, 3, 4, 5, 6, 7, 8, 9');
  await expect(page.locator('#input-shape-error')).toHaveText(/^输入形状：请输入 C, H, W/);
  await page.getByTestId('input-shape').fill('3, 224, 224');

  // Remembered on reload; switching back restores English.
  await page.reload();
  await expect(page.getByRole('button', { name: '新建', exact: true })).toBeVisible();
  await page.getByTestId('language-switch').selectOption('en');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'New', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Totals' })).toBeVisible();
});

test('a selected layer in Chinese: row actions and field form', async ({ page }) => {
  await open(page);
  await toChinese(page);
  await page.locator('[data-row-button="layers[0]"]').click();
  const actions = page.getByRole('group', { name: 'layers[0] 的操作' });
  await expect(actions.getByRole('button', { name: '复制', exact: true })).toBeVisible();
  await expect(actions.getByRole('button', { name: '删除', exact: true })).toBeVisible();
  await expect(page.getByTestId('wrap-select')).toContainText('残差（x + f(x)）');
  await expect(page.getByRole('group', { name: 'layers[0] 的字段' })).toContainText('名称');
  await expect(page.getByTestId('details')).toContainText('各计数约定下');
});

test('Chinese main screen: nothing clipped; screenshot', async ({ page }) => {
  await open(page);
  await toChinese(page);
  await expect(page.getByRole('heading', { name: '总计' })).toBeVisible();
  await page.locator('[data-row-button="layers[1]"]').click();
  // Text that overflows its own box (a clipped label or button) in the header, editor and totals.
  const clipped = await page.evaluate(() => {
    const out: string[] = [];
    const scope = document.querySelectorAll(
      'header button, header label, header legend, [data-testid="totals"] dt, [data-testid="totals"] dd, main section[aria-label] label, main th, main h2, main h3, [data-testid="eval-status"]',
    );
    for (const el of scope) {
      const e = el as HTMLElement;
      if (e.offsetParent === null || e.closest('.sr-only, [class*="sr-only"]')) continue;
      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible')
        out.push(`${e.tagName} “${e.textContent?.trim().slice(0, 30)}” ${e.scrollWidth}>${e.clientWidth}`);
      const r = e.getBoundingClientRect();
      if (r.right > window.innerWidth + 1) out.push(`${e.tagName} “${e.textContent?.trim().slice(0, 30)}” off-screen`);
    }
    return out;
  });
  await page.screenshot({ path: 'docs/screenshots/main-zh.png' });
  expect(clipped).toEqual([]);
  // The header stays within two lines at 1440 px.
  const header = await page.getByRole('banner').boundingBox();
  expect(header?.height ?? 999).toBeLessThan(110);
});
