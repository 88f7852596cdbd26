/**
 * Compile-time flag (vite.config.ts / vitest.config.ts `define`): true in the e2e build, the dev
 * server and unit tests, false in the production build, where code under `if (__FLOPLAB_TEST_HOOKS__)`
 * is dropped by the minifier.
 */
declare const __FLOPLAB_TEST_HOOKS__: boolean;
