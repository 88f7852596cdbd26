/**
 * Issue 21, item 8, in Chromium: `vite preview` sends the deployment headers of src/sw/headers.ts
 * (docs/deploy.md), so this suite runs the app under them; the page, its scripts, its workers and
 * its service worker carry them, and a page of another origin cannot show the app in a frame
 * (frame-ancestors 'none', which only the header can carry, not the <meta> policy).
 */
import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';
import { CACHE_HASHED, CACHE_REVALIDATE, HEADER_CSP, SECURITY_HEADERS, headersFor } from '../src/sw/headers';
import { starterModel } from '../src/state/defaults';
import { expectTotals } from './helpers';

const expectHeaders = (r: Response | APIResponse, cache: string) => {
  const h = r.headers();
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(h[name.toLowerCase()], `${name} of ${r.url()}`).toBe(value);
  expect(h['cache-control'], `Cache-Control of ${r.url()}`).toBe(cache);
};

test('the page, its scripts, workers and service worker are served with the deployment headers', async ({ page }) => {
  const responses: Response[] = [];
  page.context().on('response', (r) => void responses.push(r));
  const doc = await page.goto('./');
  expect(doc).not.toBeNull();
  expectHeaders(doc as Response, CACHE_REVALIDATE);
  expect(doc?.headers()['content-security-policy']).toBe(HEADER_CSP);
  expect(HEADER_CSP).toContain("frame-ancestors 'none'");
  expect(doc?.headers()['content-type']).toMatch(/^text\/html/);
  // The <meta> policy is still there (for hosts that send no headers).
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveCount(1);
  await expectTotals(page, starterModel());

  const sw = await page.request.get('sw.js');
  expectHeaders(sw, CACHE_REVALIDATE);
  expect(sw.headers()['content-type']).toMatch(/^text\/javascript/);

  const assets = responses.filter((r) => new URL(r.url()).pathname.startsWith('/assets/'));
  expect(assets.some((r) => /\/assets\/index-[\w-]+\.js$/.test(r.url()))).toBe(true);
  for (const r of assets) expectHeaders(r, CACHE_HASHED);
  // The engine worker (a module worker) came through the same server, under the same policy.
  await expect.poll(() => page.workers().length).toBeGreaterThan(0);
  const worker = await page.request.get(new URL(page.workers()[0]?.url() ?? '', page.url()).href);
  expect(new URL(worker.url()).pathname).toMatch(/^\/assets\/engine\.worker-[\w-]+\.js$/);
  expectHeaders(worker, headersFor('/assets/')['Cache-Control']);
});

/** A page of another origin (localhost is not 127.0.0.1) whose only content is the app in an <iframe>. */
async function frameTheApp(page: Page, appUrl: string): Promise<void> {
  const framer = new URL('/framer.html', appUrl.replace('127.0.0.1', 'localhost')).href;
  expect(new URL(framer).origin).not.toBe(new URL(appUrl).origin);
  await page.route(framer, (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>framer</title><iframe src="${appUrl}" width="1200" height="800" onload="document.title='loaded'"></iframe>`,
    }),
  );
  await page.goto(framer);
  await expect(page).toHaveTitle('loaded', { timeout: 15_000 });
}

/** Serves the app's document as the server sends it, minus the headers named. */
async function withoutHeaders(page: Page, appUrl: string, names: readonly string[]): Promise<void> {
  await page.route(appUrl, async (r) => {
    const res = await r.fetch();
    const headers = { ...res.headers() };
    for (const n of names) delete headers[n];
    await r.fulfill({ response: res, headers });
  });
}

for (const [label, strip] of [
  ['with the headers', []],
  ['with the CSP header alone (frame-ancestors, no X-Frame-Options)', ['x-frame-options']],
] as const) {
  test(`a page of another origin cannot show the app in a frame, ${label}`, async ({ page, baseURL }) => {
    await withoutHeaders(page, baseURL as string, strip);
    await frameTheApp(page, baseURL as string);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    // Chromium replaces a refused frame's document with its error page: nothing of the app is in it.
    expect(frame?.url()).toBe('chrome-error://chromewebdata/');
    await expect(page.frameLocator('iframe').getByTestId('total-params')).toHaveCount(0);
  });
}

test('control: the same frame without the two headers shows the app (the <meta> policy cannot refuse it)', async ({
  page,
  baseURL,
}) => {
  await withoutHeaders(page, baseURL as string, ['content-security-policy', 'x-frame-options']);
  await frameTheApp(page, baseURL as string);
  await expect(page.frameLocator('iframe').getByTestId('total-params')).toBeVisible({ timeout: 15_000 });
});
