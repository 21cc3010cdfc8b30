import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';

vi.mock('./config', () => ({ auth: async () => null }));
vi.mock('next/navigation', () => ({ redirect: () => { throw new Error('redirect'); } }));

const { openDatabase } = await import('../../db/client');
const { users } = await import('../../db/schema');
const { endSession } = await import('./signOut');
const { resolveActor } = await import('./session');

describe('ending a session', () => {
  const db = openDatabase(':memory:');
  const id = db
    .insert(users)
    .values({ username: 'u', displayName: '赵六', passwordHash: 'x', role: 'reviewer', createdAt: 0, sessionVersion: 7 })
    .returning({ id: users.id })
    .get().id;
  const version = () => db.select().from(users).where(eq(users.id, id)).get()!.sessionVersion;

  it('moves the version on, so the signed-out token (and a copy of it) no longer resolves', () => {
    expect(resolveActor(db, { uid: id, sv: 7 })).not.toBeNull();
    expect(endSession(db, { uid: id, sv: 7 })).toBe(true);
    expect(version()).toBe(8);
    expect(resolveActor(db, { uid: id, sv: 7 })).toBeNull();
  });

  it('changes nothing for a token that has already ended, or claims that are not a session', () => {
    expect(endSession(db, { uid: id, sv: 7 })).toBe(false);
    expect(endSession(db, null)).toBe(false);
    expect(endSession(db, {})).toBe(false);
    expect(endSession(db, { uid: '1 OR 1=1' as never, sv: 8 })).toBe(false);
    expect(version()).toBe(8);
  });
});
