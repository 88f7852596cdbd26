/** Every preset, in picker order, and lookup by name. */
import type { Preset } from './types';
import { CLASSIC_PRESETS } from './classic';
import { RESNET_PRESETS } from './resnet';
import { seedResnet18 } from './seed_resnet18';
import { SQUEEZENET_PRESETS } from './squeezenet';
import { DENSENET_PRESETS } from './densenet';
import { INCEPTION_PRESETS } from './inception';
import { MOBILENET_PRESETS } from './mobilenet';
import { MNASNET_PRESETS, MOBILENET_V3_PRESETS } from './mobilenet_v3';
import { SHUFFLENET_PRESETS } from './shufflenet';
import { EFFICIENTNET_PRESETS } from './efficientnet';
import { EFFICIENTNET_V2_PRESETS } from './efficientnet_v2';
import { REGNET_PRESETS } from './regnet';
import { CONVNEXT_PRESETS } from './convnext';
import { VIT_PRESETS } from './vit';
import { SWIN_PRESETS } from './swin';
import { MAXVIT_PRESETS } from './maxvit';
import { YOLO_PRESETS } from './yolo';
import { SEGMENTATION_PRESETS } from './segmentation';
import { SSD_PRESETS } from './ssd';
import { UNET_PRESETS } from './unet';

export type { Preset, PresetCode, PresetKnob, PresetReference, PresetTask } from './types';
export { knobError } from './build';

export const PRESETS: readonly Preset[] = [
  ...CLASSIC_PRESETS,
  ...RESNET_PRESETS,
  seedResnet18,
  ...SQUEEZENET_PRESETS,
  ...DENSENET_PRESETS,
  ...INCEPTION_PRESETS,
  ...MOBILENET_PRESETS,
  ...MOBILENET_V3_PRESETS,
  ...MNASNET_PRESETS,
  ...SHUFFLENET_PRESETS,
  ...EFFICIENTNET_PRESETS,
  ...EFFICIENTNET_V2_PRESETS,
  ...REGNET_PRESETS,
  ...CONVNEXT_PRESETS,
  ...VIT_PRESETS,
  ...SWIN_PRESETS,
  ...MAXVIT_PRESETS,
  ...YOLO_PRESETS,
  ...SEGMENTATION_PRESETS,
  ...SSD_PRESETS,
  ...UNET_PRESETS,
];

const BY_NAME = new Map(PRESETS.map((p) => [p.name, p]));

export function presetByName(name: string): Preset | undefined {
  return BY_NAME.get(name);
}
