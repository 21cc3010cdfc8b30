/** The signed-in actor for the current request, re-checked against the database every time. */
import { eq } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { getDb } from '../../db/client';
import { users } from '../../db/schema';
import { auth } from './config';
import type { Actor } from './authorize';

export async function currentActor(): Promise<Actor | null> {
  const session = (await auth()) as { uid?: number; sv?: number } | null;
  if (!session?.uid) return null;
  const user = getDb().select().from(users).where(eq(users.id, session.uid)).get();
  if (!user || !user.active || user.sessionVersion !== session.sv) return null;
  return { userId: user.id, role: user.role, departmentId: user.departmentId, displayName: user.displayName };
}

/** The actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return actor;
}
