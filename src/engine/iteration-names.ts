/**
 * Names of layers inside a `repeat` body. The body is written once but runs `times` times, so
 * one name cannot say which iteration a row is (torchvision calls them `layer1.1`, `layer1.2` …).
 * A name may hold `{i}` (the iteration, from 0), `{i+K}` (plus K) or `{i*M+K}` (an nn.Sequential's index
 * when each iteration holds M of its modules: VGG's conv, ReLU pairs); each row shows
 * it filled in from its own path (`layers[4]#2.body[0]`: the innermost `#2`). Done on the result's
 * rows, not while evaluating, so rows the engine reuses or moves between iterations (run.ts) keep
 * the pattern and are always filled in from the path they end up at.
 */
import type { Row } from './rows';

const PLACEHOLDER = /\{i(?:\*(\d+))?(?:\+(\d+))?\}/g;

/** `name` with `{i}`, `{i+K}`, `{i*M+K}` filled in from the innermost repeat iteration in `path` (unchanged outside one). */
export function iterationName(name: string, path: string): string {
  if (!name.includes('{i')) return name;
  const hash = path.lastIndexOf('#');
  if (hash < 0) return name;
  const t = Number.parseInt(path.slice(hash + 1), 10);
  return name.replace(PLACEHOLDER, (_, m: string | undefined, k: string | undefined) =>
    String(t * (m ? Number(m) : 1) + (k ? Number(k) : 0)),
  );
}

/**
 * Fills in iteration names in `rows`, an array the caller owns: a row with one is replaced by a
 * copy (the row objects are shared with the rows the engine keeps for the next run). Returns `rows`.
 */
export function fillIterationNames(rows: Row[]): Row[] {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r.name === undefined || !r.name.includes('{i')) continue;
    const name = iterationName(r.name, r.path);
    if (name !== r.name) rows[i] = { ...r, name };
  }
  return rows;
}
