/**
 * Ending a session. Sessions are stateless JWTs, so a session ends by moving the user's session version on: every
 * token carrying the old version is refused from then on (lib/auth/session.ts, the jwt callback in config.ts).
 */
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { users } from '../../db/schema';
import type { SessionClaims } from './session';

/**
 * Ends the session these claims belong to (and every other session of the user, which share the version). Only a
 * current token moves the version: signing out with a token that has already ended changes nothing. Returns whether
 * it did.
 */
export function endSession(db: Db, claims: SessionClaims | null | undefined): boolean {
  const uid = Number(claims?.uid);
  const sv = Number(claims?.sv);
  if (!Number.isSafeInteger(uid) || uid <= 0 || !Number.isSafeInteger(sv)) return false;
  const r = db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, uid), eq(users.sessionVersion, sv)))
    .run();
  return r.changes > 0;
}
