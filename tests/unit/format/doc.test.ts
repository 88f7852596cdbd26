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

describe('the graph example of docs/model-format.md', () => {
  it('is a model that evaluates without an error, with the outputs it names', async () => {
    const { evaluateModel } = await import('../../../src/engine/evaluate');
    const { parseModelJson } = await import('../../../src/engine/format/schema');
    const blocks = [...readFileSync('docs/model-format.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)];
    const r = parseModelJson(blocks[1][1]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const result = evaluateModel(r.model);
    expect(result.errors).toBe(0);
    expect(result.outputs).toEqual([
      { name: 'p4', shape: [64, 8, 8] },
      { name: 'head', shape: [10] },
    ]);
  });
});
