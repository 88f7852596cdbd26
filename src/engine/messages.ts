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
  ...LAYER_MESSAGES_EN,
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
  'file.noSubgraph': '{name}: the model has no subgraph',
  'file.noSubgraphInput': '{name}: the main subgraph has no input',
  'file.inputRank': '{name}: input "{input}" must have a batch and 1 to 8 more dims, got [{shape}]',
  'file.inputRuntime':
    '{name}: input "{input}" has sizes fixed only at run time [{shape}]: convert with a fixed input size',
  'file.noModelOutput': '{name}: no output of the model is computed from its inputs',
  'file.dynamicBatch': 'the batch size is dynamic in the file; batch {batch} is used',
  'file.symbolicBatch': 'the batch size is symbolic; batch 1 is used',
  'file.batchOfOne':
    '{n} node(s) ({list}) take the batch of one apart (x[0], squeeze(0), a reduction or transpose over it): read at batch 1; at another batch they would not count per sample — import at that batch (--input-shape) to see them not counted',
  'file.nonZeroBound':
    '{n} NonZero node(s) ({list}) keep a number of elements known only when the model runs: taken at the largest (every element nonzero), so the rows after them are an upper bound',
  'file.unbatchedInput':
    'input "{input}" [{dims}] has no batch dim (the graph unsqueezes it at 0, as torchvision’s detectors take a list of images): read as one sample, batch 1',
  'file.weights': 'weights in the file: {size} ({bytes} bytes; elements: {list})',
  'file.weightsQuant':
    'weights in the file: {size} ({bytes} bytes; elements: {list}; quantization scales and zero points {quant} bytes)',
  'file.tfliteNotCounted': 'not counted: {op} × {n} ({list})',
  'file.tfliteNotCountedMany': 'not counted: {op} × {n}',
  'file.quantizeLayers':
    '{list}: quantize layers (exact: 5 operations per element to quantize, 2 to dequantize; onnx-tool 2; the PyTorch tools 0); a QUANTIZE of an integer tensor (requantize) is one quantize',
  'file.foldedBn':
    "{n} layer(s) carry a batch norm folded in by the converter: the parameters are the file's (a folded BN's 4·C weights became the layer's bias of C)",
  'file.sparse':
    "{n} weight tensor(s) are stored sparse: the parameters count their dense elements, the bytes are the file's",
  'file.callOnce': 'CALL_ONCE runs subgraph {k} "{sg}" ({n} ops) once to initialise state: not counted',
  'file.callOnceAny': 'CALL_ONCE runs a subgraph once to initialise state: not counted',
  'file.mainSubgraph': 'only the main subgraph is read ({n} subgraphs in the file)',
  'file.dropped': '{n} node(s) not leading to the output were left out',
  'file.asGraph': 'imported as a graph (layers take their inputs by name): {why}',
  'file.nInputs': '{n} inputs',
  'file.nOutputs': '{n} outputs',
  'file.noGraphInput': 'the graph has no input',
  'file.runtimeConstants': 'input(s) without the batch dim of "{input}" are read as run-time constants: {list}',
  'file.fedWeights':
    'input(s) {list} are read only as a convolution’s weight (or by Shape, for their size): taken as that layer’s weights, fed at run time (counted as parameters; onnx-tool counts stored weights only)',
  'file.statedOperands':
    '{n} node(s) ({list}) read a shape, axes, sizes or repeats from a graph input (known only when run): taken from the input and output shapes the file states',
  'file.mergedOutputs':
    'output(s) {list} merge the batch into their first dim in the file ([N·d0, …]): given as batch N × [d0, …], the same elements',
  'file.furtherOutputs':
    'output(s) {list} are further outputs of a node read by its first (LayerNormalization’s Mean and InvStdDev, BatchNormalization’s running statistics): left out; the node’s work is counted in its row',
  'file.noInputConstants': 'the graph has no input: a placeholder input [1] is shown, which nothing reads',
  'file.constantGraph':
    'no output is computed from the input: every output ({list}) folds to a constant (Shape of a fixed-shape input, a Constant), given as a stored constant — 0 operations',
  'file.emptyOutputs':
    '{n} output(s) the file states with a size of 0 ({list}): an empty tensor, or a size left open (as some exporters write it); FlopLab holds no empty tensor, so these are given as the rows before them make them',
  'file.outputShapes':
    '{n} output(s) differ from the shape the file states ({list}): FlopLab keeps a dim besides the batch (a scalar is [1]) and one batch first for every row, so these are given their own way',
  'file.oneSample':
    'the first dims of the inputs are not a batch FlopLab can hold apart (an operand or constant spans them, or an input has none): the whole graph is read as one sample, batch 1, every input whole — read with a batch, {n} node(s) could not be counted',
  'file.flatInputs':
    'the graph has no batch dim (its inputs are 1-D): each input [n] is read as n samples of one value, batch n of [1]; outputs carry that trailing 1',
  'file.batchMismatch': 'inputs "{a}" and "{b}" have different batch sizes ({x} and {y})',
  'file.zeroSizes':
    'input "{input}" states sizes [{dims}]: a size of 0 is an empty tensor (nothing to compute) to ONNX, and a size left open to some exporters (Paddle2ONNX wrote 0 for the batch); FlopLab holds no empty tensor and reads it as open: {list} used (change the input shape to set it)',
  'file.symbolicSizes': 'input "{input}" has symbolic sizes [{dims}]: {list} used (change the input shape to set them)',
  'file.sizesMismatch': 'input "{input}" is [{dims}]; the sizes given, [{given}], do not fit it',
  'file.sequenceFirst':
    'input "{input}" is sequence-first [L, N, I] (a recurrent op reads it): read as batch {batch} of [{l}, {i}]',
  'file.empty': '{name} is empty',
  'file.notOnnx': '{name} is not a valid ONNX file ({error})',
  'file.noGraph': '{name} is not an ONNX model: it has no graph',
  'file.cannotConvert': 'cannot convert {name}: {error}',
  'file.noGraphOutput': '{name}: the graph has no output',
  'file.notTflite': '{name} is not a TFLite model (no "{id}" identifier at byte 4)',
  'file.badTflite': '{name} is not a valid TFLite file ({error})',
  'file.notKeras': '{name} is not a readable Keras model: {error}',
  'file.kerasRank': '{name}: input "{input}" has {n} dims besides the batch (1 to 8 can be counted)',
  'file.kerasUnknownSizes':
    '{name}: input "{input}" has unknown sizes [{shape}]: save the model with a fixed input shape',
  'file.kerasNotCounts': '{name}: input "{input}" has sizes [{shape}] that are not counts',
  'file.kerasNoOutput': '{name}: no output of the model is computed',
  'file.cannotRead': 'cannot read {name}: {error}',
  'file.caffeNoLayers': '{name} has no layers (expected "layer { … }" entries)',
  'file.caffeNoInput': '{name}: no layer reads an input',
  'file.outputNotComputed': 'the output {output} is not computed by any node',
  'file.cannotConvertGraph': 'cannot convert the graph: {error}',
  /** A file's name before a message of its own (kept as a match only when that message is keyed). */
  'file.named': '{name}: {error}',
  'file.readerNotLoaded': 'the importer could not be loaded: {error}',
  'file.importStopped': 'the import of {name} stopped: {error}',
  'file.workerFailed': 'the worker failed (out of memory?)',
  'file.unreadableAnswer': 'the import of {name} sent back an unreadable answer',
  'file.grew': 'the file grew while it was being read',
  'file.stringTooLong': '{what} in the file is {size} long; FlopLab reads strings of at most {limit}',
  // Importers' notes on single layers (src/engine/import/*/).
  'imp.groupsUnknown': '{label}: input channels unknown, so the groups could not be set',
  'imp.stochastic': '{label}: stochastic pooling counted as max pooling',
  'imp.withinChannel': '{label}: WITHIN_CHANNEL normalisation is counted as ACROSS_CHANNELS',
  'imp.unpool':
    "{label}: max-unpooling with the pool's indices is counted as nearest upsampling (both only place values)",
  'imp.embedBias': "{label}: the embedding's bias (num_output parameters, one add per output) is not counted",
  'imp.perRegion':
    '{label}: the layers after it are counted for one region; Caffe runs them once per region (e.g. 300)',
  'imp.scaleBias': "{label}: the Scale's bias β (one add per element, C parameters) is not counted",
  'imp.noTops': '{label}: input shape unknown; its tops are not imported',
  'imp.spp': "{label}: SPP counted as adaptive pools (Caffe's windows are ceil(H / bins) wide, padded)",
  'imp.assumedInput':
    "{where}: the file states no input size; [{shape}] is assumed (change the model's input to the real one)",
  'imp.assumedInputWith':
    "{where}: the file states no input size it can use ([{given}]); [{shape}] is assumed (change the model's input to the real one)",
  'imp.noBottom': '{label}: its bottom {list} is not produced by any layer; skipped',
  'imp.caffeOpaque':
    '{label}: layer type "{type}" is not counted (no formula for it); its output is taken to have its input\'s shape',
  'imp.netscopePool':
    "{name}: Netscope sizes this pooling {netscope}; PyTorch's ceil mode gives {h}×{w}, which is what is counted",
  'imp.kerasNotCounted': 'not counted (kept with its shape and weights): {what} × {n} — {list}',
  'imp.kerasNotCountedMany': 'not counted (kept with its shape and weights): {what} × {n}',
  'imp.kerasShared':
    '{n} later call(s) of shared layers use the first call\'s weights ("shares"): counted once, as count_params() does',
  'imp.kerasShape': "{name}: output [{shape}] (channels last) differs from the file's [{file}]",
  'imp.kerasWeights': '{name}: FlopLab counts {n} parameters and buffers, the file stores {stored} weights',
  'imp.kerasNoWeights': '{name}: its weights are not in the file; counted as none',
  'imp.kerasNoShape': "{name}: the file does not state its output shape; its input's is used",
  'imp.weightsUnreadable': 'model.weights.h5 cannot be read ({error}): weights of unmapped layers are unknown',
  'imp.noWeightsFile': 'the zip has no model.weights.h5: weights of unmapped layers are unknown',
  'imp.noWeightsGroup': 'the file has no model_weights group: weights of unmapped layers are unknown',
  'imp.noOutputTensor': '{op} (operator {i}) writes no output tensor: left out, not counted',
  'imp.tfliteMismatch':
    '{label}: mapped as {layers}, which gives {says}, but the file states [{want}]; kept as not counted',
  'imp.tfliteNoShape':
    '{label}: the file does not state a usable output shape ([{shape}]), so the layers after it cannot be counted',
  'imp.firstInput': '{label}: only the first of {n} computed inputs is followed',
  'imp.seqOutput': 'output "{name}" is sequence-first in the file; it is given batch-first',
  'imp.seqReader': '{label}: reads a sequence-first tensor of a recurrent layer; read batch-first (same elements)',
  'imp.gruReset':
    "{label}: linear_before_reset = 0 (the reset gate before the recurrent product) is counted as PyTorch's GRU",
  'imp.reverse': '{label}: a reverse-only direction is counted as forward',
  'imp.ifBranches': '{label}: an If without both branches is not read',
  'imp.ifRuntime':
    '{label}: its condition is known only when the model runs; the then-branch ({a} nodes) is counted, the else-branch ({b} nodes) is not',
  'imp.scaleAxis': 'one scale per element of axis {axis}, counted as per channel ({n} scales)',
  'imp.scaleCount': '{n} scales for {c} channels: the buffers count one per channel',
  'imp.blockedFed':
    '{list}: the blocked scale and zero point, graph inputs of x’s rank (batch included) fed at run time, are this layer’s buffers',
  'imp.intType': 'integer type {type} is shown as int8 (the counts do not depend on it)',
  // Why an imported operator is kept as not counted, or read approximately.
  'why.swishBeta': 'Swish with beta {beta} has no kind; SiLU is beta 1',
  'why.clipBounds': 'element-wise clip to other bounds than [0, 6] has no kind',
  'why.axpy': 'Axpy needs 3 bottoms, has {n}',
  'why.inputUnknown': 'its input shape is unknown',
  'why.reshape': 'Reshape: {error}',
  'why.reshapeBatch': 'Reshape moves the batch (to {n}); FlopLab keeps the batch first',
  'why.permuteBatch': 'Permute moves the batch dim',
  'why.priorBox': 'prior boxes computed from the shapes alone; Netscope counts them 0',
  'why.detection': 'decoding and non-maximum suppression depend on the data',
  'why.notMap': 'its input is not a [C, H, W] map',
  'why.mvn': 'mean subtraction alone (normalize_variance: false) has no kind',
  'why.roiPool': 'pooling over regions the proposal layer chooses',
  'why.im2col': 'a copy into columns (no arithmetic) with no kind',
  'why.reorg': 'space-to-depth reordering with no kind',
  'why.recurrent': "Caffe's {type} runs over the first dim as time; not mapped",
  'why.argmax': 'arg max returns indices; no kind',
  'why.python': 'Python layer {module} runs code FlopLab cannot see',
  'why.base': 'element-wise {type} in base {base}',
  'why.noKind': 'element-wise {type} has no kind',
  'why.clipNoBounds': 'Clip without bounds',
  'why.padMode': '{mode} padding counted as a constant pad (same shape, no arithmetic)',
  'why.argmaxKeep':
    'its output [N] (keepdims 0 of a [N, k] input) is given as [N, 1]: FlopLab keeps a dim besides the batch (the same elements)',
  'why.squeezeFlatten': 'Squeeze without axes is read as a flatten',
  'why.reshapeFlatten': 'a Reshape with a computed shape is read as a flatten',
  'why.reduceNoop': '{op} over an empty axes list with noop_with_empty_axes is its input',
  'why.emptyConstant': 'an empty constant, with a size of 0: FlopLab holds no empty tensor (nothing to compute)',
  'why.oneInput': '{op} of one input is that input',
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
  // Preset knobs (src/engine/presets/build.ts).
  'knob.unknown': '{preset} has no knob "{knob}" (knobs: {list})',
  'knob.none': '{preset} has no knob "{knob}" (it has no knobs)',
  'knob.number': '{preset}: {knob} must be a number',
  'knob.oneOf': '{preset}: {knob} must be one of {list}, got {v}',
  'knob.atLeast': '{preset}: {knob} must be at least {min}, got {v}',
  'knob.atMost': '{preset}: {knob} must be at most {max}, got {v}',
  'knob.integer': '{preset}: {knob} must be an integer, got {v}',
  'knob.multiple': '{preset}: {knob} must be a multiple of {step}, got {v}',
  'knob.plusMultiple': '{preset}: {knob} must be {base} plus a multiple of {step}, got {v}',
  // Exports and the formula inspector (src/engine/export/, src/engine/explain.ts).
  'export.failed': 'export failed: {error}',
  'export.cannotOnnx': 'cannot write ONNX: {error}',
  'export.cannotTable': 'cannot build the table: {error}',
  'export.trainingOnly': '{path}: the {type} head is training-only and not written',
  'export.bnAffine': '{label}: ONNX batch norm always has γ and β; it reads back as affine',
  'export.adaptiveFixed': '{label}: adaptive pooling to {h}×{w} is written as a fixed-window pool',
  'export.int16': '{label}: int16 QuantizeLinear/DequantizeLinear is opset 21; the file declares opset 20',
  'export.avgDilation':
    '{type} with dilation cannot be written to PyTorch: its AvgPool layers have no dilation (ONNX AveragePool has, from opset 19)',
  'export.quantizeBlocked':
    'blocked quantization (block_size) is not written: its scale has the input’s shape, batch dim included, so the file would run at one batch only',
  'export.powFed': 'pow with fed_exponent is not written: its exponent, fed at run time, is no value of the model',
  'export.instanceAffine': '{label}: ONNX InstanceNormalization always has scale and B; it reads back as affine',
  'export.block': '{path}: block {type} cannot be written to ONNX',
  'export.shares': '{path} uses the weights of "{shares}"; ONNX would get a copy of them',
  'export.graph':
    'takes its input with "from" (a graph edge); this writer follows the layer stack only, so it cannot write it',
  'export.opaque':
    '{op} is an operator of the imported file that FlopLab does not model (not counted): only its shape is known, so it cannot be written',
  'export.einsumLetters': 'the einsum equation uses every letter, so none is left for the batch',
  'export.noPytorch': 'no PyTorch module for layer type {type}',
  'export.unresolved': '"{ref}" names no earlier layer or model input',
  'export.pytorchInputs': 'layer type {type} takes one input as a PyTorch module; this writer cannot give it several',
  'export.noFixedWindow': 'adaptive pooling {h}×{w} → {oh}×{ow} has no fixed window',
  'export.flatten2d': 'flatten({start}, {end}) keeps {n} dims: ONNX Flatten makes 2-D tensors only',
  'export.conv1dSame': 'conv1d with padding "same" is not written to ONNX; give the padding as a number',
  'export.layerType': 'layer type {type} cannot be written to ONNX',
  'explain.noNumbers': '{path} has no numbers to explain',
  'explain.cannot': 'cannot explain {path}: {error}',
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
  'place.unknown': 'placement on the {accelerator} is unknown: no public rule table',
  'place.noPeak': 'no peak figure',
  'run.unknownDevice': 'unknown device "{id}" (list them with --list-devices)',
  'run.unknownDeviceBare': 'unknown device "{id}"',
  'run.noPrecision': '{device} has no {precision} figure; it supports {list}',
  'run.modelError': 'the model cannot be evaluated: {error}',
  'run.noPlacementTable': '{device} has no placement table',
  'run.placementUnknown': 'placement on {device} is unknown: {notes}',
  'run.needsHost': '{n} op(s) fall back to a CPU, but {reason}: pass a host',
  'run.hostChosen': 'chosen by the caller',
  'run.noHost': 'no host known',
  'place.elided': 'does nothing at inference: converters remove it',
  'place.constant': 'a constant tensor (weights), not an op',
  'place.restOnCpu': 'runs after {path}, the first op the {accelerator} cannot run: {source}',
} as const;
import { LAYER_MESSAGES_EN } from './messages-layers';

export type EngineMessageKey = keyof typeof ENGINE_MESSAGES_EN;

/**
 * Templates that only put a name before another message ('{name}: {error}'): any "x: y" has that
 * form, so a text is read as one only when its `error` is itself a keyed message.
 */
export const WRAPPER_KEYS: ReadonlySet<EngineMessageKey> = new Set<EngineMessageKey>(['file.named']);
export type MessageVars = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; a missing value leaves the placeholder visible (easy to spot). */
export const fill = (text: string, vars?: MessageVars): string =>
  vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k]))) : text;

/** The English sentence of `key` (what the engine always said). */
export const say = (key: EngineMessageKey, vars?: MessageVars): string => fill(ENGINE_MESSAGES_EN[key], vars);
