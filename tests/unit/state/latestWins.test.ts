// The latest-wins queue shared by the engine and runtime clients (src/worker/latestWins.ts):
// only the newest request's answer is ever delivered, at most one job runs and one waits.
import { describe, expect, it } from 'vitest';
import { LatestWins, type Job } from '../../../src/worker/latestWins';

function queue() {
  const started: Job<string, string>[] = [];
  const q = new LatestWins<string, string>((job) => started.push(job));
  return { q, started, names: () => started.map((j) => j.payload) };
}

describe('LatestWins', () => {
  it('an idle queue starts a job at once and delivers its answer', async () => {
    const { q, started } = queue();
    const a = q.submit('a');
    expect(q.running?.payload).toBe('a');
    q.finish(started[0], 'A');
    expect(await a).toBe('A');
    expect(q.running).toBeNull();
  });

  it('jobs submitted while one runs: only the newest waits; the replaced one and the stale runner get null', async () => {
    const { q, started, names } = queue();
    const a = q.submit('a');
    const b = q.submit('b');
    const c = q.submit('c');
    expect(await b).toBeNull(); // replaced while waiting, never started
    expect(names()).toEqual(['a']);
    q.finish(started[0], 'A');
    expect(await a).toBeNull(); // answered, but c is newer
    expect(names()).toEqual(['a', 'c']);
    q.finish(started[1], 'C');
    expect(await c).toBe('C');
  });

  it('supersede (an answer from elsewhere): the waiting job is dropped, the running one answers null', async () => {
    const { q, started, names } = queue();
    const a = q.submit('a');
    const b = q.submit('b');
    q.supersede();
    expect(await b).toBeNull();
    expect(q.isStale(started[0])).toBe(true);
    q.finish(started[0], 'A');
    expect(await a).toBeNull();
    expect(names()).toEqual(['a']); // nothing else started
  });

  // [case, set-up, payload to re-send (null: none)]
  const RESEND: [string, (q: LatestWins<string, string>) => void, string | null][] = [
    ['running only: it is re-sent', (q) => void q.submit('a'), 'a'],
    ['running and waiting: the waiting one is sent', (q) => (void q.submit('a'), void q.submit('b')), 'b'],
    ['running but superseded: nothing is sent', (q) => (void q.submit('a'), q.supersede()), null],
    ['idle: nothing is sent', () => {}, null],
  ];
  it.each(RESEND)('takeForResend — %s', (_name, setUp, expected) => {
    const { q } = queue();
    setUp(q);
    const next = q.takeForResend();
    expect(next?.payload ?? null).toBe(expected);
    expect(q.running).toBeNull();
    expect(q.waiting).toBeNull();
  });

  it('a job taken for resend is delivered once its new runner answers; the one left behind gets null', async () => {
    const { q, started } = queue();
    const a = q.submit('a');
    const b = q.submit('b');
    const next = q.takeForResend()!;
    expect(await a).toBeNull();
    q.resend(next);
    expect(started.map((j) => j.payload)).toEqual(['a', 'b']);
    q.finish(started[1], 'B');
    expect(await b).toBe('B');
  });

  it('clear resolves everything to null', async () => {
    const { q } = queue();
    const a = q.submit('a');
    const b = q.submit('b');
    q.clear();
    expect(await Promise.all([a, b])).toEqual([null, null]);
    expect(q.running).toBeNull();
  });
});
