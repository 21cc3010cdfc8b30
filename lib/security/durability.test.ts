/**
 * Crash and durability (scripts/crash-test.ts): a writer process saving 基本支出 lines through the real domain functions
 * is SIGKILLed at random moments, three times over one database file; every acknowledged save must survive with its
 * value and audit entry, the file must stay intact and reopen, and an online backup taken during the writes must be
 * consistent and restorable.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, runCrashTest } from '../../scripts/crash-test';

describe('a writer killed at random moments', () => {
  it('loses no acknowledged save, leaves an intact database, and a backup taken meanwhile restores', async () => {
    const report = await runCrashTest({ rounds: 3 });
    expect(allProblems(report)).toEqual([]);
    expect(report.rounds).toHaveLength(3);
    for (const r of report.rounds) expect(r.acks, `round ${r.round}`).toBeGreaterThanOrEqual(150);
    expect(report.backup.taken).toBe(true);
  }, 90_000);
});
