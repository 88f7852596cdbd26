/** The graph view's data (issue 16): the graph of an evaluation, folded blocks, node numbers and heat. */
export * from './build';
export * from './collapse';
export * from './metrics';
