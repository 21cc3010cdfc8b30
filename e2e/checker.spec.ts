/**
 * Checking disclosures made elsewhere: the reviewer opens 核查公开文件 from the desk, uploads the 上海 sample PDF and
 * the demo department's own workbook at once, follows both through the queue, and opens the PDF's result: the
 * profile chosen (上海/中央9张表) and why, the department, the findings by severity and what could not be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';

const SAMPLE = path.join(__dirname, '..', 'lib', 'checker', 'testing', 'fixtures', 'shanghai-putuo-finance-bureau-2025-dept-budget.pdf');

test('the reviewer checks an uploaded PDF and a workbook', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'shenhe');
  await page.goto('/review');
  // the demo department's workbook, as its clerk would send it in
  const budgetHref = await page.getByTestId('desk-054').getByRole('link').first().getAttribute('href');
  const workbook = await page.request.get(`${budgetHref}/export/xlsx`);
  expect(workbook.ok()).toBe(true);
  const xlsx = Buffer.from(await workbook.body());

  await page.getByRole('link', { name: '核查公开文件' }).click();
  await expect(page.getByRole('heading', { name: '核查公开文件' })).toBeVisible();
  await page.getByLabel(/选择文件/).setInputFiles([
    { name: path.basename(SAMPLE), mimeType: 'application/pdf', buffer: fs.readFileSync(SAMPLE) },
    { name: '054-2024.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx },
  ]);
  await page.getByRole('button', { name: '上传并核查' }).click();

  const table = page.getByRole('table', { name: '核查记录' });
  const pdfRow = table.getByRole('row').filter({ hasText: 'shanghai-putuo-finance-bureau-2025-dept-budget.pdf' });
  const xlsxRow = table.getByRole('row').filter({ hasText: '054-2024.xlsx' });
  await expect(pdfRow).toHaveCount(1);
  await expect(xlsxRow).toHaveCount(1);
  // each file is followed through the queue until it is checked (or refused with a reason)
  await expect(pdfRow.getByTestId('check-status')).toHaveText('已完成', { timeout: 90_000 });
  await expect(xlsxRow.getByTestId('check-status')).toHaveText(/已完成|失败/, { timeout: 90_000 });
  await expect(pdfRow).toContainText('上海/中央9张表');
  await expect(pdfRow).toContainText('上海市普陀区财政局');

  await pdfRow.getByRole('link', { name: 'shanghai-putuo-finance-bureau-2025-dept-budget.pdf' }).click();
  await expect(page.getByTestId('check-profile')).toContainText('上海/中央9张表（元）');
  await expect(page.getByTestId('check-department')).toHaveText('上海市普陀区财政局');
  await expect(page.getByRole('heading', { name: /^错误（\d+）$/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^未能读取或核查（\d+）$/ })).toBeVisible();
  await expect(page.getByRole('button', { name: /改按“山西13张表（万元）”重新核查/ })).toBeVisible();
});
