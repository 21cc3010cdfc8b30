import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './fixtures';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

/** Signs in a user created during the test (not a demo account). */
async function signInAs(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

test.describe('administration', () => {
  test('a new department, unit and clerk; the clerk works in it until deactivated', async ({ page, browser }) => {
    await signIn(page, 'admin');

    // department
    await page.getByRole('navigation', { name: '系统管理' }).getByRole('link', { name: '部门与单位' }).click();
    const newDept = page.getByRole('form', { name: '新增部门' });
    await newDept.getByLabel('部门编码').fill('099');
    await newDept.getByLabel('部门名称').fill('泽州县测试局');
    await expect(newDept.getByLabel('所属地区')).toHaveValue('泽州县');
    await newDept.getByRole('button', { name: '新增部门' }).click();
    await expect(page).toHaveURL(/\/admin\/departments\/\d+/);
    await expect(page.getByRole('status')).toContainText('已新增部门“泽州县测试局”');

    // a duplicate code is refused with the input kept
    await page.goto('/admin/departments');
    await newDept.getByLabel('部门编码').fill('054');
    await newDept.getByLabel('部门名称').fill('重复编码局');
    await newDept.getByRole('button', { name: '新增部门' }).click();
    await expect(newDept.getByText('部门编码 054 已被“泽州县人力资源和社会保障局”使用')).toBeVisible();
    await expect(newDept.getByLabel('部门名称')).toHaveValue('重复编码局');

    // unit
    await page.getByRole('link', { name: '泽州县测试局' }).click();
    const newUnit = page.getByRole('form', { name: '新增单位' });
    await newUnit.getByLabel('单位名称').fill('泽州县测试局机关');
    await newUnit.getByLabel('单位类型').selectOption({ label: '行政' });
    await newUnit.getByRole('button', { name: '新增单位' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已新增单位“泽州县测试局机关”' })).toBeVisible();
    await expect(page.getByRole('table', { name: '预算单位' }).getByRole('textbox')).toHaveValue('泽州县测试局机关');

    // clerk
    await page.getByRole('navigation', { name: '系统管理' }).getByRole('link', { name: '用户' }).click();
    const newUser = page.getByRole('form', { name: '新增用户' });
    await newUser.getByLabel('用户名').fill('ceshi');
    await newUser.getByLabel('姓名').fill('测试局财务');
    await newUser.getByLabel('角色').selectOption({ label: '部门财务人员' });
    await newUser.getByLabel('所属部门').selectOption({ label: '099 泽州县测试局' });
    await newUser.getByLabel('初始密码').fill('Ceshi2025');
    await newUser.getByRole('button', { name: '新增用户' }).click();
    await expect(page).toHaveURL(/\/admin\/users\/\d+/);
    await expect(page.getByRole('status').filter({ hasText: '已新增用户 ceshi' })).toBeVisible();
    const clerkUrl = new URL(page.url()).pathname;

    // the clerk signs in, sets their own password, and works in the new department
    const clerkContext = await browser.newContext();
    const clerk = await clerkContext.newPage();
    await signInAs(clerk, 'ceshi', 'Ceshi2025');
    await clerk.goto('/account/password');
    await expect(clerk.getByText('您的密码由管理员设置')).toBeVisible();
    await clerk.getByLabel('当前密码').fill('Ceshi2025');
    await clerk.getByLabel('新密码', { exact: true }).fill('Ceshi2025new');
    await clerk.getByLabel('确认新密码').fill('Ceshi2025new');
    await clerk.getByRole('button', { name: '修改密码' }).click();
    await expect(clerk).toHaveURL(/\/budgets\/\d+/);
    await expect(clerk.getByRole('heading', { level: 1 })).toContainText('泽州县测试局 2024年部门预算');
    await expect(clerk.getByText('泽州县测试局机关')).toBeVisible();

    // the administrator deactivates the clerk: the clerk's next click ends at the sign-in page
    await page.goto(clerkUrl);
    await page.getByRole('button', { name: '停用用户' }).click();
    const confirmDeactivate = page.getByRole('dialog', { name: '停用用户 ceshi' });
    await expect(confirmDeactivate).toContainText('停用后 ceshi 将立即退出');
    await confirmDeactivate.getByRole('button', { name: '确定停用' }).click();
    await expect(page.getByRole('status').filter({ hasText: '用户已停用' })).toBeVisible();

    await clerk.getByRole('link', { name: '本部门预算' }).click();
    await expect(clerk).toHaveURL(/\/login/);
    await clerk.getByLabel('用户名').fill('ceshi');
    await clerk.getByLabel('密码').fill('Ceshi2025new');
    await clerk.getByRole('button', { name: '登录' }).click();
    await expect(clerk.getByRole('alert').filter({ hasText: '用户名或密码错误' })).toBeVisible();
    await clerkContext.close();
  });

  test('importing a code book: malformed rows refused by row, a renamed code previewed with the lines it touches', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/codes');
    await expect(page.getByRole('heading', { name: '导入2024年支出功能分类' })).toBeVisible();
    const upload = page.getByRole('form', { name: '上传科目文件' });

    await upload.getByLabel('科目文件（CSV 或 xlsx）').setInputFiles(fixture('functional-bad.csv'));
    await upload.getByRole('button', { name: '检查并预览' }).click();
    const problems = page.getByRole('table', { name: '文件中的问题' });
    await expect(problems.getByRole('row', { name: /第 3 行.*4 位/ })).toBeVisible();
    await expect(problems.getByRole('row', { name: /第 4 行.*科目名称为空/ })).toBeVisible();

    await upload.getByLabel('科目文件（CSV 或 xlsx）').setInputFiles(fixture('functional-2024-renamed.csv'));
    await upload.getByRole('button', { name: '检查并预览' }).click();
    const renamed = page.getByRole('table', { name: '更名的科目' });
    await expect(renamed.getByRole('row', { name: /2080101.*行政运行.*行政运行（更名测试）/ })).toBeVisible();
    await expect(page.getByRole('region', { name: '导入预览' })).toContainText('新增 0 条，更名 1 条，删除 0 条');
    const affected = page.getByRole('table', { name: '受影响的预算明细（科目被更名或删除）' });
    await expect(affected.getByRole('row', { name: /泽州县人力资源和社会保障局.*2080101/ }).first()).toBeVisible();

    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已导入 2024年支出功能分类' })).toContainText('更名 1 条');
    await expect(page.getByRole('table', { name: '现行2024年支出功能分类' })).toContainText('行政运行（更名测试）');

    // put the original names back (the other journeys read the demo budget)
    await upload.getByLabel('科目文件（CSV 或 xlsx）').setInputFiles(fixture('functional-2024.csv'));
    await upload.getByRole('button', { name: '检查并预览' }).click();
    await expect(page.getByRole('table', { name: '更名的科目' })).toContainText('行政运行（更名测试）');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已导入 2024年支出功能分类' })).toBeVisible();
    await expect(page.getByRole('table', { name: '现行2024年支出功能分类' })).not.toContainText('更名测试');

    // an import that deletes a code asks first, with the counts; cancelling imports nothing
    await upload.getByLabel('科目文件（CSV 或 xlsx）').setInputFiles(fixture('functional-2024-dropped.csv'));
    await upload.getByRole('button', { name: '检查并预览' }).click();
    await expect(page.getByRole('region', { name: '导入预览' })).toContainText('新增 0 条，更名 0 条，删除 1 条');
    await page.getByRole('button', { name: '确认导入' }).click();
    const confirmDelete = page.getByRole('dialog', { name: '删除 1 条科目' });
    await expect(confirmDelete).toContainText('将删除 1 条科目，更名 0 条，新增 0 条');
    await confirmDelete.getByRole('button', { name: '取消' }).click();
    await expect(confirmDelete).toBeHidden();
    await expect(page.getByRole('region', { name: '导入结果' })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole('table', { name: '现行2024年支出功能分类' })).toContainText('2010507');
  });

  test('the economic mapping: a changed row is saved, the clerk’s lines follow it, and it is changed back', async ({ page, browser }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/codes');
    await page.getByRole('link', { name: '部门经济科目与政府经济科目对照表' }).click();
    await expect(page.getByRole('heading', { name: '部门经济科目与政府经济科目对照表' })).toBeVisible();
    const grid = page.getByRole('form', { name: '经济科目对照表' });
    const adminTarget = grid.getByLabel('30201 办公费（行政/参公单位）');
    await expect(adminTarget).toHaveValue('50201');
    await expect(grid.locator('tr[data-code="30201"]')).toContainText('条');

    const save = async (value: string, message: RegExp) => {
      await page.getByRole('form', { name: '经济科目对照表' }).getByLabel('30201 办公费（行政/参公单位）').selectOption(value);
      await page.getByRole('button', { name: '保存修改' }).click();
      await expect(page.getByRole('status')).toContainText(message);
      await expect(page.getByRole('form', { name: '经济科目对照表' }).getByLabel('30201 办公费（行政/参公单位）')).toHaveValue(value);
    };
    await save('50299', /已保存 1 个科目的对照关系，\d+ 条基本支出明细的政府经济科目随之改变/);

    // the clerk's 办公费 lines of the 机关 now carry 50299
    const clerk = await browser.newContext();
    const clerkPage = await clerk.newPage();
    await signIn(clerkPage, 'renshe');
    await expect(clerkPage).toHaveURL(/\/budgets\/\d+$/);
    await clerkPage.goto(new URL(clerkPage.url()).pathname + '/lines');
    const officeLine = clerkPage.getByRole('grid', { name: '基本支出明细' }).locator('tbody tr').filter({ hasText: '30201 办公费' }).first();
    await expect(officeLine).toContainText('50299');
    await clerk.close();

    // back as it was (the other journeys read the demo's 表六)
    await save('50201', /已保存 1 个科目的对照关系/);
  });

  test('years, control figures and the region’s texts', async ({ page }) => {
    await signIn(page, 'admin');
    await page.goto('/admin/years');
    await expect(page.getByRole('table', { name: '预算年度' }).getByRole('row', { name: /2024年.*当前年度.*编制中/ })).toBeVisible();
    await expect(page.getByRole('form', { name: '开启新年度' }).getByLabel('年度', { exact: true })).toHaveValue('2025');
    // opening a year does not move every clerk to it unless asked
    await expect(page.getByRole('form', { name: '开启新年度' }).getByLabel('设为当前年度')).not.toBeChecked();

    // control figures: typed in 万元, shown in 元 as typed, saved and audited; a malformed amount is refused in place
    await page.goto('/admin/control-figures');
    const cell = page.getByLabel('泽州县档案馆控制数（万元）');
    const original = await cell.inputValue();
    await cell.fill('12.3456789');
    await expect(page.getByText('金额最多保留6位小数')).toBeVisible();
    await cell.fill('123.45');
    await expect(page.getByRole('row', { name: /泽州县档案馆/ })).toContainText('1,234,500.00');
    await page.getByRole('button', { name: '保存控制数' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存 1 个部门的控制数');
    await page.getByLabel('泽州县档案馆控制数（万元）').fill(original);
    await page.getByRole('button', { name: '保存控制数' }).click();
    await expect(page.getByRole('status')).toHaveText('已保存 1 个部门的控制数');

    // region texts: a live preview, a refused placeholder, then back to the defaults
    await page.goto('/admin/texts');
    await page.getByLabel('预算公开表1', { exact: true }).fill('{year}年度部门收支总表');
    await expect(page.getByTestId('title-preview-1')).toHaveText('2024年度部门收支总表');
    await page.getByLabel('预算公开表2', { exact: true }).fill('{年度}收入总表');
    const tables = page.getByRole('form', { name: '表格标题与空表说明' });
    await tables.getByRole('button', { name: '保存' }).click();
    await expect(tables.getByText('标题中只能使用 {year} 占位符')).toBeVisible();
    await page.getByLabel('预算公开表2', { exact: true }).fill('{year}年收入总表');
    await tables.getByRole('button', { name: '保存' }).click();
    await expect(tables.getByRole('status')).toHaveText('已保存：表格标题');
    await page.reload();
    await expect(page.getByLabel('预算公开表1', { exact: true })).toHaveValue('{year}年度部门收支总表');
    await tables.getByRole('button', { name: '恢复默认' }).click();
    await page.getByRole('dialog', { name: '恢复默认内容' }).getByRole('button', { name: '确定恢复' }).click();
    await expect(tables.getByRole('status')).toHaveText('已恢复默认：表格标题');
    await expect(page.getByLabel('预算公开表1', { exact: true })).toHaveValue('{year}年预算收支总表');
  });

  test('a clerk opening an administration page is refused', async ({ page }) => {
    await signIn(page, 'renshe');
    const response = await page.goto('/admin/users');
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: '无权访问' })).toBeVisible();
  });
});
