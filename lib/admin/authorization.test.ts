/** Every administration function refuses anyone but an administrator, before it reads input or changes anything. */
import { describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { auditLog } from '../../db/schema';
import { ForbiddenError, type Actor } from '../auth/authorize';
import * as years from './years';
import * as departments from './departments';
import * as users from './users';
import * as controlFigures from './controlFigures';
import * as codebook from '../codebook/import';
import * as region from '../region/texts';

const db = openDatabase(':memory:');
seedIfEmpty(db, { passwordHasher: () => 'x' });

const clerk: Actor = { userId: 1, role: 'clerk', departmentId: 1, displayName: '财务' };
const reviewer: Actor = { userId: 3, role: 'reviewer', departmentId: null, displayName: '审核' };

const calls: Record<string, (a: Actor) => unknown> = {
  'years.listYears': (a) => years.listYears(db, a),
  'years.openYear': (a) => years.openYear(db, a, { year: 2025, makeCurrent: true }),
  'years.closeYear': (a) => years.closeYear(db, a, { year: 2024 }),
  'years.reopenYear': (a) => years.reopenYear(db, a, { year: 2024 }),
  'years.setCurrentYear': (a) => years.setCurrentYear(db, a, { year: 2024 }),
  'years.setSubmissionDeadline': (a) => years.setSubmissionDeadline(db, a, { year: 2024, deadline: '2024-03-15' }),
  'departments.listDepartmentsWithUnits': (a) => departments.listDepartmentsWithUnits(db, a),
  'departments.getDepartment': (a) => departments.getDepartment(db, a, 1),
  'departments.defaultRegionName': (a) => departments.defaultRegionName(db, a),
  'departments.createDepartment': (a) => departments.createDepartment(db, a, { code: '099', name: '测试局', regionName: '泽州县' }),
  'departments.updateDepartment': (a) => departments.updateDepartment(db, a, { id: 1, code: '054', name: '改名', regionName: '泽州县' }),
  'departments.setDepartmentActive': (a) => departments.setDepartmentActive(db, a, { id: 2, active: false }),
  'departments.createUnit': (a) => departments.createUnit(db, a, { departmentId: 1, name: '新单位', type: 'admin' }),
  'departments.updateUnit': (a) => departments.updateUnit(db, a, { id: 1, name: '改名', type: 'admin' }),
  'departments.setUnitActive': (a) => departments.setUnitActive(db, a, { id: 1, active: false }),
  'users.listUsers': (a) => users.listUsers(db, a),
  'users.getUser': (a) => users.getUser(db, a, 1),
  'users.createUser': (a) =>
    users.createUser(db, a, { username: 'x1', displayName: 'x', role: 'admin', departmentId: null, password: 'Abcdefg12' }),
  'users.updateUser': (a) => users.updateUser(db, a, { id: a.userId, displayName: 'x', role: 'admin', departmentId: null }),
  'users.resetPassword': (a) => users.resetPassword(db, a, { id: 4, password: 'Abcdefg12' }),
  'users.setUserActive': (a) => users.setUserActive(db, a, { id: 4, active: false }),
  'controlFigures.listControlFigures': (a) => controlFigures.listControlFigures(db, a, 2024),
  'controlFigures.saveControlFigures': (a) => controlFigures.saveControlFigures(db, a, { year: 2024, amounts: { 1: '1' } }),
  'controlFigures.importControlFigures': (a) =>
    controlFigures.importControlFigures(db, a, { year: 2024, data: new TextEncoder().encode('部门编码,控制数(万元)\n054,1\n'), fileName: 'a.csv' }),
  'codebook.previewCodeBookImport': (a) => codebook.previewCodeBookImport(db, a, { year: 2024, kind: 'functional', codes: [] }),
  'codebook.applyCodeBookImport': (a) =>
    codebook.applyCodeBookImport(db, a, { year: 2024, kind: 'functional', codes: [], baseFingerprint: '0'.repeat(32) }),
  'codebook.linesWithUnknownCodes': (a) => codebook.linesWithUnknownCodes(db, a, 'functional', 2024),
  'codebook.listBook': (a) => codebook.listBook(db, a, 'functional', 2024),
  'region.saveRegionTexts': (a) => region.saveRegionTexts(db, a, { emptyTableNote: '无数据' }),
};

/** Exported functions that take no actor (helpers, or used by the CLI and the session itself). */
const NO_ACTOR = new Set([
  'years.yearsNeedingBudgets',
  'years.ensureBudgets',
  'users.changeOwnPassword', // any signed-in user, for themselves
  'controlFigures.controlFigureFor', // clerks for their own department; tested in controlFigures.test.ts
  'controlFigures.storedControlFigure', // no actor: read by code that already authorized the budget (rules, workflow)
]);

async function outcome(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
    return 'allowed';
  } catch (e) {
    return e;
  }
}

describe('administration is for administrators only', () => {
  for (const actor of [clerk, reviewer]) {
    for (const [name, call] of Object.entries(calls)) {
      it(`${name} refuses a ${actor.role}`, async () => {
        const e = await outcome(() => call(actor));
        expect(e).toBeInstanceOf(ForbiddenError);
        expect((e as Error).message).toBe('仅系统管理员可以执行此操作');
      });
    }
  }

  it('changed nothing while refusing', () => {
    expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(0);
  });

  it('covers every exported function that takes an actor', () => {
    const modules = { years, departments, users, controlFigures };
    const exported = Object.entries(modules).flatMap(([m, mod]) =>
      Object.entries(mod)
        .filter(([, v]) => typeof v === 'function')
        .map(([k]) => `${m}.${k}`),
    );
    expect(exported.filter((n) => !calls[n] && !NO_ACTOR.has(n))).toEqual([]);
  });
});
