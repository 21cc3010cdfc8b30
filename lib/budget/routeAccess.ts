/**
 * The one way a route handler (a download, the document fragment) reads a budget: the session's actor
 * (lib/auth/session.ts routeActor: 401 when signed out, 403 when a password must be changed), the id parsed, the
 * facts read through the domain's authorization (403 for another department's budget, 404 for none). A refusal is
 * the plain-text response to return, never a page.
 */
import 'server-only';
import { getDb, type Db } from '../../db/client';
import { ForbiddenError, type Actor } from '../auth/authorize';
import { routeActor } from '../auth/session';
import type { BudgetFacts } from '../facts';
import { readBudgetFacts, type BudgetSummaryRow } from './access';
import { parseId } from './params';

/** A plain-text answer that no cache keeps (every budget route is private). */
export const plainText = (status: number, body: string): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'private, no-store' } });

type BudgetRead = { ok: true; db: Db; actor: Actor; budget: BudgetSummaryRow; facts: BudgetFacts } | { ok: false; response: Response };

export async function budgetForRoute(rawId: string): Promise<BudgetRead> {
  const { actor, refusal } = await routeActor();
  if (!actor) return { ok: false, response: plainText(refusal.status, refusal.message) };
  const id = parseId(rawId);
  if (id === null) return { ok: false, response: plainText(404, '预算不存在') };
  const db = getDb();
  try {
    const { budget, facts } = readBudgetFacts(db, actor, id);
    return { ok: true, db, actor, budget, facts };
  } catch (e) {
    if (e instanceof ForbiddenError) return { ok: false, response: plainText(403, e.message || '无权查看该预算') };
    throw e;
  }
}
