import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';

test.describe('signing in by role', () => {
  test('signed-out visitors are sent to the sign-in page', async ({ page }) => {
    await page.goto('/review');
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Freview/);
    await expect(page.getByRole('button', { name: '登录' })).toBeVisible();
  });

  test('a wrong password shows an error and keeps the user name', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('renshe');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
    await expect(page.getByLabel('用户名')).toHaveValue('renshe');
    await expect(page).toHaveURL(/\/login/);
  });

  test('the clerk sees the department budget with its headline totals', async ({ page }) => {
    await signIn(page, 'renshe');
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('泽州县人力资源和社会保障局 2024年部门预算');
    await expect(page.getByTestId('income-total')).toHaveText('5,907.89');
    await expect(page.getByTestId('basic-total')).toHaveText('2,656.10');
    await expect(page.getByTestId('project-total')).toHaveText('3,251.79');
    await expect(page.getByTestId('income-carryover')).toHaveText('812.76');
  });

  test('the reviewer sees every department and its status', async ({ page }) => {
    await signIn(page, 'shenhe');
    await expect(page).toHaveURL(/\/review$/);
    const rows = page.getByRole('row');
    await expect(rows.filter({ hasText: '泽州县人力资源和社会保障局' })).toContainText('编制中');
    await expect(rows.filter({ hasText: '泽州县档案馆' })).toContainText('编制中');
  });

  test('the administrator sees departments and users', async ({ page }) => {
    await signIn(page, 'admin');
    await expect(page).toHaveURL(/\/admin$/);
    const departments = page.getByRole('table', { name: '部门' });
    await expect(departments.getByRole('row', { name: /054.*泽州县人力资源和社会保障局/ })).toBeVisible();
    await expect(departments.getByRole('row', { name: /061.*泽州县档案馆/ })).toBeVisible();
    const people = page.getByRole('table', { name: '用户' });
    await expect(people.getByRole('cell', { name: 'renshe', exact: true })).toBeVisible();
    await expect(people.getByRole('cell', { name: 'shenhe', exact: true })).toBeVisible();
  });

  test("a clerk opening another department's budget is refused, not shown the data", async ({ page, browser }) => {
    // find the archive's budget URL as its own clerk
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, 'dangan');
    await expect(otherPage).toHaveURL(/\/budgets\/\d+$/);
    const archiveUrl = new URL(otherPage.url()).pathname;
    await other.close();

    await signIn(page, 'renshe');
    const response = await page.goto(archiveUrl);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await expect(page.getByText('泽州县档案馆')).toHaveCount(0);
  });

  test('signing out ends the session', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
  });
});
