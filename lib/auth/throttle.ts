/**
 * Sign-in throttling: after 5 failed attempts for a user name, each further attempt must wait, doubling from
 * 30 s up to 15 min. A success clears the count.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { signInThrottle } from '../../db/schema';

export const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

export function lockoutDelayMs(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));
}

const keyOf = (username: string) => 'user:' + username.trim().toLowerCase();

/** Milliseconds the caller must still wait before trying again (0 when allowed). */
export function remainingLockMs(db: Db, username: string, now = Date.now()): number {
  const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, keyOf(username))).get();
  if (!row) return 0;
  return Math.max(0, row.lastFailureAt + lockoutDelayMs(row.failures) - now);
}

export function recordFailure(db: Db, username: string, now = Date.now()): void {
  db.insert(signInThrottle)
    .values({ key: keyOf(username), failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: { failures: sql`${signInThrottle.failures} + 1`, lastFailureAt: now },
    })
    .run();
}

export function clearFailures(db: Db, username: string): void {
  db.delete(signInThrottle).where(eq(signInThrottle.key, keyOf(username))).run();
}
