/**
 * Every page and route handler × every kind of visitor, over HTTP against the production build: the outcome must
 * be the one e2e/authorization-matrix.table.ts promises. The route list comes from the file system at test time,
 * so a new page.tsx or route.ts without a row in the table fails here.
 *
 * The visitors sign in through next-auth's own CSRF + credentials endpoints (no browser needed); the deactivated
 * user is a clerk of 054 created in the e2e database, signed in, then deactivated in the database while their
 * session cookie is still held (the app re-reads the user on every request).
 */
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client';
import { budgets, departments, exportJobs, fiscalYears, users } from '../db/schema';
import { DEMO_ACCOUNTS } from '../db/seed/demo/accounts';
import { createDepartment, createUnit } from '../lib/admin/departments';
import { hashPassword } from '../lib/auth/password';
import { preparePublication } from '../lib/publish/prepare';
import { writeSnapshot } from '../lib/publish/snapshots';
import { DEPT_098, MATRIX, ROLE_LABEL, ROLES, routePatternOf, type MatrixIds, type Outcome, type Probe, type Role } from './authorization-matrix.table';

const APP_DIR = path.join(__dirname, '..', 'app');
const DB_FILE = path.resolve(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db');

/** page.tsx / route.ts files under app/, as route patterns. */
function routesOnDisk(): Map<string, 'page' | 'route'> {
  const out = new Map<string, 'page' | 'route'>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const r = routePatternOf(path.relative(APP_DIR, p).split(path.sep).join('/'));
        if (r) out.set(r.pattern, r.kind);
      }
    }
  };
  walk(APP_DIR);
  return out;
}

const outcomeText = (o: Outcome): string => (typeof o === 'string' ? o : `redirect ${o.redirect}`);

/** What a response amounts to (see the table's outcome legend). */
function classify(r: APIResponse, body: string, base: string): string {
  const status = r.status();
  if (status >= 300 && status < 400) {
    const target = new URL(r.headers()['location'] ?? '', base);
    return target.pathname === '/login' ? 'login' : `redirect ${target.pathname}`;
  }
  // a redirect inside a streamed page arrives as 200 with a meta refresh: still a redirect
  const meta = /<meta[^>]+http-equiv="refresh"[^>]+content="\d+;\s*url=([^"]+)"/i.exec(body);
  if (status === 200 && meta) {
    const target = new URL(meta[1].replace(/&amp;/g, '&'), base);
    return target.pathname === '/login' ? 'login (streamed)' : `redirect ${target.pathname} (streamed)`;
  }
  if (status === 200) return /<h1[^>]*>无权访问<\/h1>/.test(body) ? 'forbidden page with status 200' : 'ok';
  if (status === 401) return 'login';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notfound';
  return `status ${status}`;
}

/** A fresh request context signed in through next-auth's CSRF + credentials endpoints. */
async function signedIn(request: APIRequestContext, username: string, password: string): Promise<void> {
  const { csrfToken } = (await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const r = await request.post('/api/auth/callback/credentials', {
    form: { csrfToken, username, password, callbackUrl: '/' },
    maxRedirects: 0,
  });
  expect(r.status(), `sign-in of ${username}`).toBe(302);
  const cookies = (await request.storageState()).cookies.map((c) => c.name);
  expect(cookies, `session cookie of ${username}`).toContain('authjs.session-token');
}

function renderToken(budgetId: number): string {
  // the e2e server's AUTH_SECRET (playwright.config.ts), as lib/export/renderToken.ts signs
  const payload = `${budgetId}.${Date.now() + 10 * 60_000}`;
  const mac = createHmac('sha256', 'e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz').update('render:' + payload).digest('base64url');
  return `${payload}.${mac}`;
}

/**
 * 098, a department of this spec's own: its budget with a submitted and a published snapshot (written through
 * lib/publish like a publication, with a stub PDF), and a finished bulk-export job.
 */
async function fixtures098(db: Db): Promise<Pick<MatrixIds, 'budget098' | 'snapshotPublished' | 'snapshotSubmitted' | 'exportJob'>> {
  const adminRow = db.select().from(users).where(eq(users.username, 'admin')).get()!;
  const admin = { userId: adminRow.id, role: 'admin' as const, departmentId: null, displayName: adminRow.displayName };
  const year = db.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get()!.year;
  let dept = db.select().from(departments).where(eq(departments.code, '098')).get();
  if (!dept) {
    const { id } = createDepartment(db, admin, { code: '098', name: DEPT_098, regionName: '泽州县' });
    createUnit(db, admin, { departmentId: id, name: `${DEPT_098}机关`, type: 'admin' });
    dept = db.select().from(departments).where(eq(departments.id, id)).get()!;
  }
  const budget = db.select().from(budgets).where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, year))).get()!;
  const prepared = await preparePublication(db, budget.id, async () => Buffer.from('%PDF-1.4\n% matrix stub\n%%EOF\n'));
  const now = Date.now();
  const [snapshotSubmitted, snapshotPublished] = db.transaction((tx) => [
    writeSnapshot(tx, { budgetId: budget.id, kind: 'submitted', budgetVersion: budget.version, factsJson: prepared.factsJson, createdBy: admin.userId, createdAt: now }),
    writeSnapshot(tx, {
      budgetId: budget.id,
      kind: 'published',
      budgetVersion: budget.version,
      factsJson: prepared.factsJson,
      published: prepared.content,
      createdBy: admin.userId,
      createdAt: now,
    }),
  ]);
  const job = db
    .insert(exportJobs)
    .values({ kind: 'disclosure-zip', year, status: 'done', progress: 1, total: 1, result: Buffer.from('PK\u0005\u0006' + '\u0000'.repeat(18), 'latin1'), createdBy: admin.userId, createdAt: now, updatedAt: now })
    .returning({ id: exportJobs.id })
    .get();
  return { budget098: budget.id, snapshotPublished, snapshotSubmitted, exportJob: job.id };
}

function readIds(db: Database.Database): Omit<MatrixIds, 'budget098' | 'snapshotPublished' | 'snapshotSubmitted' | 'exportJob'> {
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const year = one<{ year: number }>('SELECT year FROM fiscal_years WHERE is_current = 1').year;
  const yearOpen = one<{ status: string }>('SELECT status FROM fiscal_years WHERE year = ?', year).status === 'open';
  const dept = (code: string) => one<{ id: number }>('SELECT id FROM departments WHERE code = ?', code).id;
  const budget = (code: string) => one<{ id: number }>('SELECT id FROM budgets WHERE department_id = ? AND year = ?', dept(code), year).id;
  const editable = (id: number) => yearOpen && ['draft', 'returned'].includes(one<{ status: string }>('SELECT status FROM budgets WHERE id = ?', id).status);
  const withForm = (budgetId: number) =>
    one<{ id: number } | undefined>(
      'SELECT p.id FROM projects p JOIN performance_forms f ON f.project_id = p.id WHERE p.budget_id = ? ORDER BY p.id LIMIT 1',
      budgetId,
    )?.id;
  const projectWithForm = (budgetId: number) =>
    withForm(budgetId) ?? one<{ id: number }>('SELECT id FROM projects WHERE budget_id = ? ORDER BY id LIMIT 1', budgetId).id;
  const budget054 = budget('054');
  const budget061 = budget('061');
  return {
    budget054,
    budget061,
    editable054: editable(budget054),
    editable061: editable(budget061),
    project054: projectWithForm(budget054),
    project061: projectWithForm(budget061),
    project061HasForm: withForm(budget061) !== undefined,
    dept054: dept('054'),
    userRenshe: one<{ id: number }>("SELECT id FROM users WHERE username = 'renshe'").id,
    missingBudget: one<{ m: number }>('SELECT max(id) AS m FROM budgets').m + 1000,
    token061: renderToken(budget061),
  };
}

const contexts = new Map<Role, APIRequestContext>();
let ids: MatrixIds;
let base: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  base = String(test.info().project.use.baseURL);
  const app = openDatabase(DB_FILE);
  const extra = await fixtures098(app);
  app.$client.close();
  const db = new Database(DB_FILE);
  try {
    ids = { ...readIds(db), ...extra };
    // a clerk of 054 who will be deactivated while signed in
    const username = `matrix-off-${Date.now().toString(36)}`;
    const password = 'Matrix-off-2024';
    const deptId = ids.dept054;
    const userId = db
      .prepare(
        'INSERT INTO users (username, display_name, password_hash, role, department_id, active, must_change_password, session_version, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, 1, ?) RETURNING id',
      )
      .get(username, '停用测试', await hashPassword(password), 'clerk', deptId, Date.now()) as { id: number };

    for (const role of ROLES) {
      // a browser sends Origin on every POST; the server refuses a state-changing request without one
      const ctx = await playwright.request.newContext({ baseURL: base, extraHTTPHeaders: { origin: base } });
      contexts.set(role, ctx);
      if (role === 'anonymous') continue;
      if (role === 'deactivated') {
        await signedIn(ctx, username, password);
        // a sanity check that the session works before the deactivation
        expect((await ctx.get(`/budgets/${ids.budget054}`, { maxRedirects: 0 })).status()).toBe(200);
        db.prepare('UPDATE users SET active = 0 WHERE id = ?').run(userId.id);
        continue;
      }
      const account = DEMO_ACCOUNTS.find((a) => a.username === role)!;
      await signedIn(ctx, account.username, account.password);
    }
  } finally {
    db.close();
  }
});

test.afterAll(async () => {
  for (const ctx of contexts.values()) await ctx.dispose();
});

test('the table lists every page and route handler in app/, and nothing else', () => {
  const disk = routesOnDisk();
  const missing = [...disk.keys()].filter((p) => !(p in MATRIX)).sort();
  const stale = Object.keys(MATRIX).filter((p) => !disk.has(p)).sort();
  const wrongKind = [...disk].filter(([p, kind]) => MATRIX[p] && MATRIX[p].kind !== kind).map(([p]) => p);
  expect(missing, 'routes in app/ without a row in e2e/authorization-matrix.table.ts').toEqual([]);
  expect(stale, 'rows in the table without a route in app/').toEqual([]);
  expect(wrongKind, 'rows whose kind (page/route) differs from the file').toEqual([]);
  for (const [p, entry] of Object.entries(MATRIX)) expect(entry.probes.length, `${p} has probes`).toBeGreaterThan(0);
});

async function request(ctx: APIRequestContext, probe: Probe, url: string): Promise<APIResponse> {
  const headers = probe.headers?.(ids);
  if (probe.method === 'POST') {
    // the roles' uploads go out at once: a worker with both upload slots taken answers 503 with Retry-After (the
    // guard's back-pressure, not an authorization outcome), so such a probe is sent again once the slot is free
    for (let attempt = 0; ; attempt++) {
      const r = await ctx.post(url, { multipart: probe.multipart ?? {}, headers, maxRedirects: 0, timeout: 90_000 });
      if (r.status() !== 503 || !r.headers()['retry-after'] || attempt === 3) return r;
      await new Promise((done) => setTimeout(done, 1_000 * Number(r.headers()['retry-after'])));
    }
  }
  return ctx.get(url, { headers, maxRedirects: 0, timeout: 90_000 });
}

for (const [pattern, entry] of Object.entries(MATRIX)) {
  test(`${entry.kind} ${pattern}`, async () => {
    test.setTimeout(180_000);
    const problems: string[] = [];
    for (const probe of entry.probes) {
      const url = probe.path(ids);
      const expected = typeof probe.expect === 'function' ? probe.expect(ids) : probe.expect;
      await Promise.all(
        ROLES.map(async (role) => {
          const r = await request(contexts.get(role)!, probe, url);
          const body = (r.headers()['content-type'] ?? '').includes('text') || (r.headers()['content-type'] ?? '').includes('json') ? await r.text() : '';
          const got = classify(r, body, base);
          const want = outcomeText(expected[role]);
          if (got !== want) problems.push(`${probe.label} ${url} as ${ROLE_LABEL[role]}: expected ${want}, got ${got}`);
          if (got === 'forbidden' && entry.kind === 'page' && !body.includes('无权访问'))
            problems.push(`${probe.label} ${url} as ${ROLE_LABEL[role]}: 403 without the 无权访问 page`);
          if (got !== 'ok' && probe.secret && body.includes(probe.secret))
            problems.push(`${probe.label} ${url} as ${ROLE_LABEL[role]}: the refusal shows “${probe.secret}”`);
        }),
      );
    }
    expect(problems).toEqual([]);
  });
}
