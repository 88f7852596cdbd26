import { defineConfig } from '@playwright/test';

// The tests run on the e2e build (`vite build --mode e2e`: the production build plus the test
// hooks they drive), dist-e2e by default; `npm test` builds it. E2E_PORT / E2E_DIST let several
// people (or helpers) run browser tests side by side against their own build:
// `npx vite build --mode e2e --outDir dist-me && E2E_DIST=dist-me E2E_PORT=4400 npx playwright test`.
// `vite preview` sends the deployment headers (src/sw/headers.ts), so the app runs under them.
const PORT = Number(process.env.E2E_PORT ?? 4317);
const DIST = process.env.E2E_DIST ?? 'dist-e2e';

export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  reporter: [['list'], ['json', { outputFile: process.env.E2E_REPORT ?? '.ci-out/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --outDir ${DIST} --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
