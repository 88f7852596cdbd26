/**
 * "Called under torch.no_grad()": a setting of the traced and patching conventions (fvcore,
 * FlopCounterMode, DeepSpeed). Each tool's README calls the model in eval mode *with* grad, which
 * the base conventions follow. Under no_grad, nn.MultiheadAttention in eval mode takes its fused
 * fast path, torch._native_multi_head_attention (torch/nn/modules/activation.py, forward: batched,
 * self-attention, batch_first, an even number of heads, in_proj_bias present, grad disabled),
 * whose projections and products none of these tools sees: 0. Checked on torchvision's ViT-B/16
 * (tests/fixtures/torchvision-tools.jsonl `nograd`: fvcore 11,290,036,992, FlopCounterMode
 * 22,542,249,984, DeepSpeed 22,568,574,720 — conv, MLP and head only) and on single layers
 * (tests/fixtures/attention-tools.jsonl). hook-based tools (thop, ptflops, torchinfo) see the
 * same modules either way, and thop and torchinfo call no_grad themselves.
 */
import { num, type Expr } from '../expr';
import type { Symbols } from '../expr';
import { ruleFor, type Convention } from './types';

/** The fast path's conditions that depend on the layer: biases present and an even head count. */
export const takesFastPath = (s: Symbols): boolean => s.b === 1 && s.H % 2 === 0;

const FAST_PATH_NOTE =
  'Under torch.no_grad() in eval mode, nn.MultiheadAttention takes its fused fast path (torch._native_multi_head_attention) when its projections have biases and its head count is even: this tool sees none of it, 0. Otherwise the slow path runs and counts as without no_grad.';

export function underNoGrad(base: Convention): Convention {
  const attention = (s: Symbols): Expr => (takesFastPath(s) ? num(0) : (ruleFor(base, 'attention', s) ?? num(0)));
  // Built once at load, not per row: Object.assign keeps the lint rule against spreads in this folder.
  return Object.assign({}, base, {
    id: `${base.id}-nograd`,
    name: `${base.name}, under no_grad`,
    summary: `${base.summary}; called under torch.no_grad(): nn.MultiheadAttention’s fast path is not seen (0)`,
    noGradOf: base.id,
    rules: Object.assign({}, base.rules, { attention }),
    notes: Object.assign({}, base.notes, { attention: FAST_PATH_NOTE }),
  });
}
