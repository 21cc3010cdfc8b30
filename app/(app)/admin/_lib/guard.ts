import { forbidden } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';
import { canAdminister, type Actor } from '@/lib/auth/authorize';

/** The signed-in administrator; the sign-in page for the signed-out, 403 for everyone else. */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (!canAdminister(actor)) forbidden();
  return actor;
}

/** A year from a search parameter, or the fallback. */
export function yearParam(value: string | string[] | undefined, fallback: number | null): number | null {
  const v = Array.isArray(value) ? value[0] : value;
  if (v && /^\d{4}$/.test(v)) return Number(v);
  return fallback;
}
