/**
 * Names in a graph model: which tensor a `from` reference means, and what a block read from
 * outside itself (so its rows may be reused only where those reads are still the same).
 *
 * A layer with an `id` defines that name from the row where it starts; a model input defines its
 * name before every row. A reference means the latest definition before the reading layer (a
 * later layer with the same id shadows an earlier one: Caffe's in-place `top`, a repeat body's
 * ids in each iteration). References are resolved in evaluation order, so a reference to a layer
 * that comes later is unresolved: a graph written this way can have no cycle.
 *
 * Reuse: a block's rows depend on its input shape and on the shapes it read from outside (a
 * `from` inside it naming a layer before it). Every read is logged into each open block that
 * the definition lies outside of; a block's reads are kept with its rows, and the rows are
 * reused only when every read gives the same shape again (`replay`).
 */
import type { Shape } from './format/model';
import { sameShape } from './rows';

/** A name a block read from outside itself and what it found (`undefined`: no such name). */
export interface Read {
  readonly ref: string;
  readonly shape: Shape | null | undefined;
}

interface Def {
  readonly shape: Shape | null;
  /** Index of the defining layer's first row; -1 for model inputs. */
  readonly at: number;
}

interface Frame {
  readonly start: number;
  reads: Read[] | null;
}

export class Scope {
  private readonly defs = new Map<string, Def>();
  private readonly frames: Frame[] = [];
  /** Names defined since `track()`, each with what it named before (see `changes`). */
  private readonly changed = new Map<string, Shape | null | undefined>();
  private tracking = false;

  define(name: string, shape: Shape | null, at: number): void {
    if (this.tracking && !this.changed.has(name)) this.changed.set(name, this.defs.get(name)?.shape);
    this.defs.set(name, { shape, at });
  }

  /** The shape a name gives now, without logging a read (undefined: nothing by that name). */
  peek(ref: string): Shape | null | undefined {
    return this.defs.get(ref)?.shape;
  }

  /**
   * Starts (again) noting which names get defined, for a run that compares its names with the run
   * before's (previous-run.ts): from here on, `changes` holds each name defined since, with the
   * shape it gave just before its first definition (undefined: nothing).
   */
  track(): void {
    this.changed.clear();
    this.tracking = true;
  }

  /** Stops noting definitions until the next `track()` (which forgets those noted so far). */
  pause(): void {
    this.tracking = false;
  }

  get changes(): ReadonlyMap<string, Shape | null | undefined> {
    return this.changed;
  }

  /** The tensor a reference names now (undefined: nothing by that name so far), logged as a read. */
  read(ref: string): Shape | null | undefined {
    const d = this.defs.get(ref);
    this.log(ref, d);
    return d ? d.shape : undefined;
  }

  /** Whether anything by this name is defined so far (not logged: only for messages). */
  has(ref: string): boolean {
    return this.defs.has(ref);
  }

  /** A block's rows start at row `start`: reads of names defined before it are its outside reads. */
  open(start: number): void {
    this.frames.push({ start, reads: null });
  }

  /** The block that was opened last is done: what it read from outside (null: nothing). */
  close(): readonly Read[] | null {
    return (this.frames.pop() as Frame).reads;
  }

  /**
   * Whether reads recorded by an earlier evaluation find the same shapes now; if they do, they
   * are logged again for the open blocks (the reused rows read them too).
   */
  replay(reads: readonly Read[]): boolean {
    for (const r of reads) {
      // A name that was not defined made an error whose message depends on the rest of the model
      // (a later layer with that id is named in it): such rows are never reused.
      if (r.shape === undefined) return false;
      const d = this.defs.get(r.ref);
      if (d === undefined || !sameShape(d.shape, r.shape)) return false;
    }
    if (this.frames.length) for (const r of reads) this.log(r.ref, this.defs.get(r.ref));
    return true;
  }

  private log(ref: string, d: Def | undefined): void {
    const at = d ? d.at : Infinity;
    // Innermost block first; a definition inside a block is inside every block around it too.
    for (let i = this.frames.length - 1; i >= 0; i--) {
      const f = this.frames[i];
      if (d && at >= f.start) break;
      (f.reads ??= []).push({ ref, shape: d ? d.shape : undefined });
    }
  }
}
