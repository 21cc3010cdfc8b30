'use server';

import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { users } from '@/db/schema';
import { signOut } from '@/lib/auth/config';
import { currentActor } from '@/lib/auth/session';

/** Sign out: the session version moves on, so this session's token is worthless even if it was copied. */
export async function signOutAction(): Promise<void> {
  const actor = await currentActor();
  if (actor) {
    getDb()
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.userId))
      .run();
  }
  await signOut({ redirectTo: '/login' });
}
