/**
 * English strings of the teaching panels, the exercise controls and the language switch — every
 * user-facing string of those components, in one place. `{name}` marks a value filled in by t().
 * zh-CN.ts must give every key (the type checker enforces it). The rest of the screen's strings
 * live in one file per area (en-screen.ts, en-results.ts, …), spread in here.
 */
import { screenEn } from './en-screen';
import { resultsEn } from './en-results';
import { ioEn } from './en-io';
import { presetsEn } from './en-presets';
import { chartsEn } from './en-charts';
import { graphEn } from './en-graph';

export const en = {
  ...screenEn,
  ...resultsEn,
  ...ioEn,
  ...presetsEn,
  ...chartsEn,
  ...graphEn,
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.zh-CN': '中文',

  'tabs.label': 'Details and teaching',
  'tabs.layer': 'Layer',
  'tabs.runtime': 'Runtime',
  'tabs.conventions': 'Conventions',
  'tabs.compare': 'A/B',
  'tabs.examples': 'Examples',

  'inspector.title': 'Formulas',
  'inspector.loading': 'Loading the formula renderer…',
  'inspector.under': 'Counted as {name} ({unit})',
  'inspector.repeat': 'Shown for the first of {n} repeats; the numbers above are summed over them.',
  'inspector.q.outH': 'Output height',
  'inspector.q.outW': 'Output width',
  'inspector.q.params': 'Parameters',
  'inspector.q.count': 'Count ({name})',
  'inspector.q.macs': 'MACs (conv/linear, no bias)',
  'inspector.symbolic': 'Formula',
  'inspector.substituted': 'With this layer’s numbers',
  'inspector.value': 'Result',
  'inspector.changed': 'From {from} to {to}',
  'inspector.added': 'added',
  'inspector.removed': 'removed',
  'inspector.same': 'Same formula under both conventions.',
  'inspector.legend': 'Symbols',
  'inspector.seed': 'The seed article vs the tools',
  'compare.title': 'Every tool on this layer',
  'compare.help':
    'Each tool’s count of this layer with its formula, in its own unit and in FLOPs (a MAC is 2 FLOPs), and how it differs from the exact count.',
  'compare.mac': 'Counts multiply-accumulates: ×2 to compare in FLOPs.',
  'compare.same': 'same as exact',
  'compare.diff': '{n} FLOPs vs exact',
  'compare.adds': 'adds',
  'compare.leavesOut': 'leaves out',
  'inspector.hidden': 'This layer’s numbers are hidden (exercise).',

  'conv.title': 'Every convention at once',
  'conv.caption': 'Whole-model count under each convention; click one to select it',
  'conv.col.name': 'Convention',
  'conv.col.total': 'Total',
  'conv.col.unit': 'Unit',
  'conv.col.ratio': '× selected',
  'conv.selected': 'selected',
  'conv.select': 'Select {name}',
  'conv.why': 'Where the differences come from (against {name})',
  'conv.why.none': 'Same count per layer class as the selected convention.',
  'conv.perOut': '{a}× vs {b}× per output element',
  'conv.perIn': '{a}× vs {b}× per input element',
  'conv.plain': '{a} vs {b}',
  'conv.inFlops': '* in FLOPs: 1 MAC = 2 FLOPs is a unit, not a difference',
  'conv.noResult': 'Waiting for the engine…',

  'ab.title': 'A/B comparison',
  'ab.a': 'A (editor)',
  'ab.b': 'B',
  'ab.none': 'No model B yet. Pick a preset, or copy the editor’s model as B and edit A.',
  'ab.preset': 'B from a preset',
  'ab.choose': 'Choose…',
  'ab.copy': 'Current model as B',
  'ab.swap': 'Swap A and B',
  'ab.clear': 'Remove B',
  'ab.link': 'Copy A/B link',
  'ab.copied': 'Link copied',
  'ab.copyFailed': 'Copy failed — the link is in the box below.',
  'ab.metric': 'Quantity',
  'ab.ratio': 'B / A',
  'ab.params': 'Parameters',
  'ab.count': 'Count ({name})',
  'ab.macs': 'MACs',
  'ab.flops': 'FLOPs (exact)',
  'ab.layers': 'Per layer ({name})',
  'ab.errors': '{n} layer(s) with errors',

  'ex.title': 'Guided examples (from the seed article)',
  'ex.open': 'Open in the calculator',
  'ex.close': 'Close explanation',
  'ex.switched': 'This example counts with {name}.',
  'ex.switchBack': 'Back to {name}',
  'ex.confirm.title': 'Open the example?',
  'ex.confirm.body': 'It replaces the model on screen (Undo brings yours back) and may switch the convention.',
  'ex.confirm.open': 'Open the example',
  'ex.active': 'Example',
  'ex.devices.col.device': 'Device',
  'ex.devices.col.peak': 'Peak',
  'ex.devices.col.time': 'This model at peak (torch FLOPs)',

  'exercise.bar': 'Exercise: some numbers are hidden.',
  'exercise.reveal': 'Reveal',
  'exercise.revealAll': 'Reveal all',
  'exercise.part.totals': 'totals',
  'exercise.part.table': 'per-layer table',
  'exercise.part.conventions': 'conventions table',
  'exercise.part.compare': 'A/B comparison',
  'exercise.part.layer': 'numbers of {path}',
  'exercise.make': 'Make an exercise link',
  'exercise.makeHelp': 'Hide parts of the screen; students press “Reveal” to check their answer.',
  'exercise.selectedLayer': 'the selected layer’s numbers ({path})',
  'exercise.copy': 'Copy exercise link',
} as const;

export type MessageKey = keyof typeof en;
