/** The password rules (lib/auth/password.ts) and the hashing they feed, including hostile passwords. */
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { isChinese } from './testing/corpus';

describe('password rules', () => {
  it.each([
    ['', '密码至少 8 位'],
    ['Ab1', '密码至少 8 位'],
    ['Abcdef1', '密码至少 8 位'], // 7 characters
    ['abcdefgh', '密码须同时包含字母和数字'],
    ['12345678', '密码须同时包含字母和数字'],
    ['！＠＃￥％……＆＊', '密码须同时包含字母和数字'],
    ['密码密码密码密码', '密码须同时包含字母和数字'],
    ['        ', '密码须同时包含字母和数字'],
    ['a1' + 'x'.repeat(127), '密码不能超过 128 位'], // 129 characters
  ])('refuses %j: %s', (password, message) => {
    const problem = passwordProblem(password);
    expect(problem).toBe(message);
    expect(isChinese(problem)).toBe(true);
  });

  it.each(['Abcdefg1', 'Renshe#2024', 'a1' + 'x'.repeat(126), '测试password9', "p4ss'; DROP TABLE users;--"])('accepts %j', (password) => {
    expect(passwordProblem(password)).toBeNull();
  });

  it('hashes with argon2id, salted, and verifies only the same password', async () => {
    const a = await hashPassword('Abcdefg1');
    const b = await hashPassword('Abcdefg1');
    expect(a).toMatch(/^\$argon2id\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'Abcdefg1')).toBe(true);
    expect(await verifyPassword(a, 'abcdefg1')).toBe(false);
    expect(await verifyPassword(a, 'Abcdefg1 ')).toBe(false);
  });

  it('treats a broken stored hash as a wrong password instead of failing', async () => {
    for (const broken of ['', 'plain:Abcdefg1', '$argon2id$v=19$garbage', 'x'.repeat(10_000)])
      expect(await verifyPassword(broken, 'Abcdefg1')).toBe(false);
  });
});
