/**
 * Writes docs/zoo.md from the presets (src/engine/presets/doc.ts). tests/unit/zoo/doc.test.ts
 * fails when the committed file is stale. Run: npx tsx scripts/gen-zoo-doc.ts
 */
import { writeFileSync } from 'node:fs';
import { zooDoc } from '../src/engine/presets/doc';

writeFileSync(new URL('../docs/zoo.md', import.meta.url), zooDoc());
console.log('wrote docs/zoo.md');
