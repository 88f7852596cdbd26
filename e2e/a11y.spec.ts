import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { total } from './helpers';

// The main screen at a common laptop size, in both themes: no serious or critical axe
// violations (WCAG 2.x A/AA rules), and a screenshot of each theme for docs/screenshots/.
for (const theme of ['light', 'dark'] as const) {
  test(`main screen, ${theme} theme: accessible, screenshot saved`, async ({ page }) => {
    // axe walks the whole page (formula inspector included); on a loaded CI box that takes a while.
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('./');
    await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
    await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/);
    // Select a layer so the field form, its actions and the details panel are checked too.
    await page.locator('[data-row-button="layers[4]"]').click();
    await expect(page.getByTestId('details')).toBeVisible();
    await page.screenshot({ path: `docs/screenshots/main-${theme}.png` });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  });
}

test('the theme toggle switches the dark class and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./');
  const toggle = page.getByRole('button', { name: /theme/ });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
});

test('every control has an accessible name and keyboard focus is visible', async ({ page }) => {
  await page.goto('./');
  await expect(total(page, 'count')).toBeVisible();
  // Tab to the first few controls: each one shows an outline when focused from the keyboard.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { tag: el.tagName, width: s.outlineWidth, style: s.outlineStyle };
    });
    expect(outline.style, `${outline.tag} #${i} has no focus outline`).not.toBe('none');
  }
});

test('keyboard: the first Tab reaches "Skip to results", which moves the focus past the layer list', async ({
  page,
}) => {
  await page.goto('./');
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
  // From the top of the page, as after a fresh load.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('skip-results')).toBeFocused();
  await expect(page.getByTestId('skip-results')).toBeInViewport();
  const hash = new URL(page.url()).hash;
  await page.keyboard.press('Enter');
  await expect(page.locator('#results')).toBeFocused();
  // A button, not an anchor: the address (the live share link) is unchanged.
  expect(new URL(page.url()).hash).toBe(hash);
});

// Dialogs mark their first action with the HTML autofocus attribute, which showModal() honours
// (React's autoFocus focused them while closed, forcing a layout of the page on open: issue 20).
test('a dialog opens with its safe action focused, and focus returns to the opener', async ({ page }) => {
  await page.goto('./');
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
  await expect(page.locator('body')).toBeFocused(); // nothing took focus while the page opened
  const about = page.getByTestId('about-open');
  await about.click();
  await expect(page.getByTestId('about-dialog').getByRole('button', { name: /close/i })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(about).toBeFocused();
  await page.getByRole('button', { name: /^New$/ }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: /cancel/i })).toBeFocused();
  await page.keyboard.press('Enter'); // Cancel: the model stays
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(total(page, 'count')).toHaveAttribute('data-exact', /[1-9]/);
});
