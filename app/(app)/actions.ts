'use server';

import { signOut } from '@/lib/auth/config';

/**
 * Sign out. next-auth's signOut event (lib/auth/config.ts) moves the user's session version on, so this session's
 * token is worthless even if it was copied; the same happens for a POST to /api/auth/signout. No actor is needed:
 * a user who must still change their password may sign out too, and a session that already ended changes nothing.
 */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/login' });
}
