/** Every counting convention, in the order the selector lists them. */
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
];

const BY_ID = new Map(CONVENTIONS.map((c) => [c.id, c]));

export const CONVENTION_IDS: readonly string[] = CONVENTIONS.map((c) => c.id);

export const DEFAULT_CONVENTION = 'seed';

export const conventionById = (id: string): Convention | undefined => BY_ID.get(id);
