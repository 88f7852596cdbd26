/**
 * Issue 19: in Chinese, the convention summaries and the presets' knob labels are Chinese too. Every
 * convention (its no_grad variant included) and every knob label of the zoo must have its text, so a
 * new convention or knob without one fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_CONVENTION_IDS, conventionById } from '../../../src/engine/conventions/registry';
import { PRESETS } from '../../../src/engine/presets';
import { conventionSummary, CONVENTION_SUMMARY_ZH, knobLabel } from '../../../src/ui/i18n/zh-CN-engine';
import { loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const cjk = /[\u4e00-\u9fff]/;

describe('Chinese texts for what the engine writes', () => {
  it.each(ALL_CONVENTION_IDS)('convention %s has a Chinese summary; English stays the engine’s', (id) => {
    const c = conventionById(id)!;
    expect(conventionSummary(c, 'zh-CN')).toMatch(cjk);
    expect(conventionSummary(c, 'en')).toBe(c.summary);
  });

  it('no translation for a convention that does not exist', () => {
    const ids = new Set(ALL_CONVENTION_IDS);
    for (const id of Object.keys(CONVENTION_SUMMARY_ZH)) expect(ids.has(id), id).toBe(true);
  });

  it('every knob label of the zoo has a Chinese label', () => {
    const labels = new Set(PRESETS.flatMap((p) => p.knobs.map((k) => k.label)));
    expect(labels.size).toBeGreaterThan(5);
    for (const l of labels) {
      expect(knobLabel(l, 'zh-CN'), l).toMatch(cjk);
      expect(knobLabel(l, 'en')).toBe(l);
    }
  });
});
