/** Departments, units and people: administrative reads. */
import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { departments, units, users } from '../../db/schema';
import { assertAdmin, type Actor } from '../auth/authorize';

export function listDepartments(db: Db, actor: Actor) {
  assertAdmin(actor);
  const unitCounts = new Map(
    db
      .select({ departmentId: units.departmentId, n: count() })
      .from(units)
      .groupBy(units.departmentId)
      .all()
      .map((r) => [r.departmentId, r.n]),
  );
  return db
    .select()
    .from(departments)
    .orderBy(asc(departments.code))
    .all()
    .map((d) => ({ ...d, unitCount: unitCounts.get(d.id) ?? 0 }));
}

export function listUsers(db: Db, actor: Actor) {
  assertAdmin(actor);
  return db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      active: users.active,
      departmentName: departments.name,
    })
    .from(users)
    .leftJoin(departments, eq(departments.id, users.departmentId))
    .orderBy(asc(users.id))
    .all();
}
