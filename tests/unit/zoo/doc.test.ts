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
    // 59 torchvision models (51 CNNs, 5 ViTs, 3 Swins) plus seed_resnet18 (= resnet18), and 8
    // segmentation and detection models; lenet5, mobilenet_v1 and unet have no torchvision weights.
    expect(PRESETS.filter((p) => p.reference).length).toBe(68);
    expect(doc.match(/\| ✔ /g)?.length).toBe(68);
  });
});
