/**
 * Small builders the preset files share, so a network reads like its reference source
 * (`cna(64, 3, { s: 2 })` = torchvision's Conv2dNormActivation). Each returns plain layer
 * objects of the model format; fields equal to the kind's default are left out, which keeps
 * presets (and their share links) short.
 */
import { MODEL_FORMAT, type LayerSpec, type Model } from '../format/model';
import type { Preset, PresetKnob } from './types';
import { say } from '../messages';

type Layers = LayerSpec[];

export interface ConvOpts {
  /** Stride (default 1). */
  s?: number;
  /** Padding; default `(k − 1) / 2 · d` (torchvision's Conv2dNormActivation), 0 for 1×1. */
  p?: number | readonly [number, number];
  /** Groups (default 1). */
  g?: number;
  /** Dilation (default 1). */
  d?: number;
  /** Bias (default false: nearly every conv here is followed by a norm). */
  bias?: boolean;
}

const half = (k: number | readonly [number, number], d: number): number | [number, number] =>
  typeof k === 'number' ? ((k - 1) / 2) * d : [((k[0] - 1) / 2) * d, ((k[1] - 1) / 2) * d];

export function conv(out: number, k: number | readonly [number, number], o: ConvOpts = {}): LayerSpec {
  const d = o.d ?? 1;
  const p = o.p ?? half(k, d);
  const spec: Record<string, unknown> = { type: 'conv2d', out, kernel: k };
  if ((o.s ?? 1) !== 1) spec.stride = o.s;
  if (p !== 0) spec.padding = p;
  if (d !== 1) spec.dilation = d;
  if ((o.g ?? 1) !== 1) spec.groups = o.g;
  if (!o.bias) spec.bias = false;
  return spec as LayerSpec;
}

export const bn = (): LayerSpec => ({ type: 'batchnorm2d' });
export const act = (type: string): LayerSpec => ({ type });
export const relu = (): LayerSpec => act('relu');
export const dropout = (): LayerSpec => act('dropout');
export const flatten = (): LayerSpec => ({ type: 'flatten' });
export const gap = (): LayerSpec => ({ type: 'adaptiveavgpool2d' });
/**
 * The same ops written as functional calls, as torchvision's source writes them in places
 * (F.relu, F.adaptive_avg_pool2d, F.avg_pool2d, F.max_pool2d): counting tools that hook
 * modules see them differently (the `call` field).
 */
export const fn = (spec: LayerSpec): LayerSpec => ({ ...spec, call: 'function' });
/** avgpool → flatten → classifier, with the pool written F.adaptive_avg_pool2d (DenseNet, MobileNetV2). */
export const fnHead = (classes = 1000, extra: Layers = []): Layers => [fn(gap()), flatten(), ...extra, linear(classes)];
export const linear = (out: number, bias = true): LayerSpec =>
  bias ? { type: 'linear', out } : { type: 'linear', out, bias: false };

export function pool(type: 'maxpool2d' | 'avgpool2d', k: number, s?: number, p = 0, ceil = false): LayerSpec {
  const spec: Record<string, unknown> = { type, kernel: k };
  if (s !== undefined && s !== k) spec.stride = s;
  if (p) spec.padding = p;
  if (ceil) spec.ceil = true;
  return spec as LayerSpec;
}
export const maxpool = (k: number, s?: number, p = 0, ceil = false) => pool('maxpool2d', k, s, p, ceil);
export const avgpool = (k: number, s?: number, p = 0, ceil = false) => pool('avgpool2d', k, s, p, ceil);

/** Conv → BatchNorm → activation (torchvision Conv2dNormActivation); `actType` null = none. */
export function cna(
  out: number,
  k: number | readonly [number, number],
  o: ConvOpts = {},
  actType: string | null = 'relu',
) {
  const layers: Layers = [conv(out, k, o), bn()];
  if (actType) layers.push(act(actType));
  return layers;
}

export const residual = (body: Layers, shortcut?: Layers): LayerSpec =>
  shortcut && shortcut.length ? { type: 'residual', body, shortcut } : { type: 'residual', body };
export const concat = (...branches: Layers[]): LayerSpec => ({ type: 'concat', branches });
export const scale = (body: Layers): LayerSpec => ({ type: 'scale', body });

/** `times` copies of `body` in sequence: inline when once, a repeat block otherwise, nothing when 0. */
export function repeat(times: number, body: Layers): Layers {
  if (times <= 0) return [];
  if (times === 1) return body;
  return [{ type: 'repeat', times, body }];
}

/** A stage whose first block differs (stride, projection) from the `n − 1` that follow it. */
export const stage = (n: number, first: Layers, rest: Layers): Layers =>
  n <= 0 ? [] : [...first, ...repeat(n - 1, rest)];

/** Classifier head used by most torchvision models: global average pool, flatten, linear. */
export const head = (classes = 1000, extra: Layers = []): Layers => [gap(), flatten(), ...extra, linear(classes)];

/**
 * torchvision `_make_divisible` (models/_utils.py, from the TF MobileNet code): round to the
 * nearest multiple of `divisor`, at least `min`, and never more than 10 % below the input.
 */
export function makeDivisible(v: number, divisor = 8, min = divisor): number {
  let r = Math.max(min, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (r < 0.9 * v) r += divisor;
  return r;
}

export function model(name: string, input: readonly number[], layers: Layers, knobs: Record<string, number>): Model {
  return { format: MODEL_FORMAT, name, input: [...input], layers, meta: { preset: name, knobs } };
}

// ——— knobs ———

export const resolutionKnob = (dflt: number, min = 32, max = 1024): PresetKnob => ({
  name: 'resolution',
  label: 'Input resolution',
  default: dflt,
  min,
  max,
  step: 1,
  help: `Square input side in pixels (defined at ${dflt})`,
});

/** Why a knob set is not valid for a preset, or null. */
export function knobError(
  p: Pick<Preset, 'name' | 'knobs'>,
  knobs: Readonly<Record<string, number>> = {},
): string | null {
  for (const [k, v] of Object.entries(knobs)) {
    const spec = p.knobs.find((s) => s.name === k);
    if (!spec)
      return p.knobs.length
        ? say('knob.unknown', { preset: p.name, knob: k, list: p.knobs.map((s) => s.name).join(', ') })
        : say('knob.none', { preset: p.name, knob: k });
    if (typeof v !== 'number' || !Number.isFinite(v)) return say('knob.number', { preset: p.name, knob: k });
    if (spec.options && !spec.options.includes(v))
      return say('knob.oneOf', { preset: p.name, knob: k, list: spec.options.join(', '), v });
    if (spec.min !== undefined && v < spec.min)
      return say('knob.atLeast', { preset: p.name, knob: k, min: spec.min, v });
    if (spec.max !== undefined && v > spec.max)
      return say('knob.atMost', { preset: p.name, knob: k, max: spec.max, v });
    if (spec.step === 1 && !Number.isInteger(v)) return say('knob.integer', { preset: p.name, knob: k, v });
    // An integer step above 1 is a grid from min (YOLO's image side: multiples of the 32-pixel stride).
    const base = spec.min ?? 0;
    if (spec.step !== undefined && Number.isInteger(spec.step) && spec.step > 1 && (v - base) % spec.step)
      return base % spec.step
        ? say('knob.plusMultiple', { preset: p.name, knob: k, base, step: spec.step, v })
        : say('knob.multiple', { preset: p.name, knob: k, step: spec.step, v });
  }
  return null;
}

/** Knob values with defaults applied; throws an Error with knobError's message on a bad value. */
export function resolveKnobs(
  p: Pick<Preset, 'name' | 'knobs'>,
  knobs: Readonly<Record<string, number>> = {},
): Record<string, number> {
  const err = knobError(p, knobs);
  if (err) throw new Error(err);
  const out: Record<string, number> = {};
  for (const s of p.knobs) out[s.name] = knobs[s.name] ?? s.default;
  return out;
}

export type PresetDef = Omit<Preset, 'build'> & {
  /** The layer list for resolved knob values. */
  layers(k: Record<string, number>): Layers;
};

/** A Preset from its description: `build` resolves knobs, sizes the input and wraps the layers. */
export function definePreset(def: PresetDef): Preset {
  const { layers, ...rest } = def;
  return {
    ...rest,
    build(knobs) {
      const k = resolveKnobs(def, knobs);
      const input = k.resolution !== undefined ? [def.input[0], k.resolution, k.resolution] : def.input;
      return model(def.name, input, layers(k), k);
    },
  };
}

/** Reference counts from torchvision weights metadata (shared/reference/zoo.md gives the exact integers). */
export const tv = (params: number, macs: number, ops: string, note?: string) => ({
  params,
  macs,
  ops,
  source: 'torchvision weights metadata (num_params, _ops); exact integers: shared/reference/zoo.md',
  ...(note ? { note } : {}),
});

/**
 * The torchvision commit the reference wheel (torchvision 0.28.0, /work/pyenv) was built from:
 * torchvision/version.py `git_version`. Every torchvision preset is written from that tree.
 */
export const TORCHVISION_COMMIT = '8fb87713a24951e639c494b0f2a8a81b5f8e33a6';

/** `code` of a preset written from torchvision/models/<file>.py at TORCHVISION_COMMIT. */
export const tvCode = (file: string) => ({
  repo: 'pytorch/vision',
  commit: TORCHVISION_COMMIT,
  path: `torchvision/models/${file}.py`,
});

// ——— torchvision module names (issue 16): rows named like `named_modules()`, so they can be matched ———

/** The layer with a name: its torchvision module's qualified name (`layer1.0.conv1`). */
export const named = (name: string, spec: LayerSpec): LayerSpec => ({ ...spec, name });

/** Layers named as an nn.Sequential's children: `${prefix}.0`, `${prefix}.1`, … (from `${prefix}.${first}`). */
export const seq = (prefix: string, layers: Layers, first = 0): Layers =>
  layers.map((l, i) => named(`${prefix}.${first + i}`, l));

/**
 * An nn.Sequential whose children are modules (one layer: `${prefix}.k`) or Sequentials such as a
 * Conv2dNormActivation (a list: `${prefix}.k.0`, `${prefix}.k.1`, …); without a prefix, the layers unnamed.
 */
export function seqOf(prefix: string | undefined, parts: readonly (LayerSpec | Layers)[]): Layers {
  return parts.flatMap((part, k) => {
    if (prefix === undefined) return Array.isArray(part) ? part : [part];
    return Array.isArray(part) ? seq(`${prefix}.${k}`, part) : [named(`${prefix}.${k}`, part as LayerSpec)];
  });
}

/** The repeat-name of index `j` inside a repeat whose first iteration is index `first` (iteration-names.ts). */
const indexToken = (first: number) => (first ? `{i+${first}}` : '{i}');

/**
 * The units of an nn.Sequential, unit j built by `make(j)(token)` with `token` its index in the
 * names (`layer1.${token}.conv1`). Runs of units equal but for that index fold into one repeat
 * whose names carry `{i+j}` (filled in per iteration), so links stay short and every row still
 * shows its own module name.
 */
export function indexedRuns(units: readonly ((token: string) => Layers)[], offset = 0): Layers {
  const keys = units.map((u) => JSON.stringify(u('#')));
  const out: Layers = [];
  for (let i = 0; i < units.length;) {
    let j = i + 1;
    while (j < units.length && keys[j] === keys[i]) j++;
    out.push(...(j - i === 1 ? units[i](String(i + offset)) : repeat(j - i, units[i](indexToken(i + offset)))));
    i = j;
  }
  return out;
}

/** Units in sequence, with runs of identical units folded into repeat blocks (shorter links). */
export function runs(units: readonly Layers[]): Layers {
  const out: Layers = [];
  for (let i = 0; i < units.length;) {
    const key = JSON.stringify(units[i]);
    let j = i + 1;
    while (j < units.length && JSON.stringify(units[j]) === key) j++;
    out.push(...repeat(j - i, units[i]));
    i = j;
  }
  return out;
}
