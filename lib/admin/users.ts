/**
 * People: create users, change their role and department, reset passwords, deactivate and reactivate. The last
 * active administrator can be neither deactivated nor demoted. Deactivation and password resets bump the user's
 * session_version, so open sessions end at once (lib/auth/session.ts re-reads the user on every request).
 */
import 'server-only';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { departments, USER_ROLES, users } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, ForbiddenError, ROLE_LABEL, type Actor, type Role } from '../auth/authorize';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/password';
import { clearFailures, FREE_ATTEMPTS, recordFailure, remainingLockMs } from '../auth/throttle';
import { ValidationError } from '../result';
import { checkbox, fieldError, formError, parseInput } from './common';


const idField = z.coerce.number({ error: '请选择用户' }).int({ error: '请选择用户' }).positive({ error: '请选择用户' });

const optionalDepartment = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : v),
  z.coerce.number({ error: '请选择所属部门' }).int().positive({ error: '请选择所属部门' }).nullable(),
);

const roleField = z.enum(USER_ROLES, { error: '请选择角色' });

const passwordField = z.string({ error: '请输入密码' }).superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{1,31}$/;

const createUserSchema = z
  .object({
    username: z
      .string({ error: '请输入用户名' })
      .trim()
      .regex(USERNAME_PATTERN, { error: '用户名为 2–32 位字母、数字或 _ . -，以字母或数字开头' }),
    displayName: z
      .string({ error: '请输入姓名' })
      .trim()
      .min(1, { error: '请输入姓名' })
      .max(30, { error: '姓名不能超过 30 个字' }),
    role: roleField,
    departmentId: optionalDepartment,
    password: passwordField,
    mustChangePassword: z.preprocess(checkbox, z.boolean()).default(true),
  })
  .superRefine(roleDepartmentRule);

function roleDepartmentRule(v: { role: Role; departmentId: number | null }, ctx: z.RefinementCtx) {
  if (v.role === 'clerk' && v.departmentId === null)
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: '部门财务人员必须选择所属部门' });
  if (v.role !== 'clerk' && v.departmentId !== null)
    ctx.addIssue({ code: 'custom', path: ['departmentId'], message: `${ROLE_LABEL[v.role]}不属于任何部门，请不要选择部门` });
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  departmentId: number | null;
  departmentCode: string | null;
  departmentName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: number;
}

export function listUsers(db: Db, actor: Actor): UserRow[] {
  assertAdmin(actor);
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      departmentId: users.departmentId,
      departmentCode: departments.code,
      departmentName: departments.name,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.id))
    .all();
}

export function getUser(db: Db, actor: Actor, userId: number): UserRow | null {
  return listUsers(db, actor).find((u) => u.id === userId) ?? null;
}

function assertDepartmentUsable(tx: Tx, departmentId: number | null) {
  if (departmentId === null) return;
  const dept = tx.select().from(departments).where(eq(departments.id, departmentId)).get();
  if (!dept) fieldError('departmentId', '所选部门不存在');
  if (!dept.active) fieldError('departmentId', `部门“${dept.name}”已停用`);
}

function activeAdminCount(tx: Tx): number {
  return tx
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.active, true)))
    .get()!.n;
}

/** Creates a user. The password is hashed before the transaction (hashing is slow and asynchronous). */
export async function createUser(db: Db, actor: Actor, input: z.input<typeof createUserSchema>): Promise<{ id: number }> {
  assertAdmin(actor);
  const data = parseInput(createUserSchema, input);
  const taken = () =>
    db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = ${data.username.toLowerCase()}`)
      .get();
  if (taken()) fieldError('username', `用户名 ${data.username} 已被使用`);
  const passwordHash = await hashPassword(data.password);
  const now = Date.now();
  return db.transaction((tx) => {
    if (taken()) fieldError('username', `用户名 ${data.username} 已被使用`);
    assertDepartmentUsable(tx, data.departmentId);
    const { id } = tx
      .insert(users)
      .values({
        username: data.username,
        displayName: data.displayName,
        passwordHash,
        role: data.role,
        departmentId: data.departmentId,
        mustChangePassword: data.mustChangePassword,
        createdAt: now,
      })
      .returning({ id: users.id })
      .get();
    writeAudit(
      tx,
      {
        userId: actor.userId,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        newValue: JSON.stringify({
          username: data.username,
          displayName: data.displayName,
          role: data.role,
          departmentId: data.departmentId,
        }),
      },
      now,
    );
    return { id };
  });
}

const updateUserSchema = z
  .object({
    id: idField,
    displayName: z
      .string({ error: '请输入姓名' })
      .trim()
      .min(1, { error: '请输入姓名' })
      .max(30, { error: '姓名不能超过 30 个字' }),
    role: roleField,
    departmentId: optionalDepartment,
  })
  .superRefine(roleDepartmentRule);

/** Changes a user's name, role or department. The last active administrator cannot be demoted. */
export function updateUser(db: Db, actor: Actor, input: z.input<typeof updateUserSchema>): void {
  assertAdmin(actor);
  const { id, ...data } = parseInput(updateUserSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(users).where(eq(users.id, id)).get();
    if (!old) formError('用户不存在');
    if (old.role === 'admin' && data.role !== 'admin' && old.active && activeAdminCount(tx) <= 1) {
      fieldError('role', '这是最后一名启用的系统管理员，不能改为其他角色');
    }
    if (data.departmentId !== old.departmentId) assertDepartmentUsable(tx, data.departmentId);
    const changed = (['displayName', 'role', 'departmentId'] as const).filter((k) => old[k] !== data[k]);
    if (changed.length === 0) return;
    tx.update(users).set(data).where(eq(users.id, id)).run();
    for (const k of changed) {
      writeAudit(tx, {
        userId: actor.userId,
        action: 'user.update',
        entity: 'user',
        entityId: id,
        field: k,
        oldValue: old[k],
        newValue: data[k],
      });
    }
  });
}

const resetSchema = z.object({ id: idField, password: passwordField });

/**
 * Sets a new password chosen by the administrator: the user must change it at the next sign-in, and every open
 * session of the user ends at once.
 */
export async function resetPassword(db: Db, actor: Actor, input: z.input<typeof resetSchema>): Promise<void> {
  assertAdmin(actor);
  const { id, password: pw } = parseInput(resetSchema, input);
  if (id === actor.userId) formError('不能在此重置自己的密码，请使用“修改密码”');
  const passwordHash = await hashPassword(pw);
  const username = db.transaction((tx) => {
    const old = tx.select().from(users).where(eq(users.id, id)).get();
    if (!old) formError('用户不存在');
    tx.update(users)
      .set({ passwordHash, mustChangePassword: true, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .run();
    writeAudit(tx, { userId: actor.userId, action: 'user.reset_password', entity: 'user', entityId: id });
    return old.username;
  });
  // a forgotten password often comes with a throttled user name: the new one can be used at once
  clearFailures(db, username);
}

const activeSchema = z.object({ id: idField, active: z.preprocess(checkbox, z.boolean()) });

/**
 * Deactivates or reactivates a user, effective at once (the session version moves on either way). An administrator
 * cannot deactivate themselves, nor the last active administrator.
 */
export function setUserActive(db: Db, actor: Actor, input: z.input<typeof activeSchema>): void {
  assertAdmin(actor);
  const { id, active } = parseInput(activeSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(users).where(eq(users.id, id)).get();
    if (!old) formError('用户不存在');
    if (old.active === active) formError(active ? '该用户已是启用状态' : '该用户已是停用状态');
    if (!active) {
      if (old.role === 'admin' && activeAdminCount(tx) <= 1) formError('这是最后一名启用的系统管理员，不能停用');
      if (id === actor.userId) formError('不能停用自己的账号');
    } else if (old.departmentId !== null) {
      const dept = tx.select().from(departments).where(eq(departments.id, old.departmentId)).get();
      if (dept && !dept.active) formError(`所属部门“${dept.name}”已停用，请先调整该用户的所属部门`);
    }
    tx.update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, id))
      .run();
    writeAudit(tx, {
      userId: actor.userId,
      action: active ? 'user.reactivate' : 'user.deactivate',
      entity: 'user',
      entityId: id,
      field: 'active',
      oldValue: String(old.active),
      newValue: String(active),
    });
  });
}

const changeOwnSchema = z
  .object({
    currentPassword: z.string({ error: '请输入当前密码' }).min(1, { error: '请输入当前密码' }).max(128),
    newPassword: z.string({ error: '请输入新密码' }),
    confirmPassword: z.string({ error: '请再次输入新密码' }),
  })
  .superRefine((v, ctx) => {
    const problem = passwordProblem(v.newPassword);
    if (problem) ctx.addIssue({ code: 'custom', path: ['newPassword'], message: problem });
    else if (v.newPassword === v.currentPassword)
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: '新密码不能与当前密码相同' });
    if (v.confirmPassword !== v.newPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: '两次输入的新密码不一致' });
  });

/**
 * The signed-in user changes their own password (any role, also while they must change it). Clears
 * must_change_password and moves the session version on; returns the user name so the caller can sign in again with
 * the new password. The current-password check is throttled like sign-in, under the same per-user count
 * (lib/auth/throttle.ts): a stolen session must not become an unlimited way to guess the password.
 */
export async function changeOwnPassword(
  db: Db,
  actor: Actor,
  input: z.input<typeof changeOwnSchema>,
  now = Date.now(),
): Promise<{ username: string }> {
  const data = parseInput(changeOwnSchema, input);
  const user = db.select().from(users).where(eq(users.id, actor.userId)).get();
  if (!user || !user.active) throw new ForbiddenError('账号不存在或已停用');
  const wait = remainingLockMs(db, user.username, now);
  if (wait > 0)
    throw new ValidationError({
      currentPassword: `当前密码已连续输错 ${FREE_ATTEMPTS} 次以上，请 ${Math.ceil(wait / 1000)} 秒后再试`,
    });
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    recordFailure(db, user.username, now);
    throw new ValidationError({ currentPassword: '当前密码不正确' });
  }
  clearFailures(db, user.username);
  const passwordHash = await hashPassword(data.newPassword);
  db.transaction((tx) => {
    tx.update(users)
      .set({ passwordHash, mustChangePassword: false, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, actor.userId))
      .run();
    writeAudit(tx, { userId: actor.userId, action: 'user.change_password', entity: 'user', entityId: actor.userId });
  });
  return { username: user.username };
}
