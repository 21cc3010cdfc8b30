/**
 * The clerk enters and corrects the budget in the browser: in-place grid edits reach the overview's totals, bad
 * amounts are refused in Chinese with the input kept, a stale edit from a second tab is refused with the current
 * value, pasted rows are checked row by row and added all or none, a workbook with a bad row is rejected naming the
 * row, and deleting a project changes the project count.
 *
 * The tests share one seeded database: each restores what it changes or asserts relative changes only.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { signIn } from './fixtures';
import { formatWan, formatYuanExact, parseWan, parseYuan } from '../lib/money';

async function budgetUrl(page: Page): Promise<string> {
  await signIn(page, 'renshe');
  await expect(page).toHaveURL(/\/budgets\/\d+$/);
  return new URL(page.url()).pathname;
}

const grid = (page: Page) => page.getByRole('grid', { name: '基本支出明细' });
const row = (page: Page, n: number) => grid(page).locator('tbody tr').nth(n);
const amountCell = (r: Locator) => r.locator('td[data-col="amount"]');

const fen = (text: string) => {
  const r = parseYuan(text.replace(/保存中…/, '').trim());
  if (!r.ok) throw new Error(`not an amount: ${text}`);
  return r.fen;
};

/** Edits an amount cell in place: click, Enter, type, Enter; waits for the save to finish. */
async function setAmount(cell: Locator, value: string) {
  await cell.click();
  await cell.press('Enter');
  const input = cell.getByRole('textbox', { name: '金额（元）' });
  await input.fill(value);
  await input.press('Enter');
  await expect(cell.getByText('保存中…')).toHaveCount(0);
}

test.describe('clerk entry', () => {
  test('changing a line’s amount changes the overview’s 基本支出 total', async ({ page }) => {
    const base = await budgetUrl(page);
    // the overview shows 万元 rounded once; adding exactly 10.00 万元 moves the shown figure by exactly 10.00
    const shown = parseWan((await page.getByTestId('basic-total').textContent())!);
    if (!shown.ok) throw new Error('basic total not shown');
    const before = shown.fen;
    await page.goto(`${base}/lines`);
    const cell = amountCell(row(page, 0));
    const original = fen((await cell.textContent())!);
    const linesTotal = fen((await page.getByTestId('lines-total').textContent())!);
    const changed = original + 10_000_000; // + 100,000.00 元 = + 10.00 万元
    await setAmount(cell, formatYuanExact(changed));
    await expect(cell).toHaveText(formatYuanExact(changed));
    // the grid refreshes its totals (and the findings) by itself shortly after the save
    await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(linesTotal + 10_000_000));

    await page.goto(base);
    await expect(page.getByTestId('basic-total')).toHaveText(formatWan(before + 10_000_000));

    const disclosure = await page.goto(`${base}/disclosure`);
    if (disclosure?.status() === 200) {
      // the disclosure preview computes its tables from the same facts: 表三's 基本支出 合计 is the new total
      await expect(page.locator('#table-3').getByText(formatWan(before + 10_000_000), { exact: true }).first()).toBeVisible();
    }

    // restore
    await page.goto(`${base}/lines`);
    await setAmount(amountCell(row(page, 0)), formatYuanExact(original));
    await expect(amountCell(row(page, 0))).toHaveText(formatYuanExact(original));
    await page.goto(base);
    await expect(page.getByTestId('basic-total')).toHaveText(formatWan(before));
  });

  test('a bad amount is refused in Chinese next to the cell, and the input is kept', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/lines`);
    const r = row(page, 1);
    const cell = amountCell(r);
    const original = (await cell.textContent())!;

    // keyboard: from the unit cell, → five times reaches the amount; Enter edits
    await r.locator('td[data-col="unitId"]').click();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect(cell).toHaveAttribute('aria-selected', 'true');
    await expect(cell).toBeFocused();
    await page.keyboard.press('Enter');
    await cell.getByRole('textbox', { name: '金额（元）' }).fill('12.345');
    await page.keyboard.press('Enter');
    await expect(cell.getByRole('alert')).toHaveText('金额最多保留两位小数（到分）');
    await expect(cell).toContainText('12.345');

    // Enter saved and moved down: back up to the refused cell, Enter edits it again
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
    const input = cell.getByRole('textbox', { name: '金额（元）' });
    await expect(input).toHaveValue('12.345');
    await input.fill('abc');
    await page.keyboard.press('Enter');
    await expect(cell.getByRole('alert')).toHaveText('“abc”不是有效的金额');
    await expect(cell).toContainText('abc');
    await expect(page.getByRole('status').filter({ hasText: '尚未保存成功' })).toBeVisible();

    // Escape gives up the edit: the saved figure is back, nothing was written
    await cell.click();
    await page.keyboard.press('Escape');
    await expect(cell).toHaveText(original);
    await page.reload();
    await expect(amountCell(row(page, 1))).toHaveText(original);
  });

  test('two tabs editing the same line: the second save is refused with the current value', async ({ page, context }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/lines`);
    const second = await context.newPage();
    await second.goto(`${base}/lines`);
    const original = fen((await amountCell(row(page, 2)).textContent())!);

    await setAmount(amountCell(row(page, 2)), formatYuanExact(original + 123_456));
    await expect(amountCell(row(page, 2))).toHaveText(formatYuanExact(original + 123_456));

    const stale = amountCell(row(second, 2));
    await expect(stale).toHaveText(formatYuanExact(original)); // the second tab still shows what it loaded
    await setAmount(stale, '1.00');
    const refused = `该行已在您的另一个窗口或标签页中修改：当前金额为 ${formatYuanExact(original + 123_456)} 元，您输入的值未保存：请先查看当前值（按 Esc 放弃您的输入），如仍需修改再重新输入`;
    await expect(stale.getByRole('alert')).toHaveText(refused);
    await expect(stale).toContainText('1.00');
    // a second Enter does not write over the other tab's value: refused again, the typed value still there
    await stale.press('Enter');
    await stale.getByRole('textbox', { name: '金额（元）' }).press('Enter');
    await expect(stale.getByText('保存中…')).toHaveCount(0);
    await expect(stale.getByRole('alert')).toHaveText(refused);
    await expect(stale).toContainText('1.00');
    // Esc gives the typed value up and shows what is there now
    await stale.press('Escape');
    await expect(stale).toHaveText(formatYuanExact(original + 123_456));

    // nothing was overwritten
    await page.reload();
    await expect(amountCell(row(page, 2))).toHaveText(formatYuanExact(original + 123_456));
    // restore
    await setAmount(amountCell(row(page, 2)), formatYuanExact(original));
    await expect(amountCell(row(page, 2))).toHaveText(formatYuanExact(original));
    await second.close();
  });

  test('rows pasted from a spreadsheet are checked row by row: a bad row blocks the save, fixed rows are added together', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/lines`);
    const rows = grid(page).locator('tbody tr');
    const rowsBefore = await rows.count();
    const totalBefore = fen((await page.getByTestId('lines-total').textContent())!);
    await page.getByRole('button', { name: '从表格粘贴多行' }).click();
    const panel = page.getByRole('region', { name: '粘贴多行' });
    const text = panel.getByLabel('粘贴的内容');
    await expect(text).toBeFocused(); // opened by its button: above the grid, the focus in its text box
    const good = '1\t2080101\t30101\t一般公共预算\t1234.56';
    await text.fill([good, '1\t2089888\t30101\t一般公共预算\t654.00'].join('\n'));
    await panel.getByRole('button', { name: '检查', exact: true }).click();
    // the unknown 功能科目 is named on its row; nothing can be saved and nothing was written by the check
    await expect(panel.getByRole('alert').filter({ hasText: '第2行' })).toBeVisible();
    await expect(panel.getByRole('button', { name: '保存全部 2 行' })).toBeDisabled();
    await expect(rows).toHaveCount(rowsBefore);
    await text.fill([good, '1\t2080199\t30101\t一般公共预算\t654.00'].join('\n'));
    await panel.getByRole('button', { name: '检查', exact: true }).click();
    await expect(panel.getByText('无误', { exact: true })).toHaveCount(2);
    await panel.getByRole('button', { name: '保存全部 2 行' }).click();
    // the confirmation says what was saved; the rows sit with unit 1's lines in code order, not at the end
    await expect(page.getByRole('status').filter({ hasText: '已添加 2 行，合计 1,888.56 元' })).toBeVisible();
    await expect(rows).toHaveCount(rowsBefore + 2);
    await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(totalBefore + 123_456 + 65_400));
    const added = (amount: string) => rows.filter({ has: page.locator('td[data-col="amount"]', { hasText: new RegExp(`^${amount}$`) }) });
    await expect(added('1,234.56')).toHaveCount(1);
    expect(await added('1,234.56').getAttribute('aria-rowindex')).not.toBe(String(rowsBefore + 2));
    await expect(page).toHaveURL(/[?&]line=\d+/);

    // restore: delete the two added rows
    for (const amount of ['1,234.56', '654.00']) {
      await added(amount).getByRole('button', { name: /^删除第\d+行$/ }).click();
      await added(amount).getByRole('button', { name: /^确认删除第\d+行$/ }).click();
      await expect(added(amount)).toHaveCount(0);
    }
    await expect(rows).toHaveCount(rowsBefore);
    await expect(page.getByTestId('lines-total')).toHaveText(formatYuanExact(totalBefore));
  });

  test('the grid’s own columns pasted into row 3 open the preview in view, are read as such, and rows already there are flagged', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/lines`);
    const rows = grid(page).locator('tbody tr');
    const rowsBefore = await rows.count();
    // what copying the heading and the first two rows off the page gives: the cells' text, tab-separated
    const copied = await grid(page).evaluate((t: HTMLTableElement) =>
      [t.tHead!.rows[0], t.tBodies[0].rows[0], t.tBodies[0].rows[1]].map((tr) => Array.from(tr.cells, (c) => c.innerText.replace(/\s+/g, ' ').trim()).join('\t')).join('\n'),
    );
    expect(copied).toContain('政府经济科目');
    const target = amountCell(row(page, 2));
    await target.focus();
    await target.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, copied);
    const panel = page.getByRole('region', { name: '粘贴多行' });
    await expect(panel).toBeFocused();
    await expect(panel).toBeInViewport();
    await expect(panel.getByTestId('paste-grid-columns')).toBeVisible();
    // recognised, not “未知的资金来源“50201 …””: both rows check out, and both are flagged as already in the budget
    await expect(panel.getByText('本预算已有相同的一行（第 1 行）')).toBeVisible();
    await expect(panel.getByText('本预算已有相同的一行（第 2 行）')).toBeVisible();
    await expect(panel.getByRole('status').filter({ hasText: '其中 2 行与本预算已有的行完全相同' })).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: '保存全部 2 行' })).toBeEnabled();
    await panel.getByRole('button', { name: '取消' }).click();
    await expect(panel).toHaveCount(0);
    await expect(rows).toHaveCount(rowsBefore);
  });

  test('a workbook with one bad row is rejected, naming the row, and nothing is imported', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/lines`);
    const count = await grid(page).locator('tbody tr').count();
    const total = await page.getByTestId('lines-total').textContent();

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('基本支出');
    ws.addRow(['单位', '功能科目编码', '经济科目编码', '资金来源', '金额（元）']);
    ws.addRow(['泽州县人力资源和社会保障局（机关）', '2080101', '30201', '一般公共预算', 1000]);
    ws.addRow(['泽州县人力资源和社会保障局（机关）', '2080101', '30201', '一般公共预算', 'abc']);
    ws.addRow(['泽州县人力资源和社会保障局（机关）', '2080101', '30201', '一般公共预算', 2000]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await page.goto(`${base}/lines/import`);
    await page.getByLabel('选择 xlsx 文件').setInputFiles({
      name: 'lines.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer,
    });
    const errors = page.getByTestId('import-errors');
    await expect(errors).toContainText('第3行 金额（元）：“abc”不是有效的金额');
    await expect(errors.locator('li')).toHaveCount(1);
    await expect(page.getByRole('button', { name: '确认导入（替换全部基本支出）' })).toBeDisabled();

    await page.goto(`${base}/lines`);
    await expect(grid(page).locator('tbody tr')).toHaveCount(count);
    await expect(page.getByTestId('lines-total')).toHaveText(total!);
  });

  test('a project’s items: a bad amount is refused next to it and kept; an added item moves the project amount; deleting it restores it', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/projects`);
    await page.getByRole('link', { name: '驻村工作队经费', exact: true }).click();
    const items = page.getByRole('region', { name: '项目明细' });
    const amount = items.getByTestId('project-amount');
    await expect(amount).toBeVisible();
    const before = fen((await amount.textContent())!);
    const itemRows = items.locator('tbody tr');
    const rowsBefore = await itemRows.count();

    await items.locator('#new-item-function').fill('2080199');
    await items.locator('#new-item-economic').fill('30201');
    await items.locator('#new-item-amount').fill('12.3.4');
    await items.getByRole('button', { name: '添加明细' }).click();
    await expect(items.locator('#new-item-amount-error')).toContainText('不是有效的金额');
    await expect(items.locator('#new-item-amount')).toHaveValue('12.3.4');
    await expect(amount).toHaveText(formatYuanExact(before));

    await items.locator('#new-item-amount').fill('1234.56');
    await items.getByRole('button', { name: '添加明细' }).click();
    await expect(amount).toHaveText(formatYuanExact(before + 123_456));
    await expect(itemRows).toHaveCount(rowsBefore + 1);
    // the entry row is cleared for the next item
    await expect(items.locator('#new-item-amount')).toHaveValue('');

    const added = itemRows.filter({ hasText: '1,234.56' });
    await added.getByRole('button', { name: '删除' }).click();
    await added.getByRole('button', { name: '确认删除' }).click();
    await expect(amount).toHaveText(formatYuanExact(before));
    await expect(itemRows).toHaveCount(rowsBefore);
  });

  test('a name and a text over their limits: counted against the stated limit, refused with the same figure, nothing cut', async ({ page }) => {
    const base = await budgetUrl(page);
    await page.goto(`${base}/projects`);
    const form = page.getByRole('form', { name: '新建项目' });
    const name = form.getByLabel('项目名称');
    await name.fill('长'.repeat(2000));
    // the counter states the limit the server enforces; the input keeps all 2,000 characters (no silent cut)
    await expect(form.getByText(/^2000 \/ 100/)).toContainText('超出 1900 个字');
    await form.getByRole('button', { name: '创建项目' }).click();
    await expect(form.getByRole('alert').filter({ hasText: '项目名称不能超过' })).toHaveText('项目名称不能超过100个字（现有2000个字）');
    expect((await name.inputValue()).length).toBe(2000);
    await name.fill('长'.repeat(100));
    await expect(form.getByText(/^100 \/ 100$/)).toBeVisible();

    await page.goto(`${base}/facts`);
    const texts = page.getByRole('form', { name: '说明文字' });
    const duties = texts.getByLabel('部门职责');
    const before = await duties.inputValue();
    await duties.fill('字'.repeat(5001));
    await expect(texts.getByText(/^5001 \/ 5000/)).toContainText('超出 1 个字');
    await texts.getByRole('button', { name: '保存说明文字' }).click();
    await expect(texts.getByRole('alert').filter({ hasText: '部门职责不能超过' })).toHaveText('部门职责不能超过5000个字（现有5001个字）');
    expect((await duties.inputValue()).length).toBe(5001);
    // nothing was written
    const fresh = await page.context().newPage();
    await fresh.goto(`${base}/facts`);
    await expect(fresh.getByRole('form', { name: '说明文字' }).getByLabel('部门职责')).toHaveValue(before);
    await fresh.close();
    await duties.fill(before);
  });

  test('deleting a project lowers the overview’s count of this year’s projects', async ({ page }) => {
    const base = await budgetUrl(page);
    const countOf = async () => {
      await page.goto(base);
      const text = await page.getByText(/本年项目 \d+ 个/).textContent();
      return Number(/本年项目 (\d+) 个/.exec(text!)![1]);
    };
    const before = await countOf();

    await page.goto(`${base}/projects`);
    const form = page.getByRole('form', { name: '新建项目' });
    await form.getByLabel('项目名称').fill('端到端测试临时项目');
    await form.getByRole('button', { name: '创建项目' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '端到端测试临时项目' })).toBeVisible();
    expect(await countOf()).toBe(before + 1);

    await page.goto(`${base}/projects`);
    await page.getByRole('button', { name: '删除项目“端到端测试临时项目”' }).click();
    await page.getByRole('button', { name: '确认删除' }).click();
    await expect(page.getByRole('link', { name: '端到端测试临时项目' })).toHaveCount(0);
    expect(await countOf()).toBe(before);
  });
});
