/**
 * Opening, task 1: the engine's modules — zod, the model format and its schema, every layer kind
 * and convention. Importing this module evaluates them; it runs nothing of its own. The
 * re-exports only keep these modules in this stage (the bundler puts what a stage imports first
 * into that stage's chunks).
 */
export { evaluateModel } from '../engine/evaluate';
export { parseModel } from '../engine/format/schema';
export { conventionById } from '../engine/conventions/registry';
