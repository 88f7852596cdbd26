/**
 * The HDF5 reader (jsfive: pure JS, public domain, usnistgov/jsfive), loaded on first use. Keras's
 * .h5 files and the weights inside a .keras zip are HDF5; nothing else needs it, so it stays out
 * of the page's first download and out of the ONNX/Caffe import chunk. The CLI (Node) imports it
 * statically and passes it in ImportOptions.
 */
export type Hdf5Module = typeof import('jsfive');

let loaded: Hdf5Module | null = null;

/** The reader if it has been loaded already. */
export const hdf5IfLoaded = (): Hdf5Module | null => loaded;

/** Loads the reader once (a dynamic import: its own chunk in the web build). */
export async function loadHdf5(): Promise<Hdf5Module> {
  loaded ??= await import('jsfive');
  return loaded;
}
