import { describe, expect, it } from 'vitest';
import {
  assertAdmin,
  assertCanEditBudget,
  assertCanReadBudget,
  assertCanReadControlFigure,
  assertMayAct,
  assertReviewerOrAdmin,
  bulkExportRefusal,
  canAdminister,
  canBulkExport,
  canComment,
  canReadBudget,
  canReplyToComment,
  canResolveComment,
  canReviewBudget,
  canSeeReviewDesk,
  commentRefusal,
  commentResolveRefusal,
  controlFigureReadRefusal,
  editRefusal,
  ForbiddenError,
  isOwnDepartment,
  MUST_CHANGE_PASSWORD_MESSAGE,
  offeredWorkflowActions,
  ownDepartmentId,
  replyRefusal,
  workflowDecision,
  type Actor,
  type BudgetRef,
} from './authorize';
import { ROLE_REFUSAL } from '../workflow/transitions';

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

const clear = { yearOpen: true, errors: 0, unexplainedWarnings: 0, reason: '请修改', note: '更正' };

describe('the workflow, for an actor', () => {
  it('lets the own department’s clerk submit and withdraw, and no other clerk', () => {
    expect(workflowDecision(clerk, budget('draft'), 'submit', clear)).toEqual({ ok: true, to: 'submitted' });
    expect(workflowDecision(clerk, budget('submitted'), 'withdraw', clear)).toEqual({ ok: true, to: 'draft' });
    expect(workflowDecision(otherClerk, budget('draft'), 'submit', clear)).toEqual({ ok: false, refused: '不能报送其他部门的预算', forbidden: true });
    expect(workflowDecision(noDeptClerk, budget('submitted'), 'withdraw', clear)).toEqual({ ok: false, refused: '不能撤回其他部门的预算', forbidden: true });
  });

  it('marks a refusal of the role as forbidden, and one of the state or the findings as not', () => {
    expect(workflowDecision(admin, budget('submitted'), 'approve', clear)).toEqual({ ok: false, refused: ROLE_REFUSAL.approve, forbidden: true });
    expect(workflowDecision(reviewer, budget('draft'), 'approve', clear)).toEqual({ ok: false, refused: '预算尚未报送，不能批复', forbidden: false });
    expect(workflowDecision(reviewer, budget('submitted'), 'approve', { ...clear, errors: 2 })).toEqual({ ok: false, refused: '尚有 2 条错误，不能批复', forbidden: false });
    expect(workflowDecision(clerk, budget('draft'), 'submit', { ...clear, yearOpen: false })).toMatchObject({ ok: false, forbidden: false });
  });

  it('offers what the decision allows: nothing to another department’s clerk', () => {
    expect(offeredWorkflowActions(clerk, budget('draft'))).toEqual(['submit']);
    expect(offeredWorkflowActions(otherClerk, budget('draft'))).toEqual([]);
    expect(offeredWorkflowActions(otherClerk, budget('submitted'))).toEqual([]);
    expect(offeredWorkflowActions(reviewer, budget('submitted'))).toEqual(['return', 'approve']);
    expect(offeredWorkflowActions(admin, budget('approved'))).toEqual(['publish']);
    expect(offeredWorkflowActions(admin, budget('submitted'))).toEqual([]);
    // every offered action is one the decision (with clear findings) allows
    for (const a of [clerk, otherClerk, reviewer, admin])
      for (const s of ['draft', 'submitted', 'returned', 'approved', 'published'] as const)
        for (const action of offeredWorkflowActions(a, budget(s))) expect(workflowDecision(a, budget(s), action, clear).ok, `${a.role} ${s} ${action}`).toBe(true);
  });

  it('calls a submitted budget the reviewer’s to review, and nobody else’s', () => {
    expect(canReviewBudget(reviewer, budget('submitted'))).toBe(true);
    expect(canReviewBudget(reviewer, budget('approved'))).toBe(false);
    expect(canReviewBudget(admin, budget('submitted'))).toBe(false);
    expect(canReviewBudget(clerk, budget('submitted'))).toBe(false);
  });

  it('knows a clerk’s own department, and that nobody else has one', () => {
    expect(ownDepartmentId(clerk)).toBe(10);
    expect(ownDepartmentId(noDeptClerk)).toBeNull();
    expect(ownDepartmentId(reviewer)).toBeNull();
    expect(ownDepartmentId(admin)).toBeNull();
    expect(isOwnDepartment(clerk, 10)).toBe(true);
    expect(isOwnDepartment(clerk, 11)).toBe(false);
    expect(isOwnDepartment(admin, 10)).toBe(false);
  });
});

describe('review comments', () => {
  it('are opened by the reviewer only', () => {
    expect(commentRefusal(reviewer)).toBeNull();
    expect(canComment(reviewer)).toBe(true);
    for (const a of [clerk, otherClerk, admin]) {
      expect(commentRefusal(a), a.role).toBe('只有财政局审核人员可以提出审核意见');
      expect(canComment(a), a.role).toBe(false);
    }
  });

  it('are answered by the reviewer and the own clerk; an administrator only reads the answers', () => {
    for (const a of [reviewer, clerk]) {
      expect(replyRefusal(a, budget('submitted')), a.role).toBeNull();
      expect(canReplyToComment(a, budget('submitted'))).toBe(true);
    }
    expect(replyRefusal(otherClerk, budget('submitted'))).toBe('预算不存在或无权查看');
    expect(replyRefusal(admin, budget('submitted'))).toBe('管理员不参与审核意见的答复');
    expect(canReplyToComment(admin, budget('submitted'))).toBe(false);
  });

  it('are resolved only by the reviewer who opened them, or an administrator', () => {
    const own = { authorId: reviewer.userId };
    const colleague: Actor = { userId: 6, role: 'reviewer', departmentId: null, displayName: 'r2' };
    expect(commentResolveRefusal(reviewer, budget('submitted'), own)).toBeNull();
    expect(canResolveComment(reviewer, budget('submitted'), own)).toBe(true);
    expect(commentResolveRefusal(admin, budget('submitted'), own)).toBeNull();
    expect(canResolveComment(admin, budget('approved'), own)).toBe(true);
    // another reviewer does not close a colleague's comment, nor the clerk the finance bureau's question
    expect(commentResolveRefusal(colleague, budget('submitted'), own)).toBe('只有提出该意见的审核人员或管理员可以将其标记为已解决');
    expect(commentResolveRefusal(reviewer, budget('submitted'), { authorId: colleague.userId })).toBe('只有提出该意见的审核人员或管理员可以将其标记为已解决');
    expect(commentResolveRefusal(clerk, budget('submitted'), own)).toBe('部门财务人员可以答复审核意见，由提出意见的审核人员或管理员标记为已解决');
    // a clerk whose user id happens to be the author's is still not a reviewer
    expect(canResolveComment(clerk, budget('submitted'), { authorId: clerk.userId })).toBe(false);
    expect(commentResolveRefusal(otherClerk, budget('submitted'), own)).toBe('预算不存在或无权查看');
    expect([colleague, clerk, otherClerk].map((a) => canResolveComment(a, budget('submitted'), own))).toEqual([false, false, false]);
  });
});

describe('desk, administration, bulk export and control figures', () => {
  it('shows the desk to reviewers and administrators, administration to administrators', () => {
    expect([clerk, reviewer, admin].map(canSeeReviewDesk)).toEqual([false, true, true]);
    expect([clerk, reviewer, admin].map(canAdminister)).toEqual([false, false, true]);
  });

  it('keeps bulk export to administrators', () => {
    expect(bulkExportRefusal(admin)).toBeNull();
    expect(canBulkExport(admin)).toBe(true);
    for (const a of [clerk, reviewer]) {
      expect(bulkExportRefusal(a), a.role).toBe('只有系统管理员可以批量导出');
      expect(canBulkExport(a), a.role).toBe(false);
    }
  });

  it('lets a clerk read only the own department’s control figure', () => {
    expect(controlFigureReadRefusal(clerk, 10)).toBeNull();
    expect(controlFigureReadRefusal(clerk, 11)).toBe('无权查看其他部门的控制数');
    expect(controlFigureReadRefusal(reviewer, 11)).toBeNull();
    expect(controlFigureReadRefusal(admin, 11)).toBeNull();
    expect(() => assertCanReadControlFigure(otherClerk, 10)).toThrow(ForbiddenError);
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
      // the predicates added for the workflow, comments, the desk, bulk export and control figures
      const own = budget('submitted');
      expect(workflowDecision(a, budget(a.role === 'admin' ? 'approved' : a.role === 'reviewer' ? 'submitted' : 'draft'), a.role === 'admin' ? 'publish' : a.role === 'reviewer' ? 'approve' : 'submit', clear), a.role).toEqual({
        ok: false,
        refused: MUST_CHANGE_PASSWORD_MESSAGE,
        forbidden: true,
      });
      expect(offeredWorkflowActions(a, own), a.role).toEqual([]);
      expect(canReviewBudget(a, own), a.role).toBe(false);
      expect(ownDepartmentId(a), a.role).toBeNull();
      expect(commentRefusal(a), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(replyRefusal(a, own), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(commentResolveRefusal(a, own, { authorId: a.userId }), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(bulkExportRefusal(a), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect(controlFigureReadRefusal(a, 10), a.role).toBe(MUST_CHANGE_PASSWORD_MESSAGE);
      expect([canSeeReviewDesk(a), canAdminister(a), canComment(a), canBulkExport(a)], a.role).toEqual([false, false, false, false]);
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
