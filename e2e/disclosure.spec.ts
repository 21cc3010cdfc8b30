import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { signIn } from './fixtures';

const TABLE_TITLES = [
  '2024年预算收支总表',
  '2024年预算收入总表',
  '2024年预算支出总表',
  '2024年财政拨款收支总表',
  '2024年一般公共预算支出预算表（不含上年结转）',
  '2024年一般公共预算安排基本支出分经济科目表（不含上年结转）',
  '2024年政府性基金预算收入表（不含上年结转）',
  '2024年政府性基金预算支出表（不含上年结转）',
  '2024年国有资本经营预算收支预算表（不含上年结转）',
  '2024年财政拨款安排“三公”经费支出预算表',
  '2024年财政拨款安排机关运行经费预算表',
  '2024年项目支出预算表（本年预算）',
  '2024年项目支出预算表（上年结转）',
];

test.describe('the disclosure preview and its downloads', () => {
  test('shows the thirteen tables, the text with its figures and both charts', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    await expect(page).toHaveURL(/\/budgets\/\d+\/disclosure$/);
    for (const title of TABLE_TITLES) await expect(page.getByRole('heading', { name: title, exact: true })).toBeVisible();
    await expect(page.getByText('一般公共预算拨款收入5,095.13万元，占86.24%')).toBeVisible();
    await expect(page.locator('[data-chart="generalStructure"] svg')).toBeVisible();
    await expect(page.locator('[data-chart="threePublic"] svg')).toBeVisible();
    await expect(page.locator('[data-chart="generalStructure"] figcaption')).toHaveText('一般公共预算当年拨款结构图');
    await expect(page.locator('[data-chart="threePublic"] figcaption')).toHaveText('三公经费分布图');
    // a figure of 表五 in its cell
    const t5 = page.locator('#table-5');
    await expect(t5.locator('tr[data-row="f:2080105"] td[data-col="total"]')).toHaveText('42.50');
    // the performance forms are attached
    await expect(page.locator('#attachments .form-sheet')).toHaveCount(17);
  });

  test('the document arrives after the page, scrolls to the table of the address, and is revalidated by entity tag', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    await expect(page.locator('#table-1')).toBeVisible();
    const path = new URL(page.url()).pathname;
    // a finding's link to a table opens the preview at that table once the document is in place
    await page.goto('/');
    await page.goto(`${path}#table-12`);
    await expect(page.locator('#table-12')).toBeInViewport();
    await expect(page.locator('#table-1')).not.toBeInViewport();

    const first = await page.request.get(`${path}/document`);
    expect(first.status()).toBe(200);
    expect(first.headers()['content-type']).toBe('text/html; charset=utf-8');
    expect(first.headers()['cache-control']).toBe('private, no-store');
    const etag = first.headers()['etag'];
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    expect(await first.text()).toContain('2024年预算收支总表');
    const again = await page.request.get(`${path}/document`, { headers: { 'if-none-match': etag } });
    expect(again.status()).toBe(304);
    expect(await again.body()).toHaveLength(0);
    const other = await page.request.get(`${path}/document`, { headers: { 'if-none-match': '"an-older-version"' } });
    expect(other.status()).toBe(200);
  });

  test('a session that ended before the document arrived says so and offers to sign in again', async ({ page, playwright }) => {
    await signIn(page, 'renshe');
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    // the document is answered by the server as it answers a browser whose session is gone: without the cookie
    // (signed out in another tab: sent to the sign-in page), and with a cookie that is no longer valid (401)
    const signedOut = await playwright.request.newContext();
    for (const cookie of [undefined, 'authjs.session-token=no-longer-valid']) {
      await page.route('**/disclosure/document', async (route) =>
        route.fulfill({ response: await signedOut.get(route.request().url(), { maxRedirects: 0, headers: cookie ? { cookie } : {} }) }),
      );
      await page.goto(`${budgetPath}/disclosure`);
      await expect(page.getByRole('alert').filter({ hasText: '公开文本载入失败：登录已过期，请重新登录' }), cookie ?? 'no cookie').toBeVisible();
      await expect(page.getByRole('link', { name: '重新登录' })).toHaveAttribute('href', `/login?callbackUrl=${encodeURIComponent(`${budgetPath}/disclosure`)}`);
      await expect(page.locator('#table-1')).toHaveCount(0);
      await page.unroute('**/disclosure/document');
    }
    await signedOut.dispose();
  });

  test('downloads the workbook with one sheet per table and numbers as numbers', async ({ page }) => {
    await signIn(page, 'renshe');
    await page.getByRole('link', { name: '公开预览' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载Excel 工作簿' }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概况',
      ...['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'].map((n) => `表${n}`),
      '情况说明',
      '名词解释',
    ]);
    const t1 = wb.getWorksheet('表一')!;
    const values: unknown[] = [];
    t1.eachRow((r) => r.eachCell((c) => values.push(c.value)));
    expect(values).toContain('2024年预算收支总表');
    expect(values).toContain(5907.89);
    // the published figure, not the exact one: 表二 208 一般公共预算 is 4,729.70 (exactly 4,729.6992)
    expect(wb.getWorksheet('表二')!.getCell('D7').value).toBe(4729.7);
  });

  test('exports the PDF through the render queue: the button shows the state, then the PDF downloads with the tables in its text layer', async ({ page }) => {
    test.setTimeout(150_000);
    await signIn(page, 'shenhe');
    await page.goto('/review');
    await page.getByRole('link', { name: '泽州县人力资源和社会保障局' }).click();
    await expect(page).toHaveURL(/\/budgets\/\d+$/);
    const budgetPath = new URL(page.url()).pathname;
    await page.goto(`${budgetPath}/disclosure`);
    const started = page.waitForResponse((r) => r.url().endsWith('/export/pdf') && r.request().method() === 'POST');
    await page.getByRole('button', { name: '下载PDF' }).click();
    expect((await started).status()).toBe(202);
    const status = page.getByTestId('pdf-export-status');
    // the live region follows the job: queued with its place, or rendering, until the file is ready
    await expect(status).toHaveAttribute('aria-live', 'polite');
    await expect(status).toHaveText(/排队中…|排队中（前面还有 \d+ 个）|正在生成…|PDF 已生成/);
    const save = page.getByRole('link', { name: '保存 PDF 文件' });
    await expect(save).toBeVisible({ timeout: 120_000 });
    await expect(status).toHaveText('PDF 已生成');
    const href = (await save.getAttribute('href'))!;
    const download = page.waitForEvent('download');
    await save.click();
    const file = await (await download).path();
    const bytes = new Uint8Array(fs.readFileSync(file));
    expect(Buffer.from(bytes.slice(0, 5)).toString()).toBe('%PDF-');
    const pdf = await getDocumentProxy(bytes);
    // cover, contents, overview, 13 tables, the text, the glossary and 17 forms: dozens of A4 pages
    expect(pdf.numPages).toBeGreaterThanOrEqual(30);
    expect(pdf.numPages).toBeLessThanOrEqual(120);
    const { text } = await extractText(pdf, { mergePages: true });
    const compact = text.replace(/\s+/g, '');
    for (const title of TABLE_TITLES) expect(compact).toContain(title);
    expect(compact).toContain('5,907.89');
    // numbered as Chinese documents are, in the document's font (no missing glyphs): 第 1 页 … 第 N 页 共 N 页
    expect(compact).toContain(`第1页共${pdf.numPages}页`);
    expect(compact).toContain(`第${pdf.numPages}页共${pdf.numPages}页`);
    expect(compact).not.toContain('\u0000');
    // an accessible, titled document: tagged (structure tree, /Lang from the page), bookmarks from the headings
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe('泽州县人力资源和社会保障局2024年度部门预算公开');
    expect(info.Language).toBe('zh-CN');
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const outline = (await pdf.getOutline()) ?? [];
    const titles = (items: typeof outline): string[] => items.flatMap((o) => [o.title.replace(/\s+/g, ''), ...titles(o.items ?? [])]);
    expect(titles(outline)).toEqual(expect.arrayContaining(['第一部分概况', '第二部分2024年部门预算报表', ...TABLE_TITLES]));
    await expect(status).toHaveText('PDF 已下载');
    // handed out once: the PDF is gone from the database after its download
    expect((await page.request.get(href)).status()).toBe(404);
  });

  test('another department cannot download this one', async ({ page }) => {
    await signIn(page, 'dangan');
    const own = new URL(page.url()).pathname; // the archive's budget
    const ownId = Number(own.split('/').pop());
    const otherId = ownId === 1 ? 2 : 1;
    expect((await page.request.post(`/budgets/${otherId}/export/pdf`)).status()).toBe(403);
    expect((await page.request.get(`/budgets/${otherId}/export/xlsx`)).status()).toBe(403);
  });
});
