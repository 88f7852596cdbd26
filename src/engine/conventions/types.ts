/**
 * The contract of a counting convention: how one tool (or the seed article, or exact
 * arithmetic) counts each layer kind. One file per convention in this folder; registry.ts
 * lists them. Rules are formulas (expr.ts) over the layer's symbols, so the inspector can
 * show a rule with the layer's numbers in it and the number can never drift from the text.
 */
import type { Expr, Symbols } from '../expr';

export type Unit = 'MAC' | 'FLOP';

/** A rule is a formula; a function form picks the formula from the layer's symbols. */
export type Rule = Expr | ((s: Symbols) => Expr);

export interface Convention {
  /** Stable id used in links, files and the CLI (`--convention thop`). */
  readonly id: string;
  /** Display name ("thop 0.1.1"). */
  readonly name: string;
  readonly unit: Unit;
  /** One line for the selector. */
  readonly summary: string;
  /** Tool version and source files the rules were read from. */
  readonly source: string;
  /**
   * Rule per layer type, and per block type for the block's own combining op
   * (`residual` = the add, `scale` = the multiply, `concat`). A type with no rule counts 0.
   */
  readonly rules: Readonly<Record<string, Rule>>;
  /** Plain-words remarks per type (why a kind counts 0, a tool's warning, a quirk). */
  readonly notes?: Readonly<Record<string, string>>;
  /**
   * How the count depends on the batch N. 'linear' (the default): N × the batch-1 count.
   * 'per-image': the tool reports one image whatever the batch (ptflops).
   */
  readonly batchScaling?: 'linear' | 'per-image';
  /**
   * Set on a "called under torch.no_grad()" variant (no-grad.ts): the id of the convention it is a
   * setting of. The selector lists base conventions and offers the variant as a checkbox.
   */
  readonly noGradOf?: string;
  /** Layer types whose count is not linear in N even so (DeepSpeed's upsample by a scale: s^N). */
  readonly nonlinearInBatch?: readonly string[];
}

export function ruleFor(c: Convention, type: string, s: Symbols): Expr | null {
  const r = c.rules[type];
  if (r === undefined) return null;
  return typeof r === 'function' ? r(s) : r;
}
