import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './lib/pdf/chromium';
import { SERVER_NODE_FLAGS } from './scripts/server-flags';

const PORT = Number(process.env.E2E_PORT ?? 3100);

/**
 * Journeys run in a real Chromium against the production build, on a fresh database seeded with the demo data.
 * scripts/test.ts resolves the browser (CHROMIUM_PATH) and builds before Playwright starts.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
  webServer: {
    command: `node ${SERVER_NODE_FLAGS.join(' ')} node_modules/next/dist/bin/next start -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NODE_ENV: 'production',
      DATABASE_PATH: process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db',
      AUTH_SECRET: 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      DEMO_MODE: '1',
    },
  },
});
