/** 部门 and their 预算单位: create, edit, deactivate and reactivate. Every change is audited. */
import 'server-only';
import { and, asc, count, eq, max, ne, sql } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import { departments, units, users } from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { assertAdmin, type Actor } from '../auth/authorize';
import { UNIT_TYPES, type UnitType } from '../facts';
import { checkbox, fieldError, formError, parseInput } from './common';
import { ensureBudgets, yearsNeedingBudgets } from './years';

const idField = (label: string) =>
  z.coerce.number({ error: `请选择${label}` }).int({ error: `请选择${label}` }).positive({ error: `请选择${label}` });

const departmentFields = {
  code: z
    .string({ error: '请输入部门编码' })
    .trim()
    .regex(/^\d{3}$/, { error: '部门编码须为 3 位数字，如 054' }),
  name: z
    .string({ error: '请输入部门名称' })
    .trim()
    .min(2, { error: '部门名称至少 2 个字' })
    .max(60, { error: '部门名称不能超过 60 个字' }),
  regionName: z
    .string({ error: '请输入所属地区' })
    .trim()
    .min(1, { error: '请输入所属地区' })
    .max(30, { error: '所属地区不能超过 30 个字' }),
};

const unitFields = {
  name: z
    .string({ error: '请输入单位名称' })
    .trim()
    .min(2, { error: '单位名称至少 2 个字' })
    .max(60, { error: '单位名称不能超过 60 个字' }),
  type: z.enum(UNIT_TYPES, { error: '请选择单位类型（行政、参公或事业）' }),
};

interface DepartmentWithUnits {
  id: number;
  code: string;
  name: string;
  regionName: string;
  active: boolean;
  activeUserCount: number;
  units: { id: number; name: string; type: UnitType; sort: number; active: boolean }[];
}

export function listDepartmentsWithUnits(db: Db, actor: Actor): DepartmentWithUnits[] {
  assertAdmin(actor);
  const allUnits = db.select().from(units).orderBy(asc(units.sort), asc(units.id)).all();
  const userCounts = new Map(
    db
      .select({ departmentId: users.departmentId, n: count() })
      .from(users)
      .where(eq(users.active, true))
      .groupBy(users.departmentId)
      .all()
      .map((r) => [r.departmentId, r.n]),
  );
  return db
    .select()
    .from(departments)
    .orderBy(asc(departments.code))
    .all()
    .map((d) => ({
      ...d,
      activeUserCount: userCounts.get(d.id) ?? 0,
      units: allUnits
        .filter((u) => u.departmentId === d.id)
        .map((u) => ({ id: u.id, name: u.name, type: u.type, sort: u.sort, active: u.active })),
    }));
}

export function getDepartment(db: Db, actor: Actor, departmentId: number): DepartmentWithUnits | null {
  return listDepartmentsWithUnits(db, actor).find((d) => d.id === departmentId) ?? null;
}

/** The most common region name, as the default for a new department. */
export function defaultRegionName(db: Db, actor: Actor): string {
  assertAdmin(actor);
  return (
    db
      .select({ regionName: departments.regionName, n: count() })
      .from(departments)
      .groupBy(departments.regionName)
      .orderBy(sql`count(*) desc`)
      .get()?.regionName ?? ''
  );
}

function assertDepartmentUnique(tx: Tx, code: string, name: string, exceptId?: number) {
  const byCode = tx.select().from(departments).where(eq(departments.code, code)).get();
  if (byCode && byCode.id !== exceptId) fieldError('code', `部门编码 ${code} 已被“${byCode.name}”使用`);
  const byName = tx.select().from(departments).where(eq(departments.name, name)).get();
  if (byName && byName.id !== exceptId) fieldError('name', `已有名为“${name}”的部门（编码 ${byName.code}）`);
}

const createDepartmentSchema = z.object(departmentFields);

/** Creates a department and its draft budget for the current (and any later) open year. */
export function createDepartment(
  db: Db,
  actor: Actor,
  input: z.input<typeof createDepartmentSchema>,
): { id: number; budgetsCreated: number } {
  assertAdmin(actor);
  const data = parseInput(createDepartmentSchema, input);
  const now = Date.now();
  return db.transaction((tx) => {
    assertDepartmentUnique(tx, data.code, data.name);
    const { id } = tx.insert(departments).values(data).returning({ id: departments.id }).get();
    const budgetsCreated = ensureBudgets(tx, id, yearsNeedingBudgets(tx), now);
    writeAudit(
      tx,
      { userId: actor.userId, action: 'department.create', entity: 'department', entityId: id, newValue: JSON.stringify(data) },
      now,
    );
    return { id, budgetsCreated };
  });
}

const updateDepartmentSchema = z.object({ id: idField('部门'), ...departmentFields });

/** Changes a department's code, name or region (each changed field is audited). */
export function updateDepartment(db: Db, actor: Actor, input: z.input<typeof updateDepartmentSchema>): void {
  assertAdmin(actor);
  const { id, ...data } = parseInput(updateDepartmentSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(departments).where(eq(departments.id, id)).get();
    if (!old) formError('部门不存在');
    assertDepartmentUnique(tx, data.code, data.name, id);
    const changed = (['code', 'name', 'regionName'] as const).filter((k) => old[k] !== data[k]);
    if (changed.length === 0) return;
    tx.update(departments).set(data).where(eq(departments.id, id)).run();
    for (const k of changed) {
      writeAudit(tx, {
        userId: actor.userId,
        action: 'department.update',
        entity: 'department',
        entityId: id,
        field: k,
        oldValue: old[k],
        newValue: data[k],
      });
    }
  });
}

const activeSchema = z.object({ id: idField('部门'), active: z.preprocess(checkbox, z.boolean()) });

/**
 * Deactivates or reactivates a department. A deactivated department gets no budget in newly opened years and no new
 * users; it is refused while active users still belong to it. Reactivating creates its missing open-year budgets.
 */
export function setDepartmentActive(db: Db, actor: Actor, input: z.input<typeof activeSchema>): void {
  assertAdmin(actor);
  const { id, active } = parseInput(activeSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(departments).where(eq(departments.id, id)).get();
    if (!old) formError('部门不存在');
    if (old.active === active) formError(active ? '该部门已是启用状态' : '该部门已是停用状态');
    if (!active) {
      const n = tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.departmentId, id), eq(users.active, true)))
        .get()!.n;
      if (n > 0) formError(`该部门仍有 ${n} 名启用的用户，请先停用这些用户或调整其所属部门`);
    }
    tx.update(departments).set({ active }).where(eq(departments.id, id)).run();
    if (active) ensureBudgets(tx, id, yearsNeedingBudgets(tx));
    writeAudit(tx, {
      userId: actor.userId,
      action: active ? 'department.reactivate' : 'department.deactivate',
      entity: 'department',
      entityId: id,
      field: 'active',
      oldValue: String(old.active),
      newValue: String(active),
    });
  });
}

const createUnitSchema = z.object({ departmentId: idField('所属部门'), ...unitFields });

function assertUnitNameFree(tx: Tx, departmentId: number, name: string, exceptId?: number) {
  const clash = tx
    .select()
    .from(units)
    .where(and(eq(units.departmentId, departmentId), eq(units.name, name), exceptId ? ne(units.id, exceptId) : undefined))
    .get();
  if (clash) fieldError('name', `本部门已有名为“${name}”的单位`);
}

/** Adds a 预算单位 to a department, after its existing units. */
export function createUnit(db: Db, actor: Actor, input: z.input<typeof createUnitSchema>): { id: number } {
  assertAdmin(actor);
  const data = parseInput(createUnitSchema, input);
  return db.transaction((tx) => {
    const dept = tx.select().from(departments).where(eq(departments.id, data.departmentId)).get();
    if (!dept) fieldError('departmentId', '部门不存在');
    if (!dept.active) formError('部门已停用，不能新增单位');
    assertUnitNameFree(tx, data.departmentId, data.name);
    const last = tx.select({ s: max(units.sort) }).from(units).where(eq(units.departmentId, data.departmentId)).get();
    const { id } = tx
      .insert(units)
      .values({ ...data, sort: (last?.s ?? 0) + 1 })
      .returning({ id: units.id })
      .get();
    writeAudit(tx, { userId: actor.userId, action: 'unit.create', entity: 'unit', entityId: id, newValue: JSON.stringify(data) });
    return { id };
  });
}

const updateUnitSchema = z.object({ id: idField('单位'), ...unitFields });

/** Renames a unit or corrects its type (the type decides the economic mapping and 机关运行经费). */
export function updateUnit(db: Db, actor: Actor, input: z.input<typeof updateUnitSchema>): void {
  assertAdmin(actor);
  const { id, ...data } = parseInput(updateUnitSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(units).where(eq(units.id, id)).get();
    if (!old) formError('单位不存在');
    assertUnitNameFree(tx, old.departmentId, data.name, id);
    const changed = (['name', 'type'] as const).filter((k) => old[k] !== data[k]);
    if (changed.length === 0) return;
    tx.update(units).set(data).where(eq(units.id, id)).run();
    for (const k of changed) {
      writeAudit(tx, {
        userId: actor.userId,
        action: 'unit.update',
        entity: 'unit',
        entityId: id,
        field: k,
        oldValue: old[k],
        newValue: data[k],
      });
    }
  });
}

const unitActiveSchema = z.object({ id: idField('单位'), active: z.preprocess(checkbox, z.boolean()) });

/** Deactivates or reactivates a unit; a deactivated unit keeps its past figures but takes no new lines. */
export function setUnitActive(db: Db, actor: Actor, input: z.input<typeof unitActiveSchema>): void {
  assertAdmin(actor);
  const { id, active } = parseInput(unitActiveSchema, input);
  db.transaction((tx) => {
    const old = tx.select().from(units).where(eq(units.id, id)).get();
    if (!old) formError('单位不存在');
    if (old.active === active) formError(active ? '该单位已是启用状态' : '该单位已是停用状态');
    tx.update(units).set({ active }).where(eq(units.id, id)).run();
    writeAudit(tx, {
      userId: actor.userId,
      action: active ? 'unit.reactivate' : 'unit.deactivate',
      entity: 'unit',
      entityId: id,
      field: 'active',
      oldValue: String(old.active),
      newValue: String(active),
    });
  });
}
