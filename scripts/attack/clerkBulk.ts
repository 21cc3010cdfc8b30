/**
 * 3. The clerk, signed in, against the lines grid's own server actions (ids read from the page's RSC payload):
 * an edit whose body is over the limit of ordinary edits (BODY_LIMITS.edit, 128 KiB: 413), a paste of 20,000 lines in one call (refused — by
 * the body limit or by the per-call cap — and nothing written), and a paste of 501 lines that fits in the edit limit
 * (refused by the 500-rows-per-call cap, with a message that names it).
 */
import { actionOk, actionResult, callAction, pageActionIds } from './actions';
import { BODY_LIMITS } from '../../lib/server/requestGuard';
import { describe } from './http';
import { CLERK, session, type Attack } from './harness';

const row = (i: number) => ({ unit: '1', functionCode: '2080101', economicCode: '30201', source: 'general', amount: `${(i % 97) + 1}.00` });
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));

export const clerkBulk: Attack = {
  name: '3 clerk: over-limit action body, 20,000-line paste, 501-line paste',
  async run(t) {
    const problems: string[] = [];
    const notes: string[] = [];
    const cookie = await session(t, CLERK.username, CLERK.password);
    const page = `/budgets/${CLERK.budgetId}/lines`;
    const ids = await pageActionIds(t.base, page, cookie);
    if (!ids.update || !ids.addMany) return { problems: [`the lines page does not hand out update/addMany actions (found: ${Object.keys(ids).join(', ') || 'none'})`], notes };

    const big = await callAction(t.base, page, ids.update, [{ budgetId: CLERK.budgetId, lineId: 1, version: 1, changes: { amount: '9'.repeat(BODY_LIMITS.edit + 1024) } }], { cookie, timeoutMs: 20_000 });
    if (big.status !== 413) problems.push(`an edit over ${BODY_LIMITS.edit / 1024} KiB was answered ${describe(big)}, not 413`);
    notes.push(`${BODY_LIMITS.edit / 1024 + 1} KiB edit: ${describe(big)}`);

    const paste = JSON.stringify([{ budgetId: CLERK.budgetId, rows: rows(20_000) }]);
    const many = await callAction(t.base, page, ids.addMany, paste, { cookie, timeoutMs: 25_000 });
    const manyAdded = actionOk(many) === true;
    if (many.status !== 413 && (manyAdded || many.status === null || many.status >= 500))
      problems.push(`a 20,000-line paste (${(paste.length / 1024 / 1024).toFixed(1)} MiB) was ${manyAdded ? 'accepted' : `answered ${describe(many)}`}`);
    notes.push(`20,000-line paste: ${describe(many)}${manyAdded ? ' (added)' : ''} in ${many.ms} ms`);

    const justOver = JSON.stringify([{ budgetId: CLERK.budgetId, rows: rows(501) }]);
    const over = await callAction(t.base, page, ids.addMany, justOver, { cookie, timeoutMs: 20_000 });
    const r = actionResult<{ ok?: boolean; formError?: string }>(over);
    const overAdded = actionOk(over) === true;
    if (over.status !== 413) {
      if (!r || r.ok !== false) problems.push(`a 501-line paste (${(justOver.length / 1024).toFixed(0)} KiB) was ${overAdded ? 'accepted' : `answered ${describe(over)}`}`);
      else if (!/500/.test(r.formError ?? '')) problems.push(`a 501-line paste was refused, but the message does not name the 500-row limit: “${r.formError}”`);
    }
    notes.push(`501-line paste: ${describe(over)} ${r?.formError ? `“${r.formError}”` : overAdded ? '(added)' : ''}`.trim());
    return { problems, notes };
  },
};
