import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { clearFailures, clientAddress, FREE_ATTEMPTS_PER_ADDRESS, lockoutDelayMs, recordFailure, remainingLockMs } from './throttle';

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

  it('counts failures per client address across user names, forgets them after 15 quiet minutes, and a success does not clear them', () => {
    const db = openDatabase(':memory:');
    const t0 = 5_000_000;
    const addr = '203.0.113.7';
    // one password tried on many accounts: no single name reaches its own limit
    for (let i = 0; i < FREE_ATTEMPTS_PER_ADDRESS - 1; i++) recordFailure(db, `user${i}`, t0, addr);
    expect(remainingLockMs(db, 'someone', t0, addr)).toBe(0);
    recordFailure(db, 'user-last', t0, addr);
    expect(remainingLockMs(db, 'someone', t0 + 1_000, addr)).toBe(29_000);
    // even a right password for a real account must wait; another address is not affected
    clearFailures(db, 'someone');
    expect(remainingLockMs(db, 'someone', t0 + 1_000, addr)).toBe(29_000);
    expect(remainingLockMs(db, 'someone', t0 + 1_000, '198.51.100.1')).toBe(0);
    expect(remainingLockMs(db, 'someone', t0 + 1_000)).toBe(0);
    // a failure after 15 quiet minutes starts the address's count again
    recordFailure(db, 'user-again', t0 + 16 * 60_000, addr);
    expect(remainingLockMs(db, 'x', t0 + 16 * 60_000, addr)).toBe(0);
  });

  it('takes the address from the last X-Forwarded-For entry, the one the nearest proxy wrote', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '::1' }))).toBe('::1');
    expect(clientAddress(new Headers())).toBeNull();
    expect(clientAddress(new Headers({ 'x-forwarded-for': ' , ' }))).toBeNull();
    expect(clientAddress(new Headers({ 'x-forwarded-for': 'x'.repeat(500) }))).toHaveLength(64);
  });
});
