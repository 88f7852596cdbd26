/**
 * The preset picker's list logic (src/ui/presets/presetList.ts): search and grouping over the
 * real zoo, the reference-check wording, and rebuilding a preset from its knobs.
 * Counts in the rows come from shared/reference/zoo.md (torchvision num_params / _ops) and the
 * presets' own knob definitions (src/engine/presets); nothing here counts by hand.
 */
import { describe, expect, it } from 'vitest';
import { PRESETS, knobError, presetByName } from '../../../src/engine/presets';
import type { Model } from '../../../src/engine/format/model';
import {
  checkLabel,
  differsFromBuilt,
  editedSincePreset,
  groupPresets,
  PRESET_TASKS,
  presetMeta,
  taskCounts,
  rebuildPreset,
} from '../../../src/ui/presets/presetList';
import type { PresetTask } from '../../../src/engine/presets';
import type { PresetSummaryResult } from '../../../src/worker/presetClient';
import { decodeShare, encodeShare } from '../../../src/state/urlCodec';

const names = (q: string) => groupPresets(PRESETS, q).map((g) => [g.family, g.presets.map((p) => p.name)]);

describe('search and grouping', () => {
  const rows: [string, (string | string[])[][]][] = [
    [
      'mobilenet',
      [
        ['MobileNet', ['mobilenet_v1', 'mobilenet_v2', 'mobilenet_v3_large', 'mobilenet_v3_small']],
        // Dense-prediction presets on a MobileNetV3 backbone, in their own families.
        ['DeepLabV3', ['deeplabv3_mobilenet_v3_large']],
        ['LR-ASPP', ['lraspp_mobilenet_v3_large']],
        ['SSD', ['ssdlite320_mobilenet_v3_large']],
      ],
    ],
    // `_` counts as a space both ways.
    ['mobilenet v2', [['MobileNet', ['mobilenet_v2']]]],
    ['MOBILENET_V3_small', [['MobileNet', ['mobilenet_v3_small']]]],
    // Paper year: EfficientNet (Tan & Le 2019), MobileNetV3 and MnasNet (2019).
    ['efficientnet 2019 b7', [['EfficientNet', ['efficientnet_b7']]]],
    // Family name: the seed article's example is grouped with ResNet.
    ['seed', [['ResNet', ['seed_resnet18']]]],
    ['no such net', []],
  ];
  it.each(rows)('%s', (q, want) => expect(names(q)).toEqual(want));

  it('an empty query lists every preset once, families in order of first appearance', () => {
    const groups = groupPresets(PRESETS, '  ');
    const listed = groups.flatMap((g) => g.presets.map((p) => p.name));
    expect([...listed].sort()).toEqual(PRESETS.map((p) => p.name).sort());
    // seed_resnet18 follows ResNeXt/Wide ResNet in the zoo but is shown in the ResNet group.
    expect(groups.find((g) => g.family === 'ResNet')!.presets.map((p) => p.name)).toContain('seed_resnet18');
    expect(groups.map((g) => g.family)).toEqual([...new Set(PRESETS.map((p) => p.family))]);
  });
});

describe('picker sections (classification / transformers / detection / segmentation)', () => {
  // Sections come from each preset's `task` (absent: classification).
  const names = (task: PresetTask) => groupPresets(PRESETS, '', task).flatMap((g) => g.presets.map((p) => p.name));

  it('a section lists exactly its presets; counts follow the query', () => {
    // (Grouped by family, so in family order: compared as sets.)
    for (const task of PRESET_TASKS)
      expect([...names(task)].sort()).toEqual(
        PRESETS.filter((p) => (p.task ?? 'classification') === task)
          .map((p) => p.name)
          .sort(),
      );
    expect(names('transformer')).toEqual(expect.arrayContaining(['vit_b_16', 'swin_t', 'swin_v2_t', 'maxvit_t']));
    expect(names('classification')).toEqual(expect.arrayContaining(['resnet50', 'mobilenet_v2', 'regnet_y_128gf']));
    expect(names('classification')).not.toContain('vit_b_16');
    const counts = taskCounts(PRESETS, '');
    expect(PRESET_TASKS.reduce((n, t) => n + counts[t], 0)).toBe(PRESETS.length);
    expect(taskCounts(PRESETS, 'vit 32')).toEqual({ classification: 0, transformer: 2, detection: 0, segmentation: 0 });
    expect(PRESET_TASKS).toEqual(['classification', 'transformer', 'detection', 'segmentation']);
  });
});

const summary = (over: Partial<Record<string, unknown>>): PresetSummaryResult =>
  ({
    name: 'x',
    params: 10n,
    macs: 20n,
    ops: '0.000',
    errors: 0,
    reference: { params: 10n, macs: 20n, ops: '0.000', source: 's' },
    check: 'match',
    paramsDiff: 0n,
    macsDiff: 0n,
    ...over,
  }) as PresetSummaryResult;

describe('reference check wording', () => {
  const rows: [string, PresetSummaryResult | undefined, string, string][] = [
    ['not counted yet', undefined, 'counting…', 'none'],
    ['match shows _ops', summary({ reference: { params: 1n, macs: 2n, ops: '1.814', source: '' } }), '✓ 1.814', 'ok'],
    ['no reference', summary({ check: 'none', reference: null }), 'no torchvision weights', 'none'],
    [
      'differences, signed and grouped',
      summary({ check: 'differs', paramsDiff: 1234n, macsDiff: -5_000_000n }),
      '✗ params +1,234, MACs -5,000,000',
      'bad',
    ],
    ['row errors', summary({ check: 'differs', errors: 2 }), '✗ 2 row error(s)', 'bad'],
    ['build error', { name: 'x', error: 'x could not be built: boom' }, 'x could not be built: boom', 'bad'],
  ];
  it.each(rows)('%s', (_t, s, text, tone) => expect(checkLabel(s)).toEqual({ text, tone }));
});

describe('rebuilding a preset from knobs', () => {
  const v2 = presetByName('mobilenet_v2')!;

  it('width 0.5 rebuilds with that knob, keeping the name and batch the user set', () => {
    const m = rebuildPreset(v2, { width: 0.5, resolution: 224 }, { name: 'mine', batch: 8 }, knobError);
    expect(typeof m).toBe('object');
    const model = m as Model;
    expect(model.meta).toEqual({ preset: 'mobilenet_v2', knobs: { width: 0.5, resolution: 224 } });
    expect(model.name).toBe('mine');
    expect(model.batch).toBe(8);
    expect(model.layers).toEqual(v2.build({ width: 0.5 }).layers);
  });

  // Messages are knobError's (src/engine/presets/build.ts); ranges from mobilenet.ts (0.25–1.4).
  const bad: [Record<string, number>, string][] = [
    [{ width: 2 }, 'mobilenet_v2: width must be at most 1.4, got 2'],
    [{ width: 0.1 }, 'mobilenet_v2: width must be at least 0.25, got 0.1'],
    [{ resolution: 64.5 }, 'mobilenet_v2: resolution must be an integer, got 64.5'],
    [{ depth: 3 }, 'mobilenet_v2 has no knob "depth" (knobs: width, resolution)'],
  ];
  it.each(bad)('%j is refused with knobError’s message', (knobs, msg) =>
    expect(rebuildPreset(v2, knobs, {}, knobError)).toBe(msg),
  );

  it('resolution changes the input shape', () => {
    const m = rebuildPreset(v2, { resolution: 160 }, {}, knobError) as Model;
    expect(m.input).toEqual([3, 160, 160]);
  });

  it('presetMeta reads meta.preset and numeric knobs only', () => {
    expect(presetMeta(v2.build({ width: 0.75 }))).toEqual({
      preset: 'mobilenet_v2',
      knobs: { width: 0.75, resolution: 224 },
    });
    const odd = { ...v2.build(), meta: { preset: 'mobilenet_v2', knobs: { width: 'wide', resolution: 96 } } };
    expect(presetMeta(odd)).toEqual({ preset: 'mobilenet_v2', knobs: { resolution: 96 } });
    expect(presetMeta({ ...v2.build(), meta: undefined })).toBeNull();
    expect(presetMeta({ ...v2.build(), meta: { preset: 3 } })).toBeNull();
  });

  it('editedSincePreset: false as built, true after a layer or the input changed', () => {
    const m = v2.build({ width: 0.5 });
    const knobs = presetMeta(m)!.knobs;
    expect(editedSincePreset(m, v2, knobs)).toBe(false);
    expect(editedSincePreset({ ...m, layers: m.layers.slice(1) }, v2, knobs)).toBe(true);
    expect(editedSincePreset({ ...m, input: [3, 100, 100] }, v2, knobs)).toBe(true);
    expect(editedSincePreset(m, v2, { width: 99 })).toBe(true); // cannot rebuild: treat as edited
  });
});

describe('a rebuilt preset travels in the share link', () => {
  // The knob panel reads meta.preset/meta.knobs of the model it receives, so the link must keep them.
  it.each([
    ['mobilenet_v2', { width: 0.5, resolution: 160 }],
    ['densenet121', { growth: 48 }],
    ['efficientnet_b0', { variant: 4 }],
  ] as const)('%s %j', (name, knobs) => {
    const m = rebuildPreset(presetByName(name)!, knobs, { name: 'shared' }, knobError) as Model;
    const back = decodeShare(encodeShare({ model: m, convention: 'torchvision' }));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(presetMeta(back.state.model)).toEqual(presetMeta(m));
    expect(presetMeta(back.state.model)?.knobs).toMatchObject(knobs);
    expect(back.state.model.layers).toEqual(m.layers);
  });
});

describe('differsFromBuilt: the model against the preset as its knobs build it', () => {
  const built = presetByName('resnet18')!.build();
  it.each([
    ['the same layers and input', built, false],
    ['a copy made through JSON', JSON.parse(JSON.stringify(built)) as Model, false],
    ['a layer removed', { ...built, layers: built.layers.slice(1) }, true],
    ['another input', { ...built, input: [3, 100, 100] }, true],
    [
      'a field changed deep in a block',
      JSON.parse(JSON.stringify(built).replace('"out":64', '"out":65')) as Model,
      true,
    ],
  ])('%s → %s', (_name, model, differs) => {
    expect(differsFromBuilt(model, built)).toBe(differs);
  });
  it('a preset that cannot be built counts every model as edited', () => {
    expect(differsFromBuilt(built, null)).toBe(true);
  });
});
