/**
 * The public pages on a 390 px phone, without signing in: one h1, the banner and main landmarks, a skip link that
 * is the first stop of the keyboard and moves focus to the content, nothing wider than the screen. (The published
 * disclosure itself on a phone — tables scrolling in their box with the row names kept in view — is checked where a
 * disclosure gets published, e2e/review-journey.spec.ts.)
 */
import { expect, test } from '@playwright/test';

test.use({ viewport: { width: 390, height: 844 } });

test('the public index on a phone: one h1, landmarks, a skip link to the content, no sideways scrolling', async ({ page }) => {
  await page.goto('/public');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('部门预算公开');
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('main')).toHaveAttribute('id', 'content');
  const skip = page.getByRole('link', { name: '跳到正文' });
  // out of sight until focused, then the first thing the keyboard reaches
  await expect(skip).not.toBeInViewport();
  await page.keyboard.press('Tab');
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#content$/);
  await expect(page.getByRole('main')).toBeFocused();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expect(page.locator('body')).toMatchAriaSnapshot(`
    - link "跳到正文"
    - banner:
      - link "部门预算公开"
    - main:
      - heading "部门预算公开" [level=1]
  `);
});
