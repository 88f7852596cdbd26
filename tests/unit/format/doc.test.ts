import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDoc } from '../../../src/engine/format/doc';
import { BLOCK_KINDS, LEAF_KINDS } from '../../../src/engine/layers/registry';

describe('docs/model-format.md', () => {
  it('is the generated page (run `npm run docs:format` after changing a layer kind)', () => {
    expect(readFileSync('docs/model-format.md', 'utf8')).toBe(formatDoc());
  });
  it('documents every layer and block type with every field', () => {
    const doc = formatDoc();
    for (const k of [...LEAF_KINDS, ...BLOCK_KINDS]) {
      expect(doc).toContain(`### \`${k.type}\``);
      for (const f of k.fields) expect(doc).toContain(`| \`${f.name}\` |`);
    }
  });
});
