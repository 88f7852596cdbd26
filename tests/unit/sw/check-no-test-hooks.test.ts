/**
 * scripts/check-no-test-hooks.mjs, the test command's guard that the production build carries no
 * test hooks: it must fail on a build with them (anywhere under assets/ or at the top) and pass
 * without. Whether the real production build passes is the test command's `no-test-hooks` step.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = new URL('../../../scripts/check-no-test-hooks.mjs', import.meta.url).pathname;

function fakeBuild(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'floplab-hooks-'));
  mkdirSync(join(dir, 'assets'));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

const run = (dir: string) => spawnSync(process.execPath, [SCRIPT, dir], { encoding: 'utf8' });

describe('check-no-test-hooks', () => {
  it('passes a build without the hooks', () => {
    const r = run(
      fakeBuild({ 'index.html': '<html></html>', 'assets/index-a.js': 'performance.mark("floplab:edit")' }),
    );
    expect(r.status).toBe(0);
  });

  it.each(['assets/index-a.js', 'sw.js', 'index.html'])('fails when %s has them, naming the file', (file) => {
    const r = run(fakeBuild({ 'index.html': '<html></html>', [file]: 'window.__floplab={editor:s}' }));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(file);
  });
});
