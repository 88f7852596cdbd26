/**
 * The dataflow graph a Caffe net becomes while its layers are read in order: blobs name the
 * current value (a layer writing its bottom in place gives the blob a new value), every node's
 * output shape is followed with the layer kinds' own shape rules (import/shape-track.ts), so a
 * layer whose meaning depends on its input (a depthwise convolution's groups, a Crop to another
 * blob, PReLU's slopes) is mapped with the numbers Caffe would use.
 */
import type { LayerSpec, Shape } from '../../format/model';
import type { GraphNode } from '../graph';
import { ShapeTrack } from '../shape-track';

export class Builder {
  readonly nodes: GraphNode[] = [];
  /** Blob name → current value. */
  readonly blob = new Map<string, string>();
  readonly shapes = new ShapeTrack();
  /** Value → index of the node computing it. */
  readonly producer = new Map<string, number>();
  /** Values some node reads. */
  readonly used = new Set<string>();
  readonly warnings: string[] = [];
  /** Not-counted layers: Caffe type → layer names. */
  readonly notCounted = new Map<string, string[]>();
  /** Upsample layers that unpool to a stated size with a pool's mask (SegNet): where the input size can be read. */
  readonly unpools: { label: string; mask: string; h: number; w: number }[] = [];
  private serial = 0;

  fresh(name: string): string {
    return `${name}@${this.serial++}`;
  }

  value(blob: string): string | undefined {
    return this.blob.get(blob);
  }

  shape(value: string | undefined): Shape | null {
    return value === undefined ? null : this.shapes.get(value);
  }

  /** Adds a node computing `specs` (a join when op ≠ 'layers') and points `tops` at its output. */
  add(
    label: string,
    name: string | undefined,
    op: GraphNode['op'],
    inputs: readonly string[],
    tops: readonly string[],
    specs?: readonly LayerSpec[],
  ): string {
    const output = this.fresh(tops[0] ?? name ?? 'value');
    const node: GraphNode = {
      label,
      ...(name !== undefined && op !== 'layers' ? { name } : {}),
      op,
      inputs,
      output,
      ...(specs ? { layers: specs } : {}),
    };
    this.shapes.add(node);
    this.nodes.push(node);
    this.producer.set(output, this.nodes.length - 1);
    inputs.forEach((v) => this.used.add(v));
    for (const t of tops) this.blob.set(t, output);
    return output;
  }

  /** Replaces a node's layers (BatchNorm gaining the Scale after it); the shape is unchanged. */
  replace(at: number, layers: readonly LayerSpec[]) {
    this.nodes[at] = { ...this.nodes[at], layers };
  }

  notCountedLayer(type: string, name: string) {
    const list = this.notCounted.get(type) ?? [];
    list.push(name);
    this.notCounted.set(type, list);
  }
}
