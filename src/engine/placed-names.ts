/**
 * The own fields of a layer placed from an equal layer's evaluation (shared-layers.ts). Equal
 * there means equal but for names and the layer's own id and from, so the placed rows keep the
 * numbers and shapes and take from the new spec what it says about itself: each row's `name`
 * and `params_` (its fields with defaults, as parsing gives them), and the first row's `id`.
 * Found here, before the rows are placed, so a row is built once (rows.ts `placeRows`).
 */
import type { LayerSpec } from './format/model';
import type { BlockKind } from './layers/block';
import type { Params } from './layers/kind';
import { withDefaults } from './layers/fields';
import { kindOf, type AnyKind } from './layers/registry';
import type { Memo, OwnFields, Row } from './rows';
import { sameContent } from './shared-layers';

/**
 * For each of the memo's rows, the placed row's own fields where they differ from the memo's
 * (undefined: the same), or null when no row differs (an unnamed leaf: nothing allocated).
 */
export function placedFields(spec: LayerSpec, memo: Memo): (OwnFields | undefined)[] | null {
  const first = memo.rows[0];
  if (!first.block) return differs(first, spec, true) ? [ownFields(spec)] : null;
  const placed = new Placed(memo);
  placed.layer(spec, 0, true);
  return placed.own;
}

/** The row's name (or whether its params_ has one) differs from the spec's; `top`: or its id or from. */
function differs(r: Row, spec: LayerSpec, top: boolean): boolean {
  const own = r.params_ as Record<string, unknown>;
  return (
    r.name !== spec.name ||
    'name' in spec !== 'name' in own ||
    (top && (own.id !== spec.id || 'id' in spec !== 'id' in own || !sameContent(spec.from, own.from)))
  );
}

/** What a row of `spec` says about itself, as evaluating it gives (params_: its fields with defaults). */
function ownFields(spec: LayerSpec): OwnFields {
  const kind = kindOf(spec.type) as AnyKind;
  return { name: spec.name, id: spec.id, params_: withDefaults(kind.fields, spec) };
}

/** The walk over a placed block and the layers inside it, noting the rows whose own fields differ. */
class Placed {
  own: (OwnFields | undefined)[] | null = null;

  constructor(private readonly memo: Memo) {}

  /**
   * Notes the own fields of the layer whose row is the memo's `i`-th (`top`: the placed layer,
   * whose id and from may differ too) and of the layers inside it; true if any differ.
   */
  layer(spec: LayerSpec, i: number, top: boolean): boolean {
    const r = this.memo.rows[i];
    let own = differs(r, spec, top);
    // A block row's params_ holds its lists, so a name inside differs there too.
    if (r.block && this.inside(spec, i)) own = true;
    if (own) (this.own ??= new Array<OwnFields | undefined>(this.memo.rows.length))[i] = ownFields(spec);
    return own;
  }

  /** The layers inside the block whose row is the memo's `at`-th, walked as run.ts runs them. */
  private inside(spec: LayerSpec, at: number): boolean {
    const rows = this.memo.rows;
    const kind = kindOf(spec.type) as BlockKind;
    // A repeat's body has rows once per iteration, each from the same specs; other blocks run every list once.
    const repeat = kind.mode === 'repeat';
    const lists = repeat ? kind.lists(spec).slice(0, 1) : kind.lists(spec);
    const rounds = repeat ? ((rows[at].params_ as Params).times as number) : 1;
    let any = false;
    let i = at + 1;
    for (let t = 0; t < rounds; t++)
      for (const list of lists)
        for (const layer of list.layers) {
          if (this.layer(layer, i, false)) any = true;
          // Row `end`s count from the start of the run that computed them.
          i = rows[i].end - this.memo.start;
        }
    return any;
  }
}
