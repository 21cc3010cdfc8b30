import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { clearFailures, lockoutDelayMs, recordFailure, remainingLockMs } from './throttle';

describe('sign-in throttling', () => {
  it('allows five failures, then makes each further attempt wait longer', () => {
    expect(lockoutDelayMs(4)).toBe(0);
    expect(lockoutDelayMs(5)).toBe(30_000);
    expect(lockoutDelayMs(6)).toBe(60_000);
    expect(lockoutDelayMs(30)).toBe(15 * 60_000);
  });
  it('counts failures per user name in the database and clears them on success', () => {
    const db = openDatabase(':memory:');
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) recordFailure(db, 'Renshe', t0);
    expect(remainingLockMs(db, 'renshe', t0)).toBe(0);
    recordFailure(db, 'renshe ', t0);
    expect(remainingLockMs(db, 'renshe', t0 + 1_000)).toBe(29_000);
    expect(remainingLockMs(db, 'renshe', t0 + 30_000)).toBe(0);
    expect(remainingLockMs(db, 'other', t0)).toBe(0);
    clearFailures(db, 'renshe');
    expect(remainingLockMs(db, 'renshe', t0)).toBe(0);
  });
});
