/**
 * The service stays up (scripts/chaos-test.ts): two workers under the supervisor, one SIGKILLed in the middle of a
 * burst of line saves. Needs the production build, so it runs in `npm test` after the build (scripts/test.ts sets
 * SERVER_TESTS=1), or by hand: `SERVER_TESTS=1 npx vitest run lib/server/chaos.test.ts`.
 */
import { describe, expect, it } from 'vitest';
import { runChaosTest } from '../../scripts/chaos-test';

describe.skipIf(process.env.SERVER_TESTS !== '1')('a worker killed mid-burst', () => {
  it('the others keep serving, a new one is forked, no acknowledged save is lost, the database is intact', async () => {
    const r = await runChaosTest();
    expect(r.problems).toEqual([]);
    expect(r.newWorkerPid).not.toBeNull();
    expect(r.probes.failed).toEqual([]);
    expect(r.probes.total).toBeGreaterThan(20);
  }, 120_000);
});
