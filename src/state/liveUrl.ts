/**
 * The address bar follows the work (issue 19): after each change, debounced with the autosave,
 * the URL's hash is replaced (history.replaceState: no new history entry, no hashchange) by the
 * current state's share hash — readable settings, compressed model (urlCodec's v2 form). Copying
 * the address is sharing the model; a reload opens what was on screen.
 *
 * A hash longer than LIVE_HASH_MAX is not written (the address would be unwieldy, and some
 * browsers and servers cut long URLs): the hash is dropped instead and the state lives in the
 * autosave; "Copy link" still makes a link up to the reader's limit.
 */
import type { ShareState } from './urlCodec';
import { encodeShare } from './urlCodec';

export const LIVE_HASH_MAX = 32_000;

export interface LiveUrlTarget {
  readonly location: { readonly pathname: string; readonly search: string; readonly hash: string };
  readonly history: Pick<History, 'replaceState'>;
}

/** Writes `state` into the address bar's hash; returns the hash written ('' when dropped). */
export function writeLiveUrl(target: LiveUrlTarget, state: ShareState): string {
  const full = encodeShare(state);
  const hash = full.length <= LIVE_HASH_MAX ? full : '';
  if (target.location.hash === hash) return hash;
  try {
    target.history.replaceState(null, '', target.location.pathname + target.location.search + hash);
  } catch {
    // A browser that refuses (too long for it, sandboxed): the autosave still has the work.
    return target.location.hash;
  }
  return hash;
}

/**
 * `run` put off to a task of its own, the latest request winning; `cancel` drops a pending one.
 * Opening a link rewrites the address this way: compressing the model again (fflate's deflate,
 * ~5–10 ms for ResNet-152) is no part of showing it (issue 20: no long task on open). Meanwhile
 * the address has no hash, so a reload in that task's gap would open the autosave.
 */
export function later(write: () => void): { run(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    run() {
      cancel();
      timer = setTimeout(() => {
        timer = null;
        write();
      }, 0);
    },
    cancel,
  };
}
