/**
 * Where a Caffe net's input shapes come from: the header (`input` with `input_dim` ×4 or one
 * `input_shape` per input), an Input layer (`input_param { shape }` per top), a DummyData /
 * MemoryData / ImageData / DenseImageData layer's stated sizes, or a data layer's
 * `transform_param { crop_size }` (3 channels, batch 1: Netscope's assumption).
 */
import { msgField, numField, numsField, strsField, type TextMessage } from '../prototxt-text';

/** Layer types that produce data (no bottoms); their first top is the data, the rest labels. */
export const DATA_LAYERS = new Set([
  'data',
  'imagedata',
  'windowdata',
  'hdf5data',
  'memorydata',
  'dummydata',
  'input',
  'annotateddata',
  'denseimagedata',
  'videodata',
]);

/** Shape [N, C, H, W] (or any rank) given in a header `input_shape` / `input_dim`, per input name. */
export function headerInputs(root: TextMessage): { name: string; shape: number[] | null }[] {
  const names = strsField(root, 'input');
  const dims = numsField(root, 'input_dim');
  const shapes = (root.input_shape ?? []).filter((v): v is TextMessage => typeof v === 'object');
  return names.map((name, i) => {
    if (dims.length >= 4 * (i + 1)) return { name, shape: dims.slice(4 * i, 4 * i + 4) };
    const s = shapes[i] ? numsField(shapes[i], 'dim') : [];
    return { name, shape: s.length ? s : null };
  });
}

/** Shapes of a data layer's tops, in order (null: the file does not say). */
export function dataLayerShapes(type: string, l: TextMessage): (number[] | null)[] {
  const tops = strsField(l, 'top');
  const listed = (field: string) =>
    (msgField(l, field)?.shape ?? [])
      .filter((v): v is TextMessage => typeof v === 'object')
      .map((s) => numsField(s, 'dim'));
  const given = type === 'dummydata' ? listed('dummy_data_param') : listed('input_param');
  if (given.length) return tops.map((_, i) => given[Math.min(i, given.length - 1)] ?? null);
  const mem = msgField(l, 'memory_data_param');
  if (type === 'memorydata' && mem)
    return [['batch_size', 'channels', 'height', 'width'].map((k) => numField(mem, k) ?? 1)];
  const crop = numField(msgField(l, 'transform_param'), 'crop_size');
  if (crop) return [[1, 3, crop, crop]];
  for (const field of ['image_data_param', 'dense_image_data_param', 'window_data_param']) {
    const p = msgField(l, field);
    const h = numField(p, 'new_height') ?? numField(p, 'crop_height');
    const w = numField(p, 'new_width') ?? numField(p, 'crop_width');
    if (h && w) return [[numField(p, 'batch_size') ?? 1, 3, h, w]];
  }
  return [null];
}

/** Used where a file states no input size at all (a Data layer reading a database). */
export const ASSUMED_INPUT = [1, 3, 224, 224] as const;
