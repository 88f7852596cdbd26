// Combines the checks run by scripts/test-all.sh with Vitest's and Playwright's JSON reports
// into the one closing line CI reads: "N passed, N failed". Exits 1 if anything failed
// or a report that should exist is missing.
import { existsSync, readFileSync } from 'node:fs';

const [checksPassed, checksFailed, vitestPath, playwrightPath] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);

function read(path, label) {
  if (!existsSync(path)) {
    console.log(`✗ ${label}: no report at ${path} (the runner did not finish)`);
    failed += 1;
    return null;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    console.log(`✗ ${label}: unreadable report ${path}`);
    failed += 1;
    return null;
  }
}

const v = read(vitestPath, 'vitest');
if (v) {
  passed += v.numPassedTests ?? 0;
  // A file that failed to load has no test results of its own: count it once.
  const brokenFiles = (v.testResults ?? []).filter((f) => f.status === 'failed' && !(f.assertionResults ?? []).length);
  failed += (v.numFailedTests ?? 0) + brokenFiles.length;
  if (v.numTotalTests === 0) {
    console.log('✗ vitest ran no test');
    failed += 1;
  }
  console.log(
    `vitest: ${v.numPassedTests} passed, ${v.numFailedTests} failed, ${brokenFiles.length} files that did not load`,
  );
}

const p = read(playwrightPath, 'playwright');
if (p) {
  const s = p.stats ?? {};
  // "flaky" passed on retry; "unexpected" failed.
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  if ((p.errors ?? []).length) failed += p.errors.length;
  console.log(
    `playwright: ${s.expected ?? 0} passed, ${s.flaky ?? 0} flaky, ${s.unexpected ?? 0} failed, ${s.skipped ?? 0} skipped`,
  );
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
