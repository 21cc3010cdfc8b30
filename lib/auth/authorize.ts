/**
 * Authorization: who may do what to which budget. Every read and write in lib/ goes through these checks;
 * the UI only hides what these refuse anyway.
 */
export type Role = 'clerk' | 'reviewer' | 'admin';
export const ROLE_LABEL: Record<Role, string> = { clerk: '部门财务人员', reviewer: '财政局审核人员', admin: '系统管理员' };

export interface Actor {
  userId: number;
  role: Role;
  departmentId: number | null;
  displayName: string;
  /**
   * Set while the user must replace a password an administrator chose (a new account or a reset): every decision
   * below refuses such an actor, so only changing the own password works. lib/auth/session.ts always sets it;
   * absent means false.
   */
  mustChangePassword?: boolean;
}

/** One list of states, the schema's (db/schema/budget.ts): the column's enum and this type cannot drift apart. */
export type BudgetStatus = (typeof import('../../db/schema/budget').BUDGET_STATUSES)[number];
export const BUDGET_STATUS_LABEL: Record<BudgetStatus, string> = {
  draft: '编制中',
  submitted: '已报送',
  returned: '已退回',
  approved: '已批复',
  published: '已公开',
};

export interface BudgetRef {
  id: number;
  departmentId: number;
  status: BudgetStatus;
}

/** Raised when an actor is refused; the message is shown to the user. */
export class ForbiddenError extends Error {
  constructor(message = '无权访问该内容') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export const MUST_CHANGE_PASSWORD_MESSAGE = '请先修改密码：管理员设置的初始密码或重置后的密码须由本人改为新密码后，才能继续使用系统';

/** The refusal for an actor who must change their password first (null when they may act). */
export function passwordChangeRefusal(actor: Actor): string | null {
  return actor.mustChangePassword ? MUST_CHANGE_PASSWORD_MESSAGE : null;
}

/**
 * Refuses an actor who must change their password. Every decision here starts with it; domain code that decides
 * by role itself calls it first.
 */
export function assertMayAct(actor: Actor): void {
  const refusal = passwordChangeRefusal(actor);
  if (refusal) throw new ForbiddenError(refusal);
}

export function canReadBudget(actor: Actor, budget: Pick<BudgetRef, 'departmentId'>): boolean {
  if (actor.mustChangePassword) return false;
  if (actor.role === 'clerk') return actor.departmentId !== null && actor.departmentId === budget.departmentId;
  return true; // reviewers and administrators read every department
}

export function assertCanReadBudget(actor: Actor, budget: Pick<BudgetRef, 'departmentId'>): void {
  assertMayAct(actor);
  if (!canReadBudget(actor, budget)) throw new ForbiddenError('无权查看其他部门的预算');
}

/** Only the department's own clerk edits figures, and only while the budget is a draft or returned. */
export function editRefusal(actor: Actor, budget: BudgetRef, yearOpen: boolean): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  if (actor.role !== 'clerk') return actor.role === 'reviewer' ? '审核人员不能修改部门预算数据' : '管理员不能修改部门预算数据';
  if (actor.departmentId !== budget.departmentId) return '无权修改其他部门的预算';
  if (!yearOpen) return '该预算年度已关闭，不能再修改';
  if (budget.status !== 'draft' && budget.status !== 'returned') return '预算已报送或已批复，不能修改';
  return null;
}

export function assertCanEditBudget(actor: Actor, budget: BudgetRef, yearOpen: boolean): void {
  const refusal = editRefusal(actor, budget, yearOpen);
  if (refusal) throw new ForbiddenError(refusal);
}

export function assertAdmin(actor: Actor): void {
  assertMayAct(actor);
  if (actor.role !== 'admin') throw new ForbiddenError('仅系统管理员可以执行此操作');
}

export function assertReviewerOrAdmin(actor: Actor): void {
  assertMayAct(actor);
  if (actor.role === 'clerk') throw new ForbiddenError('仅财政局审核人员或管理员可以执行此操作');
}
