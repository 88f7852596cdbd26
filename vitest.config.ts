import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The test hooks (src/test-hooks.d.ts) exist in unit tests, as in the e2e build.
  define: { __FLOPLAB_TEST_HOOKS__: 'true' },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['tests/setup.ts'],
    testTimeout: 30_000,
  },
});
