/**
 * The known gaps of onnx-node-cases.test.ts: each cause (found by importing the file and comparing with
 * onnx-tool's node rows and the reference shapes) with the check it fails and the node-test files it holds for.
 */
import type { Check, Gaps } from './onnx-fixture-suite';

// Not counted: an opaque row (0), said so; its shape may be wrong.
const NO_KIND =
  'NonZero has no layer kind in FlopLab (its output size depends on the data): a not-counted row (0) with the stated [2, 3]; onnx-tool’s 8 is the volume of an output it makes up (having no data, it finds no non-zero in its zeros and substitutes ones: [2, 4], node.py NonZeroNode), not the file’s';
const RUNTIME_INDEX_OPAQUE =
  'the op’s index operand (starts / ends, repeats, target shape, axes) is a graph input, read as a run-time constant of unknown values (inputs.ts): a not-counted row, and the op changes the file’s first dim, which FlopLab keeps as the batch, so the row’s output keeps the batch and not the reference’s first dim';
const NO_KIND_SHAPE =
  'the operator has no layer kind (no mapping in ops.ts or its helpers): a not-counted opaque row, whose output keeps a first dim FlopLab takes for the batch (or the input’s shape where the file states none): not the reference’s shape';
const CENTER_CROP =
  'the expanded CenterCropPad: its pads and slice bounds come from a graph input (the target shape, run-time), so the Pad and the Slice are not-counted rows and the shape arithmetic onnx-tool counts (Max, Sub, Div, Add) is not folded; the output keeps the input’s shape';
const EINSUM_1D =
  'an inner product of two 1-D inputs: the batch-first reading merges the batch into their only dim (batch-axis.ts refuses Einsum on a merged value), a not-counted row with the input’s shape, where the output is a scalar';
// Deliberate design differences.
const ZERO_DIM =
  'a size of 0 (an empty tensor) in the file: FlopLab holds no empty tensor, and a 0 is also what some exporters write for a size left open (Paddle2ONNX’s batch: PaddlePaddle/Paddle2ONNX#53), so an input’s 0 is read as open (128, or batch 1, used), said in a notice naming the 0 (inputs.ts: file.zeroSizes); an output stated with a 0 is compared and said (output-check.ts: file.emptyOutputs): shapes and counts are those of a non-empty tensor, where onnx-tool counts 0';
const EMPTY_CONSTANT =
  'Shape with start > end folds to the empty constant [0], the graph’s only output: no row holds an empty tensor, so it is a not-counted row on the input (constant-outputs.ts emptyConstantOutputs: 0 operations, as onnx-tool), whose shape is the input’s, said (file.emptyOutputs)';
const PRELU_FED =
  'the slope is a graph input: prelu_broadcast’s [5] is read as the layer’s 5 slopes, fed at run time (FlopLab counts them as parameters, onnx-tool counts stored tensors only, 0); prelu_example’s slope [3, 4, 5] has the batch dim, a slope per sample no prelu row holds: FlopLab follows x, counts one slope and says so (‘only the first of 2 computed inputs is followed’)';
const CONSTANT_OUTPUT =
  'every output folds to a constant (Shape of a fixed-shape input, a Constant node): FlopLab gives each as a stored constant, a buffer of its elements (constant-outputs.ts); onnx-tool counts no params for it';
const EXTRA_OUTPUTS =
  'the node has further outputs with shapes of their own (LayerNormalization’s Mean and InvStdDev, a training BatchNormalization’s running mean and variance): FlopLab reads the node by its first output and leaves those out, with a notice naming them (secondary-outputs.ts; a Dropout’s mask and a MaxPool’s Indices, of the first output’s shape, are given)';
const FED_WEIGHTS =
  'the layer’s weights (conv kernel, norm scale and bias and running stats, recurrent W / R / B; a QuantizeLinear’s scale and zero point) are graph inputs fed at run time: FlopLab counts them as the layer’s parameters (fed-weights.ts, the norm and recurrent kinds’ own parameters) or buffers (the quantize kind’s 2·C, or 2 per block: a blocked scale of x’s rank, batch included, read as data, quant-ops.ts); onnx-tool counts stored tensors only (0)';
const SCALAR_AS_1 =
  'the output is a 0-d scalar (a loss, a quantization scale / zero point); FlopLab holds a value reduced to a scalar as [1] (batch-axis.ts reduceAll)';
const ONE_ELEMENT_FOLDED =
  'onnx-tool counts the one-element float Constants the Where nodes read (shape [1]) as params; FlopLab reads a one-element constant operand as a number (the where kind’s scalar), never a weight';
const RNN_YH =
  'Y_h is [num_directions, N, H] in the file; FlopLab gives a sequence-first output batch-first and drops the num_directions dim ([N, H])';
const ROIALIGN =
  'the output [R, C, oh, ow] puts the RoIs where FlopLab keeps the batch: the not-counted row gives [N, C, oh, ow]';
const ARGMAX_NOKEEP =
  'the output is [N], every dim but the first reduced away (ArgMax of [N, k] without keepdims, a Reduce over all other axes): FlopLab keeps a dim besides the batch ([N, 1]), with a notice';
const ONE_D_INPUTS = '1-D inputs are read as n samples of one value (inputs.ts), so the outputs carry a trailing 1';
const TRANSPOSE_BATCH =
  'the permutation moves the first dim: FlopLab gives the output batch-first (a notice says it is sequence-first in the file)';
// onnx-tool's own quirks its convention does not copy, each because no layer holds what the quirk depends on. (Copied,
// so no longer gaps: a Clip without bounds and a Max / Min of one input (identity.onnx_op), the last ceil-mode pool
// window starting in the padding, MatMul's larger-volume leading dims: conventions/onnx-tool.ts, onnx-tool-quirks.test.ts.)
const OT_SCALAR_DIV =
  'the expanded NegativeLogLikelihoodLoss with mean reduction ends in a Div of two 0-d sums: onnx-tool’s volume of a 0-d shape is 0, so it counts that Div 0; FlopLab holds a scalar as [1] and counts its DIV_MACS, 4 (every other node equal, GatherElements being the gather kind). Not copied: a row holds no 0-d tensor (SCALAR_AS_1), so a 0-d Div and a [1] one are the same layer';
const OT_CONVT_AUTOPAD =
  'ConvTranspose with auto_pad SAME_UPPER: onnx-tool’s ConvTransposeNode.shape_infer ignores auto_pad (pads 0), so its output is 7 × 7 where ONNX’s (and onnxruntime’s) is 6 × 6 (in · stride), and it counts the larger output. Not copied: the convtranspose2d layer holds the pads auto_pad resolves to (padding 1, output_padding 1), as PyTorch writes them, the same layer as explicit pads, which onnx-tool honours';
const OT_MADE_UP_AXES =
  'the expanded ReduceLogSum: its ReduceSum reads the axes from a graph input, whose values onnx-tool, having no data, makes up (tensor.py creates them with numpy.zeros): its ReduceSum reduces axis 0 only, or nothing for the empty axes of _default, so the Log after it is counted (43 per element) on 4 × 5 or on all 60 values, not on the file’s output; FlopLab takes the axes from the stated shapes (stated-operands.ts) and counts the Log on the real output. Not copied: the made-up values follow from onnx-tool not running the graph, not from any layer';
const OT_MADE_UP_SIZES =
  'Resize’s sizes are a graph input, whose values onnx-tool, having no data, makes up as zeros (tensor.py get_numpy: numpy.zeros); ResizeNode.shape_infer (onnx_tool/node.py 1338-1367) takes 4 of them as the output shape, [0, 0, 0, 0], volume 0, so 0; and 2 (Resize-18’s axes) as xshape[:2] + sizes, a list plus a numpy array, so an element-wise sum [1, 1], volume 1, so RESIZE_LINEAR_MACS 4. FlopLab takes the sizes from the stated output shape (stated-operands.ts) and counts the upsample kind per output element (onnx-tool’s convention: linear 4, cubic 8, so 36, 72, 12, 720). Not copied: as OT_MADE_UP_AXES, the made-up values follow from onnx-tool not running the graph';
const DQL =
  'the expanded DynamicQuantizeLinear: onnx-tool counts the arithmetic on 0-d tensors (Min, Max, Sub, Div, Clip, Round) 0 (a 0-d shape’s volume is 0 in onnx-tool), FlopLab counts each on [1]; and FlopLab does not count the QuantizeLinear (its scale computed, quant-ops.ts) that onnx-tool counts. Not copied: as OT_SCALAR_DIV, a row holds no 0-d tensor';
const SCALAR_CONST_PARAM =
  'the 0-d float Constants (0, 255) Min and Max read: FlopLab makes each a one-element parameter row; onnx-tool’s volume of a 0-d shape is 0';

/** A cause, the check it fails and the files (ONNX node-test names without `test_`), most files first. */
const on =
  (why: string, check: Check) =>
  (names: TemplateStringsArray): readonly [string, Check, string] => [why, check, names.raw.join('')];
const GROUPS = [
  on(CONSTANT_OUTPUT, 'weights')`
    constant shape shape_clip_end shape_clip_start shape_end_1 shape_end_negative_1 shape_example shape_start_1
    shape_start_1_end_2 shape_start_1_end_negative_1 shape_start_negative_1`,
  on(FED_WEIGHTS, 'weights')`
    causal_conv_with_state_decode_step_expanded causal_conv_with_state_with_bias_and_past_state_expanded
    causal_conv_with_state_with_past_state_expanded basic_conv_with_padding basic_conv_without_padding batchnorm_epsilon batchnorm_epsilon_training_mode
    batchnorm_example batchnorm_example_training_mode conv_with_autopad_same
    conv_with_strides_and_asymmetric_padding conv_with_strides_no_padding conv_with_strides_padding convtranspose
    convtranspose_1d convtranspose_autopad_same convtranspose_dilations convtranspose_group_2
    convtranspose_group_2_image_3 convtranspose_kernel_shape convtranspose_output_shape convtranspose_pad
    convtranspose_pads gru_seq_length gru_with_initial_bias instancenorm_epsilon instancenorm_example
    layer_normalization_2d_axis0 layer_normalization_2d_axis1 layer_normalization_2d_axis_negative_1
    layer_normalization_2d_axis_negative_2 layer_normalization_3d_axis0_epsilon layer_normalization_3d_axis1_epsilon
    layer_normalization_3d_axis2_epsilon layer_normalization_3d_axis_negative_1_epsilon
    layer_normalization_3d_axis_negative_2_epsilon layer_normalization_3d_axis_negative_3_epsilon
    layer_normalization_4d_axis0 layer_normalization_4d_axis1 layer_normalization_4d_axis2
    layer_normalization_4d_axis3 layer_normalization_4d_axis_negative_1 layer_normalization_4d_axis_negative_2
    layer_normalization_4d_axis_negative_3 layer_normalization_4d_axis_negative_4 layer_normalization_default_axis
    lstm_with_initial_bias lstm_with_peepholes
    dequantizelinear_axis quantizelinear_axis dequantizelinear_blocked quantizelinear_blocked_asymmetric`,
  on(NO_KIND, 'count')`
    nonzero_example`,
  on(EXTRA_OUTPUTS, 'outputs')`
    batchnorm_epsilon_training_mode batchnorm_example_training_mode layer_normalization_2d_axis0
    layer_normalization_2d_axis1 layer_normalization_2d_axis_negative_1 layer_normalization_2d_axis_negative_2
    layer_normalization_3d_axis0_epsilon layer_normalization_3d_axis1_epsilon layer_normalization_3d_axis2_epsilon
    layer_normalization_3d_axis_negative_1_epsilon layer_normalization_3d_axis_negative_2_epsilon
    layer_normalization_3d_axis_negative_3_epsilon layer_normalization_4d_axis0 layer_normalization_4d_axis1
    layer_normalization_4d_axis2 layer_normalization_4d_axis3 layer_normalization_4d_axis_negative_1
    layer_normalization_4d_axis_negative_2 layer_normalization_4d_axis_negative_3
    layer_normalization_4d_axis_negative_4 layer_normalization_default_axis`,
  on(OT_MADE_UP_AXES, 'count')`
    reduce_log_sum_asc_axes_expanded reduce_log_sum_default_expanded reduce_log_sum_desc_axes_expanded
    reduce_log_sum_negative_axes_expanded`,
  on(OT_SCALAR_DIV, 'count')`
    nllloss_NCd1_ii_expanded nllloss_NCd1_mean_weight_negative_ii_expanded nllloss_NCd1_weight_expanded
    nllloss_NCd1_weight_ii_expanded nllloss_NCd1d2_no_weight_reduction_mean_ii_expanded
    nllloss_NCd1d2_with_weight_reduction_mean_expanded nllloss_NCd1d2d3d4d5_mean_weight_expanded`,
  on(SCALAR_AS_1, 'outputs')`
    dynamicquantizelinear_expanded dynamicquantizelinear_max_adjusted_expanded
    dynamicquantizelinear_min_adjusted_expanded nllloss_NCd1_expanded nllloss_NCd1_ii_expanded
    nllloss_NCd1_mean_weight_negative_ii_expanded nllloss_NCd1_weight_expanded nllloss_NCd1_weight_ii_expanded
    nllloss_NCd1d2_no_weight_reduction_mean_ii_expanded nllloss_NCd1d2_reduction_mean_expanded
    nllloss_NCd1d2_reduction_sum_expanded nllloss_NCd1d2_with_weight_reduction_mean_expanded
    nllloss_NCd1d2_with_weight_reduction_sum_expanded nllloss_NCd1d2_with_weight_reduction_sum_ii_expanded
    nllloss_NCd1d2d3_sum_weight_high_ii_expanded nllloss_NCd1d2d3d4d5_mean_weight_expanded`,
  on(EMPTY_CONSTANT, 'outputs')`
    shape_start_greater_than_end`,
  on(ONE_ELEMENT_FOLDED, 'weights')`
    nllloss_NCd1_ii_expanded nllloss_NCd1_mean_weight_negative_ii_expanded nllloss_NCd1_weight_ii_expanded
    nllloss_NCd1d2_no_weight_reduction_mean_ii_expanded nllloss_NCd1d2_with_weight_reduction_sum_ii_expanded
    nllloss_NCd1d2d3_none_no_weight_negative_ii_expanded nllloss_NCd1d2d3_sum_weight_high_ii_expanded`,
  on(RUNTIME_INDEX_OPAQUE, 'outputs')`
    expand_dim_changed slice slice_neg_steps`,
  on(ZERO_DIM, 'count')`
    reduce_l1_empty_set_expanded reduce_log_sum_empty_set_expanded reduce_sum_square_empty_set_expanded`,
  on(ZERO_DIM, 'outputs')`
    constantofshape_int_shape_zero reduce_log_sum_empty_set_expanded reduce_sum_empty_set_non_reduced_axis_zero
    reshape_allowzero_reordered slice_start_out_of_bounds tril_zero triu_zero`,
  on(NO_KIND_SHAPE, 'outputs')`
    compress_0 compress_default_axis gathernd_example_int32`,
  on(RNN_YH, 'outputs')`
    gru_seq_length gru_with_initial_bias lstm_with_initial_bias lstm_with_peepholes`,
  on(CENTER_CROP, 'count')`
    center_crop_pad_crop_and_pad_expanded center_crop_pad_crop_expanded center_crop_pad_pad_expanded`,
  on(CENTER_CROP, 'outputs')`
    center_crop_pad_crop_and_pad_expanded center_crop_pad_crop_expanded center_crop_pad_pad_expanded`,
  on(DQL, 'count')`
    dynamicquantizelinear_expanded dynamicquantizelinear_max_adjusted_expanded
    dynamicquantizelinear_min_adjusted_expanded`,
  on(ROIALIGN, 'outputs')`
    roialign_aligned_false roialign_aligned_true roialign_mode_max`,
  on(SCALAR_CONST_PARAM, 'weights')`
    dynamicquantizelinear_expanded dynamicquantizelinear_max_adjusted_expanded
    dynamicquantizelinear_min_adjusted_expanded`,
  on(ARGMAX_NOKEEP, 'outputs')`
    argmax_no_keepdims_example argmax_no_keepdims_example_select_last_index reduce_log_sum_desc_axes_expanded`,
  on(OT_CONVT_AUTOPAD, 'count')`
    convtranspose_autopad_same`,
  on(PRELU_FED, 'weights')`
    prelu_broadcast prelu_example`,
  on(OT_MADE_UP_SIZES, 'count')`
    resize_downsample_sizes_cubic resize_downsample_sizes_linear_pytorch_half_pixel resize_tf_crop_and_resize
    resize_tf_crop_and_resize_axes_2_3 resize_tf_crop_and_resize_axes_3_2 resize_tf_crop_and_resize_extrapolation_value
    resize_upsample_sizes_cubic`,
  on(EINSUM_1D, 'count')`
    einsum_inner_prod`,
  on(EINSUM_1D, 'outputs')`
    einsum_inner_prod`,
  on(ONE_D_INPUTS, 'outputs')`
    pow_bcast_scalar`,
  on(TRANSPOSE_BATCH, 'outputs')`
    transpose_all_permutations_2`,
];

/** Every failing check of the node tests, by file. */
export const NODE_CASE_GAPS: Gaps = {};
for (const [why, check, names] of GROUPS)
  for (const short of names.split(/\s+/).filter(Boolean)) {
    const name = `test_${short}`;
    NODE_CASE_GAPS[name] = { ...NODE_CASE_GAPS[name], [check]: why };
  }
