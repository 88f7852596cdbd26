/**
 * Everything Chinese the interface needs beyond a few short tables: its own strings and the
 * engine's sentences. A chunk of its own (index.tsx `loadLanguage`), loaded when zh-CN is the
 * chosen language, so the first screen's JavaScript does not carry it for everyone else.
 */
export { zhCN } from './zh-CN';
export { engineZh } from './zh-CN-messages';
