// @vitest-environment jsdom
/**
 * The teaching view state (src/ui/teaching/store.ts): a link's model B and hidden parts are read
 * from the URL before the rest of the app opens it; reveal and guided examples.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { captureLink, useTeaching } from '../../../src/ui/teaching/store';
import { useEditor } from '../../../src/state/store';
import { encodeShare } from '../../../src/state/urlCodec';
import { MODEL_FORMAT, type Model } from '../../../src/engine/format/model';

const a: Model = { format: MODEL_FORMAT, name: 'A', input: [3, 8, 8], layers: [{ type: 'relu' }] };
const b: Model = { format: MODEL_FORMAT, name: 'B', input: [3, 8, 8], layers: [{ type: 'sigmoid' }] };

beforeEach(() => {
  useTeaching.setState({ tab: 'layer', compare: null, hide: [], revealed: [], example: null });
  window.location.hash = '';
});

describe('teaching store', () => {
  it('captureLink reads model B and hidden parts, and opens the A/B tab', () => {
    window.location.hash = encodeShare({ model: a, convention: 'seed', compare: b, hide: ['totals'] });
    captureLink();
    const s = useTeaching.getState();
    expect(s.compare).toEqual(b);
    expect(s.hide).toEqual(['totals']);
    expect(s.tab).toBe('compare');
  });

  it('a damaged link changes nothing here (persistence shows the notice)', () => {
    useTeaching.setState({ hide: ['table'] });
    window.location.hash = '#v1.AAAA';
    captureLink();
    expect(useTeaching.getState().hide).toEqual(['table']);
  });

  it('reveal one part, then all', () => {
    useTeaching.getState().setHide(['totals', 'table', 'layer:layers[0]']);
    useTeaching.getState().reveal('totals');
    expect(useTeaching.getState().revealed).toEqual(['totals']);
    useTeaching.getState().revealAll();
    expect(useTeaching.getState().revealed).toEqual(['totals', 'table', 'layer:layers[0]']);
  });

  it('opening a guided example loads its model (undoable), convention, selection and B', async () => {
    await useTeaching.getState().openExample('separable');
    expect(useEditor.getState().model.name).toBe('Standard 3×3 conv');
    expect(useEditor.getState().settings.convention).toBe('torchvision');
    expect(useTeaching.getState().compare?.name).toBe('Depthwise-separable');
    expect(useTeaching.getState().tab).toBe('compare');
    await useTeaching.getState().openExample('fc');
    expect(useEditor.getState().selection).toBe('layers[1]');
    expect(useTeaching.getState().example).toBe('fc');
  });
});
