/**
 * Deployable anywhere, usable offline (issue 8). The built dist/ is served by a plain static file
 * server written here (no Vite, no SPA fallback, like any static host) under a sub-path; the app
 * must load there with its worker and service worker, and after the first visit it must load and
 * compute with the server gone and the browser offline.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { starterModel } from '../src/state/defaults';
import { expectTotals, selectRow } from './helpers';

const DIST = resolve(process.env.E2E_DIST ?? 'dist-e2e'); // playwright.config.ts's default
const SUB = '/some/sub/path/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};

/** Serves DIST at SUB only; everything else is a 404 (so an absolute /assets URL would fail). */
function serveDist(): Promise<{ server: Server; origin: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(path);
    if (!path.startsWith(SUB)) return void res.writeHead(404).end('not found');
    const rel = normalize(path.slice(SUB.length) || 'index.html');
    if (rel.startsWith('..')) return void res.writeHead(403).end();
    try {
      const body = await readFile(join(DIST, rel));
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      ok({ server, origin: `http://127.0.0.1:${port}`, requests });
    }),
  );
}

/** Stops listening and drops the browser's keep-alive connections, so nothing can be fetched. */
const stop = (s: Server) =>
  new Promise<void>((ok) => {
    s.close(() => ok());
    s.closeAllConnections();
  });

type Hooks = { engineMode(): string };
const engineMode = (page: Page) =>
  page.evaluate(() => (window as unknown as { __floplab: Hooks }).__floplab.engineMode());

/** Waits until the service worker controls the page and has precached (its install finished). */
async function waitForServiceWorker(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const controlled = (async () => {
      const reg = await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller)
        await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
      return reg.scope;
    })();
    const late = new Promise<never>((_, fail) =>
      setTimeout(() => fail(new Error('no service worker took control of the page within 15 s')), 15_000),
    );
    return Promise.race([controlled, late]);
  });
}

test('served from a sub-path by a plain static server: assets, worker and service worker', async ({ page }) => {
  const { server, origin, requests } = await serveDist();
  try {
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('response', (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
    await page.goto(`${origin}${SUB}`);
    await expectTotals(page, starterModel());
    expect(await engineMode(page)).toBe('worker');
    expect(await waitForServiceWorker(page)).toBe(`${origin}${SUB}`);
    // KaTeX is a lazy chunk with fonts: it must resolve under the sub-path too.
    await selectRow(page, 'layers[0]');
    await expect(page.locator('[data-testid="formula-count-substituted"] .katex').first()).toBeVisible();
    expect(failed).toEqual([]);
    expect(requests.filter((p) => !p.startsWith(SUB))).toEqual([]);
  } finally {
    await stop(server);
  }
});

test('after one visit the app loads and computes offline (server gone, browser offline)', async ({ page, context }) => {
  const { server, origin } = await serveDist();
  let stopped = false;
  try {
    await page.goto(`${origin}${SUB}`);
    await expectTotals(page, starterModel());
    await waitForServiceWorker(page);
    await stop(server);
    stopped = true;
    await context.setOffline(true);
    await page.reload();
    await expectTotals(page, starterModel());
    expect(await engineMode(page)).toBe('worker');
    // Lazy chunks were precached as well: the formula inspector (KaTeX) opens offline.
    await selectRow(page, 'layers[0]');
    await expect(page.locator('[data-testid="formula-count-substituted"] .katex').first()).toBeVisible();
    // A second page load of the same app (new tab, any query) works from the cache too.
    const second = await context.newPage();
    await second.goto(`${origin}${SUB}index.html?from=offline`);
    await expectTotals(second, starterModel());
  } finally {
    await context.setOffline(false);
    if (!stopped) await stop(server);
  }
});
