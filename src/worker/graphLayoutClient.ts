/**
 * Layouts for the graph panel: one worker of its own (graph.worker.ts), started on the first
 * request; latest wins (a layout nobody will draw any more resolves to null). Without Worker, or
 * when the worker dies, the same layout runs on the page (the module is then imported there).
 */
import { wrap, type Remote } from 'comlink';
import type { GraphWorkerApi } from './graph.worker';
import type { LayoutAnswer, LayoutRequest } from './graphLayout';
import { LatestWins, type Job } from './latestWins';

let remote: Remote<GraphWorkerApi> | null = null;
let worker: Worker | null = null;
let broken = typeof Worker === 'undefined';

function spawn(): Remote<GraphWorkerApi> | null {
  if (broken) return null;
  if (remote) return remote;
  try {
    worker = new Worker(new URL('./graph.worker.ts', import.meta.url), { type: 'module', name: 'floplab-graph' });
    worker.addEventListener('error', () => {
      broken = true;
      worker?.terminate();
      worker = remote = null;
      const job = queue.takeForResend();
      if (job) queue.resend(job);
    });
    remote = wrap<GraphWorkerApi>(worker);
    return remote;
  } catch {
    broken = true;
    return null;
  }
}

async function onPage(req: LayoutRequest): Promise<LayoutAnswer> {
  // A macrotask first, so a burst of requests still collapses to the latest.
  await new Promise((r) => setTimeout(r, 0));
  const { layoutGraph } = await import('./graphLayout');
  return layoutGraph(req);
}

const queue: LatestWins<LayoutRequest, LayoutAnswer> = new LatestWins((job: Job<LayoutRequest, LayoutAnswer>) => {
  const r = spawn();
  const answer = r ? r.layout(job.payload) : onPage(job.payload);
  answer.then(
    (a) => queue.finish(job, a),
    () => {
      // The worker could not answer (it died, or cannot clone): the page answers instead.
      if (queue.running !== job) return;
      onPage(job.payload).then(
        (a) => queue.finish(job, a),
        () => queue.finish(job, null),
      );
    },
  );
});

/** The layout of `req`, or null when a newer request made it stale. */
export function requestLayout(req: LayoutRequest): Promise<LayoutAnswer | null> {
  return queue.submit(req);
}

/** Where layouts run now: 'main-thread' once the layout worker has failed (a debugging aid; no test hook). */
export const layoutMode = (): 'worker' | 'main-thread' => (broken ? 'main-thread' : 'worker');
