/**
 * The 基本支出 grid and its code pickers from the keyboard alone: no click, no mouse, from signing in to the saved
 * figure. Tab reaches the grid (one Tab stop) and the keys work at once; Enter saves and moves down; opening a cell
 * raises no "not saved" alarm and moves nothing; a line is added with the pickers found by name and by pinyin
 * initials (the form opened by the “新增一行” button above the grid), lands at its place in unit and code order,
 * is corrected in the grid by code, and deleted again with Delete; the lines are searched and sorted (server-side,
 * in the address) and the column headings stay in view.
 *
 * The tests share one seeded database with the other journeys: each restores what it changes.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { account } from './fixtures';
import { formatYuanExact, parseYuan } from '../lib/money';

/** Signs in by typing: the form submits with Enter. */
async function signInByKeyboard(page: Page): Promise<string> {
  await page.goto('/login');
  await page.getByLabel('用户名').focus();
  await page.keyboard.type('renshe');
  await page.getByLabel('密码').focus();
  await page.keyboard.type(account('renshe').password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/budgets\/\d+$/);
  return new URL(page.url()).pathname;
}

const grid = (page: Page) => page.getByRole('grid', { name: '基本支出明细' });
const bodyRows = (page: Page) => grid(page).locator('tbody tr');
const cellOf = (page: Page, row: number, col: string) => bodyRows(page).nth(row).locator(`td[data-col="${col}"]`);
const focusedIsGridCell = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('role') === 'gridcell');

/** Presses Tab (or Shift+Tab) until the focus is on a cell of the grid; fails after `max` presses. */
async function tabToGrid(page: Page, key: 'Tab' | 'Shift+Tab' = 'Tab', max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await focusedIsGridCell(page)) return;
  }
  throw new Error(`no grid cell after ${max} × ${key}`);
}

/** Presses `key` until `target` has the focus (no press if it has it already); fails after `max` presses. */
async function tabUntil(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab', max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  if (await target.evaluate((el) => el === document.activeElement)) return;
  throw new Error(`not focused after ${max} × ${key}`);
}

const fen = (text: string) => {
  const r = parseYuan(text.replace(/保存中…/, '').trim());
  if (!r.ok) throw new Error(`not an amount: ${text}`);
  return r.fen;
};

async function expectActive(cell: Locator) {
  await expect(cell).toBeFocused();
  await expect(cell).toHaveAttribute('aria-selected', 'true');
}

test.describe('the lines grid from the keyboard', () => {
  test('Tab into the grid and edit an amount with arrows, typing and Enter; reload shows it saved', async ({ page }) => {
    const base = await signInByKeyboard(page);
    await page.goto(`${base}/lines`);
    const count = await bodyRows(page).count();
    expect(count).toBeGreaterThan(12);

    // the first Tab into the grid lands on its first cell, already active
    await tabToGrid(page);
    await expectActive(cellOf(page, 0, 'unitId'));
    // one Tab stop: the row buttons are not in the Tab order, Tab leaves the grid, Shift+Tab comes back to the cell
    await expect(grid(page).locator('button:not([tabindex="-1"])')).toHaveCount(0);
    await page.keyboard.press('ArrowRight');
    await expectActive(cellOf(page, 0, 'functionCode'));
    await page.keyboard.press('End');
    await expectActive(cellOf(page, 0, 'amount'));
    await page.keyboard.press('Tab');
    expect(await focusedIsGridCell(page)).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expectActive(cellOf(page, 0, 'amount'));

    // Home/End, Ctrl+Home/Ctrl+End, PgUp/PgDn (10 rows); rows are numbered for assistive technology (header = 1)
    await page.keyboard.press('Control+End');
    await expectActive(cellOf(page, count - 1, 'amount'));
    await expect(bodyRows(page).nth(count - 1)).toHaveAttribute('aria-rowindex', String(count + 1));
    await page.keyboard.press('PageUp');
    await expectActive(cellOf(page, count - 11, 'amount'));
    await page.keyboard.press('Home');
    await expectActive(cellOf(page, count - 11, 'unitId'));
    await page.keyboard.press('Control+Home');
    await expectActive(cellOf(page, 0, 'unitId'));
    await page.keyboard.press('PageDown');
    await expectActive(cellOf(page, 10, 'unitId'));
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    const cell = cellOf(page, 5, 'amount');
    await expectActive(cell);

    // opening a cell raises no "not saved" alarm and moves nothing; Escape gives the cell back unchanged
    const original = (await cell.textContent())!;
    const gridTop = () => grid(page).evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
    const top = await gridTop();
    await page.keyboard.press('F2');
    const input = cell.getByRole('textbox', { name: '金额（元）' });
    await expect(input).toBeFocused();
    await expect(page.getByText(/尚未保存成功/)).toHaveCount(0);
    expect(await gridTop()).toBe(top);
    await page.keyboard.press('Escape');
    await expectActive(cell);
    await expect(cell).toHaveText(original);

    // typing starts the edit with the typed character; Enter saves and moves down
    const changed = fen(original) + 123;
    await page.keyboard.type(formatYuanExact(changed, { grouping: false }));
    await expect(input).toHaveValue(formatYuanExact(changed, { grouping: false }));
    await page.keyboard.press('Enter');
    await expectActive(cellOf(page, 6, 'amount'));
    await expect(cell).toHaveText(formatYuanExact(changed));
    await expect(page.getByText(/尚未保存成功/)).toHaveCount(0);

    await page.reload();
    await expect(cellOf(page, 5, 'amount')).toHaveText(formatYuanExact(changed));

    // restore, from the keyboard too
    await tabToGrid(page);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await expectActive(cellOf(page, 5, 'amount'));
    await page.keyboard.press('Enter');
    await page.keyboard.type(formatYuanExact(fen(original), { grouping: false }));
    await page.keyboard.press('Enter');
    await expect(cellOf(page, 5, 'amount')).toHaveText(original);
    await page.reload();
    await expect(cellOf(page, 5, 'amount')).toHaveText(original);
  });

  test('add a line with the pickers found by name and by pinyin initials, correct it by code, delete it with Delete', async ({ page }) => {
    const base = await signInByKeyboard(page);
    await page.goto(`${base}/lines`);
    const before = await bodyRows(page).count();

    // “新增一行” sits right above the grid (Shift+Tab out of it, past the column headings' sort links): Enter opens
    // the form there, in view, its first field focused — not 2,600 px down the page
    await tabToGrid(page);
    await tabUntil(page, page.getByRole('button', { name: '新增一行' }), 'Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('#new-unit')).toBeFocused();
    await expect(page.locator('#new-unit')).toBeInViewport();
    await page.keyboard.press('Tab');
    const fn = page.locator('#new-function');
    await expect(fn).toBeFocused();
    const fnList = page.getByRole('listbox', { name: '功能科目候选' });

    // a long list: the highlighted option stays in view as ↓ moves it down
    await page.keyboard.type('2');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowDown');
    const far = fnList.locator('[aria-selected="true"]');
    await expect(far).toHaveCount(1);
    await expect(far).toBeInViewport();
    await expect(fnList.getByRole('option').nth(20)).toHaveAttribute('aria-selected', 'true');

    // by name: the department's own 2080101 行政运行 comes first among the many 行政运行, and the count is announced
    await page.keyboard.press('Control+A');
    await page.keyboard.type('行政运行');
    const first = fnList.getByRole('option').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(first).toContainText('2080101');
    await expect(first).toContainText('本部门已用');
    await expect(page.getByRole('status').filter({ hasText: /^\d+ 个匹配$/ })).toHaveCount(1);
    await page.keyboard.press('Enter');
    await expect(fn).toHaveValue('2080101');

    // by pinyin initials; nothing matching says so
    await page.keyboard.press('Tab');
    const econ = page.locator('#new-economic');
    await expect(econ).toBeFocused();
    await page.keyboard.type('qqqq');
    await expect(page.locator('p', { hasText: '没有匹配的科目' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: '没有匹配的科目' })).toHaveCount(1);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('bgf');
    const econFirst = page.getByRole('listbox', { name: '经济科目候选' }).getByRole('option').first();
    await expect(econFirst).toHaveAttribute('aria-selected', 'true');
    await expect(econFirst).toContainText('30201');
    await expect(econFirst).toContainText('办公费');
    await page.keyboard.press('Enter');
    await expect(econ).toHaveValue('30201');

    await page.keyboard.press('Tab'); // 资金来源: the default
    await page.keyboard.press('Tab');
    await expect(page.locator('#new-amount')).toBeFocused();
    await page.keyboard.type('321.00');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: '已添加一行' })).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(before + 1);

    // the line landed at its place in unit and code order (not at the end), marked, and it is the grid's active
    // cell: Tab into the grid lands on it; correct its 经济科目 by typing the code
    await expect(page).toHaveURL(/[?&]line=\d+/);
    const id = new URL(page.url()).searchParams.get('line');
    const added = page.locator(`#line-${id}`);
    await expect(added.locator('td[data-col="amount"]')).toHaveText('321.00');
    expect(Number(await added.getAttribute('aria-rowindex'))).toBeLessThan(before + 2);
    await tabToGrid(page);
    await expectActive(added.locator('td[data-col="amount"]'));
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    const econCell = added.locator('td[data-col="economicCode"]');
    await expectActive(econCell);
    await page.keyboard.type('30202');
    await expect(econCell.getByRole('combobox', { name: '经济科目' })).toHaveValue('30202');
    await page.keyboard.press('Enter');
    await expect(econCell).toContainText('30202');
    await expect(econCell.getByText('保存中…')).toHaveCount(0);
    await page.reload();
    await expect(added.locator('td[data-col="economicCode"]')).toContainText('30202');

    // Delete asks in the row (the question has the focus); Enter confirms; the focus comes back to the grid
    await tabToGrid(page); // the address still names the line: it is the active cell again
    await expectActive(added.locator('td[data-col="amount"]'));
    await page.keyboard.press('Delete');
    const confirm = added.getByRole('button', { name: /^确认删除第\d+行$/ });
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Escape');
    await expectActive(added.locator('td[data-col="amount"]'));
    await page.keyboard.press('Delete');
    await expect(confirm).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(bodyRows(page)).toHaveCount(before);
    await expect.poll(() => focusedIsGridCell(page)).toBe(true);
  });

  test('search and sort from the keyboard: server-side over all lines, kept in the address, headings stay in view', async ({ page }) => {
    const base = await signInByKeyboard(page);
    await page.goto(`${base}/lines`);
    const all = await bodyRows(page).count();

    // the search box: type a 部门经济 code, Enter
    await tabUntil(page, page.getByRole('searchbox'), 'Tab');
    await page.keyboard.type('30201');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/[?&]q=30201/);
    const found = await bodyRows(page).count();
    expect(found).toBeGreaterThan(0);
    expect(found).toBeLessThan(all);
    for (const text of await bodyRows(page).locator('td[data-col="economicCode"]').allTextContents()) expect(text).toMatch(/^30201 /);
    await expect(page.getByTestId('lines-filter')).toContainText(`符合“30201”的 ${found} 行`);

    // sort by 金额 (the heading's link): ascending, then descending; the search is kept
    const amountHeading = page.getByRole('columnheader').filter({ hasText: '金额' });
    await tabUntil(page, amountHeading.getByRole('link'), 'Tab');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=amount/);
    await expect(amountHeading).toHaveAttribute('aria-sort', 'ascending');
    await tabUntil(page, amountHeading.getByRole('link'), 'Tab');
    await page.keyboard.press('Enter');
    await expect(amountHeading).toHaveAttribute('aria-sort', 'descending');
    await expect(page).toHaveURL(/q=30201/);
    const amounts = (await bodyRows(page).locator('td[data-col="amount"]').allTextContents()).map(fen);
    expect(amounts).toHaveLength(found);
    expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);

    // the address is the state: a reload shows the same
    await page.reload();
    await expect(amountHeading).toHaveAttribute('aria-sort', 'descending');
    await expect(bodyRows(page)).toHaveCount(found);

    // back to all lines; at the bottom of the grid its headings are still in view
    await tabUntil(page, page.getByRole('link', { name: '显示全部' }).first(), 'Tab');
    await page.keyboard.press('Enter');
    await expect(bodyRows(page)).toHaveCount(all);
    await tabToGrid(page);
    await page.keyboard.press('Control+End');
    await expectActive(cellOf(page, all - 1, 'amount'));
    await expect(page.getByRole('columnheader').filter({ hasText: '功能科目' })).toBeInViewport();
  });
});
