import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { ADDRESS_WINDOW_MS, addressKey, clearFailures, clientAddress, FREE_ATTEMPTS_PER_ADDRESS, lockoutDelayMs, recordFailure, remainingLockMs, UNKNOWN_ADDRESS } from './throttle';

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

  it('counts failures per client address across user names in 15-minute windows, and a success does not clear them', () => {
    const db = openDatabase(':memory:');
    const t0 = 10 * ADDRESS_WINDOW_MS + 60_000; // one minute into a window
    const addr = '203.0.113.7';
    // one password tried on many accounts: no single name reaches its own limit
    for (let i = 0; i < FREE_ATTEMPTS_PER_ADDRESS - 1; i++) recordFailure(db, `user${i}`, t0, addr);
    expect(remainingLockMs(db, 'someone', t0, addr)).toBe(0);
    // the 50th falls into the next window: the previous window still counts
    const t1 = t0 + ADDRESS_WINDOW_MS;
    recordFailure(db, 'user-last', t1, addr);
    expect(remainingLockMs(db, 'someone', t1 + 1_000, addr)).toBe(29_000);
    // even a right password for a real account must wait; another address is not affected
    clearFailures(db, 'someone');
    expect(remainingLockMs(db, 'someone', t1 + 1_000, addr)).toBe(29_000);
    expect(remainingLockMs(db, 'someone', t1 + 1_000, '198.51.100.1')).toBe(0);
    expect(remainingLockMs(db, 'someone', t1 + 1_000)).toBe(0);
    // two windows after the last failure none of them count, and their rows are gone
    const t3 = t1 + 2 * ADDRESS_WINDOW_MS;
    recordFailure(db, 'user-again', t3, addr);
    expect(remainingLockMs(db, 'x', t3, addr)).toBe(0);
    const rows = db.$client.prepare("SELECT key, failures FROM sign_in_throttle WHERE key LIKE 'addr:%' ORDER BY key").all();
    expect(rows).toEqual([{ key: addressKey(addr, t3), failures: 1 }]);
  });

  it('a forged address with LIKE wildcards cannot clear other addresses’ counts', () => {
    const db = openDatabase(':memory:');
    const t0 = 5 * ADDRESS_WINDOW_MS;
    for (let i = 0; i < FREE_ATTEMPTS_PER_ADDRESS; i++) recordFailure(db, `u${i}`, t0, '203.0.113.8');
    recordFailure(db, 'x', t0 + 3 * ADDRESS_WINDOW_MS, '%');
    recordFailure(db, 'x', t0 + 3 * ADDRESS_WINDOW_MS, '_');
    expect(db.$client.prepare('SELECT failures FROM sign_in_throttle WHERE key = ?').get(addressKey('203.0.113.8', t0))).toEqual({
      failures: FREE_ATTEMPTS_PER_ADDRESS,
    });
  });

  it('takes the address only from x-client-address, which the server in front writes; X-Forwarded-For is ignored', () => {
    expect(clientAddress(new Headers({ 'x-client-address': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddress(new Headers({ 'x-client-address': '::1', 'x-forwarded-for': '198.51.100.1' }))).toBe('::1');
    // a client talking to Next directly could write any X-Forwarded-For: all such requests share one count
    expect(clientAddress(new Headers({ 'x-forwarded-for': '10.0.0.1, 203.0.113.7' }))).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.9' }))).toBe(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.10' })));
    expect(clientAddress(new Headers())).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(new Headers({ 'x-client-address': ' ' }))).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(new Headers({ 'x-client-address': 'x'.repeat(500) }))).toHaveLength(64);
  });
});
