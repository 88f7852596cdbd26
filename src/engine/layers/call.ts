/**
 * How an operation is written in PyTorch, for the kinds where the counting tools see the ways
 * differently: hook-based tools (thop, ptflops' module hooks, torchinfo) see modules only,
 * ptflops and DeepSpeed also patch some `torch.*` functions and `Tensor` methods, and traced
 * tools (fvcore, FlopCounterMode) see the aten op whatever wrote it. So `x + y`, `torch.add(x, y)`,
 * `x.add(y)` and `x += y` can count differently under one tool (shared/reference/conventions.md).
 */
import type { FieldSpec } from './fields';

export const CALL_OPTIONS = ['operator', 'function', 'method', 'inplace'] as const;
export type Call = (typeof CALL_OPTIONS)[number];

/** The `call` field of a binary element-wise kind; `x + y` is how most code writes it. */
export function callField(examples: string): FieldSpec {
  return {
    name: 'call',
    kind: 'enum',
    options: CALL_OPTIONS,
    default: 'operator',
    label: 'Written as',
    help: `How the PyTorch code writes it (${examples}); counting tools that patch functions see only some forms`,
  };
}

/** One symbol per form (1 for the form used, 0 for the others): call_operator, call_function, … */
export function callSymbols(call: unknown, into: Record<string, number>): Record<string, number> {
  for (const c of CALL_OPTIONS) into[`call_${c}`] = call === c ? 1 : 0;
  return into;
}

/**
 * Module or functional form (`nn.ReLU()` vs `F.relu`, `nn.AdaptiveAvgPool2d` vs
 * `F.adaptive_avg_pool2d`): thop and ptflops hook modules, and ptflops also patches the
 * functional, so a module counts there twice, a functional once (and not at all in thop). The
 * symbol `fn` is 1 for the functional form.
 */
export function moduleField(module: string, functional: string): FieldSpec {
  return {
    name: 'call',
    kind: 'enum',
    options: ['module', 'function'],
    default: 'module',
    label: 'Written as',
    help: `${module} (module) or ${functional} (function), as the PyTorch code writes it; thop and ptflops count them differently`,
  };
}

/** `fn` = 1 when a layer is written as a functional call. */
export const fnSymbol = (call: unknown): number => (call === 'function' ? 1 : 0);
