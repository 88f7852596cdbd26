/**
 * User text never reaches markup (issue 8, security): the formula inspector hands TeX to KaTeX,
 * which the page inserts as HTML, so that TeX must be built from the engine's formulas and
 * numbers only — never from a layer's or model's name. And the printable HTML export escapes
 * names. (The page's other text goes through React, which escapes it; the only
 * dangerouslySetInnerHTML is KaTeX's output, in src/ui/teaching/Tex.tsx.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { evaluateModel } from '../../../src/engine/evaluate';
import { changedTerms, explainRow } from '../../../src/engine/explain';
import { CONVENTION_IDS } from '../../../src/engine/conventions/registry';
import type { LayerSpec, Model } from '../../../src/engine/format/model';
import { modelToHtml } from '../../../src/engine/export/table';
import { EVERY_KIND_MODEL } from '../teaching/kinds-model';

const HOSTILE = '<img src=x onerror=alert(1)>\\href{javascript:alert(1)}{x}"&';

/** The model with every layer (nested ones too) and the model itself named `name(i)`. */
function named(m: Model, name: (i: number) => string): Model {
  let i = 0;
  const walk = (layers: readonly LayerSpec[]): LayerSpec[] =>
    layers.map((l) => {
      const copy: Record<string, unknown> = { ...l, name: name(i++) };
      if (Array.isArray(l.body)) copy.body = walk(l.body as LayerSpec[]);
      if (Array.isArray(l.shortcut)) copy.shortcut = walk(l.shortcut as LayerSpec[]);
      if (Array.isArray(l.branches)) copy.branches = (l.branches as LayerSpec[][]).map(walk);
      return copy as LayerSpec;
    });
  return { ...m, name: name(-1), layers: walk(m.layers) };
}

/** Every TeX string the inspector can show for a model, under every convention. */
function allTex(m: Model): string[] {
  const out: string[] = [];
  for (const row of evaluateModel(m, { conventions: [...CONVENTION_IDS] }).rows)
    for (const c of CONVENTION_IDS) {
      const e = explainRow(row, c);
      if (!e.ok) continue;
      for (const q of e.explanation.quantities) out.push(q.tex, q.substituted);
      for (const s of e.explanation.symbols) out.push(s.tex);
      const count = e.explanation.quantities.find((q) => q.id === 'count')?.expr ?? null;
      const seed = explainRow(row, 'seed');
      const from = seed.ok ? (seed.explanation.quantities.find((q) => q.id === 'count')?.expr ?? null) : null;
      const d = changedTerms(from, count);
      out.push(...d.added, ...d.removed, ...d.kept);
    }
  return out;
}

describe('no user text in TeX', () => {
  it('every formula of every kind under every convention is the same whatever the names', () => {
    const plain = allTex(EVERY_KIND_MODEL);
    expect(plain.length).toBeGreaterThan(500);
    expect(allTex(named(EVERY_KIND_MODEL, () => HOSTILE))).toEqual(plain);
  });

  it('the TeX uses no markup characters and no KaTeX command that links, loads or styles', () => {
    for (const tex of allTex(named(EVERY_KIND_MODEL, (i) => `${HOSTILE}${i}`))) {
      expect(tex).not.toMatch(/[<>"&]|\\(href|url|includegraphics|html\w*)\b/);
    }
  });

  it('random names (any Unicode) never change a formula', () => {
    const plain = allTex(EVERY_KIND_MODEL);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 20 }), { minLength: 1, maxLength: 8 }), (names) => {
        expect(allTex(named(EVERY_KIND_MODEL, (i) => names[(i + 1) % names.length]))).toEqual(plain);
      }),
      { numRuns: 25, seed: 8 },
    );
  });
});

describe('the printable HTML export escapes names', () => {
  it('a hostile model and layer name come out as text, not markup', () => {
    const r = modelToHtml(named(EVERY_KIND_MODEL, () => HOSTILE));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.text).not.toContain('<img');
    expect(r.text).toContain('&lt;img src=x onerror=alert(1)&gt;\\href{javascript:alert(1)}{x}&quot;&amp;');
    expect(r.text).not.toMatch(/<script/i);
  });
});
