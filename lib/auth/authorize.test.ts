import { describe, expect, it } from 'vitest';
import {
  assertAdmin,
  assertCanEditBudget,
  assertCanReadBudget,
  assertMayAct,
  assertReviewerOrAdmin,
  canReadBudget,
  editRefusal,
  ForbiddenError,
  MUST_CHANGE_PASSWORD_MESSAGE,
  type Actor,
  type BudgetRef,
} from './authorize';

const clerk: Actor = { userId: 1, role: 'clerk', departmentId: 10, displayName: 'c' };
const otherClerk: Actor = { userId: 2, role: 'clerk', departmentId: 11, displayName: 'o' };
const noDeptClerk: Actor = { userId: 5, role: 'clerk', departmentId: null, displayName: 'n' };
const reviewer: Actor = { userId: 3, role: 'reviewer', departmentId: null, displayName: 'r' };
const admin: Actor = { userId: 4, role: 'admin', departmentId: null, displayName: 'a' };
const budget = (status: BudgetRef['status']): BudgetRef => ({ id: 1, departmentId: 10, status });

describe('reading budgets', () => {
  it('lets a clerk read only their own department', () => {
    expect(canReadBudget(clerk, budget('draft'))).toBe(true);
    expect(canReadBudget(otherClerk, budget('draft'))).toBe(false);
    expect(canReadBudget(noDeptClerk, budget('draft'))).toBe(false);
    expect(() => assertCanReadBudget(otherClerk, budget('draft'))).toThrow(ForbiddenError);
  });
  it('lets reviewers and administrators read every department', () => {
    expect(canReadBudget(reviewer, budget('draft'))).toBe(true);
    expect(canReadBudget(admin, budget('published'))).toBe(true);
  });
});

describe('editing figures', () => {
  it('allows only the own clerk, on a draft or returned budget of an open year', () => {
    expect(editRefusal(clerk, budget('draft'), true)).toBeNull();
    expect(editRefusal(clerk, budget('returned'), true)).toBeNull();
  });
  it('refuses everyone else with a Chinese reason', () => {
    expect(editRefusal(otherClerk, budget('draft'), true)).toBe('无权修改其他部门的预算');
    expect(editRefusal(reviewer, budget('draft'), true)).toBe('审核人员不能修改部门预算数据');
    expect(editRefusal(admin, budget('draft'), true)).toBe('管理员不能修改部门预算数据');
    for (const s of ['submitted', 'approved', 'published'] as const)
      expect(editRefusal(clerk, budget(s), true)).toBe('预算已报送或已批复，不能修改');
    expect(editRefusal(clerk, budget('draft'), false)).toBe('该预算年度已关闭，不能再修改');
  });
  it('keeps administration to administrators', () => {
    expect(() => assertAdmin(reviewer)).toThrow('仅系统管理员可以执行此操作');
    expect(() => assertAdmin(admin)).not.toThrow();
  });
});

describe('a user who must change their password', () => {
  const mustChange = (a: Actor): Actor => ({ ...a, mustChangePassword: true });

  it('is refused every decision, whatever the role, with a message that says what to do', () => {
    for (const a of [clerk, reviewer, admin].map(mustChange)) {
      expect(canReadBudget(a, budget('draft')), a.role).toBe(false);
      expect(() => assertCanReadBudget(a, budget('draft')), a.role).toThrow(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(editRefusal(a, budget('draft'), true), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(() => assertCanEditBudget(a, budget('draft'), true), a.role).toThrow(ForbiddenError);
      expect(() => assertAdmin(a), a.role).toThrow(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(() => assertReviewerOrAdmin(a), a.role).toThrow(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(() => assertMayAct(a), a.role).toThrow(MUST_CHANGE_PASSWORD_MESSAGE);
    }
    expect(MUST_CHANGE_PASSWORD_MESSAGE).toContain('修改密码');
  });

  it('is an ordinary actor again once the flag is cleared', () => {
    const changed: Actor = { ...mustChange(admin), mustChangePassword: false };
    expect(() => assertAdmin(changed)).not.toThrow();
    expect(() => assertMayAct(changed)).not.toThrow();
    expect(editRefusal({ ...clerk, mustChangePassword: false }, budget('draft'), true)).toBeNull();
  });
});
