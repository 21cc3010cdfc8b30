import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { signIn } from './fixtures';

const PROJECT = '创业和职业技能服务工作经费';

/** The clerk's budget id, from the page the sign-in lands on (/budgets/<id>). */
async function ownBudgetId(page: Page): Promise<number> {
  await page.goto('/');
  await expect(page).toHaveURL(/\/budgets\/\d+$/);
  return Number(/\/budgets\/(\d+)$/.exec(page.url())![1]);
}

/**
 * A project's id: from the link on the budget's project list when that page links it, else from the test database
 * (read-only; the server runs on the same file).
 */
async function projectId(page: Page, budgetId: number, name: string): Promise<number> {
  const res = await page.goto(`/budgets/${budgetId}/projects`);
  if (res?.ok()) {
    const href = await page
      .getByRole('link', { name, exact: true })
      .first()
      .getAttribute('href', { timeout: 2_000 })
      .catch(() => null);
    const m = href ? /\/projects\/(\d+)/.exec(href) : null;
    if (m) return Number(m[1]);
  }
  const db = new Database(process.env.E2E_DATABASE_PATH ?? 'data/e2e/app.db', { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare('select id from projects where budget_id = ? and name = ? and carryover = 0')
      .get(budgetId, name) as { id: number } | undefined;
    if (!row) throw new Error(`no project ${name}`);
    return row.id;
  } finally {
    db.close();
  }
}

async function openForm(page: Page): Promise<{ budgetId: number; projectId: number }> {
  await signIn(page, 'renshe');
  const budgetId = await ownBudgetId(page);
  const pid = await projectId(page, budgetId, PROJECT);
  await page.goto(`/budgets/${budgetId}/projects/${pid}/form`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('项目支出绩效目标表');
  await expect(page.getByTestId('form-project-name')).toHaveText(PROJECT);
  return { budgetId, projectId: pid };
}

const MISMATCH = '年度资金总额 80,000 元与表十二项目金额 75,000 元不一致';

test.describe('项目支出绩效目标表', () => {
  test('the year amount that disagrees with 表十二 is found, shown beside the field, and fixed', async ({ page }) => {
    await openForm(page);
    const annualTotal = page.getByLabel('年度资金总额', { exact: true });
    await expect(annualTotal).toHaveValue('75000');
    await expect(page.getByLabel('实施期资金总额', { exact: true })).toHaveValue('220000');
    await expect(page.getByTestId('project-amount')).toContainText('75,000 元');
    await expect(page.getByText(MISMATCH)).toHaveCount(0);

    await annualTotal.fill('80000');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByTestId('save-status')).toContainText('已保存');
    // at the top of the page and next to the field
    await expect(page.getByTestId('form-findings')).toContainText(MISMATCH);
    await expect(page.locator('[id="field-fundingAnnual.total"]')).toContainText(MISMATCH);
    // the saved value survives a reload
    await page.reload();
    await expect(page.getByLabel('年度资金总额', { exact: true })).toHaveValue('80000');

    await page.getByLabel('年度资金总额', { exact: true }).fill('75,000');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect(page.getByTestId('save-status')).toContainText('已保存');
    await expect(page.getByText(MISMATCH)).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('年度资金总额', { exact: true })).toHaveValue('75000');
  });

  test('an indicator under a 二级 of another 一级 is refused with the row named; values are read as typed', async ({ page }) => {
    await openForm(page);
    const annual = page.getByTestId('indicators-annual');
    await expect(annual.locator('li')).toHaveCount(13);

    await page.getByRole('button', { name: '＋ 添加年度指标' }).click();
    await expect(annual.locator('li')).toHaveCount(14);
    // choose 产出指标 › 数量指标, then switch the 一级: the 二级 stays and no longer fits
    await page.getByLabel('年度第14行一级指标').selectOption('产出指标');
    await page.getByLabel('年度第14行二级指标').selectOption('数量指标');
    await page.getByLabel('年度第14行一级指标').selectOption('效益指标');
    await page.getByLabel('年度第14行三级指标').fill('培训人次');
    await page.getByLabel('年度第14行指标值').fill('约500人次');
    await expect(annual).toContainText('二级指标“数量指标”不属于一级指标“效益指标”，请重新选择');
    await expect(annual).toContainText('指标值无法识别：约数（约、左右）不是明确的目标值');
    await page.getByLabel('年度第14行指标值').fill('≥500人次');
    await expect(annual.getByTestId('indicator-value-hint')).toHaveCount(0);

    await page.getByRole('button', { name: '保存', exact: true }).click();
    const refusal = '年度第14行：二级指标“数量指标”不属于一级指标“效益指标”';
    await expect(page.getByTestId('form-error')).toContainText(refusal);
    await expect(page.getByTestId('indicator-annual-13')).toContainText(refusal);
    // the input is kept, nothing was saved
    await expect(page.getByLabel('年度第14行三级指标')).toHaveValue('培训人次');
    await page.reload();
    await expect(page.getByTestId('indicators-annual').locator('li')).toHaveCount(13);
  });

  test('rows move with the keyboard and focus follows the row; 实施期 copies to 年度', async ({ page }) => {
    await openForm(page);
    await expect(page.getByLabel('年度第1行三级指标')).toHaveValue('全年用水量');
    await page.getByRole('button', { name: '下移年度第1行' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('年度第1行三级指标')).toHaveValue('全年用电量');
    await expect(page.getByLabel('年度第2行三级指标')).toHaveValue('全年用水量');
    await expect(page.getByRole('button', { name: '下移年度第2行' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByLabel('年度第3行三级指标')).toHaveValue('全年用水量');

    await page.getByRole('button', { name: '删除年度第13行' }).click();
    await expect(page.getByTestId('indicators-annual').locator('li')).toHaveCount(12);
    await page.getByRole('button', { name: '复制实施期指标到年度 →' }).click();
    await page.getByRole('button', { name: '确认复制' }).click();
    await expect(page.getByTestId('indicators-annual').locator('li')).toHaveCount(13);
    await expect(page.getByLabel('年度第13行指标值')).toHaveValue('98%'); // 实施期 职工满意度
    await expect(page.getByTestId('save-status')).toHaveText('有未保存的修改');
  });

  test('the print view shows the form alone as the bordered grid', async ({ page }) => {
    const { budgetId, projectId: pid } = await openForm(page);
    await page.goto(`/print/budgets/${budgetId}/forms/${pid}`);
    await expect(page.getByTestId('current-user')).toHaveCount(0); // no app chrome
    const sheet = page.getByTestId('performance-form-sheet');
    await expect(sheet.getByRole('heading')).toHaveText('泽州县县(区)级预算部门(单位)项目支出绩效目标表');
    await expect(sheet).toContainText('(2024年度)');
    const table = sheet.locator('table');
    await expect(table.locator('th').filter({ hasText: /^绩效指标$/ })).toBeVisible();
    await expect(table.locator('th').filter({ hasText: /^一级指标$/ })).toBeVisible();
    await expect(table.getByTestId('sheet-project-name')).toHaveText(PROJECT);
    await expect(table.getByTestId('sheet-total-total')).toHaveText('220,000');
    await expect(table.getByTestId('sheet-annual-total')).toHaveText('75,000');
    await expect(table).toContainText('054-泽州县人力资源和社会保障局');
    await expect(table.getByRole('row').filter({ hasText: '全年用水量' })).toContainText('≤17000吨');
    const printButton = page.getByRole('button', { name: '打印' });
    await expect(printButton).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(printButton).toBeHidden();
    await expect(table).toBeVisible();
  });

  test("the reviewer reads the form as printed; another department's clerk cannot open it", async ({ page }) => {
    const { budgetId, projectId: pid } = await openForm(page);
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, 'shenhe');
    await page.goto(`/budgets/${budgetId}/projects/${pid}/form`);
    await expect(page.getByTestId('read-only-reason')).toContainText('审核人员不能修改部门预算数据');
    await expect(page.getByTestId('sheet-annual-total')).toHaveText('75,000');
    await expect(page.getByRole('button', { name: '保存', exact: true })).toHaveCount(0);
    await page.getByRole('button', { name: '退出' }).click();
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, 'dangan');
    await page.goto(`/budgets/${budgetId}/projects/${pid}/form`);
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await page.goto(`/print/budgets/${budgetId}/forms/${pid}`);
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await expect(page.getByText(PROJECT)).toHaveCount(0);
  });

  test('a this-year project without a form offers to create one', async ({ page }) => {
    await signIn(page, 'dangan');
    const budgetId = await ownBudgetId(page);
    const pid = await projectId(page, budgetId, '档案数字化加工经费');
    await page.goto(`/budgets/${budgetId}/projects/${pid}/form`);
    await expect(page.getByTestId('create-form')).toContainText('该项目尚未填报绩效目标表');
    await page.getByRole('button', { name: '新建空白绩效目标表' }).click();
    await expect(page.getByLabel('年度资金总额', { exact: true })).toHaveValue('0');
    await expect(page.getByTestId('form-findings')).toContainText('年度资金总额 0 元与表十二项目金额');
    await expect(page.getByTestId('form-project-name')).toHaveText('档案数字化加工经费');
  });
});
