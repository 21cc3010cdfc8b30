/**
 * Whether a session cookie decrypts with the server's secret — what the request guard asks before it lets a body
 * past the public limit. next-auth derives the JWE key from AUTH_SECRET with the cookie's name as salt; `decode`
 * also refuses an expired token. (It does not re-read the user: a signed-out token still decodes until it expires,
 * which only buys the larger body limit; every action still authorizes through lib/auth.)
 */
import { decode } from 'next-auth/jwt';

export function sessionDecoder(secret: string): (token: string, cookieName: string) => Promise<boolean> {
  return async (token, cookieName) => {
    try {
      return (await decode({ token, secret, salt: cookieName })) !== null;
    } catch {
      return false;
    }
  };
}
