// Fails when a build still carries the browser tests' hooks (window.__floplab: the editor store,
// killWorker, …). They belong in the e2e build only (`vite build --mode e2e`); in the production
// build `if (__FLOPLAB_TEST_HOOKS__)` is false and the minifier drops them. Usage: node
// scripts/check-no-test-hooks.mjs [dist]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const dist = process.argv[2] ?? 'dist';
const HOOK = '__floplab';

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(js|mjs|html)$/.test(name)) yield full;
  }
}

const found = [...files(dist)].filter((f) => readFileSync(f, 'utf8').includes(HOOK));
if (found.length > 0) {
  console.error(`✗ ${dist} has the test hooks (${HOOK}) in: ${found.join(', ')}`);
  console.error(
    '  Build production with `vite build` (no --mode e2e) and keep hooks under `if (__FLOPLAB_TEST_HOOKS__)`.',
  );
  process.exit(1);
}
console.log(`✓ no test hooks (${HOOK}) in ${dist}`);
