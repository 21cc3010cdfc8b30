/**
 * next-auth 5: Credentials sign-in with argon2 hashes, JWT sessions carrying the user id and session version.
 * Role, department and the active flag are re-read from the database on every request (lib/auth/session.ts),
 * so a deactivated user or a signed-out session is refused at once. Signing out moves the session version on.
 */
import 'server-only';
import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { eq } from 'drizzle-orm';
import { z } from '../zod';
import { getDb } from '../../db/client';
import { authSecret } from '../env';
import { users } from '../../db/schema';
import { dummyPasswordHash, verifyPassword } from './password';
import { endSession } from './signOut';
import { clearFailures, clientAddress, recordFailure, remainingLockMs } from './throttle';

class ThrottledSignIn extends CredentialsSignin {
  code = 'throttled';
}

const credentialsSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});

const SESSION_MAX_AGE_S = 8 * 60 * 60;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { username, password } = parsed.data;
        const db = getDb();
        const address = clientAddress(request.headers);
        if (remainingLockMs(db, username, Date.now(), address) > 0) throw new ThrottledSignIn();
        const user = db.select().from(users).where(eq(users.username, username)).get();
        const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
        if (!user || !ok || !user.active) {
          recordFailure(db, username, Date.now(), address);
          return null;
        }
        clearFailures(db, username);
        return { id: String(user.id), name: user.displayName, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  events: {
    // every sign-out, the app's button (app/(app)/actions.ts) and a POST to /api/auth/signout alike, ends the
    // session for good: clearing the cookie alone would leave a copied token valid until it expires
    signOut(message) {
      if ('token' in message) endSession(getDb(), message.token as { uid?: number; sv?: number } | null);
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        return token;
      }
      // a signed-out, deactivated or password-changed user's token is dropped (also for /api/auth/session)
      const current = getDb()
        .select({ active: users.active, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, Number(token.uid)))
        .get();
      if (!current || !current.active || current.sessionVersion !== token.sv) return null;
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as number, sv: token.sv as number };
    },
  },
}));
