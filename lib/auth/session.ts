/** The signed-in actor for the current request, re-checked against the database every time. */
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { auth } from './config';
import type { Actor } from './authorize';

export interface SessionClaims {
  uid?: number;
  sv?: number;
}

/**
 * The actor a session's claims stand for, or null when the user is gone, deactivated, or the session's version
 * is older than the user's (signed out, password changed).
 */
export function resolveActor(db: Db, claims: SessionClaims | null): Actor | null {
  if (!claims?.uid) return null;
  const user = db.select().from(users).where(eq(users.id, claims.uid)).get();
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
  return { userId: user.id, role: user.role, departmentId: user.departmentId, displayName: user.displayName };
}

/** The signed-in actor, resolved once per request (the layout and the page both ask; React's `cache` is per request). */
export const currentActor = cache(async (): Promise<Actor | null> => resolveActor(getDb(), (await auth()) as SessionClaims | null));

/** The actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return actor;
}
