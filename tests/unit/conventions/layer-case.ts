import type { LayerSpec } from '../../../src/engine/format/model';

/** One layer on one input (batch 2) with its count under every convention. */
export interface LayerCase {
  readonly spec: LayerSpec;
  readonly input: number[];
  readonly source: string;
  readonly expect: Readonly<Record<string, number>>;
}
