/**
 * A user whose password an administrator reset must choose their own before anything else, and the server enforces
 * it: every page sends them to 修改密码, downloads and fetched fragments answer 403, a replayed server action writes
 * nothing. After the change everything works. The user is a throwaway clerk of 054, so the demo accounts are
 * untouched; the replayed action is captured from that clerk's own grid and never reaches the server the first time.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { MUST_CHANGE_PASSWORD_MESSAGE } from '../lib/auth/authorize';
import { signIn } from './fixtures';

const DB_FILE = path.resolve(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db');

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(DB_FILE);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

async function throwawayClerk(password: string): Promise<{ id: number; username: string }> {
  const username = `reset-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const hash = await hashPassword(password);
  const id = withDb((db) => {
    const dept = db.prepare("SELECT id FROM departments WHERE code = '054'").get() as { id: number };
    return Number(
      db
        .prepare(
          'INSERT INTO users (username, display_name, password_hash, role, department_id, active, must_change_password, session_version, created_at) VALUES (?, ?, ?, ?, ?, 1, 0, 1, ?)',
        )
        .run(username, '临时重置', hash, 'clerk', dept.id, Date.now()).lastInsertRowid,
    );
  });
  return { id, username };
}

const lineAmounts = (budgetId: number) =>
  withDb((db) => db.prepare('SELECT id, amount, version FROM basic_lines WHERE budget_id = ? ORDER BY id').all(budgetId));

async function submitSignIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Edits the first amount in the grid and captures the server action's request, aborting it (nothing is saved). */
async function captureLineSave(page: Page, budgetPath: string): Promise<CapturedAction> {
  let captured: CapturedAction | null = null;
  await page.route(`**${budgetPath}/lines`, async (route) => {
    const r = route.request();
    if (r.method() !== 'POST' || !r.headers()['next-action']) return route.continue();
    captured = { url: r.url(), headers: r.headers(), body: r.postData() ?? '' };
    await route.abort();
  });
  await page.goto(`${budgetPath}/lines`);
  const cell = page.getByRole('grid', { name: '基本支出明细' }).locator('tbody tr').first().locator('td[data-col="amount"]');
  await cell.click();
  await cell.press('Enter');
  const input = cell.getByRole('textbox', { name: '金额（元）' });
  await input.fill('1.23');
  await input.press('Enter');
  await expect.poll(() => captured !== null, { message: 'the grid sent its save action' }).toBe(true);
  await page.unroute(`**${budgetPath}/lines`);
  return captured!;
}

test('an administrator-reset user must change the password first; the server refuses everything else until then', async ({ browser }) => {
  const first = 'Before#2024x';
  const temporary = 'Reset#2024x';
  const own = 'Mine#2025xy';
  const { id, username } = await throwawayClerk(first);

  // the clerk at work: their grid's save action, captured (and aborted) to be replayed later
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await submitSignIn(clerk, username, first);
  await expect(clerk).toHaveURL(/\/budgets\/\d+$/);
  const budgetPath = new URL(clerk.url()).pathname;
  const budgetId = Number(budgetPath.split('/').pop());
  const action = await captureLineSave(clerk, budgetPath);
  await clerkContext.close();
  const linesBefore = lineAmounts(budgetId);

  // the administrator resets the password
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, 'admin');
  await admin.goto(`/admin/users/${id}`);
  const reset = admin.getByRole('form', { name: '重置密码' });
  await reset.getByLabel('新密码').fill(temporary);
  await reset.getByRole('button', { name: '重置密码' }).click();
  await expect
    .poll(() => withDb((db) => (db.prepare('SELECT must_change_password AS m FROM users WHERE id = ?').get(id) as { m: number }).m))
    .toBe(1);
  await adminContext.close();

  // signing in with the temporary password lands on 修改密码, with no navigation to anything else
  const context = await browser.newContext();
  const page = await context.newPage();
  await submitSignIn(page, username, temporary);
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByText('您的密码由管理员设置')).toBeVisible();
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link')).toHaveCount(0);

  // every page redirects there, on the server
  for (const p of ['/', budgetPath, `${budgetPath}/lines`, `${budgetPath}/projects`, `${budgetPath}/disclosure`, `${budgetPath}/history`, `/print/budgets/${budgetId}`, '/review', '/admin']) {
    const r = await page.request.get(p, { maxRedirects: 0 });
    expect(r.status(), p).toBe(307);
    expect(new URL(r.headers()['location'], 'http://x').pathname, p).toBe('/account/password');
  }
  // downloads and fetched fragments answer 403 with the reason
  for (const p of [`${budgetPath}/export/xlsx`, `${budgetPath}/lines/template`, `${budgetPath}/disclosure/document`]) {
    const r = await page.request.get(p, { maxRedirects: 0 });
    expect(r.status(), p).toBe(403);
    expect(await r.text(), p).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
    expect(r.headers()['cache-control'], p).toBe('private, no-store');
  }
  // the PDF export gives nothing either (refused or sent to 修改密码)
  const pdf = await page.request.get(`${budgetPath}/export/pdf`, { maxRedirects: 0 });
  expect([307, 403], 'PDF export').toContain(pdf.status());

  // the grid's save action, replayed with this session, is sent to 修改密码 and writes nothing
  const origin = new URL(action.url).origin;
  const replay = await page.request.post(action.url, {
    headers: {
      'next-action': action.headers['next-action'],
      'next-router-state-tree': action.headers['next-router-state-tree'] ?? '',
      'content-type': action.headers['content-type'] ?? 'text/plain;charset=UTF-8',
      accept: 'text/x-component',
      origin,
    },
    data: action.body,
    maxRedirects: 0,
  });
  const redirectedTo = replay.headers()['x-action-redirect'] ?? replay.headers()['location'] ?? '';
  expect(redirectedTo, `action answered ${replay.status()}`).toContain('/account/password');
  expect(lineAmounts(budgetId)).toEqual(linesBefore);

  // changing the password is allowed, and then everything works
  await page.getByLabel('当前密码').fill(temporary);
  await page.getByLabel('新密码', { exact: true }).fill(own);
  await page.getByLabel('确认新密码').fill(own);
  await page.getByRole('button', { name: '修改密码' }).click();
  await expect(page).toHaveURL(/\/budgets\/\d+$/);
  await expect(page.getByTestId('current-user')).toContainText('临时重置');
  await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '本部门预算' })).toBeVisible();
  for (const p of [budgetPath, `${budgetPath}/lines`, `${budgetPath}/disclosure`]) {
    const r = await page.request.get(p, { maxRedirects: 0 });
    expect(r.status(), p).toBe(200);
  }
  const xlsx = await page.request.get(`${budgetPath}/export/xlsx`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-disposition']).toMatch(/^attachment;/);
  await context.close();
});
