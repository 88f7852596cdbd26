/**
 * Operator placement (issue 17): which accelerator runs which layer, from rule tables taken from
 * each vendor's public documentation. One file per target; every rule carries the document it
 * comes from. A rule says, for FlopLab layer kinds (a row's `type`), whether the target runs them
 * and under which documented limits; what a vendor does not document is said in the rule
 * (`undocumented`), never filled in from memory. A kind no rule names runs on the CPU.
 */
import type { Row } from '../../rows';
import type { Precision, Source } from '../devices/schema';

export type { Source } from '../devices/schema';

export type Where = 'accelerator' | 'cpu';

/** What a limit check sees: the row, the model's batch and the precision placed at. */
export interface PlaceContext {
  readonly row: Row;
  readonly batch: number;
  readonly dtype: Precision;
}

/** One documented limit: `check` gives the failing numbers as a sentence, or null when the op is within it. */
export interface Limit {
  readonly text: string;
  check(ctx: PlaceContext): string | null;
}

export interface OpRule {
  /** `target.op`: what a placement row names as the rule that decided. */
  readonly id: string;
  /** FlopLab kinds the rule decides (a block's combining op: `residual`, `concat`, `scale`). */
  readonly kinds: readonly string[];
  /** Narrows the rule to some rows of those kinds (a depthwise conv, an upsample mode). */
  readonly when?: (row: Row) => boolean;
  /** The vendor's name for the op the layer becomes (`DEPTHWISE_CONV_2D`, `Conv2d`, `exSwish`). */
  readonly vendorOp: string;
  readonly on: Where;
  /** The rule as the vendor documents it (close to their words). */
  readonly text: string;
  readonly source: Source;
  /** Documented limits; the first one that fails sends the op to the CPU. */
  readonly limits?: readonly Limit[];
  /** What the source does not say and FlopLab had to decide (shown with the rule); absent = documented. */
  readonly undocumented?: string;
}

/** Layers a target's converter merges into the op before them (TFLite's fused activation, folded batch norm). */
export interface Fusion {
  /** Kinds that can take a fused layer (conv2d, linear …). */
  readonly hosts: readonly string[];
  readonly kinds: readonly string[];
  readonly text: string;
  readonly source: Source;
}

export interface PlacementTarget {
  readonly id: string;
  readonly name: string;
  /** The accelerator's name as the app shows it: 'Edge TPU', 'Hexagon NPU (HTP)'. */
  readonly accelerator: string;
  /** Precisions the accelerator runs; any other precision puts every op on the CPU. */
  readonly dtypes: readonly Precision[];
  readonly dtypeSource: Source;
  /**
   * 'rest-on-cpu': the first unsupported op and everything after it run on the CPU (Edge TPU
   * compiler). 'per-op': the runtime partitions the graph, so later supported ops return to the
   * accelerator (delegates, RKNN, nncase).
   */
  readonly fallbackMode: 'rest-on-cpu' | 'per-op';
  readonly fallbackSource: Source;
  /** False when no public rule table exists: placement is then reported as unknown, not guessed. */
  readonly documented: boolean;
  /** Limits every op must meet on this target (tensor rank, batch), checked before the op's own. */
  readonly generic?: readonly (Limit & { readonly id: string; readonly source: Source })[];
  readonly fusions?: readonly Fusion[];
  readonly rules: readonly OpRule[];
  readonly sources: readonly Source[];
  /** What the target's sources leave open, in one or two sentences. */
  readonly notes?: string;
  /**
   * Conversions at the graph's edges — a quantize of the model's float input (the first op) and any
   * dequantize — run on the CPU without ending the accelerator's partition, as the Edge TPU compiler
   * reports them; the source says so.
   */
  readonly edgeConversions?: { readonly text: string; readonly source: Source };
  /** Why a kind no rule names runs on the CPU, when the default sentence (not in the supported list) does not fit. */
  readonly unlisted?: string;
}

/** How a row takes part in the op count. */
export type OpRole = 'op' | 'fused' | 'elided' | 'constant';

export interface PlacedRow {
  readonly index: number;
  readonly path: string;
  readonly type: string;
  readonly role: OpRole;
  readonly on: Where;
  readonly ruleId: string;
  readonly why: string;
  /** The rule (or the limit) leaves something undocumented: say so next to the row. */
  readonly undocumented?: boolean;
  /** A fused row: the index of the op it is merged into. */
  readonly fusedInto?: number;
}

export interface Partition {
  readonly on: Where;
  /** Row indices of the partition's first and last op (a block's combining op sits after its body). */
  readonly firstIndex: number;
  readonly lastIndex: number;
  readonly ops: number;
}

export interface Placement {
  readonly target: string;
  readonly targetName: string;
  readonly accelerator: string;
  readonly dtype: Precision;
  /** False for a target without a public rule table: `rows` then say so and the counts mean nothing. */
  readonly documented: boolean;
  readonly fallbackMode: PlacementTarget['fallbackMode'];
  /** Op, fused, elided and constant rows in row order (blocks without an op of their own are left out). */
  readonly rows: PlacedRow[];
  readonly opsOnAccelerator: number;
  readonly opsTotal: number;
  /** The first op (in execution order) that runs on the CPU, and why. */
  readonly firstFallback: {
    readonly index: number;
    readonly path: string;
    readonly ruleId: string;
    readonly why: string;
  } | null;
  /** Maximal runs of ops on one side, in execution order. */
  readonly partitions: Partition[];
  readonly undocumentedRows: number;
  readonly notes: string[];
}
