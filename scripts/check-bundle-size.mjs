// Fails when the JavaScript the page loads first (index.html's entry and its static imports)
// exceeds the gzip budget. Lazy chunks (KaTeX, importers, rare panels) do not count.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 250;
// The build to check: `dist` (the test command) or another folder (`npm run bench` checks dist-bench).
const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entries = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
const queue = [...entries];
while (queue.length) {
  const f = queue.pop();
  if (seen.has(f)) continue;
  seen.add(f);
  const src = readFileSync(join(dist, f), 'utf8');
  // Static imports only: `import "./x.js"` / `from "./x.js"`; dynamic import() is lazy.
  for (const m of src.matchAll(/(?:^|[;\s}])(?:import|from)\s*["'](\.\/[^"']+\.js)["']/g))
    queue.push(join('assets', m[1].slice(2)));
}
let total = 0;
for (const f of seen) total += gzipSync(readFileSync(join(dist, f))).length;
const kb = total / 1024;
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !seen.has(join('assets', f))).length;
console.log(
  `initial JS: ${kb.toFixed(1)} KB gzip in ${seen.size} file(s) (budget ${BUDGET_KB} KB); ${lazy} lazy chunk(s)`,
);
process.exit(kb > BUDGET_KB ? 1 : 0);
