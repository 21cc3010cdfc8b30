/** Test helpers: a seeded in-memory database and the demo actors. Used by the *.test.ts files only. */
import 'server-only';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../../db/client';
import { auditLog, budgets, departments, users } from '../../../db/schema';
import { seedIfEmpty } from '../../../db/seed';
import type { Actor } from '../../auth/authorize';

export interface TestWorld {
  db: Db;
  actors: { renshe: Actor; dangan: Actor; shenhe: Actor; admin: Actor };
  /** The demo department's (054) and the archive's (061) 2024 budgets. */
  budgetId: number;
  archiveBudgetId: number;
}

export function seededWorld(): TestWorld {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: (p) => `plain:${p}` });
  const actor = (username: string): Actor => {
    const u = db.select().from(users).where(eq(users.username, username)).get()!;
    return { userId: u.id, role: u.role, departmentId: u.departmentId, displayName: u.displayName };
  };
  const budgetOf = (code: string) => {
    const d = db.select().from(departments).where(eq(departments.code, code)).get()!;
    return db.select().from(budgets).where(eq(budgets.departmentId, d.id)).get()!.id;
  };
  return {
    db,
    actors: { renshe: actor('renshe'), dangan: actor('dangan'), shenhe: actor('shenhe'), admin: actor('admin') },
    budgetId: budgetOf('054'),
    archiveBudgetId: budgetOf('061'),
  };
}

export function budgetVersion(db: Db, budgetId: number): number {
  return db.select().from(budgets).where(eq(budgets.id, budgetId)).get()!.version;
}

export function setStatus(db: Db, budgetId: number, status: 'draft' | 'submitted' | 'returned' | 'approved' | 'published'): void {
  db.update(budgets).set({ status }).where(eq(budgets.id, budgetId)).run();
}

export function auditCount(db: Db): number {
  return db.select().from(auditLog).all().length;
}

export function auditEntries(db: Db, budgetId: number) {
  return db.select().from(auditLog).where(eq(auditLog.budgetId, budgetId)).all();
}
