import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  // 'server-only' (lib/serverOnly.test.ts) is the empty module outside Next's server bundles
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'node_modules/server-only/empty.js') } },
  test: {
    include: ['lib/**/*.test.ts', 'db/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
