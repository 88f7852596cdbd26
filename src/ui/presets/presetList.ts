/**
 * The picker's list logic, kept free of React so it can be unit-tested: search, grouping by
 * family (in the zoo's order), the reference-check wording, and rebuilding a preset from knobs.
 * No counting happens here: numbers come from the engine (src/worker/presetSummaries.ts).
 */
import { deepEqual } from '../../engine/deep-equal';
import type { Model } from '../../engine/format/model';
import type { Preset, PresetTask } from '../../engine/presets';
import type { PresetSummaryResult } from '../../worker/presetClient';
import { groupDigits } from '../format';
import { t } from '../i18n';

/** The picker's sections, in order (issue 15); a preset without `task` is a classifier. */
export const PRESET_TASKS: readonly PresetTask[] = ['classification', 'transformer', 'detection', 'segmentation'];
export const taskOf = (p: Preset): PresetTask => p.task ?? 'classification';

/** How many presets of each section match the query (the section buttons' counts). */
export function taskCounts(presets: readonly Preset[], query: string): Record<PresetTask, number> {
  const counts = { classification: 0, transformer: 0, detection: 0, segmentation: 0 };
  for (const g of groupPresets(presets, query)) for (const p of g.presets) counts[taskOf(p)]++;
  return counts;
}

export interface PresetGroup {
  readonly family: string;
  readonly presets: readonly Preset[];
}

/** Lower-case words a preset is found by: name, title, family, paper title and authors, year. */
export function searchText(p: Preset): string {
  return [p.name, p.title, p.family, p.paper.title, p.paper.authors, String(p.paper.year)].join(' ').toLowerCase();
}

/**
 * Presets whose search text contains every word of `query` (so "mobilenet 2019" finds v3 and
 * "mobilenet_v2" or "v2 mobile" both find MobileNet v2), grouped by family in list order.
 * `_` and `-` count as spaces, so "mobilenet v2" finds `mobilenet_v2`.
 */
export function groupPresets(presets: readonly Preset[], query: string, task?: PresetTask): PresetGroup[] {
  const norm = (s: string) => s.toLowerCase().replace(/[_-]+/g, ' ');
  const words = norm(query).split(/\s+/).filter(Boolean);
  const groups = new Map<string, Preset[]>();
  for (const p of presets) {
    if (task && taskOf(p) !== task) continue;
    const text = `${searchText(p)} ${norm(searchText(p))}`;
    if (!words.every((w) => text.includes(w))) continue;
    const list = groups.get(p.family);
    if (list) list.push(p);
    else groups.set(p.family, [p]);
  }
  return [...groups].map(([family, list]) => ({ family, presets: list }));
}

const signed = (n: bigint) => (n > 0n ? `+${groupDigits(n)}` : groupDigits(n));

/** The reference check as shown: "✓ 1.814" (= torchvision `_ops`), the differences, or why none. */
export function checkLabel(s: PresetSummaryResult | undefined): { text: string; tone: 'ok' | 'bad' | 'none' } {
  if (!s) return { text: t('picker.counting'), tone: 'none' };
  if ('error' in s) return { text: s.error, tone: 'bad' };
  if (s.check === 'none') return { text: t('picker.noWeights'), tone: 'none' };
  if (s.check === 'match') return { text: `✓ ${s.reference?.ops}`, tone: 'ok' };
  const parts: string[] = [];
  if (s.paramsDiff !== 0n) parts.push(t('picker.diff.params', { n: signed(s.paramsDiff) }));
  if (s.macsDiff !== 0n) parts.push(t('picker.diff.macs', { n: signed(s.macsDiff) }));
  if (s.errors) parts.push(t('picker.diff.errors', { n: s.errors }));
  return { text: `✗ ${parts.join(', ')}`, tone: 'bad' };
}

/** Knob values of a model built from a preset (`meta.knobs`), or null when it is not one. */
export function presetMeta(model: Model): { preset: string; knobs: Record<string, number> } | null {
  const meta = model.meta;
  if (!meta || typeof meta.preset !== 'string') return null;
  const knobs: Record<string, number> = {};
  if (meta.knobs && typeof meta.knobs === 'object') {
    for (const [k, v] of Object.entries(meta.knobs as Record<string, unknown>))
      if (typeof v === 'number' && Number.isFinite(v)) knobs[k] = v;
  }
  return { preset: meta.preset, knobs };
}

/**
 * The preset rebuilt with `knobs`, keeping what the user set around it (name, batch). Returns
 * the knob error's message instead when a value is out of range.
 */
export function rebuildPreset(
  preset: Preset,
  knobs: Readonly<Record<string, number>>,
  current: Pick<Model, 'name' | 'batch'>,
  knobError: (p: Preset, k: Readonly<Record<string, number>>) => string | null,
): Model | string {
  const err = knobError(preset, knobs);
  if (err) return err;
  const built = preset.build(knobs);
  return {
    ...built,
    ...(current.name !== undefined && current.name !== '' ? { name: current.name } : {}),
    ...(current.batch !== undefined ? { batch: current.batch } : {}),
  };
}

/** The preset built with `knobs`, or null when it cannot be (then any model counts as edited). */
export function buildPreset(preset: Preset, knobs: Readonly<Record<string, number>>): Model | null {
  try {
    return preset.build(knobs);
  } catch {
    return null;
  }
}

/** Whether `model`'s layers or input differ from `built` (the preset as its knobs build it). */
export function differsFromBuilt(model: Model, built: Model | null): boolean {
  return !built || !deepEqual(built.input, model.input) || !deepEqual(built.layers, model.layers);
}

/**
 * Whether `model`'s layers and input differ from the preset rebuilt with its own knobs (the
 * user edited it): a knob change would then replace those edits, and the panel says so.
 */
export function editedSincePreset(model: Model, preset: Preset, knobs: Readonly<Record<string, number>>): boolean {
  return differsFromBuilt(model, buildPreset(preset, knobs));
}
