import nextCoreWebVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';

const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx'];

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  { ignores: ['.next/**', '.next-*/**', 'test-results*/**', 'bench/results/**', 'tmp/**', 'node_modules/**', 'data/**', 'db/migrations/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
  { rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] } },
  {
    // zod is configured once in lib/zod.ts (jitless, for the browser's CSP): values come from there
    ignores: ['lib/zod.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'zod', message: "Import { z } from lib/zod.ts (configured for the CSP).", allowTypeImports: true }] },
      ],
    },
  },
  {
    // the environment is parsed and validated once, in lib/env.ts; scripts, benchmarks, tests and config files set
    // variables for the processes they start and read their own harness variables
    ignores: ['lib/env.ts', 'scripts/**', 'bench/**', 'e2e/**', '*.config.{js,mjs,ts}', ...TEST_FILES],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment through lib/env.ts (parsed once, validated).' },
      ],
    },
  },
  {
    // layers: app/ (routes, server actions) → components/ (presentational React) → lib/ (the domain) → db/.
    // Server actions reach components as props. Tests may reach across layers to test what they wire together.
    ignores: TEST_FILES,
    rules: {
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './components', from: './app', message: 'components/ never import app/: pass server actions in as props.' },
            { target: './lib', from: ['./components', './app'], message: 'lib/ is the domain: it never imports components/ or app/.' },
            { target: './db', from: ['./components', './app'], message: 'db/ never imports components/ or app/.' },
          ],
        },
      ],
    },
  },
];
export default config;
