/**
 * Run by no-eval.test.ts in a Node process started with --disallow-code-generation-from-strings
 * (V8 refuses eval and `new Function` in every form, as a CSP without 'unsafe-eval' does), with
 * traps that also record attempts a library catches and hides (Chromium still reports those as
 * CSP violations), WebAssembly compilation included (CSP 'wasm-eval'). The traps are in place
 * before the engine's modules load, so code generated at module load is caught too.
 *
 * Runs every-export.ts (every export format, every import), then prints one JSON line:
 * { attempts, results, probe, probeAttempts }. `probe` loads protobufjs afterwards and calls its reflection
 * encoder (what the ONNX writer used before): the traps must see it, or this harness proves nothing.
 */
// Nothing is imported statically: every module must load after the traps are set.
export {};

const attempts: string[] = [];
const where = () => (new Error().stack ?? '').split('\n').slice(2, 6).join(' | ');
function trap(what: string) {
  return function blocked(): never {
    attempts.push(`${what} at ${where()}`);
    throw new EvalError(`${what} is refused (as under the page's Content-Security-Policy)`);
  };
}
const g = globalThis as unknown as Record<string, unknown>;
g.eval = trap('eval');
g.Function = trap('Function');
Object.defineProperty(Function.prototype, 'constructor', { value: trap('Function.prototype.constructor') });
for (const name of ['Module', 'Instance', 'compile', 'instantiate', 'compileStreaming', 'instantiateStreaming'])
  (WebAssembly as unknown as Record<string, unknown>)[name] = trap(`WebAssembly.${name}`);
// What public/zod-jitless.js does on the page, before any module: zod's schemas skip their eval probe.
g.__zod_globalConfig = { jitless: true };

const { everyExportAndImport } = await import('./every-export');
const results = everyExportAndImport();

const before = attempts.length;
const protobuf = (await import('protobufjs/light.js')).default;
const probeType = protobuf.Root.fromJSON({
  nested: { P: { fields: { a: { type: 'int32', id: 1 } } } },
}).lookupType('P');
let probe = 'not refused';
try {
  probeType.encode(probeType.fromObject({ a: 1 })).finish();
} catch (err) {
  probe = `refused: ${(err as Error).message}`;
}

console.log(
  JSON.stringify({ attempts: attempts.slice(0, before), results, probe, probeAttempts: attempts.slice(before) }),
);
