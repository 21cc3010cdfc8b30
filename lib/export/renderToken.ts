/**
 * Short-lived tokens that let the server's own Chromium open one budget's print page (for the PDF) without a
 * user session. HMAC-SHA256 with the session secret over the budget id, the expiry and — for a publication — the
 * digest of exactly what the page must render (lib/pdf/printDigest.ts); valid for two minutes.
 *
 * The token travels in a request header (RENDER_TOKEN_HEADER, set by the renderer on its browser context), never
 * in the URL: URLs end up in logs, error messages and histories.
 *
 * Forms: `<budgetId>.<expiry>.<mac>` (render the budget as it is) and `<budgetId>.<expiry>.<digest>.<mac>` (render it
 * only if it is exactly the frozen document).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '../env';

const TTL_MS = 2 * 60_000;

export const RENDER_TOKEN_HEADER = 'x-render-token';

const sign = (payload: string) => createHmac('sha256', authSecret()).update('render:' + payload).digest('base64url');

/** What a valid token lets the print page do. */
interface RenderGrant {
  budgetId: number;
  /** The digest the rendered document must have; null renders the budget as it is now. */
  digest: string | null;
}

export function createRenderToken(budgetId: number, now = Date.now(), digest: string | null = null): string {
  if (digest !== null && !/^[A-Za-z0-9_-]{1,100}$/.test(digest)) throw new Error('render digest must be base64url');
  const payload = digest === null ? `${budgetId}.${now + TTL_MS}` : `${budgetId}.${now + TTL_MS}.${digest}`;
  return `${payload}.${sign(payload)}`;
}

/** The grant of a token made by this server for this budget that has not expired; null otherwise. */
export function parseRenderToken(token: string | null | undefined, budgetId: number, now = Date.now()): RenderGrant | null {
  if (!token || token.length > 300) return null;
  const parts = token.split('.');
  if (parts.length !== 3 && parts.length !== 4) return null;
  const [id, exp] = parts;
  const mac = parts[parts.length - 1];
  const digest = parts.length === 4 ? parts[2] : null;
  if (id !== String(budgetId) || !/^\d{1,15}$/.test(exp) || Number(exp) < now) return null;
  if (digest !== null && !/^[A-Za-z0-9_-]{1,100}$/.test(digest)) return null;
  const expected = Buffer.from(sign(parts.slice(0, -1).join('.')));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { budgetId, digest };
}
