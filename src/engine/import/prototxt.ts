/** Caffe prototxt import: see caffe/index.ts. */
export { importPrototxt } from './caffe';
