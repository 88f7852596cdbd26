/**
 * English strings of the model zoo UI (src/ui/presets): the Presets button and dialog, the
 * picker table, the preset panel and its knobs. Preset titles, notes and knob labels are zoo
 * data (src/engine/presets) and stay English.
 */
export const presetsEn = {
  'presets.button': 'Presets',
  'presets.open.title': 'Open a standard network (ResNet, MobileNet, EfficientNet …)',
  'presets.dialog': 'Model zoo presets',
  'presets.close': 'Close presets',
  'presets.loading': 'Loading the model zoo…',
  'presets.loadFailed': 'the model zoo could not be loaded: {error}',

  'picker.search': 'Search presets',
  'picker.search.placeholder': 'Search: name, family, paper, year',
  'picker.count': '{n} of {total} presets',
  'picker.help':
    'Parameters and MACs (conv + linear multiply-accumulates, batch 1, the torchvision convention) at each preset’s input, counted by the engine; the check compares them with the source’s own numbers: torchvision’s num_params and _ops (GMACs), Ultralytics’ model.info() parameters and its model’s MACs.',
  'picker.tasks': 'Sections',
  'picker.task.all': 'All',
  'picker.task.classification': 'Classification',
  'picker.task.transformer': 'Transformers',
  'picker.task.detection': 'Detection',
  'picker.task.segmentation': 'Segmentation',
  'picker.col.preset': 'Preset',
  'picker.col.input': 'Input',
  'picker.col.params': 'Params',
  'picker.col.macs': 'MACs',
  'picker.col.check': 'Check vs source',
  'picker.col.paper': 'Paper',
  'picker.noMatch': 'No preset matches “{query}”.',
  'picker.load': 'Load {name}: {title}',
  'picker.refTitle': '{source}: {params} params, {macs} MACs ({ops} G)',
  'picker.counting': 'counting…',
  'picker.noWeights': 'no torchvision weights',
  'picker.diff.params': 'params {n}',
  'picker.diff.macs': 'MACs {n}',
  'picker.diff.errors': '{n} row error(s)',

  'preset.label': 'Preset',
  'preset.loading': 'Loading preset {name}…',
  'preset.unknown': 'Built from preset “{name}”, which this version of FlopLab does not know.',
  'preset.source': 'Written from',
  'preset.definedAt': 'defined at {input}',
  'preset.knobs': 'Preset knobs',
  'preset.edited':
    'You changed this model since it was built: a knob rebuilds the preset and replaces those edits (Undo brings them back).',
  'preset.notes': 'Preset notes',
  'preset.notes.summary': 'Notes ({n})',
  'knob.notNumber': '{label}: type a number',
  'knob.slider': '{label} slider',
  'knob.range': '{min}–{max}',
  'knob.rangeStep': '{min}–{max}, step {step}',
} as const;
