/**
 * Presets: standard networks written in the model format from the engine's own layers and
 * blocks, so they are counted exactly like a model the user builds (never typed-in totals).
 * Each carries its paper, the input size it is defined at, its knobs (width, resolution,
 * depth, growth …) and the official reference counts it must reproduce.
 */
import type { Model } from '../format/model';

export interface PresetKnob {
  /** Knob id passed to `build` (and `--width`/`--input` on the CLI). */
  name: 'width' | 'resolution' | 'depth' | 'growth' | string;
  label: string;
  default: number;
  /** When present, the only values the knob takes. */
  options?: readonly number[];
  min?: number;
  max?: number;
  step?: number;
  help: string;
}

export interface PresetReference {
  /** Exact parameter count of the reference implementation (torchvision `num_params`). */
  params: number;
  /** Exact conv + linear MACs at `input` (bias excluded), the integer behind `ops`. */
  macs: number;
  /** torchvision `_ops` in G, 3 decimals, as printed in its weights metadata. */
  ops: string;
  source: string;
  note?: string;
}

/** The picker's top-level sections (issue 15): what the network is for, transformers apart. */
export type PresetTask = 'classification' | 'transformer' | 'detection' | 'segmentation';

/** The source file a preset is written from, at the commit read (e.g. torchvision's builder). */
export interface PresetCode {
  /** `owner/name` on GitHub: `pytorch/vision`. */
  repo: string;
  commit: string;
  /** Path in that repository: `torchvision/models/resnet.py`. */
  path: string;
}

export interface Preset {
  /** Builder name (torchvision's where one exists): `resnet50`, `mobilenet_v2`. */
  name: string;
  /** Group in the picker: `ResNet`, `MobileNet`, … */
  family: string;
  /** Section of the picker; absent means classification. */
  task?: PresetTask;
  /** The file (and commit) the preset is written from. */
  code?: PresetCode;
  title: string;
  paper: { title: string; authors: string; year: number; url: string };
  /** Input [C, H, W] the network (and its reference counts) is defined at. */
  input: readonly [number, number, number];
  knobs: readonly PresetKnob[];
  reference?: PresetReference;
  /** Plain-words remarks: how the preset relates to other published numbers, and why. */
  notes?: readonly string[];
  /** The model with knobs applied (absent knobs take their defaults). */
  build(knobs?: Readonly<Record<string, number>>): Model;
}
