import { describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';

const claims = vi.hoisted(() => ({ current: null as { uid: number; sv: number } | null }));
vi.mock('./config', () => ({ auth: async () => claims.current }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { openDatabase } = await import('../../db/client');
const db = openDatabase(':memory:');
vi.mock('../../db/client', async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: () => db }));

const { users } = await import('../../db/schema');
const { resolveActor, currentActor, requireActor, currentActorForPasswordChange, routeActor, PASSWORD_PAGE } = await import('./session');
const { MUST_CHANGE_PASSWORD_MESSAGE } = await import('./authorize');

describe('resolving the actor of a session', () => {
  const id = db
    .insert(users)
    .values({ username: 'c', displayName: '张三', passwordHash: 'x', role: 'clerk', createdAt: 0, sessionVersion: 3 })
    .returning({ id: users.id })
    .get().id;

  it('gives the current role and department from the database', () => {
    expect(resolveActor(db, { uid: id, sv: 3 })).toEqual({ userId: id, role: 'clerk', departmentId: null, displayName: '张三', mustChangePassword: false });
  });
  it('refuses a session without claims or for an unknown user', () => {
    expect(resolveActor(db, null)).toBeNull();
    expect(resolveActor(db, { uid: 999, sv: 1 })).toBeNull();
  });
  it('refuses an older session version (signed out or password changed)', () => {
    db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, id)).run();
    expect(resolveActor(db, { uid: id, sv: 3 })).toBeNull();
    expect(resolveActor(db, { uid: id, sv: 4 })).not.toBeNull();
  });
  it('refuses a deactivated user at once', () => {
    db.update(users).set({ active: false }).where(eq(users.id, id)).run();
    expect(resolveActor(db, { uid: id, sv: 4 })).toBeNull();
  });
});

describe('a user who must change their password', () => {
  const id = db
    .insert(users)
    .values({ username: 'reset', displayName: '李四', passwordHash: 'x', role: 'admin', createdAt: 0, sessionVersion: 1, mustChangePassword: true })
    .returning({ id: users.id })
    .get().id;

  it('is resolved with the flag, which the domain refuses', () => {
    expect(resolveActor(db, { uid: id, sv: 1 })).toMatchObject({ userId: id, role: 'admin', mustChangePassword: true });
  });

  it('is sent to the change-password page by every page and action, and refused with 403 by route handlers', async () => {
    claims.current = { uid: id, sv: 1 };
    await expect(currentActor()).rejects.toThrow(`redirect ${PASSWORD_PAGE}`);
    await expect(requireActor()).rejects.toThrow(`redirect ${PASSWORD_PAGE}`);
    expect(await routeActor()).toEqual({ actor: null, refusal: { status: 403, message: MUST_CHANGE_PASSWORD_MESSAGE } });
    // only the change-password page and its action get the actor
    expect(await currentActorForPasswordChange()).toMatchObject({ userId: id, mustChangePassword: true });
  });

  it('is an ordinary actor once the password is changed', async () => {
    db.update(users).set({ mustChangePassword: false }).where(eq(users.id, id)).run();
    claims.current = { uid: id, sv: 1 };
    expect(await currentActor()).toMatchObject({ userId: id, mustChangePassword: false });
    expect(await routeActor()).toMatchObject({ actor: { userId: id } });
  });

  it('route handlers answer the signed-out with 401, pages send them to sign in', async () => {
    claims.current = null;
    expect(await routeActor()).toEqual({ actor: null, refusal: { status: 401, message: '请先登录' } });
    expect(await currentActor()).toBeNull();
    await expect(requireActor()).rejects.toThrow('redirect /login');
    expect(await currentActorForPasswordChange()).toBeNull();
  });
});
