/**
 * Issue 21, "autosave that cannot lose work", in Chromium through the real storage: two tabs of
 * one browser on one autosave (never a silent overwrite), a tab that crashes while a model opens
 * (the next visit opens in safe mode, not into the crash), and the saved-copies dialog.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Model } from '../src/engine/format/model';
import { OPEN_INLINE_ROWS } from '../src/state/evaluation';
import { evaluateAll, total } from './helpers';
import { LOADING_STALE_MS } from '../src/state/safeMode';

test.describe.configure({ timeout: 90_000 });

const AUTOSAVE = 'floplab.autosave.v1';
const stored = (page: Page, key = AUTOSAVE) =>
  page.evaluate((k) => {
    const raw = localStorage.getItem(k);
    return raw ? (JSON.parse(raw) as { model: { name?: string; input: number[] } }).model : null;
  }, key);
const upToDate = (page: Page) => expect(page.getByTestId('eval-status')).toHaveText('up to date');
const nameField = (page: Page) => page.getByRole('textbox', { name: 'Model name' });

test('two tabs: an edit in one is never saved over by the other without a choice', async ({ context }) => {
  const a = await context.newPage();
  await a.goto('./');
  await upToDate(a);
  const b = await context.newPage();
  await b.goto('./');
  await upToDate(b);

  await nameField(a).fill('renamed in A');
  await expect.poll(async () => (await stored(a))?.name).toBe('renamed in A');
  // B learns of it at once (storage event) and, once it edits, must choose.
  await expect(b.getByTestId('notice')).toContainText('changed in another FlopLab tab');
  await b.getByTestId('input-shape').fill('3, 64, 64');
  await expect(b.getByTestId('notice')).toContainText('Another FlopLab tab saved different work');
  await expect(b.getByTestId('notice')).toContainText('renamed in A');
  expect((await stored(b))?.name).toBe('renamed in A'); // held, not overwritten

  await b.getByRole('button', { name: "Keep this tab's" }).click();
  await expect.poll(async () => (await stored(b))?.input).toEqual([3, 64, 64]);
  // Now A is told, and can take B's version; its own stays one Undo away.
  await expect(a.getByTestId('notice')).toContainText('changed in another FlopLab tab');
  await a.getByRole('button', { name: "Load the other tab's" }).click();
  await expect(a.getByTestId('input-shape')).toHaveValue('3, 64, 64');
  await a.getByRole('button', { name: /Undo/ }).click();
  await expect(nameField(a)).toHaveValue('renamed in A');
});

test('a tab that crashes while a model opens: the next visit opens in safe mode, and the model is kept', async ({
  context,
  baseURL,
}) => {
  // More rows than the page evaluates itself at open (OPEN_INLINE_ROWS): evaluated in the worker.
  const big: Model = {
    format: 'floplab.model/2',
    name: 'big one',
    input: [8],
    layers: Array.from({ length: OPEN_INLINE_ROWS + 100 }, () => ({ type: 'linear', out: 8 })),
  };
  const first = await context.newPage();
  await first.goto('./');
  await upToDate(first);
  await first.evaluate(
    ([k, m]) => localStorage.setItem(k, JSON.stringify({ model: m, settings: {}, selection: null, collapsed: {} })),
    [AUTOSAVE, big] as const,
  );
  // The worker never answers (as when it grows until the tab dies), then the tab crashes.
  await first.addInitScript(() => {
    class SilentWorker extends EventTarget {
      postMessage() {}
      terminate() {}
    }
    (window as unknown as { Worker: unknown }).Worker = SilentWorker;
  });
  await first.goto('./'); // not reload(): the address bar's hash would open the model it names
  await expect(nameField(first)).toHaveValue(big.name ?? '');
  expect(await first.evaluate(() => localStorage.getItem('floplab.loading'))).not.toBeNull();
  const crashed = first.waitForEvent('crash');
  await first.goto('chrome://crash').catch(() => {});
  await crashed;
  // A tab that is still opening renews its marker every second; this one died, so its marker ages.
  // The next visit treats it as a crash once it is older than LOADING_STALE_MS (the user coming back).
  const markerAge = async () => {
    const origin = (await context.storageState()).origins.find((o) => baseURL?.startsWith(o.origin));
    const marker = origin?.localStorage.find((e) => e.name === 'floplab.loading');
    return marker ? Date.now() - (JSON.parse(marker.value) as { since: number }).since : -1;
  };
  await expect.poll(markerAge, { timeout: 30_000 }).toBeGreaterThan(LOADING_STALE_MS);

  const next = await context.newPage();
  await next.goto('./');
  await expect(next.getByTestId('notice')).toContainText('did not finish opening your model last time');
  await expect(nameField(next)).not.toHaveValue(big.name ?? '');
  await upToDate(next);
  await next.getByRole('button', { name: 'Open it anyway' }).click();
  await expect(nameField(next)).toHaveValue(big.name ?? '');
  const want = evaluateAll(big);
  await expect(total(next, 'params')).toHaveAttribute('data-exact', want.totals.params.toString());
});

test('saved copies: the last good copy is listed and restorable from the app', async ({ page }) => {
  await page.goto('./');
  await upToDate(page);
  await nameField(page).fill('good version');
  await expect.poll(async () => (await stored(page))?.name).toBe('good version');
  await page.reload();
  await upToDate(page);
  // Opened and shown without trouble: this state is now the last good copy.
  await expect.poll(async () => (await stored(page, 'floplab.autosave.lastGood'))?.name).toBe('good version');
  await nameField(page).fill('later edit');
  await page.getByRole('button', { name: /^Export/ }).click();
  await page.getByRole('menuitem', { name: /Saved copies/ }).click();
  const dialog = page.getByTestId('copies-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Autosave');
  await expect(dialog).toContainText('Last good copy');
  await expect(dialog).toContainText('good version');
  await dialog.getByTestId('copy-open-lastGood').click();
  await expect(dialog).toBeHidden();
  await expect(nameField(page)).toHaveValue('good version');
  await page.getByRole('button', { name: /Undo/ }).click();
  await expect(nameField(page)).toHaveValue('later edit');
});
