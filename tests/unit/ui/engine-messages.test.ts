/**
 * Issue 19: what the engine and the state layer say (import errors and warnings, row and field
 * errors, edit and link errors, device notes) reads in Chinese under zh-CN. The engine keeps writing
 * English through `say(key, vars)` (src/engine/messages.ts); the UI matches the text back to its key
 * (src/ui/i18n/localize.ts). Here: every key has a Chinese text with the same placeholders, every
 * template is matched back to itself and to no other, English passes through untouched, and real
 * messages from the engine come out Chinese.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_MESSAGES_EN, WRAPPER_KEYS, fill, say, type EngineMessageKey } from '../../../src/engine/messages';
import { engineZh } from '../../../src/ui/i18n/zh-CN-messages';
import { localize, parseMessage } from '../../../src/ui/i18n/localize';
import { evaluateModel } from '../../../src/engine/evaluate';
import { parseLayer } from '../../../src/engine/layers/registry';
import { importFile } from '../../../src/engine/import';
import { decodeShare } from '../../../src/state/urlCodec';
import { useEditor } from '../../../src/state/store';
import type { Model } from '../../../src/engine/format/model';
import { presetByName } from '../../../src/engine/presets';
import { knobError } from '../../../src/engine/presets/build';
import { loadLanguage } from '../../../src/ui/i18n';

// The Chinese tables are a chunk loaded on demand (src/ui/i18n/index.tsx loadLanguage).
beforeAll(() => loadLanguage('zh-CN'));

const KEYS = Object.keys(ENGINE_MESSAGES_EN) as EngineMessageKey[];
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const cjk = /[\u4e00-\u9fff]/;
/** Chinese text or, for a template that is all names and punctuation, full-width punctuation. */
const chinese = /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]/;
/** A sample value per placeholder that no template's literal text contains. */
const sample = (key: string) =>
  Object.fromEntries(placeholders(ENGINE_MESSAGES_EN[key as EngineMessageKey]).map((n, i) => [n, `Q${i}${n}Q`]));

describe('the engine message catalog', () => {
  it('has keys (a catalog emptied by mistake fails here)', () => {
    expect(KEYS.length).toBeGreaterThan(100);
  });

  it.each(KEYS)('%s has a Chinese text with the same placeholders', (key) => {
    const zh = engineZh[key];
    expect(zh, `zh-CN entry missing for ${key}`).toBeTypeOf('string');
    expect(zh).toMatch(chinese);
    expect(placeholders(zh)).toEqual(placeholders(ENGINE_MESSAGES_EN[key]));
  });

  it('keeps no Chinese text for a key the engine does not have', () => {
    for (const key of Object.keys(engineZh)) expect(KEYS, key).toContain(key);
  });

  it.each(KEYS)('%s is matched back to itself, unambiguously', (key) => {
    // A wrapper ('{name}: {error}') is one only around a keyed message: give it one.
    const vars = WRAPPER_KEYS.has(key)
      ? { ...sample(key), error: say('limit.notJson', { error: 'Unexpected end' }) }
      : sample(key);
    const text = say(key, vars);
    // A single word ('height') is one only where a sentence slots it in (a value named `side`).
    const word = key.startsWith('word.');
    expect(parseMessage(text, word)).toEqual({ key, vars });
    const inner = WRAPPER_KEYS.has(key) ? { ...vars, error: '不是有效的 JSON（Unexpected end）' } : vars;
    expect(localize(text, 'zh-CN')).toBe(word ? text : fill(engineZh[key], inner));
    expect(localize(text, 'en')).toBe(text);
  });

  it('a template is never only a placeholder, and placeholders are never adjacent', () => {
    for (const [key, t] of Object.entries(ENGINE_MESSAGES_EN)) {
      expect(t.replace(/\{\w+\}/g, '').trim(), key).not.toBe('');
      expect(t, key).not.toMatch(/\}\{/);
    }
  });

  it('a sentence no template matches stays as it is, in every language', () => {
    // "x: y" looks like a file name before a message, but y is no keyed message: left alone.
    const text = 'Conv2D: supported when the kernel is at most 16 × 16';
    expect(parseMessage(text)).toBeNull();
    expect(localize(text, 'zh-CN')).toBe(text);
  });
});

const model = (layers: Model['layers']): Model => ({ format: 'floplab.model/2', name: 'm', input: [3, 8, 8], layers });
const zh = (text: string | undefined) => localize(text ?? '', 'zh-CN');

describe('real engine messages read in Chinese', () => {
  it('row errors: a bad field, an unknown reference, an unknown kind, and the rows after them', () => {
    const r = evaluateModel(
      model([{ type: 'conv2d', out: 0, kernel: 3 }, { type: 'add', from: [-1, 'nowhere'] }, { type: 'nothing' }]),
    );
    const errors = r.rows.map((row) => row.error).filter((e): e is string => !!e);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const e of errors) {
      expect(zh(e), e).toMatch(cjk);
      expect(zh(e), e).not.toMatch(/ must | is not | unknown| earlier /);
    }
    expect(zh(errors[0])).toBe('layers[0].out 必须是正整数');
  });

  it.each([
    [
      { type: 'conv2d', out: 8, kernel: 3, groups: 2 },
      'conv2d：输入通道数 3 不能被分组数 2 整除（groups 必须同时整除 3 和 8：可用 1）',
    ],
    [
      { type: 'conv2d', out: 4, kernel: 11 },
      'conv2d：卷积核 11 大于填充后的输入高度 8（8 + 2·0）：请用不超过 8 的卷积核，或把 padding 设为 2',
    ],
    [{ type: 'linear', out: 10 }, /^linear 需要展平的 \[F\] 输入/],
  ])('a layer kind’s own error and its fix: %j', (layer, want) => {
    const row = evaluateModel(model([layer])).rows[0];
    expect(row.error).toBeTruthy();
    if (typeof want === 'string') expect(zh(row.error)).toBe(want);
    else expect(zh(row.error)).toMatch(want);
  });

  it('an unknown field', () => {
    const p = parseLayer({ type: 'relu', colour: 'red' }, 'layers[1]');
    expect('error' in p && p.error).toBe('layers[1]: unknown field "colour" for relu');
    expect('error' in p && zh(p.error)).toBe('layers[1]：relu 没有字段 "colour"');
  });

  it('a field error with its suggested values', () => {
    const p = parseLayer({ type: 'upsample', mode: 'sideways', scale: 2 }, 'layers[4]');
    expect('error' in p && zh(p.error)).toMatch(/^layers\[4\]\.mode 必须是 ".*" 之一$/);
  });

  it('file errors and import warnings', () => {
    const r = importFile('net.xyz', new TextEncoder().encode('hello'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(zh(r.error)).toBe(`net.xyz：未知的文件类型（应为 ${r.error.split('expected ')[1].slice(0, -1)}）`);
    const json = importFile('m.json', new TextEncoder().encode('{ bad'));
    expect(!json.ok && json.error).toMatch(/^m\.json: not valid JSON \(/);
    expect(!json.ok && zh(json.error)).toMatch(/^m\.json：不是有效的 JSON（.+）$/);
    const empty = importFile('a.onnx', new Uint8Array());
    expect(!empty.ok && zh(empty.error)).toBe('a.onnx 是空文件');
    expect(zh(say('file.notCountedOp', { op: 'NonMaxSuppression', n: 1, list: 'nms_0' }))).toBe(
      '未计入（没有它的计算公式；保留了形状和权重）：NonMaxSuppression × 1（nms_0）',
    );
  });

  it('a preset knob out of range', () => {
    const e = knobError(presetByName('mobilenet_v2')!, { width: 2 });
    expect(e).toBe('mobilenet_v2: width must be at most 1.4, got 2');
    // The knob keeps its name (a knob called like a word the engine slots in is not translated).
    expect(zh(e ?? '')).toBe('mobilenet_v2：width 不能大于 1.4，得到的是 2');
  });

  it('a broken share link, reason inside reason', () => {
    const r = decodeShare('#v2?model=%%%');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(/^This share link cannot be opened: /);
      expect(zh(r.error)).toMatch(/^无法打开此分享链接：/);
    }
  });

  it('an edit the engine refuses', () => {
    useEditor.getState().setModel(model([{ type: 'relu' }]));
    useEditor.getState().moveLayer('layers[0]', -1);
    const text = useEditor.getState().notice?.text;
    expect(text).toBe('layers[0] is already first in its list');
    expect(zh(text)).toBe('layers[0] 已经是所在列表的第一层');
    useEditor.getState().dismissNotice();
  });
});
