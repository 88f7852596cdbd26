// Issue 21, "autosave that cannot lose work": the last good copy (kept, listed, restorable), safe
// mode after a load that never finished (a crashed tab), and two tabs on one autosave (a write
// by another tab is never saved over in silence). Through startPersistence with a fake
// localStorage; "another tab" is a record written by another tab id plus the storage event the
// browser would fire.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AUTOSAVE_KEY,
  LAST_GOOD_KEY,
  NOT_OPENED_KEY,
  UNREADABLE_KEY,
  confirmOpened,
  readSaved,
  startPersistence,
} from '../../../src/state/persistence';
import { LOADING_BEAT_MS, LOADING_KEY, LOADING_STALE_MS } from '../../../src/state/safeMode';
import { listSavedCopies, openSavedCopy, savedCopyFile } from '../../../src/state/savedCopies';
import { loadState, useEditor } from '../../../src/state/store';
import { defaultSettings, starterModel } from '../../../src/state/defaults';
import type { Model } from '../../../src/engine/format/model';

class FakeStorage {
  data = new Map<string, string>();
  /** Keys whose writes fail as if storage were full. */
  full = new Set<string>();
  quota = Infinity;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    const used = [...this.data].reduce((n, [key, val]) => n + (key === k ? 0 : val.length), 0);
    if (this.full.has(k) || used + v.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const model = (name: string, layers = 2): Model => ({
  format: 'floplab.model/2',
  name,
  input: [3, 32, 32],
  layers: Array.from({ length: layers }, (_, i) => (i % 2 ? { type: 'relu' } : { type: 'conv2d', out: 8, kernel: 3 })),
});
const record = (m: Model, tab: string, savedAt = 0) =>
  JSON.stringify({ model: m, settings: defaultSettings(), selection: null, collapsed: {}, id: 'b1', tab, savedAt });

const s = () => useEditor.getState();
const wait = (ms = 40) => new Promise((r) => setTimeout(r, ms));
let stops: (() => void)[] = [];

function page(storage: FakeStorage, tab: string, now?: () => number) {
  const events = new EventTarget();
  const stop = startPersistence({
    storage,
    events,
    tab,
    debounceMs: 10,
    liveUrl: false,
    location: undefined,
    ...(now ? { now } : {}),
  });
  stops.push(stop);
  return {
    events,
    stop,
    /** The browser's storage event for a write made by another tab. */
    otherTabWrites(raw: string) {
      storage.setItem(AUTOSAVE_KEY, raw);
      events.dispatchEvent(Object.assign(new Event('storage'), { key: AUTOSAVE_KEY, newValue: raw }));
    },
  };
}
const stored = (st: FakeStorage, key = AUTOSAVE_KEY) => {
  const r = readSaved(st.getItem(key));
  return r?.ok ? r.saved : null;
};
const press = (label: string) => {
  const n = s().notice;
  const a = [...(n?.action ? [n.action] : []), ...(n?.actions ?? [])].find((x) => x.label === label);
  if (!a) throw new Error(`no "${label}" in ${JSON.stringify(n)}`);
  a.run();
};

beforeEach(() => {
  loadState({ model: starterModel(), selection: null, collapsed: {}, settings: defaultSettings() });
  useEditor.setState({ notice: null });
});
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

describe('the last good copy', () => {
  it('is written once the opened model is on screen, and clears the load marker', () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('mine'), 'old'));
    page(st, 't1');
    expect(st.getItem(LOADING_KEY)).toContain('t1');
    expect(st.getItem(LAST_GOOD_KEY)).toBeNull();
    confirmOpened();
    expect(st.getItem(LOADING_KEY)).toBeNull();
    expect(stored(st, LAST_GOOD_KEY)?.model.name).toBe('mine');
  });

  it('is offered when the autosave cannot be read; the unreadable text is kept and downloadable', () => {
    const st = new FakeStorage();
    st.setItem(LAST_GOOD_KEY, record(model('good', 4), 'old', Date.UTC(2026, 0, 1, 9, 30)));
    st.setItem(AUTOSAVE_KEY, '{"model": {"format": "nope"');
    page(st, 't1');
    expect(s().notice?.text).toMatch(/could not be restored.*kept under Saved copies.*last good copy is from/);
    expect(st.getItem(UNREADABLE_KEY)).toBe('{"model": {"format": "nope"');
    press('Open the last good copy');
    expect(s().model.name).toBe('good');
    s().undo(); // opening a copy is an edit: what was on screen comes back
    expect(s().model.name).not.toBe('good');
    expect(savedCopyFile('unreadable', st)).toEqual({
      name: 'floplab-unreadable-as-stored.txt',
      text: '{"model": {"format": "nope"',
    });
  });

  it('gives way when storage is full: the work is saved, the backup dropped', async () => {
    const st = new FakeStorage();
    page(st, 't1');
    s().setName('big work');
    await wait();
    confirmOpened();
    expect(st.getItem(LAST_GOOD_KEY)).not.toBeNull();
    st.quota = (st.getItem(AUTOSAVE_KEY)?.length ?? 0) + 400; // no room for two copies of a larger model
    s().setModel(model('bigger', 6));
    await wait();
    expect(stored(st)?.model.name).toBe('bigger');
    expect(st.getItem(LAST_GOOD_KEY)).toBeNull();
    expect(s().notice).toBeNull();
  });
});

describe('safe mode after a load that never finished', () => {
  it('does not open the model again, keeps it, and opens it on request', async () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('crasher', 6), 'old'));
    const first = page(st, 't1'); // opens it, then the tab "crashes": no confirmOpened, no pagehide
    const marker = st.getItem(LOADING_KEY)!;
    first.stop();
    stops = [];
    st.setItem(LOADING_KEY, marker); // a crash leaves the marker (stop() is a clean teardown)
    loadState({ model: starterModel(), selection: null, collapsed: {}, settings: defaultSettings() }); // a new page
    page(st, 't2', () => Date.now() + LOADING_STALE_MS + 1); // the user comes back after the crash
    expect(s().model.name).not.toBe('crasher');
    expect(s().notice?.text).toMatch(/did not finish opening.*"crasher", 6 top-level layers.*Showing a new model/);
    expect(stored(st, NOT_OPENED_KEY)?.model.name).toBe('crasher');
    // The autosave no longer holds it, so the visit after this one opens safely even without a choice.
    expect(stored(st)?.model.name).toBe(s().model.name);
    expect(listSavedCopies(st).map((c) => c.kind)).toEqual(['autosave', 'notOpened']);
    press('Open it anyway');
    expect(s().model.name).toBe('crasher');
    await wait();
    expect(stored(st)?.model.name).toBe('crasher');
  });

  it('a tab still opening (its marker renewed) is not a crash: a second tab opens normally', () => {
    vi.useFakeTimers();
    try {
      const st = new FakeStorage();
      st.setItem(AUTOSAVE_KEY, record(model('big one'), 'old'));
      const first = page(st, 't1');
      const since = () => JSON.parse(st.getItem(LOADING_KEY)!).since as number;
      const before = since();
      vi.advanceTimersByTime(LOADING_STALE_MS + 2 * LOADING_BEAT_MS); // still opening: the marker is renewed
      expect(since()).toBeGreaterThan(before + LOADING_STALE_MS);
      first.stop();
      st.setItem(LOADING_KEY, JSON.stringify({ tab: 't1', since: Date.now() - 1000 })); // as t1 left it, alive
      stops = [];
      loadState({ model: starterModel(), selection: null, collapsed: {}, settings: defaultSettings() });
      page(st, 't2');
      expect(s().model.name).toBe('big one');
      expect(s().notice).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens the last good copy instead when there is one', () => {
    const st = new FakeStorage();
    st.setItem(LAST_GOOD_KEY, record(model('yesterday'), 'old'));
    st.setItem(AUTOSAVE_KEY, record(model('crasher'), 'old'));
    st.setItem('floplab.loading', JSON.stringify({ tab: 'old', since: 1 }));
    page(st, 't1');
    expect(s().model.name).toBe('yesterday');
    expect(s().notice?.text).toMatch(/Showing your last good copy/);
  });

  it('a load that finished, or a page left normally, is not a crash', () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('fine'), 'old'));
    const first = page(st, 't1');
    first.events.dispatchEvent(new Event('pagehide'));
    expect(st.getItem(LOADING_KEY)).toBeNull();
    first.stop();
    stops = [];
    page(st, 't2');
    expect(s().model.name).toBe('fine');
    expect(s().notice).toBeNull();
  });

  it('pauses the autosave when there is no room to keep the model aside', async () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('crasher'), 'old'));
    st.setItem('floplab.loading', '{');
    st.full.add(NOT_OPENED_KEY);
    page(st, 't1');
    expect(s().notice?.text).toMatch(/Autosave is paused so it is not overwritten/);
    s().setName('typed meanwhile');
    await wait();
    expect(stored(st)?.model.name).toBe('crasher');
    press('Open it anyway');
    await wait();
    expect(stored(st)?.model.name).toBe('crasher');
    s().setName('crasher, fixed');
    await wait();
    expect(stored(st)?.model.name).toBe('crasher, fixed');
  });
});

describe('two tabs on one autosave', () => {
  it('another tab’s different work is never saved over: the user chooses', async () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('start'), 'old'));
    const tab = page(st, 'me');
    s().setName('renamed here'); // an edit not saved yet
    tab.otherTabWrites(record(model('input changed there', 3), 'other', Date.UTC(2026, 0, 1, 12, 0)));
    expect(s().notice?.kind).toBe('error');
    expect(s().notice?.text).toMatch(/Another FlopLab tab saved different work.*"input changed there", 3 top-level/);
    await wait();
    expect(stored(st)?.model.name).toBe('input changed there'); // held, not overwritten
    s().setName('renamed here again');
    await wait();
    expect(stored(st)?.model.name).toBe('input changed there');
    press("Keep this tab's");
    expect(stored(st)?.model.name).toBe('renamed here again');
    expect(stored(st)?.tab).toBe('me');
  });

  it('loading the other tab’s work is undoable', async () => {
    const st = new FakeStorage();
    const tab = page(st, 'me');
    s().setName('mine');
    await wait();
    tab.otherTabWrites(record(model('theirs', 3), 'other'));
    expect(s().notice?.kind).toBe('info'); // nothing unsaved here
    press("Load the other tab's");
    expect(s().model.name).toBe('theirs');
    s().undo();
    expect(s().model.name).toBe('mine');
  });

  it('a settings change not yet saved is not unsaved work: the other tab’s change is news, not a conflict', async () => {
    const st = new FakeStorage();
    const tab = page(st, 'me');
    s().setName('mine');
    await wait();
    s().setSettings({ theme: 'dark' }); // pending in the debounce when the other tab writes
    tab.otherTabWrites(record(model('theirs', 3), 'other'));
    expect(s().notice?.kind).toBe('info');
    expect(s().notice?.text).toMatch(/changed in another FlopLab tab/);
    await wait(); // the pending settings save: still news, and their model is not overwritten
    expect(s().notice?.kind).toBe('info');
    expect(stored(st)?.model.name).toBe('theirs');
  });

  it('after another tab saved the same work, a later change there is still news, not a conflict', async () => {
    const st = new FakeStorage();
    const tab = page(st, 'me');
    s().setName('mine');
    await wait();
    const mine = stored(st)!;
    tab.otherTabWrites(JSON.stringify({ ...mine, tab: 'other', savedAt: 5 })); // the same model, written there
    expect(s().notice).toBeNull();
    tab.otherTabWrites(record(model('theirs, renamed', 3), 'other'));
    expect(s().notice?.kind).toBe('info');
  });

  it('a missed storage event is caught when saving', async () => {
    const st = new FakeStorage();
    page(st, 'me');
    s().setName('mine');
    await wait();
    st.setItem(AUTOSAVE_KEY, record(model('theirs'), 'other')); // no event reached this tab
    s().setName('mine, edited');
    await wait();
    expect(stored(st)?.model.name).toBe('theirs');
    expect(s().notice?.actions?.map((a) => a.label)).toEqual(["Load the other tab's", "Keep this tab's"]);
  });

  it('the same work, or only settings changed there, needs no question', async () => {
    const st = new FakeStorage();
    page(st, 'me');
    s().setName('shared work');
    await wait();
    const mine = stored(st)!;
    const tab2 = JSON.stringify({ ...mine, settings: { ...mine.settings, theme: 'dark' }, tab: 'other' });
    st.setItem(AUTOSAVE_KEY, tab2);
    s().setName('shared work, edited');
    await wait();
    expect(s().notice).toBeNull();
    expect(stored(st)?.model.name).toBe('shared work, edited');
  });
});

describe('the saved-copies list', () => {
  it('names each copy with its model, size and time, and opens one as an undoable edit', () => {
    const st = new FakeStorage();
    st.setItem(AUTOSAVE_KEY, record(model('now', 2), 'a', 1000));
    st.setItem(LAST_GOOD_KEY, record(model('before', 4), 'a', 500));
    st.setItem(UNREADABLE_KEY, 'garbage');
    const list = listSavedCopies(st);
    expect(list).toEqual([
      {
        kind: 'autosave',
        key: AUTOSAVE_KEY,
        size: st.getItem(AUTOSAVE_KEY)!.length,
        name: 'now',
        layers: 2,
        savedAt: 1000,
      },
      {
        kind: 'lastGood',
        key: LAST_GOOD_KEY,
        size: st.getItem(LAST_GOOD_KEY)!.length,
        name: 'before',
        layers: 4,
        savedAt: 500,
      },
      { kind: 'unreadable', key: UNREADABLE_KEY, size: 7, error: 'the autosaved data is not valid JSON' },
    ]);
    expect(openSavedCopy('unreadable', st)).toBe(false);
    expect(openSavedCopy('lastGood', st)).toBe(true);
    expect(s().model.name).toBe('before');
    expect(JSON.parse(savedCopyFile('lastGood', st)!.text)).toEqual(model('before', 4));
  });
});

describe('the same limits in the editor and the autosave as in every reader', () => {
  it('an edit that would pass 100,000 layers is not made, and says so', () => {
    const big: Model = { ...model('full'), layers: Array.from({ length: 100_000 }, () => ({ type: 'relu' })) };
    s().setModel(big);
    expect(s().model).toBe(big);
    s().insertLayer('layers[5]', { type: 'relu' });
    expect(s().model).toBe(big);
    expect(s().notice?.text).toMatch(/more than 100,000 layers; the edit was not made/);
    useEditor.setState({ notice: null });
    s().duplicateLayer('layers[7]');
    expect(s().model).toBe(big);
    expect(s().notice?.text).toMatch(/more than 100,000 layers; the edit was not made/);
    s().setModel({ ...model('ok'), layers: big.layers.slice(1) }); // 99,999: opens
    expect(s().model.layers).toHaveLength(99_999);
  });

  it('wrapping past 32 nested blocks is not made either', () => {
    let layers: Model['layers'] = [{ type: 'relu' }];
    for (let i = 0; i < 32; i++) layers = [{ type: 'residual', body: layers }];
    const deep: Model = { ...model('deep'), layers };
    s().setModel(deep);
    const innermost = `layers[0]${'.body[0]'.repeat(32)}`;
    s().wrapInBlock([innermost], 'residual');
    expect(s().model).toBe(deep);
    expect(s().notice?.text).toMatch(/nested deeper than 32 blocks; the edit was not made/);
  });

  it('a model over 4,000,000 characters of JSON is not autosaved over the last one; the notice says why', async () => {
    const st = new FakeStorage();
    page(st, 't1');
    s().setName('kept');
    await wait();
    const long = 'x'.repeat(180);
    // 25,000 layers × ~190 characters: past the JSON limit, within the layer limit
    s().setModel({ ...model('huge'), layers: Array.from({ length: 25_000 }, () => ({ type: 'relu', name: long })) });
    await wait();
    expect(stored(st)?.model.name).toBe('kept');
    expect(s().notice?.text).toMatch(
      /^Not autosaved: the model is [\d,]+ characters as JSON; FlopLab keeps models of at most 4,000,000/,
    );
  });
});
