import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './lib/pdf/chromium';

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
    // as in production: the supervisor with two workers (scripts/server.ts, each with the heap cap of
    // scripts/server-flags.ts) sharing the port and one SQLite file
    command: 'node --import tsx scripts/supervisor.ts',
    url: `http://127.0.0.1:${PORT}/login`,
    timeout: 120_000,
    reuseExistingServer: false,
    env: {
      NODE_ENV: 'production',
      PORT: String(PORT),
      WEB_CONCURRENCY: '2',
      // the journeys play the proxy in front: a spec may write X-Forwarded-For to sign in from an address of its own
      TRUST_PROXY: '1',
      DATABASE_PATH: process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db',
      AUTH_SECRET: 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz',
      DEMO_MODE: '1',
    },
  },
});
