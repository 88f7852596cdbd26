/**
 * Writes docs/model-format.md from the layer registry, so the documented fields are exactly the
 * validated ones. `npm run docs:format` regenerates it; tests/unit/format/doc.test.ts fails when
 * the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { formatDoc } from '../src/engine/format/doc';

writeFileSync(new URL('../docs/model-format.md', import.meta.url), formatDoc());
console.log('wrote docs/model-format.md');
