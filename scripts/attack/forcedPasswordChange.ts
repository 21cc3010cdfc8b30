/**
 * 7. A user whose password was reset with "must change at next sign-in" (lib/admin/maintenance.ts, what
 * `npm run cli -- reset-password dangan --must-change` runs) signs in and, without changing it, downloads the
 * disclosure workbook and the lines template. The server must refuse both (403, or a redirect to the password
 * page); the client-side gate is not enough.
 */
import { signInCookie } from '../../bench/server';
import { openDatabase } from '../../db/client';
import { resetPasswordByName } from '../../lib/admin/maintenance';
import { describe, send } from './http';
import type { Attack } from './harness';

const USER = { username: 'dangan', password: 'Dangan#2024', budgetId: 2 };

export const forcedPasswordChange: Attack = {
  name: '7 forced-password-change user downloads',
  async prepare(t) {
    const db = openDatabase(t.dbFile);
    try {
      await resetPasswordByName(db, { username: USER.username, password: USER.password, mustChange: true });
    } finally {
      db.$client.close();
    }
  },
  async run(t) {
    let cookie: string;
    try {
      cookie = await signInCookie(t.base, USER.username, USER.password);
    } catch (e) {
      return { problems: [], notes: [`no session is issued before the change (${(e as Error).message})`] };
    }
    const problems: string[] = [];
    const notes: string[] = [];
    for (const path of [`/budgets/${USER.budgetId}/export/xlsx`, `/budgets/${USER.budgetId}/lines/template`]) {
      const o = await send(t.base, path, { headers: { cookie }, timeoutMs: 20_000, keepBytes: 4 });
      const downloaded = o.status === 200 && o.body.subarray(0, 2).toString() === 'PK';
      if (downloaded || o.status === null || o.status >= 500) problems.push(`GET ${path} answered ${describe(o)}${downloaded ? ' with the workbook' : ''}`);
      notes.push(`${path}: ${describe(o)}${o.headers.location ? ` → ${o.headers.location}` : ''}`);
    }
    return { problems, notes };
  },
};
