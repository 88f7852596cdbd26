/**
 * Every counting convention, in the order the selector lists them, and the "called under
 * torch.no_grad()" variants of the tools whose count depends on it (no-grad.ts).
 */
import type { Convention } from './types';
import { seed } from './seed';
import { exact } from './exact';
import { torchvision } from './torchvision';
import { thop } from './thop';
import { ptflops } from './ptflops';
import { fvcore } from './fvcore';
import { torch } from './torch';
import { deepspeed } from './deepspeed';
import { torchinfo } from './torchinfo';
import { onnxTool } from './onnx-tool';
import { netscope } from './netscope';
import { underNoGrad } from './no-grad';
import { withSameRules } from './same-as';

export const CONVENTIONS: readonly Convention[] = [
  seed,
  exact,
  torchvision,
  thop,
  ptflops,
  fvcore,
  torch,
  deepspeed,
  torchinfo,
  onnxTool,
  netscope,
].map(withSameRules);

/** fvcore-nograd, torch-nograd, deepspeed-nograd: selectable as a setting of their base convention. */
export const NO_GRAD_VARIANTS: readonly Convention[] = CONVENTIONS.filter((c) =>
  ['fvcore', 'torch', 'deepspeed'].includes(c.id),
).map(underNoGrad);

/** The selector's conventions and their variants: what the engine evaluates and links may name. */
export const ALL_CONVENTIONS: readonly Convention[] = [...CONVENTIONS, ...NO_GRAD_VARIANTS];

const BY_ID = new Map(ALL_CONVENTIONS.map((c) => [c.id, c]));

/** The selector's conventions (the base of each setting). */
export const CONVENTION_IDS: readonly string[] = CONVENTIONS.map((c) => c.id);

/** Every id a link, a file or the CLI may name: what the app evaluates. */
export const ALL_CONVENTION_IDS: readonly string[] = ALL_CONVENTIONS.map((c) => c.id);

export const DEFAULT_CONVENTION = 'seed';

export const conventionById = (id: string): Convention | undefined => BY_ID.get(id);

/** The no_grad variant of a convention, if it has one (fvcore → fvcore-nograd). */
export const noGradVariant = (id: string): Convention | undefined => NO_GRAD_VARIANTS.find((c) => c.noGradOf === id);

/** The convention a variant is a setting of, or the convention itself. */
export const baseConvention = (id: string): string => conventionById(id)?.noGradOf ?? id;
