/**
 * The graph view's layout worker (issue 16): dagre runs here, so laying out a 500-node network
 * never blocks the page. Loaded only when the graph panel first asks for a layout
 * (graphLayoutClient.ts), so dagre is not in the initial JS.
 */
import { expose } from 'comlink';
import { layoutGraph, type LayoutAnswer, type LayoutRequest } from './graphLayout';

export interface GraphWorkerApi {
  layout(req: LayoutRequest): LayoutAnswer;
}

expose({ layout: layoutGraph } satisfies GraphWorkerApi);
