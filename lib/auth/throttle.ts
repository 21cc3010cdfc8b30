/**
 * Sign-in throttling, counted in the database under two keys:
 * - per user name: after 5 failed attempts each further attempt must wait, doubling from 30 s up to 15 min; a
 *   success clears the count (guessing one account's password);
 * - per client address: after 50 failed attempts from one address within the current and the previous 15-minute
 *   window, whatever the user names, the same doubling applies to every attempt from it (trying one password on
 *   many accounts). Older failures no longer count, and a success does not clear them (one valid account must not
 *   reset a spray). The limit is high because a whole office may reach the app through one address.
 * The address is the one the server in front of Next recorded (see `clientAddress`).
 * The change-password form's current-password check counts under the same per-user key (lib/admin/users.ts): both
 * guess the same password, so together they get the same free attempts.
 */
import 'server-only';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInThrottle } from '../../db/schema';

export const FREE_ATTEMPTS = 5;
/** @public for lib/auth/throttle.test.ts, which pins the per-address limit */
export const FREE_ATTEMPTS_PER_ADDRESS = 50;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;
/**
 * An address's failures are counted in windows of this length; the current and the previous one count.
 * @public for lib/auth/throttle.test.ts, which pins which windows still count
 */
export const ADDRESS_WINDOW_MS = 15 * 60_000;

/** @public for lib/auth/throttle.test.ts, which pins the doubling and its cap */
export function lockoutDelayMs(failures: number, free = FREE_ATTEMPTS): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - free));
}

const userKey = (username: string) => 'user:' + username.trim().toLowerCase();
const addressPrefix = (address: string) => `addr:${address}:`;
/**
 * The row of an address's failures in the window of `now`.
 * @public for lib/auth/throttle.test.ts and e2e/security-headers.spec.ts, which read and seed the rows
 */
export const addressKey = (address: string, now: number) => addressPrefix(address) + Math.floor(now / ADDRESS_WINDOW_MS);

function failuresOf(db: Db, key: string) {
  return db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
}

/** Milliseconds the caller must still wait before trying again (0 when allowed): the longer of both waits. */
export function remainingLockMs(db: Db, username: string, now = Date.now(), address: string | null = null): number {
  const user = failuresOf(db, userKey(username));
  const byUser = user ? user.lastFailureAt + lockoutDelayMs(user.failures) - now : 0;
  let byAddress = 0;
  if (address !== null) {
    const rows = [addressKey(address, now - ADDRESS_WINDOW_MS), addressKey(address, now)].map((k) => failuresOf(db, k));
    const failures = rows.reduce((n, r) => n + (r?.failures ?? 0), 0);
    const last = Math.max(...rows.map((r) => r?.lastFailureAt ?? 0));
    if (failures > 0) byAddress = last + lockoutDelayMs(failures, FREE_ATTEMPTS_PER_ADDRESS) - now;
  }
  return Math.max(0, byUser, byAddress);
}

export function recordFailure(db: Db, username: string, now = Date.now(), address: string | null = null): void {
  db.insert(signInThrottle)
    .values({ key: userKey(username), failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: signInThrottle.key, set: { failures: sql`${signInThrottle.failures} + 1`, lastFailureAt: now } })
    .run();
  if (address === null) return;
  const current = addressKey(address, now);
  db.insert(signInThrottle)
    .values({ key: current, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({ target: signInThrottle.key, set: { failures: sql`${signInThrottle.failures} + 1`, lastFailureAt: now } })
    .run();
  // the address's windows before the previous one no longer count (compared as text: a forged address may hold % or _)
  const prefix = addressPrefix(address);
  db.delete(signInThrottle)
    .where(
      and(
        eq(sql`substr(${signInThrottle.key}, 1, ${prefix.length})`, prefix),
        notInArray(signInThrottle.key, [current, addressKey(address, now - ADDRESS_WINDOW_MS)]),
      ),
    )
    .run();
}

export function clearFailures(db: Db, username: string): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, userKey(username))).run();
}

/**
 * The address counted for requests that arrive without `x-client-address` (they share one count).
 * @public for lib/auth/throttle.test.ts, which pins that forged forwarding headers are ignored
 */
export const UNKNOWN_ADDRESS = 'unknown';

/**
 * The client's address, from the `x-client-address` request header only. The server in front of Next always
 * overwrites that header with the socket's address (or, with `TRUST_PROXY=1`, the last `X-Forwarded-For` entry,
 * written by the trusted proxy), so a client cannot choose it. `X-Forwarded-For` itself is never read here: without
 * a trusted proxy, whoever sends the request writes it, and a new forged address per attempt would evade the count.
 */
export function clientAddress(headers: Headers): string {
  const address = headers.get('x-client-address')?.trim();
  return address ? address.slice(0, 64) : UNKNOWN_ADDRESS;
}
