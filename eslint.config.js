import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Layering (see src/*/README.md): the engine is pure; only src/state imports zustand;
// only src/worker touches Worker; the UI renders and never computes costs.
const noDom = {
  group: [
    'react',
    'react-dom',
    'react/*',
    'zustand',
    'zustand/*',
    'zundo',
    'comlink',
    'recharts',
    '**/ui/**',
    '**/state/**',
    '**/worker/**',
  ],
  message: 'src/engine is pure TypeScript: no React, DOM, zustand or worker code.',
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'node_modules',
      '.ci-out',
      'test-results',
      'playwright-report',
      '.lead',
      // flatc's output (scripts/gen-tflite-schema.sh): regenerated, never edited.
      'src/engine/import/tflite/generated',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  { files: ['src/engine/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [noDom] }] } },
  {
    // Hot path: V8 (Node 20) takes a ~40 µs slow path for `{ ...a, ...b, x }`; see commonSymbols in layers/kind.ts.
    files: ['src/engine/layers/**/*.ts', 'src/engine/conventions/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: ':function ObjectExpression > SpreadElement',
          message:
            'No object spread in layer/convention code (V8 slow path, 40 µs per row): use commonSymbols(input, output, batch, { ...extra symbols }) or Object.assign.',
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts', 'src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['zustand', 'zustand/*', 'comlink'],
              message: 'UI reads state through src/state hooks; only src/worker uses comlink.',
            },
          ],
        },
      ],
    },
  },
);
