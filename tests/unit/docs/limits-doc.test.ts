// docs/limits.md states every limit with the constant behind it: this pins each stated number to
// its constant, so the page cannot drift from the code (issue 21: "one set of limits, stated in
// the docs and enforced identically").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../../src/engine/format/schema';
import { MAX_FIELD_INT } from '../../../src/engine/layers/fields';
import { MAX_EVALUATED_ROWS } from '../../../src/engine/work';
import { MAX_EXPANDED_LAYERS, MAX_HASH_CHARS, MAX_JSON_BYTES } from '../../../src/state/urlCodec';
import { LIVE_HASH_MAX } from '../../../src/state/liveUrl';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_NAME,
  MAX_IMPORT_NODES,
  MAX_IMPORT_STRING,
  MAX_IMPORT_TENSORS,
} from '../../../src/engine/import/result';
import { IMPORT_TIMEOUT_MS } from '../../../src/worker/importClient';
import { CANCEL_AFTER_MS, MAX_RESTARTS } from '../../../src/worker/client';
import { CHUNK_ITEMS } from '../../../src/worker/chunks';

const doc = readFileSync(new URL('../../../docs/limits.md', import.meta.url), 'utf8');
const n = (v: number) => v.toLocaleString('en');
const mb = (bytes: number) => `${bytes / 1024 / 1024} MB`;

/** The table row (or sentence) that names the constant. */
const lineOf = (constant: string): string => {
  const line = doc.split('\n').find((l) => l.includes(`\`${constant}\``));
  if (!line) throw new Error(`docs/limits.md does not name ${constant}`);
  return line;
};

describe('docs/limits.md states each limit as its constant is', () => {
  it.each([
    ['LIMITS.maxLayers', n(LIMITS.maxLayers)],
    ['LIMITS.maxDepth', `| ${LIMITS.maxDepth} `],
    ['LIMITS.maxDim', n(LIMITS.maxDim)],
    ['LIMITS.maxBatch', n(LIMITS.maxBatch)],
    ['LIMITS.maxJsonDepth', `| ${LIMITS.maxJsonDepth} `],
    ['LIMITS.maxJsonChars', `${n(LIMITS.maxJsonChars)} characters`],
    ['MAX_FIELD_INT', n(MAX_FIELD_INT)],
    ['MAX_EVALUATED_ROWS', n(MAX_EVALUATED_ROWS)],
    ['MAX_HASH_CHARS', `${n(MAX_HASH_CHARS)} characters`],
    ['MAX_JSON_BYTES', `${n(MAX_JSON_BYTES)} characters`],
    ['MAX_EXPANDED_LAYERS', n(MAX_EXPANDED_LAYERS)],
    ['LIVE_HASH_MAX', `${n(LIVE_HASH_MAX)} characters`],
    ['MAX_IMPORT_BYTES', mb(MAX_IMPORT_BYTES)],
    ['MAX_IMPORT_NODES', n(MAX_IMPORT_NODES)],
    ['MAX_IMPORT_TENSORS', n(MAX_IMPORT_TENSORS)],
    ['MAX_IMPORT_STRING', mb(MAX_IMPORT_STRING)],
    ['MAX_IMPORT_NAME', `${MAX_IMPORT_NAME} characters`],
    ['IMPORT_TIMEOUT_MS', `${IMPORT_TIMEOUT_MS / 1000} s`],
    ['CANCEL_AFTER_MS', `${CANCEL_AFTER_MS / 1000} s`],
    ['MAX_RESTARTS', `| ${MAX_RESTARTS} `],
    ['CHUNK_ITEMS', `| ${n(CHUNK_ITEMS)} `],
  ])('%s: %s', (constant, stated) => {
    expect(lineOf(constant)).toContain(stated);
  });

  it('the limits that must agree do', () => {
    // One number for rows, layers and import nodes; one for model JSON and what a link inflates to.
    expect(new Set([LIMITS.maxLayers, MAX_EVALUATED_ROWS, MAX_EXPANDED_LAYERS, MAX_IMPORT_NODES]).size).toBe(1);
    expect(MAX_JSON_BYTES).toBe(LIMITS.maxJsonChars);
  });
});
