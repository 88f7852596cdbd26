/**
 * The "latest wins" queue both worker clients share (EngineClient for the numbers, RuntimeClient
 * for memory and latency): at most one job runs and at most one waits. A newer job replaces the
 * waiting one (which resolves to null at once); a job that finishes after a newer one was
 * submitted resolves to null too, so a caller only ever sees the answer for the newest request.
 * (A running evaluation cannot be interrupted, so queueing more than the latest would only
 * compute answers nobody wants.)
 *
 * The queue does not know what runs a job: `start` is called with each job to send, and the
 * client calls `finish` when its answer is in. What a client does when its worker dies (replace
 * it, fall back to the page, cancel a stale job) stays in the client; `takeForResend` gives it the
 * job to send to the new worker.
 */

export interface Job<P, A> {
  readonly id: number;
  readonly payload: P;
  readonly resolve: (answer: A | null) => void;
}

export class LatestWins<P, A> {
  private seq = 0;
  private current: Job<P, A> | null = null;
  private next: Job<P, A> | null = null;

  /** `start` sends a job to whatever computes it; it must eventually lead to `finish` or `takeForResend`. */
  constructor(private readonly start: (job: Job<P, A>) => void) {}

  /** The job being computed, if any. */
  get running(): Job<P, A> | null {
    return this.current;
  }

  /** The job that waits for the running one, if any. */
  get waiting(): Job<P, A> | null {
    return this.next;
  }

  /** True when a newer job was submitted (or an answer came from elsewhere) after `job`. */
  isStale(job: Job<P, A>): boolean {
    return job.id !== this.seq;
  }

  /** Queues `payload`; resolves to its answer, or to null once something newer makes it stale. */
  submit(payload: P): Promise<A | null> {
    return new Promise((resolve) => {
      const job: Job<P, A> = { id: ++this.seq, payload, resolve };
      this.next?.resolve(null);
      this.next = null;
      if (this.current) this.next = job;
      else this.run(job);
    });
  }

  /**
   * The newest answer came from elsewhere (EngineClient.evaluateNow): the waiting job is dropped
   * and the running one becomes stale (its answer will resolve to null).
   */
  supersede(): void {
    this.seq++;
    this.next?.resolve(null);
    this.next = null;
  }

  /**
   * The running job's answer is in: resolve it (null if stale) and start the waiting job. A stale
   * job may be finished with null (its answer was not worth computing).
   */
  finish(job: Job<P, A>, answer: A | null): void {
    if (this.current === job) this.current = null;
    job.resolve(this.isStale(job) ? null : answer);
    const next = this.next;
    this.next = null;
    if (next && !this.current) this.run(next);
  }

  /**
   * The running job's worker is gone (crashed, or replaced to cancel it): returns the job to send
   * to its replacement — the waiting one if any, else the running one if it is still the newest —
   * and resolves the job left behind to null. Nothing runs until the client `resend`s it.
   */
  takeForResend(): Job<P, A> | null {
    const lost = this.current;
    this.current = null;
    const next = this.next ?? (lost && !this.isStale(lost) ? lost : null);
    this.next = null;
    if (lost && lost !== next) lost.resolve(null);
    return next;
  }

  /** Sends a job returned by `takeForResend`. */
  resend(job: Job<P, A>): void {
    this.run(job);
  }

  /** Resolves every job to null (the client is being disposed). */
  clear(): void {
    this.current?.resolve(null);
    this.next?.resolve(null);
    this.current = this.next = null;
  }

  private run(job: Job<P, A>): void {
    this.current = job;
    this.start(job);
  }
}
