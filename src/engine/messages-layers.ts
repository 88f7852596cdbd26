/**
 * The layer kinds' own errors (src/engine/layers/): a shape a kind cannot take, a field that does not
 * fit the input, each with the fix it suggests. Part of the engine's message catalog (messages.ts,
 * same rules); kept apart so each file stays short.
 */
export const LAYER_MESSAGES_EN = {
  'word.depth': 'depth',
  'word.height': 'height',
  'word.width': 'width',
  'word.length': 'length',
  'layer.needsMap': '{type} needs a [C, H, W] feature map, got [{shape}]',
  'layer.needsMapFlat': '{type} needs a [C, H, W] feature map, got [{shape}] (after a flatten)',
  'layer.needsSequence': '{type} needs a sequence [C, L], got [{shape}]',
  'layer.needsVolume': '{type} needs a volume [C, D, H, W], got [{shape}]',
  'layer.needs1d': '{type} needs [C] or [C, L], got [{shape}]',
  'layer.needs3d': '{type} needs [C, D, H, W], got [{shape}]',
  'layer.linearFlat':
    'linear needs a flat [F] input (or tokens [L, D]), got [{shape}]: add a flatten layer (or an adaptive pool and a flatten) before it, or set in = {last} to apply it to the last dim',
  'layer.sameStride': '{type}: padding "same" needs stride 1 (as in PyTorch), got stride {stride}',
  'layer.kernelLarger':
    '{type}: kernel {k} is larger than the padded input {side} {padded} ({size} + 2·{pad}): use a kernel of at most {maxK}, or padding {needPad}',
  'layer.kernelLargerDilated':
    '{type}: kernel {k} (dilated to {eff}) is larger than the padded input {side} {padded} ({size} + 2·{pad}): use a kernel of at most {maxK}, or padding {needPad}',
  'layer.kernelLarger3d': '{type}: kernel {k} is larger than the padded input {side} {padded} ({size} + 2·{pad})',
  'layer.oneOrDhw': '{type}: {field} is one number or [d, h, w]',
  'layer.poolPad': '{type}: padding {p} must be at most half the kernel {k} (PyTorch rule): use padding {max} or less',
  'layer.poolPadDilated':
    '{type}: padding {p} must be at most half the dilated kernel {k} (PyTorch rule): use padding {max} or less',
  'layer.inGroups': '{type}: input channels {c} are not divisible by groups {g} ({hint})',
  'layer.outGroups': '{type}: output channels {c} are not divisible by groups {g} ({hint})',
  'layer.groupsHintOne': 'groups must divide both {c} and {out}: {list} does',
  'layer.groupsHintMany': 'groups must divide both {c} and {out}: {list} do',
  'layer.outputPadding':
    'convtranspose2d: output_padding {op} ({side}) must be smaller than the stride {s} or the dilation {d}',
  'layer.cropsTooMuch':
    'convtranspose2d: output would be {ho}×{wo}: padding {ph}×{pw} crops more than (in − 1)·stride + dilation·(kernel − 1) + 1',
  'layer.headsDivide': 'attention: embed dim {dim} does not divide by {heads} heads',
  'layer.channelsHeads': 'windowattention: {c} channels do not divide by {heads} heads',
  'layer.swinVersion': 'windowattention: version is 1 (Swin) or 2 (Swin V2), got {v}',
  'layer.maxOperands': '{type} takes at most {max} operands: {n} inputs and a scalar',
  'layer.binaryTooFewOrMore':
    '{type} takes 2 or more inputs but gets 1: name them with from, e.g. "from": [-1, "skip"] (-1 is the previous layer), or give a scalar',
  'layer.binaryTooFew':
    '{type} takes 2 inputs but gets 1: name them with from, e.g. "from": [-1, "skip"] (-1 is the previous layer), or give a scalar',
  'layer.shuffleGroups': 'channelshuffle: input channels {c} are not divisible by groups {g}',
  'layer.chunkNoPiece': 'chunk: {c} channels in chunks of {size} give {n} pieces, so there is no piece {i}',
  'layer.clampRange': 'clamp: min {min} is above max {max}',
  'layer.dimRange':
    '{type}: {field} {dim} is out of range for a tensor of {full} dims (batch included): use {lo} … {hi}',
  'layer.normDims':
    '{type}: dims {k} asks for the last {k} dims of a [{shape}] input, which has {rank}: normalise at most {rank} (the batch is never normalised)',
  'layer.dimBatch':
    '{type}: {field} {dim} is the batch dimension, which FlopLab keeps apart (dims count the batch as 0, channels as 1)',
  'layer.sameRank':
    '{type}: input {k} is {shape} but input 0 is {first}: inputs need the same number of dims (with the batch in front, PyTorch would align the batch of one with a data dim of the other); reshape one first',
  'layer.broadcast':
    '{type}: cannot broadcast input {k} {shape} with {first}: sizes {a} and {b} differ at dim {at} (sizes must be equal or 1, aligned at the last dim)',
  'layer.broadcastOthers':
    '{type}: cannot broadcast input {k} {shape} with {first} and the others: sizes {a} and {b} differ at dim {at} (sizes must be equal or 1, aligned at the last dim)',
  'layer.einsumOperand':
    'einsum: operand {i} is written "{letters}" ({n} dims) but is [{shape}] ({m} dims besides the batch)',
  'layer.einsumIndex': 'einsum: index {c} is {a} in one place and {b} in another',
  'layer.einsumCount11': 'einsum: "{eq}" has {n} operand but the layer gets {m} input (name them with from)',
  'layer.einsumCount1N': 'einsum: "{eq}" has {n} operand but the layer gets {m} inputs (name them with from)',
  'layer.einsumCountN1': 'einsum: "{eq}" has {n} operands but the layer gets {m} input (name them with from)',
  'layer.einsumCountNN': 'einsum: "{eq}" has {n} operands but the layer gets {m} inputs (name them with from)',
  'layer.einsumOutNone': 'einsum: output index {c} is in no operand',
  'layer.einsumOutRepeat': 'einsum: output index {c} repeats',
  'layer.flattenOrder': 'flatten: end dim {end} comes before start dim {start}',
  'layer.groupnormRank': 'groupnorm needs [C, ...] with at least one more dim, got [{shape}]',
  'layer.groupnormDivide': 'groupnorm: {c} channels do not divide into {g} groups',
  'layer.instancenormRank': 'instancenorm needs [C, L], [C, H, W] or [C, D, H, W], got [{shape}]',
  'layer.padPairs': 'pad: {n} numbers; give (before, after) pairs for at most the {dims} dims besides the batch',
  'layer.permuteDims': 'permute: dims {dims} must name each of the {full} dims (batch included) once, e.g. {example}',
  'layer.shuffleChannels': 'pixelshuffle: {c} channels do not divide by r² = {r2}',
  'layer.unshuffleSize': 'pixelshuffle (unshuffle): {h}×{w} does not divide by {r}',
  'layer.preluChannels': 'prelu: num_parameters must be 1 or the input channels {c}, got {a}',
  'layer.preluCount': 'prelu: num_parameters must be the slopes’ element count {n}, got {a}',
  'layer.preluBroadcast': 'prelu: slopes [{slopes}] do not broadcast to the input [{shape}]',
  'layer.rnnSequence': '{type} needs a sequence [L, I], got [{shape}]: reshape or permute first',
  'layer.rnnProj': '{type}: proj {proj} must be smaller than hidden {h} (PyTorch rule)',
  'layer.reshapeFree': 'reshape: shape {shape} may hold one -1 and no 0',
  'layer.rollShifts': 'roll: {n} shifts for {m} dims (give one shift per dim)',
  'layer.sdpaLast': 'sdpa: q and k need the same last dim, got {a} and {b}',
  'layer.sdpaLength': 'sdpa: k and v need the same length, got {a} and {b}',
  'layer.unaryExponent': 'unary: exponent is for op "pow" only (op is "{op}")',
  'layer.unsqueezeDim': 'unsqueeze: dim {dim} must be 1 … {max} (or negative); 0 would go before the batch',
  'layer.upsampleRank': 'upsample needs [C, L], [C, H, W] or [C, D, H, W], got [{shape}]',
  'layer.upsampleMode':
    'upsample: mode {mode} interpolates {want}-D inputs ([C{dots}]), got {sp}-D [{shape}] (PyTorch rule)',
  'layer.upsampleSize': 'upsample: a size [h, w] needs a map [C, H, W]; on {sp}-D give one number',
  'layer.whereInputs':
    'where takes a condition, x and y: {n} input(s) and {m} number(s) given (name the inputs with from)',
  'layer.attentionTokens': 'attention needs tokens [L, E], got {shape}: reshape or flatten and transpose first',
  'layer.catRank': 'cat: input {k} is {shape} but input 0 is {first} (same number of dims needed)',
  'layer.catSizes': 'cat: input {k} is {shape} but input 0 is {first}: sizes must match except along dim {dim}',
  'layer.clampGive': 'clamp: give min, max or both',
  'layer.concatNone': 'concat: needs at least one branch',
  'layer.concatMaps': 'concat: branches must output [C, H, W] feature maps, got {shape}',
  'layer.concatSpatial': 'concat: branch {i} outputs {shape} but branch 0 outputs {first} (spatial sizes must match)',
  'layer.conv1dPadding': 'conv1d: padding is one number or "same", not a pair',
  'layer.expandRank': 'expand: shape {shape} has more dims than the input {input} (new dims would go before the batch)',
  'layer.indexRange': '{type}: index {i} is out of range for size {n} of {shape}',
  'layer.linearIn': "linear: in {in} does not match the input's last dim {last} (input {shape})",
  'layer.matmulRank':
    'matmul needs two inputs of at least 2 dims besides the batch ([…, n, k] and […, k, m]), got {a} and {b}',
  'layer.matmulInner':
    "matmul: {a} @ {b}: the first input's last dim ({k}) must equal the second's second-to-last ({k2})",
  'layer.twoOrMore': '{type} takes 2 or more inputs: name them with from, e.g. "from": [-1, "other"]',
  'layer.opaqueEmpty': '{op}: the output shape is empty (input {shape})',
  'layer.permuteBatch': 'permute: the batch (dim 0) must stay first',
  'layer.quantizeBlocked': 'quantize: per_channel and block_size are two granularities of the scale; set one',
  'layer.powFed': 'pow: with fed_exponent, give x only and no base (the exponent is fed at run time)',
  'layer.powBase': 'pow: with a base, give the exponent only',
  'layer.compareNot': 'compare: not takes one input and no scalar ({n} input(s){scalar} given)',
  'layer.powInputs': 'pow takes 2 inputs (base and exponent): name them with from, or give a number as base',
  'layer.reshapeMultiple':
    'reshape: {shape} has {total} elements, which shape [{want}] cannot hold ({total} is not a multiple of {known})',
  'layer.reshapeHolds': 'reshape: {shape} has {total} elements, which shape [{want}] cannot hold (it holds {known})',
  'layer.residualShapes': 'residual: cannot add body output {body} to shortcut output {shortcut} (shapes must match)',
  'layer.scaleBroadcast': 'scale: body output {gate} does not broadcast to the input {shape}',
  'layer.sdpaRank': 'sdpa needs [..., L, d] inputs, got {shape}',
  'layer.sdpaLeading': 'sdpa: q {q}, k {k} and v {v} must share their leading dims',
  'layer.oneDimLeft': '{type}: the input has one dim besides the batch; nothing would be left',
  'layer.topkMoreThan': 'topk: k {k} is more than the {n} values along dim {dim} of {shape}',
  'layer.takeTooManyDims': 'take: the output would have {n} dims (batch included); at most 9',
  'layer.gatherIndex': 'gather: give the index tensor as a second input (from: [-1, "idx"]) or its shape (indexShape)',
  'layer.sliceEmpty': 'slice: {start}:{end}:{step} of size {n} ({shape}) is empty',
  'layer.squeezeSize': 'squeeze: dim {dim} of {shape} has size {n}, not 1',
  'layer.tileRepeats': 'tile: {n} repeats for the {m} dims of {shape} (one per dim)',
  'layer.upsampleOne': 'upsample: give exactly one of scale and size (PyTorch rule)',
  'layer.swinMap':
    'windowattention needs a channels-last map [H, W, C], got {shape}: permute [C, H, W] with dims 0, 2, 3, 1 first',
} as const;
