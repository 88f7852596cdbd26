/**
 * What most rule tables share: a maker of "the accelerator runs it" rules with the target's id
 * prefix, its operator list as the source and its default sentence, and the TFLite converter's
 * fusions (batch norm folded into the conv before it, fused activations) the TFLite-based targets
 * (Edge TPU, GPU delegate, Ethos-U through Vela) all see.
 */
import type { Source } from '../devices/schema';
import type { Fusion, OpRule } from './types';

export type RuleExtra = Partial<Pick<OpRule, 'when' | 'limits' | 'undocumented' | 'text' | 'source'>>;

/** `(id, kinds, vendorOp, extra?)` → an accelerator rule `prefix.id` citing `source`, saying `sentence(vendorOp)`. */
export function acceleratorRule(prefix: string, source: Source, sentence: (vendorOp: string) => string) {
  return (id: string, kinds: string[], vendorOp: string, extra: RuleExtra = {}): OpRule => ({
    id: `${prefix}.${id}`,
    kinds,
    vendorOp,
    on: 'accelerator',
    text: sentence(vendorOp),
    source,
    ...extra,
  });
}

/** TFLite's batch-norm folding and fused activations (`activations`: which ones the target takes fused, and why). */
export function tfliteFusions(source: Source, activations: { kinds: string[]; text: string }): Fusion[] {
  return [
    {
      hosts: ['conv2d', 'linear'],
      kinds: ['batchnorm2d'],
      text: 'TFLite has no batch-norm op (BuiltinOperator): the converter folds a batch norm that follows a conv or linear into its weights',
      source,
    },
    { hosts: ['conv2d', 'linear', 'residual', 'add'], kinds: activations.kinds, text: activations.text, source },
  ];
}
