import { expect, type Page } from '@playwright/test';
import { DEMO_ACCOUNTS } from '../db/seed/demo/accounts';

export type DemoUser = (typeof DEMO_ACCOUNTS)[number]['username'];

export function account(username: DemoUser) {
  return DEMO_ACCOUNTS.find((a) => a.username === username)!;
}

/** Signs in through the real form and waits for the first screen. */
export async function signIn(page: Page, username: DemoUser, password = account(username).password) {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toContainText(account(username).displayName);
}
