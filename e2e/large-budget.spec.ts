/**
 * A budget at the line cap (20,000 基本支出 lines, seeded directly in the e2e database: bench/largeBudget.ts) stays
 * usable: the lines page is one bounded page of the grid with a pager, the totals by 类 are still over every line,
 * an edit on page 2 saves, a link to a line on another page lands on its page, and the cap refuses one more line
 * with a message that names it.
 *
 * The budget belongs to a department of its own, so the other journeys (sharing this database) never see it.
 */
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { basicLines, departments, users } from '../db/schema';
import { seedLargeBudget, type LargeBudget } from '../bench/largeBudget';
import { formatYuanExact, parseYuan } from '../lib/money';

const CODE = '901';
const PAGE_SIZE = 200;

let large: LargeBudget;
let total = 0;

test.beforeAll(async () => {
  const db = openDatabase(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db');
  try {
    const existing = db.select().from(departments).where(eq(departments.code, CODE)).get();
    if (existing) throw new Error(`department ${CODE} already exists: run on a fresh e2e database (scripts/test.ts)`);
    large = await seedLargeBudget(db, { code: CODE });
    total = db
      .select({ amount: basicLines.amount })
      .from(basicLines)
      .where(eq(basicLines.budgetId, large.budgetId))
      .all()
      .reduce((s, l) => s + l.amount, 0);
    expect(db.select().from(users).where(eq(users.username, large.username)).get()).toBeTruthy();
  } finally {
    db.$client.close();
  }
});

async function signInLarge(page: Page) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(large.username);
  await page.getByLabel('密码').fill(large.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

const grid = (page: Page) => page.getByRole('grid', { name: '基本支出明细' });
const bodyRows = (page: Page) => grid(page).locator('tbody tr');
const pager = (page: Page) => page.getByRole('navigation', { name: '基本支出分页', exact: true });
const fen = (text: string) => {
  const r = parseYuan(text.replace(/保存中…/, '').trim());
  if (!r.ok) throw new Error(`not an amount: ${text}`);
  return r.fen;
};

test('a 20,000-line budget opens as one bounded page of the grid, pages, and saves an edit on page 2', async ({ page }) => {
  await signInLarge(page);
  const lines = `/budgets/${large.budgetId}/lines`;
  const response = await page.goto(lines);
  expect(response?.status()).toBe(200);
  const html = await response!.body();
  // before paging this page was ~37 MB of HTML at 15,000 lines; a page of 200 lines is a few hundred KB
  expect(html.length).toBeLessThan(1_000_000);

  await expect(bodyRows(page)).toHaveCount(PAGE_SIZE);
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 1 / 100 页');
  await expect(pager(page)).toContainText('共 20,000 行');
  await expect(bodyRows(page).first()).toHaveAttribute('id', `line-${large.lineIds[0]}`);
  // the totals are over all 20,000 lines, not the page
  await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(total));
  await expect(page.getByTestId('lines-totals')).toContainText('合计（20,000 条）');

  await pager(page).getByRole('link', { name: '下一页' }).click();
  await expect(page).toHaveURL(/\/lines\?page=2$/);
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 2 / 100 页');
  const first = page.locator(`#line-${large.lineIds[PAGE_SIZE]}`);
  await expect(bodyRows(page).first()).toHaveAttribute('id', `line-${large.lineIds[PAGE_SIZE]}`);
  // row numbers continue across pages
  await expect(first.getByRole('button', { name: `复制第${PAGE_SIZE + 1}行` })).toBeVisible();

  // an in-place edit on page 2: click, Enter, type, Enter
  const cell = first.locator('td[data-col="amount"]');
  const before = fen((await cell.textContent())!);
  const after = before + 12_345;
  await cell.click();
  await cell.press('Enter');
  const input = cell.getByRole('textbox', { name: '金额（元）' });
  await input.fill(formatYuanExact(after, { grouping: false }));
  await input.press('Enter');
  await expect(cell.getByText('保存中…')).toHaveCount(0);
  await expect(cell).toHaveText(formatYuanExact(after));
  await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(total + 12_345));
  await page.reload();
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 2 / 100 页');
  await expect(page.locator(`#line-${large.lineIds[PAGE_SIZE]} td[data-col="amount"]`)).toHaveText(formatYuanExact(after));
  total += 12_345;

  // the last page, then back by 上一页
  await pager(page).getByRole('link', { name: '末页' }).click();
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 100 / 100 页');
  await expect(bodyRows(page)).toHaveCount(PAGE_SIZE);
  await pager(page).getByRole('link', { name: '上一页' }).click();
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 99 / 100 页');
});

test('a link to a line on another page lands on its page; the cap refuses one more line, naming it', async ({ page }) => {
  await signInLarge(page);
  const lines = `/budgets/${large.budgetId}/lines`;
  const target = large.lineIds[12_345];
  // a bare fragment (as comments and the change list link): the grid asks the server for the page that holds it
  await page.goto(`${lines}#line-${target}`);
  await expect(page.locator(`#line-${target}`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`\\?line=${target}#line-${target}$`));
  await expect(pager(page).getByTestId('lines-page')).toHaveText(`第 ${Math.floor(12_345 / PAGE_SIZE) + 1} / 100 页`);

  // one unit's lines: the filter keeps its count and the totals stay those of the whole budget
  await page.getByLabel('按单位显示').selectOption({ label: `${large.departmentName}服务中心` });
  await page.getByRole('button', { name: '筛选' }).click();
  await expect(page.getByTestId('lines-filter')).toContainText('5,000 行');
  await expect(pager(page).getByTestId('lines-page')).toHaveText('第 1 / 25 页');
  await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(total));

  // at 20,000 lines a copy is refused with the limit in the message, and nothing is added
  const row = bodyRows(page).first();
  await row.getByRole('button', { name: /^复制第/ }).click();
  await expect(row.getByRole('alert')).toHaveText('本预算的基本支出已达上限 20,000 行，不能再添加；请先删除不需要的行');
  await page.reload();
  await expect(page.getByTestId('lines-totals')).toContainText('合计（20,000 条）');
});
