/**
 * What the browser benchmarks share (bench-ui.ts, bench-graph.ts): the 1,000-layer bench model,
 * percentiles, and the built app served by `vite preview` with a Chromium to open it in.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chromium, type Browser } from '@playwright/test';
import type { LayerSpec, Model } from '../src/engine/format/model';

/** `n` layers in groups of 5: conv, bn, relu, residual{conv} (the residual and its conv count as 2). */
export function bigModel(n: number): Model {
  const layers: LayerSpec[] = [];
  let count = 0;
  for (let i = 0; count < n; i++) {
    const group: LayerSpec[] = [
      { type: 'conv2d', name: `conv${i}`, out: 16, kernel: 3, padding: 1 },
      { type: 'batchnorm2d' },
      { type: 'relu' },
      { type: 'residual', body: [{ type: 'conv2d', out: 16, kernel: 3, padding: 1, bias: false }] },
    ];
    for (const l of group) {
      if (count >= n) break;
      layers.push(l);
      count += l.type === 'residual' ? 2 : 1;
    }
  }
  return { format: 'floplab.model/2', name: `bench ${n} layers`, input: [16, 32, 32], layers };
}

export const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}

/**
 * Builds the app into `dist` (unless `build` is false), serves it on `port` and launches Chromium;
 * runs `use(browser, base)`, then closes both.
 */
export async function withBuiltApp(
  dist: string,
  port: number,
  build: boolean,
  use: (browser: Browser, base: string) => Promise<void>,
): Promise<void> {
  if (build) {
    console.log(`building into ${dist}/ …`);
    execFileSync('npx', ['vite', 'build', '--outDir', dist, '--logLevel', 'error'], { stdio: 'inherit' });
  }
  const server = spawn(
    'npx',
    ['vite', 'preview', '--outDir', dist, '--port', String(port), '--strictPort', '--host', '127.0.0.1'],
    { stdio: 'ignore', detached: true },
  );
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    await waitForServer(base);
    await use(browser, base);
  } finally {
    await browser.close();
    if (server.pid) process.kill(-server.pid);
  }
}
