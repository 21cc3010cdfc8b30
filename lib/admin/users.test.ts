import { describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, departments, users } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { verifyPassword } from '../auth/password';
import { resolveActor } from '../auth/session';
import { ValidationError } from '../result';

// resolveActor lives beside the next-auth session lookup; only the pure part is used here
vi.mock('../auth/config', () => ({ auth: async () => null }));
vi.mock('next/navigation', () => ({ redirect: () => { throw new Error('redirect'); } }));
import { changeOwnPassword, createUser, resetPassword, setUserActive, updateUser } from './users';

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  const byName = (u: string) => db.select().from(users).where(eq(users.username, u)).get()!;
  const admin = byName('admin');
  const actor: Actor = { userId: admin.id, role: 'admin', departmentId: null, displayName: admin.displayName };
  const dept = (code: string) => db.select().from(departments).where(eq(departments.code, code)).get()!;
  return { db, actor, byName, dept };
}

async function fieldErrorsOf(p: Promise<unknown> | (() => unknown)): Promise<Record<string, string>> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof ValidationError) return { ...e.fieldErrors, ...(e.formError ? { _form: e.formError } : {}) };
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('creating users', () => {
  it('creates a clerk in a department with a hashed password to change at first sign-in', async () => {
    const { db, actor, dept } = seeded();
    const { id } = await createUser(db, actor, {
      username: 'zhangsan',
      displayName: '张三',
      role: 'clerk',
      departmentId: String(dept('061').id),
      password: 'Zhangsan2025',
    });
    const u = db.select().from(users).where(eq(users.id, id)).get()!;
    expect(u).toMatchObject({ role: 'clerk', departmentId: dept('061').id, active: true, mustChangePassword: true });
    expect(await verifyPassword(u.passwordHash, 'Zhangsan2025')).toBe(true);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'user.create')).all()).toHaveLength(1);
  });

  it('requires a department for clerks, forbids one for others, checks the password and the user name', async () => {
    const { db, actor, dept } = seeded();
    const base = { username: 'lisi', displayName: '李四', password: 'Lisi20250', departmentId: null as number | string | null };
    expect(await fieldErrorsOf(createUser(db, actor, { ...base, role: 'clerk', departmentId: '' }))).toEqual({
      departmentId: '部门财务人员必须选择所属部门',
    });
    expect((await fieldErrorsOf(createUser(db, actor, { ...base, role: 'reviewer', departmentId: dept('054').id }))).departmentId).toMatch(
      /不属于任何部门/,
    );
    expect(await fieldErrorsOf(createUser(db, actor, { ...base, role: 'reviewer', password: 'short1' }))).toEqual({
      password: '密码至少 8 位',
    });
    expect((await fieldErrorsOf(createUser(db, actor, { ...base, role: 'reviewer', username: 'RenShe' }))).username).toMatch(/已被使用/);
    expect((await fieldErrorsOf(createUser(db, actor, { ...base, role: 'reviewer', username: '张' }))).username).toMatch(/2–32 位/);
    db.update(departments).set({ active: false }).where(eq(departments.code, '061')).run();
    expect((await fieldErrorsOf(createUser(db, actor, { ...base, role: 'clerk', departmentId: dept('061').id }))).departmentId).toMatch(
      /已停用/,
    );
  });
});

describe('the last active administrator', () => {
  it('can be neither deactivated nor demoted, by others or themselves', async () => {
    const { db, actor, byName } = seeded();
    const admin = byName('admin');
    expect((await fieldErrorsOf(() => setUserActive(db, actor, { id: admin.id, active: false })))._form).toMatch(/最后一名/);
    expect(
      (await fieldErrorsOf(() => updateUser(db, actor, { id: admin.id, displayName: admin.displayName, role: 'reviewer', departmentId: null })))
        .role,
    ).toMatch(/最后一名/);

    // with a second administrator, the first can be demoted (also by themselves) but the second then cannot
    const { id: second } = await createUser(db, actor, {
      username: 'admin2',
      displayName: '管理员二',
      role: 'admin',
      departmentId: null,
      password: 'Admin2of2025',
    });
    updateUser(db, actor, { id: admin.id, displayName: admin.displayName, role: 'reviewer', departmentId: null });
    const secondActor: Actor = { userId: second, role: 'admin', departmentId: null, displayName: '管理员二' };
    expect((await fieldErrorsOf(() => setUserActive(db, secondActor, { id: second, active: false })))._form).toMatch(
      /最后一名|不能停用自己/,
    );
    expect(
      (await fieldErrorsOf(() => updateUser(db, secondActor, { id: second, displayName: '管理员二', role: 'clerk', departmentId: 1 }))).role,
    ).toMatch(/最后一名/);
    // an inactive administrator does not count
    updateUser(db, secondActor, { id: admin.id, displayName: admin.displayName, role: 'admin', departmentId: null });
    setUserActive(db, secondActor, { id: admin.id, active: false });
    expect((await fieldErrorsOf(() => updateUser(db, secondActor, { id: second, displayName: 'x', role: 'reviewer', departmentId: null }))).role).toMatch(
      /最后一名/,
    );
  });

  it('cannot deactivate themselves even when others remain', async () => {
    const { db, actor } = seeded();
    await createUser(db, actor, { username: 'admin2', displayName: '二', role: 'admin', departmentId: null, password: 'Admin2of2025' });
    expect((await fieldErrorsOf(() => setUserActive(db, actor, { id: actor.userId, active: false })))._form).toBe('不能停用自己的账号');
  });
});

describe('deactivation and password resets take effect at once', () => {
  it('deactivating ends the session; reactivating needs a new sign-in', () => {
    const { db, actor, byName } = seeded();
    const clerk = byName('renshe');
    const claims = { uid: clerk.id, sv: clerk.sessionVersion };
    expect(resolveActor(db, claims)).not.toBeNull();
    setUserActive(db, actor, { id: clerk.id, active: 'false' });
    expect(resolveActor(db, claims)).toBeNull();
    setUserActive(db, actor, { id: clerk.id, active: 'on' });
    expect(byName('renshe').active).toBe(true);
    expect(resolveActor(db, claims)).toBeNull(); // the old session stays dead
    expect(db.select().from(auditLog).where(eq(auditLog.entityId, String(clerk.id))).all().map((a) => a.action)).toEqual([
      'user.deactivate',
      'user.reactivate',
    ]);
  });

  it('a reset sets a password to change and ends the user’s sessions; the user then changes it', async () => {
    const { db, actor, byName } = seeded();
    const clerk = byName('renshe');
    await resetPassword(db, actor, { id: clerk.id, password: 'Temp12345' });
    const after = byName('renshe');
    expect(after.mustChangePassword).toBe(true);
    expect(after.sessionVersion).toBe(clerk.sessionVersion + 1);
    expect(resolveActor(db, { uid: clerk.id, sv: clerk.sessionVersion })).toBeNull();
    expect((await fieldErrorsOf(resetPassword(db, actor, { id: actor.userId, password: 'Temp12345' })))._form).toMatch(/修改密码/);

    const self: Actor = { userId: clerk.id, role: 'clerk', departmentId: clerk.departmentId, displayName: clerk.displayName };
    expect(
      await fieldErrorsOf(changeOwnPassword(db, self, { currentPassword: 'wrong', newPassword: 'Mine12345', confirmPassword: 'Mine12345' })),
    ).toEqual({ currentPassword: '当前密码不正确' });
    expect(
      await fieldErrorsOf(changeOwnPassword(db, self, { currentPassword: 'Temp12345', newPassword: 'Mine12345', confirmPassword: 'Mine1234' })),
    ).toEqual({ confirmPassword: '两次输入的新密码不一致' });
    await changeOwnPassword(db, self, { currentPassword: 'Temp12345', newPassword: 'Mine12345', confirmPassword: 'Mine12345' });
    const changed = byName('renshe');
    expect(changed.mustChangePassword).toBe(false);
    expect(changed.sessionVersion).toBe(after.sessionVersion + 1);
    expect(await verifyPassword(changed.passwordHash, 'Mine12345')).toBe(true);
  });

  it('moves a clerk to another department and makes a reviewer of them', () => {
    const { db, actor, byName, dept } = seeded();
    const clerk = byName('renshe');
    updateUser(db, actor, { id: clerk.id, displayName: '新名字', role: 'clerk', departmentId: String(dept('061').id) });
    expect(resolveActor(db, { uid: clerk.id, sv: clerk.sessionVersion })).toMatchObject({ departmentId: dept('061').id, displayName: '新名字' });
    updateUser(db, actor, { id: clerk.id, displayName: '新名字', role: 'reviewer', departmentId: '' });
    expect(byName('renshe')).toMatchObject({ role: 'reviewer', departmentId: null });
  });
});
