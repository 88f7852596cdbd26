/** The lines of a JSONL file in tests/fixtures, parsed, without its `{"meta": …}` line. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const fixtureLines = <T>(name: string): T[] =>
  readFileSync(path.resolve(__dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T & { meta?: unknown })
    .filter((l) => !l.meta);
