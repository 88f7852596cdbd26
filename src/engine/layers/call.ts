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
