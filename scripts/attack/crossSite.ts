/**
 * 8. Cross-site requests riding the clerk's session cookie (Origin: http://evil.example): a lines-import commit of
 * a valid two-line workbook against the current budget version (it would replace every line), and the grid's
 * add-line action with a valid line. Both must be refused with 403 before anything runs.
 */
import Database from 'better-sqlite3';
import { callAction, pageActionIds } from './actions';
import { describe, send } from './http';
import { CLERK, session, type Attack } from './harness';
import { multipart } from './multipart';
import { smallLinesWorkbook } from './workbooks';

const EVIL = 'http://evil.example';

function budgetVersion(dbFile: string, id: number): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT version FROM budgets WHERE id = ?').get(id) as { version: number }).version;
  } finally {
    db.close();
  }
}

export const crossSite: Attack = {
  name: '8 cross-site import commit and server action',
  async run(t) {
    const problems: string[] = [];
    const notes: string[] = [];
    const cookie = await session(t, CLERK.username, CLERK.password);
    const { body, contentType } = multipart(
      { mode: 'commit', baseVersion: String(budgetVersion(t.dbFile, CLERK.budgetId)) },
      { name: 'lines.xlsx', bytes: smallLinesWorkbook() },
    );
    const upload = await send(t.base, `/budgets/${CLERK.budgetId}/lines/import/upload`, {
      method: 'POST',
      body,
      timeoutMs: 20_000,
      headers: { cookie, origin: EVIL, 'content-type': contentType },
    });
    if (upload.status !== 403) problems.push(`cross-site import commit answered ${describe(upload)}, not 403`);
    notes.push(`import commit: ${describe(upload)}`);

    const page = `/budgets/${CLERK.budgetId}/lines`;
    const ids = await pageActionIds(t.base, page, cookie);
    if (!ids.add) return { problems: [...problems, 'the lines page hands out no add action'], notes };
    const line = { unitId: 1, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1.00' };
    const action = await callAction(t.base, page, ids.add, [{ budgetId: CLERK.budgetId, line }], { cookie, origin: EVIL, timeoutMs: 20_000 });
    if (action.status !== 403) problems.push(`cross-site server action answered ${describe(action)}, not 403`);
    notes.push(`server action: ${describe(action)}`);
    return { problems, notes };
  },
};
