/**
 * The sentences the engine (and the state layer, through it) says to a user, as English templates
 * with stable keys. Engine code writes a message with `say(key, vars)`, which gives exactly the
 * English text it always gave: the engine stays language-free, its results stay plain strings
 * (they cross the worker boundary and go into the CLI's output), and English never changes. The UI
 * turns such a string back into key + values by matching these templates (src/ui/i18n/localize.ts)
 * and writes it in the interface language; a string no template matches stays English.
 *
 * Rules for a template: placeholders `{name}` are never next to each other and never the whole
 * text (a match must be unambiguous); a value may itself be a message (it is translated too).
 * Every key needs a Chinese entry in src/ui/i18n/zh-CN-messages.ts (a test fails otherwise).
 */
export const ENGINE_MESSAGES_EN = {
  // Files (src/engine/import/index.ts, src/state/importFlow.ts).
  'file.hdf5Reader': 'cannot load the HDF5 reader for {name}: {error}',
  'file.outsideLimits': "{name}: the model it describes is outside FlopLab's limits: {error}",
  'file.noContent': '{name}: no file content',
  'file.tooLarge': '{name} is {size}; the limit is {limit}',
  'file.tooLargeToImport': '{name} is {size}; files up to {limit} can be imported',
  'file.kerasNeedsReader': '{name}: a Keras file needs the HDF5 reader; import it with importFileAsync',
  'file.notUtf8': '{name} is not UTF-8 text',
  'file.unknownType': '{name}: unknown file type (expected {list})',
  'file.cannotImport': 'cannot import {name}: {error}',
  'file.longNames': '{n} layer name(s) longer than {max} characters (the longest {longest}) kept their first {kept}',
  'file.noOutput': '{name}: no output of the graph is computed from its input',
  'file.unreadInputs': 'input(s) no node reads were left out: {list}',
  'file.constOutputs': '{n} output(s) computed from constants only were left out',
  'file.notCountedOp': 'not counted (no formula for it; shape and weights kept): {op} × {n} ({list})',
  'file.notCountedOpMany': 'not counted (no formula for it; shape and weights kept): {op} × {n}',
  'file.noShape': "the file states no output shape for {n} not-counted node(s) ({list}): their input's shape is used",
  'file.unfolded': '{n} node(s) on constants only could not be folded ({list}); what reads them may be not counted',
  'file.constNotRead': '{label}: a {op} on constants only is not read; what uses its outputs may be not counted',
  'file.caffeNotCounted': '{label}: not counted ({why})',
  'file.caffeNoBottoms': '{label}: not counted (the shapes of its bottoms are unknown)',
  'file.tooMany': 'the file has {n} {what}; FlopLab imports at most {limit}',
  'file.stringTooLong': '{what} in the file is {size} long; FlopLab reads strings of at most {limit}',
  // Edits (src/engine/format/edit.ts, src/state/store.ts).
  'edit.failed': 'Edit failed: {error}',
  'edit.notMade': '{error}; the edit was not made',
  'edit.unknownConvention': 'unknown convention "{id}"',
  'edit.notPath': '"{path}" is not a layer path (expected e.g. layers[3].body[1])',
  'edit.indexTooLarge': '"{path}" has an index that is too large',
  'edit.badStep': '"{path}" is not a layer path: "{part}" must end with one index ([i]) or two for branches ([b][i])',
  'edit.mustStart': '"{path}" must start with "layers"',
  'edit.emptyPath': 'empty layer path',
  'edit.noSubLists': '"{path}": the top-level list has no sub-lists',
  'edit.emptyListPath': 'empty list path',
  'edit.notListPath': '"{path}" is not a list path',
  'edit.topIsLayers': '"{path}": the top-level list is "layers"',
  'edit.topIsLayersBare': 'the top-level list is "layers"',
  'edit.notList': '"{path}" is not a list',
  'edit.notListOfLists': '"{path}" is not a list of lists',
  'edit.quotedMissing': '"{path}" does not exist',
  'edit.missing': '{path} does not exist',
  'edit.insertAt': 'cannot insert at position {index} of {list} (it has {n} layers)',
  'edit.alreadyFirst': '{path} is already first in its list',
  'edit.alreadyLast': '{path} is already last in its list',
  'edit.intoItself': 'cannot move {path} into itself',
  'edit.cannotWrap': 'cannot wrap layers in "{type}"',
  'edit.selectToWrap': 'select at least one layer to wrap',
  'edit.sameList': 'only layers of the same list can be wrapped together',
  'edit.notBlock': '{path} is a {type}, not a block',
  'edit.unwrapBoth': 'cannot unwrap {path}: {lists} both have layers (empty all but one first)',
  // Limits of a model (src/engine/format/schema.ts).
  'limit.listOfLayers': '{path} must be a list of layers',
  'limit.tooDeep': '{path} is nested deeper than {n} blocks',
  'limit.needsType': '{path} must be an object with a "type"',
  'limit.typeString': '{path}.type must be a string',
  'limit.tooManyLayers': 'the model has more than {n} layers',
  'limit.branches': '{path}.branches must be a list of layer lists',
  'limit.tooManyChars':
    "the model is {n} characters as JSON; FlopLab keeps models of at most {max} (what a browser's storage holds)",
  'limit.jsonDepth': 'the document nests lists and objects deeper than {n} levels',
  'limit.invalid': 'invalid model: {error}',
  'limit.notJson': 'not valid JSON ({error})',
  // Rows (src/engine/layers/registry.ts, src/engine/graph-messages.ts).
  'row.unknownInput': 'input unknown: an earlier layer has an error',
  'row.insideError': '{type}: a layer inside has an error',
  'row.noOutputNamed': 'outputs: no layer id or input is named "{name}"',
  'row.repeatBudget': 'repeats its body {times} times: more than the {max} rows a model may expand to; lower times',
  'row.repeatBudgetAfter':
    'repeats its body {times} times: more than the {max} rows a model may expand to ({before} rows before it); lower times',
  'row.typeMissing': '{path}.type is missing',
  'row.unknownType': '{path}.type "{type}" is not a known layer type',
  'row.blockShares': '{path}.shares: a block does not hold weights of its own; put shares on the layers inside',
  'row.refUnknown': 'from: "{ref}" is unknown here',
  'row.refLater':
    'from: "{ref}" is the id of {path}, which is not evaluated before this layer; a layer can only take outputs of layers before it (so a graph has no cycle)',
  'row.refNone': 'from: no earlier layer has the id "{ref}" and no model input is named "{ref}"',
  'row.tooFewOrMore':
    '{type} takes {min} or more inputs but gets {n}: name them with from, e.g. "from": [-1, "skip"] (-1 is the previous layer)',
  'row.tooFew':
    '{type} takes {min} inputs but gets {n}: name them with from, e.g. "from": [-1, "skip"] (-1 is the previous layer)',
  'row.noInput': '{type} takes no input (it is a learned tensor); remove its from',
  'row.oneInput': '{type} takes one input, but from names {n}',
  'row.atMost': '{type} takes at most {max} inputs, but from names {n}',
  'row.tooLarge':
    '{type}: the output {shape} × batch {batch} has about {n} elements, more than 2^53 (9,007,199,254,740,991): too large to count exactly',
  // Fields of a layer (src/engine/layers/fields.ts): `layers[3].kernel must be …`.
  'field.int': '{field} must be an integer ≥ {min}',
  'field.positive': '{field} must be a positive integer',
  'field.positiveAtLeast': '{field} must be a positive integer ≥ {min}',
  'field.nonNegative': '{field} must be a non-negative integer',
  'field.atMost': '{field} must be at most {max}',
  'field.pairPositive': '{field} must be a positive integer or [h, w]',
  'field.pairNonNegative': '{field} must be a non-negative integer or [h, w]',
  'field.padding': '{field} must be a non-negative integer, [h, w] or "same"',
  'field.bool': '{field} must be true or false',
  'field.number': '{field} must be a number',
  'field.finite': '{field} must be a finite number',
  'field.finiteAtLeast': '{field} must be a finite number ≥ {min}',
  'field.ints': '{field} must be a list of integers',
  'field.intsRange': '{field} must be a list of 1 to {max} integers ≥ {min}',
  'field.intsAtMost': '{field} must hold integers of at most {max}',
  'field.oneOf': '{field} must be one of {list}',
  'field.name': '{field} must be a string',
  'field.id': '{field} must be a non-empty string of at most 200 characters',
  'field.from': '{field} must be a layer id, an input name or -1 (the previous layer), or a list of 1 to {max} of them',
  'field.shares': '{field} must name the layer whose weights it uses (1 to 200 characters)',
  'field.unknown1': '{field}: unknown field {list} for {type}',
  'field.unknownN': '{field}: unknown fields {list} for {type}',
  'field.invalid': '{field} is invalid',
  // Share links (src/state/urlCodec.ts).
  'link.cannotOpen': 'This share link cannot be opened: {why}.',
  'link.noModel': 'it has no model',
  'link.conventionString': 'its convention must be a string',
  'link.saveMarker': 'its save marker is malformed',
  'link.compareObject': 'its comparison model must be an object',
  'link.compareMoreObjects': 'its further comparison models must be objects',
  'link.compareTooMany': 'it compares more than {n} models',
  'link.hiddenList': 'its hidden parts must be a list of names',
  'link.notState': 'its contents are not a FlopLab state',
  'link.modelInvalid': 'its model is invalid ({error})',
  'link.compareInvalid': 'its comparison model is invalid ({error})',
  'link.compareNInvalid': 'its comparison model {letter} is invalid ({error})',
  'link.unknownConvention': 'The link\'s convention "{id}" is not known here; showing "{fallback}".',
  // The autosave (src/state/persistence.ts, autosaveRecord.ts).
  'save.storageUnreadable': 'browser storage cannot be read',
  'save.notJson': 'the autosaved data is not valid JSON',
  'save.invalid': 'the autosaved model is invalid ({error})',
  // Devices (src/engine/deploy/fit.ts, arena.ts, placement/place.ts).
  'fit.streamNote':
    'Weights beyond the on-chip memory stream over the host link on every inference; activations are not checked (no published figure).',
  'fit.noCapacity':
    'No memory capacity for {device} in the device data (no RAM, flash or on-chip figure with a source).',
  'arena.notPlanned': 'Arena not planned: {reason}; the fit uses the lower bound.',
  'arena.tooMany': "{n} tensors are more than the planner's limit of {max}",
  'place.noTable': 'no public rule table for {accelerator}: {notes}',
  'place.noTableBare': 'no public rule table for {accelerator}:',
  'place.dtype': '{accelerator} runs {dtypes} models only ({source}); this is {dtype}',
  'place.elided': 'does nothing at inference: converters remove it',
  'place.constant': 'a constant tensor (weights), not an op',
  'place.restOnCpu': 'runs after {path}, the first op the {accelerator} cannot run: {source}',
} as const;

export type EngineMessageKey = keyof typeof ENGINE_MESSAGES_EN;
export type MessageVars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible (easy to spot). */
export const fill = (text: string, vars?: MessageVars): string =>
  vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k]))) : text;

/** The English sentence of `key` (what the engine always said). */
export const say = (key: EngineMessageKey, vars?: MessageVars): string => fill(ENGINE_MESSAGES_EN[key], vars);
