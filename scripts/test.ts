/**
 * `npm test`: unit tests (vitest), then — against the production build — the guarded-server and chaos tests
 * (lib/server/, SERVER_TESTS=1) and the Playwright journeys on a fresh, seeded database. Needs nothing but
 * `npm install`: the browser comes from CHROMIUM_PATH, the system, or the @sparticuz/chromium package.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuild } from './build-stamp';
import { prepareDatabase } from './prepare-env';
import { resolveChromium } from '../lib/pdf/chromium';

function run(label: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  console.log(`\n[test] ${label}`);
  const r = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  return r.status === 0;
}

/**
 * Options (for running a part while developing): `--e2e-only` skips the unit tests and the server tests; further arguments are passed to
 * Playwright (e.g. a spec file). NEXT_DIST_DIR, E2E_PORT and E2E_DATABASE_PATH let several runs coexist.
 */
async function main() {
  const args = process.argv.slice(2);
  const e2eOnly = args.includes('--e2e-only');
  const playwrightArgs = args.filter((a) => a !== '--e2e-only');
  const results: [string, boolean][] = [];
  if (!e2eOnly) results.push(['unit', run('unit tests (vitest)', [require.resolve('vitest/vitest.mjs'), 'run'])]);

  const e2eDb = path.resolve(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db');
  fs.rmSync(path.dirname(e2eDb), { recursive: true, force: true });
  prepareDatabase(e2eDb);
  ensureBuild();
  // the guarded server and the chaos test need the production build: they run once it is there (lib/server/)
  if (!e2eOnly) {
    results.push([
      'server',
      run('guarded server and chaos (vitest, production build)', [require.resolve('vitest/vitest.mjs'), 'run', 'lib/server/guardedServer.test.ts', 'lib/server/chaos.test.ts'], {
        ...process.env,
        SERVER_TESTS: '1',
      }),
    ]);
  }
  const chromium = await resolveChromium();
  console.log(`[test] Chromium: ${chromium}`);
  results.push([
    'e2e',
    run('browser journeys (playwright)', [require.resolve('@playwright/test/cli'), 'test', ...playwrightArgs], {
      ...process.env,
      CHROMIUM_PATH: chromium,
      E2E_DATABASE_PATH: e2eDb,
    }),
  ]);

  const passed = results.filter(([, ok]) => ok).length;
  const failed = results.length - passed;
  console.log(`\n[test] suites: ${results.map(([n, ok]) => `${n} ${ok ? 'ok' : 'FAILED'}`).join(', ')}`);
  console.log(`suites: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
