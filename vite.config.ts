import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { contentSecurityPolicy, serviceWorker } from './src/sw/vite-plugins.js';
import { deployHeaders } from './src/sw/headers.js';
import { bootPreload } from './src/boot/vite-plugin.js';

// `base: './'` keeps every asset URL relative, so dist/ works from any sub-path of any static host.
// `--mode e2e` (the browser tests' build, dist-e2e) is the production build plus the test hooks
// (window.__floplab); the production build has none. The dev server keeps them for debugging.
export default defineConfig(({ command, mode }) => ({
  base: './',
  plugins: [react(), tailwindcss(), contentSecurityPolicy(), deployHeaders(), serviceWorker(), bootPreload()],
  define: { __FLOPLAB_TEST_HOOKS__: JSON.stringify(mode === 'e2e' || (command === 'serve' && mode === 'development')) },
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: false },
}));
