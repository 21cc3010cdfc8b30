import { describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';

vi.mock('./config', () => ({ auth: async () => null }));
vi.mock('next/navigation', () => ({ redirect: () => { throw new Error('redirect'); } }));

const { openDatabase } = await import('../../db/client');
const { users } = await import('../../db/schema');
const { resolveActor } = await import('./session');

describe('resolving the actor of a session', () => {
  const db = openDatabase(':memory:');
  const id = db
    .insert(users)
    .values({ username: 'c', displayName: '张三', passwordHash: 'x', role: 'clerk', createdAt: 0, sessionVersion: 3 })
    .returning({ id: users.id })
    .get().id;

  it('gives the current role and department from the database', () => {
    expect(resolveActor(db, { uid: id, sv: 3 })).toEqual({ userId: id, role: 'clerk', departmentId: null, displayName: '张三' });
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
