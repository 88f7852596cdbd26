import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zooDoc } from '../../../src/engine/presets/doc';
import { PRESETS } from '../../../src/engine/presets';

describe('docs/zoo.md', () => {
  const doc = zooDoc();
  it('is up to date with the presets (regenerate: npx tsx scripts/gen-zoo-doc.ts)', () => {
    expect(readFileSync('docs/zoo.md', 'utf8')).toBe(doc);
  });
  it('shows every reference check passing', () => {
    expect(doc).not.toContain('✘');
    // 80 torchvision models (69 CNNs, 5 ViTs, 6 Swins, MaxViT-T) plus seed_resnet18 (= resnet18); lenet5 and
    // mobilenet_v1 have no weights; the 15 Ultralytics detectors, checked against their own model; and 8
    // torchvision segmentation and detection models (unet has no torchvision weights).
    expect(PRESETS.filter((p) => p.reference).length).toBe(81 + 15 + 8);
    expect(doc.match(/\| ✔ /g)?.length).toBe(81 + 15 + 8);
  });
});
