/**
 * Authorization: who may do what to which budget. Every read and write in lib/ goes through these checks, and the
 * UI asks the same predicates to decide what to offer (so what it shows cannot drift from what the domain allows).
 * Each decision comes as a `…Refusal(actor, …)` (the Chinese reason, or null when allowed) and/or a `can…` boolean
 * built on it; all of them refuse an actor who must change their password first.
 */
import {
  availableActions,
  decide,
  OTHER_DEPARTMENT_REFUSAL,
  ROLE_REFUSAL,
  type DecisionContext,
  type WorkflowAction,
} from '../workflow/transitions';

/** One list of roles, the schema's (db/schema/org.ts), as for BudgetStatus below. */
export type Role = (typeof import('../../db/schema/org').USER_ROLES)[number];
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
function passwordChangeRefusal(actor: Actor): string | null {
  return actor.mustChangePassword ? MUST_CHANGE_PASSWORD_MESSAGE : null;
}

/**
 * Refuses an actor who must change their password. Every decision here starts with it; domain code that decides
 * by role itself calls it first.
 * @public for lib/auth/authorize.test.ts, which pins that an actor who must change their password is refused
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

/** Reviewers and administrators only: every department's list of budgets, the reviewer's desk. */
export function canSeeReviewDesk(actor: Actor): boolean {
  return !actor.mustChangePassword && actor.role !== 'clerk';
}

/** Reviewers and administrators: check disclosures made elsewhere (uploaded PDFs and workbooks, /review/check). */
export function disclosureCheckRefusal(actor: Actor): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  return actor.role === 'clerk' ? '只有财政局审核人员和管理员可以核查上传的公开文件' : null;
}
export const canCheckDisclosures = (actor: Actor): boolean => disclosureCheckRefusal(actor) === null;

/** Administration (years, departments, people, code books, publication): administrators only. */
export function canAdminister(actor: Actor): boolean {
  return !actor.mustChangePassword && actor.role === 'admin';
}

/** The department a clerk works for (their own budgets), or null for everyone else. */
export function ownDepartmentId(actor: Actor): number | null {
  if (actor.mustChangePassword || actor.role !== 'clerk') return null;
  return actor.departmentId;
}

/**
 * The actor is a clerk of this department (who submits and withdraws its budget, and answers its review).
 * @public for lib/auth/authorize.test.ts, which pins that only a clerk of the department counts
 */
export function isOwnDepartment(actor: Actor, departmentId: number): boolean {
  const own = ownDepartmentId(actor);
  return own !== null && own === departmentId;
}

// ── the workflow ──────────────────────────────────────────────────────────────────────────────────────────────

export type WorkflowDecision = { ok: true; to: BudgetStatus } | { ok: false; refused: string; forbidden: boolean };

/**
 * Whether the actor may take a workflow action on a budget now: the transition table (lib/workflow/transitions.ts)
 * with the actor's role and whether the budget is their own department's. `forbidden` marks a refusal of who the
 * actor is (role, department, password to change), as opposed to the budget's state or findings.
 */
export function workflowDecision(
  actor: Actor,
  budget: Pick<BudgetRef, 'departmentId' | 'status'>,
  action: WorkflowAction,
  ctx: Omit<DecisionContext, 'ownDepartment'>,
): WorkflowDecision {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return { ok: false, refused: mustChange, forbidden: true };
  const d = decide(budget.status, actor.role, action, { ...ctx, ownDepartment: isOwnDepartment(actor, budget.departmentId) });
  if (d.ok) return d;
  const otherDepartment = (OTHER_DEPARTMENT_REFUSAL as Partial<Record<WorkflowAction, string>>)[action];
  return { ok: false, refused: d.refused, forbidden: d.refused === ROLE_REFUSAL[action] || d.refused === otherDepartment };
}

/**
 * The workflow actions to offer the actor on a budget in its state (a clerk: only on their own department's).
 * `published`: the budget has a public version, so an approved revision is offered as 发布更正, not 公开.
 */
export function offeredWorkflowActions(actor: Actor, budget: Pick<BudgetRef, 'departmentId' | 'status'>, published = false): WorkflowAction[] {
  if (actor.mustChangePassword) return [];
  if (actor.role === 'clerk' && !isOwnDepartment(actor, budget.departmentId)) return [];
  return availableActions(budget.status, actor.role, published);
}

/** The actor reviews this budget now (returns or approves it): what the desk calls 审核 rather than 查看. */
export function canReviewBudget(actor: Actor, budget: Pick<BudgetRef, 'departmentId' | 'status'>): boolean {
  return offeredWorkflowActions(actor, budget).includes('approve');
}

// ── review comments ───────────────────────────────────────────────────────────────────────────────────────────

/** Opening a review comment: the finance bureau's reviewer only. */
export function commentRefusal(actor: Actor): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  return actor.role === 'reviewer' ? null : '只有财政局审核人员可以提出审核意见';
}

export const canComment = (actor: Actor): boolean => commentRefusal(actor) === null;

/** Answering review comments: the reviewers and the department's own clerk; administrators only read. */
export function replyRefusal(actor: Actor, budget: Pick<BudgetRef, 'departmentId'>): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  if (!canReadBudget(actor, budget)) return '预算不存在或无权查看';
  return actor.role === 'admin' ? '管理员不参与审核意见的答复' : null;
}

export const canReplyToComment = (actor: Actor, budget: Pick<BudgetRef, 'departmentId'>): boolean => replyRefusal(actor, budget) === null;

/**
 * Marking a review comment resolved: the reviewer who opened it (who decides whether the answer settles what was
 * asked), or an administrator. The department's clerk answers but does not close the finance bureau's question,
 * and another reviewer does not close a colleague's.
 */
export function commentResolveRefusal(actor: Actor, budget: Pick<BudgetRef, 'departmentId'>, comment: { authorId: number }): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  if (!canReadBudget(actor, budget)) return '预算不存在或无权查看';
  if (actor.role === 'admin' || (actor.role === 'reviewer' && actor.userId === comment.authorId)) return null;
  return actor.role === 'reviewer'
    ? '只有提出该意见的审核人员或管理员可以将其标记为已解决'
    : '部门财务人员可以答复审核意见，由提出意见的审核人员或管理员标记为已解决';
}

export const canResolveComment = (actor: Actor, budget: Pick<BudgetRef, 'departmentId'>, comment: { authorId: number }): boolean =>
  commentResolveRefusal(actor, budget, comment) === null;

// ── publication and control figures ───────────────────────────────────────────────────────────────────────────

/** Bulk export of a year's disclosures (start, follow, list, download): administrators only. */
export function bulkExportRefusal(actor: Actor): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  return actor.role === 'admin' ? null : '只有系统管理员可以批量导出';
}

export const canBulkExport = (actor: Actor): boolean => bulkExportRefusal(actor) === null;

/**
 * A department's control figure: its own clerk, and the reviewers and administrators (who read every department).
 * @public for lib/auth/authorize.test.ts, which pins who reads which control figure
 */
export function controlFigureReadRefusal(actor: Actor, departmentId: number): string | null {
  const mustChange = passwordChangeRefusal(actor);
  if (mustChange) return mustChange;
  return actor.role === 'clerk' && actor.departmentId !== departmentId ? '无权查看其他部门的控制数' : null;
}

export function assertCanReadControlFigure(actor: Actor, departmentId: number): void {
  const refusal = controlFigureReadRefusal(actor, departmentId);
  if (refusal) throw new ForbiddenError(refusal);
}
