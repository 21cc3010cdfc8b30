/** The signed-in actor for the current request, re-checked against the database every time. */
import 'server-only';
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { getDb, type Db } from '../../db/client';
import { users } from '../../db/schema';
import { auth } from './config';
import { MUST_CHANGE_PASSWORD_MESSAGE, type Actor } from './authorize';

export interface SessionClaims {
  uid?: number;
  sv?: number;
}

/**
 * Where a user who must change their password is sent, whatever they asked for.
 * @public for lib/auth/session.test.ts, which pins that such a user is redirected there
 */
export const PASSWORD_PAGE = '/account/password';

/**
 * The actor a session's claims stand for, or null when the user is gone, deactivated, or the session's version
 * is older than the user's (signed out, password changed). A user created or reset by an administrator carries
 * `mustChangePassword`, which lib/auth/authorize.ts refuses for everything but changing that password.
 * @public for lib/auth/session.test.ts and signOut.test.ts, which pin which claims still stand for an actor
 */
export function resolveActor(db: Db, claims: SessionClaims | null): Actor | null {
  if (!claims?.uid) return null;
  const user = db.select().from(users).where(eq(users.id, claims.uid)).get();
  if (!user || !user.active || user.sessionVersion !== claims.sv) return null;
  return {
    userId: user.id,
    role: user.role,
    departmentId: user.departmentId,
    displayName: user.displayName,
    mustChangePassword: user.mustChangePassword,
  };
}

/** The session's actor, resolved once per request (the layout and the page both ask; React's `cache` is per request). */
const sessionActor = cache(async (): Promise<Actor | null> => resolveActor(getDb(), (await auth()) as SessionClaims | null));

/**
 * The signed-in actor of a page or server action, or null when signed out. A user who must change their password
 * is sent to the change-password page instead (a thrown redirect), so no page or action runs for them; a route
 * handler that calls this answers with that redirect (prefer `routeActor`, which answers 403).
 */
export async function currentActor(): Promise<Actor | null> {
  const actor = await sessionActor();
  if (actor?.mustChangePassword) redirect(PASSWORD_PAGE);
  return actor;
}

/** The actor, or a redirect to the sign-in page (or to the change-password page, see `currentActor`). */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return actor;
}

/**
 * The actor even while they must change their password: only for the change-password page and its action, and the
 * app layout around that page (which shows nothing but the header then). Everything such an actor asks of the
 * domain is still refused by lib/auth/authorize.ts, except changing the own password.
 */
export async function currentActorForPasswordChange(): Promise<Actor | null> {
  return sessionActor();
}

type RouteActor = { actor: Actor; refusal?: undefined } | { actor: null; refusal: { status: 401 | 403; message: string } };

/**
 * For route handlers (downloads, uploads, fetched fragments), whose callers are scripts and downloads rather than
 * pages: the actor, or the status and Chinese message to answer with (401 signed out, 403 while the password must
 * be changed) instead of a redirect a fetch would silently follow.
 */
export async function routeActor(): Promise<RouteActor> {
  const actor = await sessionActor();
  if (!actor) return { actor: null, refusal: { status: 401, message: '请先登录' } };
  if (actor.mustChangePassword) return { actor: null, refusal: { status: 403, message: MUST_CHANGE_PASSWORD_MESSAGE } };
  return { actor };
}
