/**
 * Changing the own password (lib/admin/users.ts changeOwnPassword): the one thing a user who must change their
 * password may do, and its current-password check is throttled like sign-in, under the same per-user count.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { signInThrottle, users } from '../../db/schema';
import { changeOwnPassword } from '../admin/users';
import { ValidationError } from '../result';
import type { Actor } from './authorize';
import { hashPassword, verifyPassword } from './password';
import { FREE_ATTEMPTS, recordFailure, remainingLockMs } from './throttle';

async function world() {
  const db = openDatabase(':memory:');
  const id = db
    .insert(users)
    .values({ username: 'Reset', displayName: '王五', passwordHash: await hashPassword('Temp#2024'), role: 'clerk', createdAt: 0, mustChangePassword: true })
    .returning({ id: users.id })
    .get().id;
  const actor: Actor = { userId: id, role: 'clerk', departmentId: null, displayName: '王五', mustChangePassword: true };
  const user = () => db.select().from(users).where(eq(users.id, id)).get()!;
  return { db, actor, user };
}

const attempt = (current: string) => ({ currentPassword: current, newPassword: 'Mine#20250', confirmPassword: 'Mine#20250' });

async function fieldErrorOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ValidationError) return e.fieldErrors.currentPassword;
    throw e;
  }
  return undefined;
}

describe('changing the own password', () => {
  it('works for a user who must change it, and clears the flag', async () => {
    const { db, actor, user } = await world();
    await changeOwnPassword(db, actor, attempt('Temp#2024'));
    expect(user().mustChangePassword).toBe(false);
    expect(await verifyPassword(user().passwordHash, 'Mine#20250')).toBe(true);
  });

  it('counts wrong current passwords like failed sign-ins: after five, even the right one must wait', async () => {
    const { db, actor, user } = await world();
    const t0 = 50_000_000;
    for (let i = 1; i <= FREE_ATTEMPTS; i++) expect(await fieldErrorOf(changeOwnPassword(db, actor, attempt(`wrong-${i}`), t0)), `attempt ${i}`).toBe('当前密码不正确');
    // the sign-in form of the same user name is throttled too: both guess the same password
    expect(remainingLockMs(db, 'reset', t0 + 1_000)).toBe(29_000);
    expect(await fieldErrorOf(changeOwnPassword(db, actor, attempt('Temp#2024'), t0 + 1_000))).toBe(`当前密码已连续输错 ${FREE_ATTEMPTS} 次以上，请 29 秒后再试`);
    expect(user().mustChangePassword).toBe(true);
    expect(await verifyPassword(user().passwordHash, 'Temp#2024')).toBe(true);
    // once the wait is over the right password works and clears the count
    await changeOwnPassword(db, actor, attempt('Temp#2024'), t0 + 30_000);
    expect(user().mustChangePassword).toBe(false);
    expect(db.select().from(signInThrottle).all()).toEqual([]);
  });

  it('is refused while failed sign-ins of the same user name are being throttled', async () => {
    const { db, actor } = await world();
    const t0 = 70_000_000;
    for (let i = 0; i < FREE_ATTEMPTS + 1; i++) recordFailure(db, 'reset', t0);
    expect(await fieldErrorOf(changeOwnPassword(db, actor, attempt('Temp#2024'), t0 + 10_000))).toBe(`当前密码已连续输错 ${FREE_ATTEMPTS} 次以上，请 50 秒后再试`);
  });
});
