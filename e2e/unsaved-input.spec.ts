/**
 * Nothing typed is lost by leaving a page: with unsaved input on 收入与说明, following a link of the app asks first;
 * declining keeps the page and the input, accepting leaves. Without unsaved input nothing is asked.
 */
import { expect, test } from '@playwright/test';
import { signIn } from './fixtures';

test('leaving a page with unsaved input asks first, and declining keeps what was typed', async ({ page }) => {
  await signIn(page, 'renshe');
  await expect(page).toHaveURL(/\/budgets\/\d+$/);
  const budgetPath = new URL(page.url()).pathname;
  const tabs = page.getByRole('navigation', { name: '预算栏目' });

  // nothing typed yet: the tab link just navigates
  await page.goto(`${budgetPath}/facts`);
  const questions: string[] = [];
  page.on('dialog', (d) => {
    questions.push(d.message());
    void (questions.length === 1 ? d.dismiss() : d.accept());
  });
  await tabs.getByRole('link', { name: '项目支出' }).click();
  await expect(page).toHaveURL(`${budgetPath}/projects`);
  expect(questions).toEqual([]);

  await page.goto(`${budgetPath}/facts`);
  const organization = page.getByLabel('机构设置', { exact: true });
  const typed = `${await organization.inputValue()}（未保存的补充）`;
  await organization.fill(typed);

  // declined: still here, the input as typed
  await tabs.getByRole('link', { name: '项目支出' }).click();
  await expect.poll(() => questions.length).toBe(1);
  expect(questions[0]).toBe('本页有尚未保存的修改，离开后将丢失。确定离开吗？');
  await expect(page).toHaveURL(`${budgetPath}/facts`);
  await expect(organization).toHaveValue(typed);

  // accepted: the link is followed, and nothing was saved on the way
  await tabs.getByRole('link', { name: '项目支出' }).click();
  await expect(page).toHaveURL(`${budgetPath}/projects`);
  expect(questions).toHaveLength(2);
  await page.goto(`${budgetPath}/facts`);
  await expect(page.getByLabel('机构设置', { exact: true })).not.toHaveValue(typed);
});
