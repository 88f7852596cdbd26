/** Keras 3 configs written by hand, as Keras writes them (config.json of a .keras zip), for the Keras tests. */
import { strToU8, zipSync } from 'fflate';

export const keras3 = (layers: unknown[], inputs: unknown, outputs: unknown) => ({
  module: 'keras.src.models.functional',
  class_name: 'Functional',
  config: { name: 'handmade', layers, input_layers: inputs, output_layers: outputs },
});
export const tensor = (layer: string, shape: (number | null)[]) => ({
  class_name: '__keras_tensor__',
  config: { shape: [null, ...shape], dtype: 'float32', keras_history: [layer, 0, 0] },
});
export const input = (name: string, shape: (number | null)[]) => ({
  module: 'keras.layers',
  class_name: 'InputLayer',
  config: { batch_shape: [null, ...shape], name },
  name,
  inbound_nodes: [],
});
export const layer = (
  cls: string,
  name: string,
  config: object,
  args: unknown[],
  module: string | null = 'keras.layers',
) => ({
  module,
  class_name: cls,
  config: { name, ...config },
  name,
  inbound_nodes: [{ args, kwargs: {} }],
});
export const zip = (config: unknown) => zipSync({ 'config.json': strToU8(JSON.stringify(config)) });
