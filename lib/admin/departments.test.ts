import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog, departments, units, users } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { ValidationError } from '../result';
import {
  createDepartment,
  createUnit,
  defaultRegionName,
  getDepartment,
  setDepartmentActive,
  setUnitActive,
  updateDepartment,
  updateUnit,
} from './departments';

const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: '管理员' };

function seeded() {
  const db = openDatabase(':memory:');
  seedIfEmpty(db, { passwordHasher: () => 'x' });
  return db;
}

function errors(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return { ...e.fieldErrors, ...(e.formError ? { _form: e.formError } : {}) };
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('departments', () => {
  it('creates, renames and validates a department', () => {
    const db = seeded();
    expect(defaultRegionName(db, admin)).toBe('泽州县');
    const { id } = createDepartment(db, admin, { code: ' 099 ', name: '泽州县测试局', regionName: '泽州县' });
    expect(getDepartment(db, admin, id)).toMatchObject({ code: '099', name: '泽州县测试局', units: [], active: true });
    expect(errors(() => createDepartment(db, admin, { code: '99', name: '甲乙', regionName: '泽州县' }))).toEqual({
      code: '部门编码须为 3 位数字，如 054',
    });
    expect(errors(() => createDepartment(db, admin, { code: '054', name: '另一个局', regionName: '泽州县' })).code).toMatch(/已被/);
    expect(errors(() => createDepartment(db, admin, { code: '098', name: '泽州县档案馆', regionName: '泽州县' })).name).toMatch(/已有/);
    expect(Object.keys(errors(() => createDepartment(db, admin, { code: 'abc', name: '', regionName: '' })))).toEqual([
      'code',
      'name',
      'regionName',
    ]);
    updateDepartment(db, admin, { id, code: '099', name: '泽州县测试管理局', regionName: '泽州县' });
    expect(getDepartment(db, admin, id)!.name).toBe('泽州县测试管理局');
    const audit = db.select().from(auditLog).where(eq(auditLog.action, 'department.update')).all();
    expect(audit).toMatchObject([{ field: 'name', oldValue: '泽州县测试局', newValue: '泽州县测试管理局' }]);
  });

  it('refuses to deactivate a department with active users; reactivation restores its budget', () => {
    const db = seeded();
    const archive = db.select().from(departments).where(eq(departments.code, '061')).get()!;
    expect(errors(() => setDepartmentActive(db, admin, { id: archive.id, active: false }))._form).toMatch(/1 名启用的用户/);
    db.update(users).set({ active: false }).where(eq(users.departmentId, archive.id)).run();
    setDepartmentActive(db, admin, { id: archive.id, active: false });
    expect(getDepartment(db, admin, archive.id)!.active).toBe(false);
    expect(errors(() => createUnit(db, admin, { departmentId: archive.id, name: '新单位', type: 'admin' }))._form).toMatch(/已停用/);
    setDepartmentActive(db, admin, { id: archive.id, active: 'on' });
    expect(getDepartment(db, admin, archive.id)!.active).toBe(true);
  });
});

describe('units', () => {
  it('adds a unit after the others, renames it, corrects its type and deactivates it', () => {
    const db = seeded();
    const { id: deptId } = createDepartment(db, admin, { code: '099', name: '泽州县测试局', regionName: '泽州县' });
    const a = createUnit(db, admin, { departmentId: deptId, name: '泽州县测试局机关', type: 'admin' });
    const b = createUnit(db, admin, { departmentId: String(deptId), name: '泽州县测试中心', type: 'institution' });
    expect(getDepartment(db, admin, deptId)!.units.map((u) => [u.name, u.type, u.sort])).toEqual([
      ['泽州县测试局机关', 'admin', 1],
      ['泽州县测试中心', 'institution', 2],
    ]);
    expect(errors(() => createUnit(db, admin, { departmentId: deptId, name: '泽州县测试中心', type: 'civil' })).name).toMatch(/已有/);
    expect(errors(() => createUnit(db, admin, { departmentId: deptId, name: '某单位', type: 'x' as 'admin' })).type).toMatch(/行政、参公或事业/);
    updateUnit(db, admin, { id: b.id, name: '泽州县测试服务中心', type: 'civil' });
    expect(db.select().from(units).where(eq(units.id, b.id)).get()).toMatchObject({ name: '泽州县测试服务中心', type: 'civil' });
    expect(errors(() => updateUnit(db, admin, { id: a.id, name: '泽州县测试服务中心', type: 'admin' })).name).toMatch(/已有/);
    setUnitActive(db, admin, { id: a.id, active: false });
    expect(db.select().from(units).where(eq(units.id, a.id)).get()!.active).toBe(false);
    expect(
      db
        .select()
        .from(auditLog)
        .all()
        .filter((r) => r.entity === 'unit')
        .map((r) => r.action),
    ).toEqual(['unit.create', 'unit.create', 'unit.update', 'unit.update', 'unit.deactivate']);
  });
});
