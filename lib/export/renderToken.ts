/**
 * Short-lived tokens that let the server's own Chromium open one budget's print page (for the PDF) without a
 * user session. HMAC-SHA256 with the session secret over the budget id and expiry; valid for two minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const TTL_MS = 2 * 60_000;

function secret(): string {
  const s = process.env.AUTH_SECRET;
  if (s) return s;
  if (process.env.NODE_ENV === 'production') throw new Error('AUTH_SECRET 未设置');
  return 'development-only-secret-do-not-use-in-production-0000';
}

const sign = (payload: string) => createHmac('sha256', secret()).update('render:' + payload).digest('base64url');

export function createRenderToken(budgetId: number, now = Date.now()): string {
  const payload = `${budgetId}.${now + TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

/** True when the token was made by this server for this budget and has not expired. */
export function verifyRenderToken(token: string | undefined, budgetId: number, now = Date.now()): boolean {
  if (!token || token.length > 200) return false;
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const [id, exp, mac] = parts;
  if (id !== String(budgetId) || !/^\d{1,15}$/.test(exp) || Number(exp) < now) return false;
  const expected = Buffer.from(sign(`${id}.${exp}`));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
