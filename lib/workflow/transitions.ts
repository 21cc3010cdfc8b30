/**
 * The budget workflow as one pure transition table (docs/domain.md §1: 二上 → 审核 → 二下 → 公开):
 *
 *   draft ──submit──► submitted ──approve──► approved ──publish──► published ──correct──► published …
 *     ▲                 │    │                  │  ▲                    │
 *     └───withdraw──────┘    └──return──► returned ◄──────reopen──────────┘ (and from approved)
 *                                           │    └──submit──► submitted …      approved ──correct──► published
 *
 * Who does what (separation of duties):
 * - the department's own clerk submits (from 编制中 or 已退回) and may withdraw a submission not yet decided;
 * - only the finance bureau's reviewer returns (with a reason) and approves; an administrator does not review;
 * - only the administrator publishes an approved budget, and publishes a correction (with a note) of a published one;
 * - only the reviewer reopens an approved or published budget for revision (with a reason: 预算调整, an error found
 *   after publication). Reopening changes a decided figure, which is a review decision, and administrators do not
 *   review; the revision then goes through review again, and once re-approved a budget that was ever published can
 *   only be published as a correction (a note, and a document that differs from the current public version).
 *
 * `decide` covers every state × role × action; the findings, the reason and the note come in through the context,
 * so the one table answers everything the domain layer enforces before it writes.
 */
import type { BudgetStatus, Role } from '../auth/authorize';

export const WORKFLOW_ACTIONS = ['submit', 'withdraw', 'return', 'approve', 'publish', 'correct', 'reopen'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];


/** What the decision depends on besides state, role and action. */
export interface DecisionContext {
  /** The actor is a clerk of the budget's department (ignored for other roles). */
  ownDepartment: boolean;
  /** The budget's year is open (closed years accept no submission). */
  yearOpen: boolean;
  /** Findings of severity error in the current facts. */
  errors: number;
  /** Warnings without a written explanation (counting the explanations that come with this submission). */
  unexplainedWarnings: number;
  /** The reviewer's reason for returning (trimmed). */
  reason?: string;
  /** The administrator's note on a correction (trimmed). */
  note?: string;
  /** The budget has a public version (it was published before): its next publication is a correction. */
  published?: boolean;
  /** The correction's document is identical to the current public version (nothing would change). */
  unchanged?: boolean;
}

type Decision = { ok: true; to: BudgetStatus } | { ok: false; refused: string };

/** The target state of each action, and the states it starts from. */
const TRANSITIONS: Record<WorkflowAction, { from: readonly BudgetStatus[]; to: BudgetStatus; role: Role }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', role: 'clerk' },
  withdraw: { from: ['submitted'], to: 'draft', role: 'clerk' },
  return: { from: ['submitted'], to: 'returned', role: 'reviewer' },
  approve: { from: ['submitted'], to: 'approved', role: 'reviewer' },
  publish: { from: ['approved'], to: 'published', role: 'admin' },
  correct: { from: ['approved', 'published'], to: 'published', role: 'admin' },
  reopen: { from: ['approved', 'published'], to: 'returned', role: 'reviewer' },
};

/** The refusal when the role is not the one that may take the action. */
export const ROLE_REFUSAL: Record<WorkflowAction, string> = {
  submit: '只有本部门财务人员可以报送预算',
  withdraw: '只有本部门财务人员可以撤回报送',
  return: '只有财政局审核人员可以退回预算',
  approve: '只有财政局审核人员可以批复预算',
  publish: '只有系统管理员可以公开预算',
  correct: '只有系统管理员可以发布更正',
  reopen: '只有财政局审核人员可以重新打开已批复的预算',
};

/** The refusal when the budget is not in a state the action starts from, by current state. */
const STATE_REFUSAL: Record<WorkflowAction, Partial<Record<BudgetStatus, string>>> = {
  submit: {
    submitted: '预算已报送，正在审核中，不能重复报送',
    approved: '预算已批复，不能再报送',
    published: '预算已公开，不能再报送',
  },
  withdraw: {
    draft: '预算尚未报送，无需撤回',
    returned: '预算已被退回，无需撤回',
    approved: '预算已批复，不能撤回',
    published: '预算已公开，不能撤回',
  },
  return: {
    draft: '预算尚未报送，不能退回',
    returned: '预算已退回，等待部门重新报送',
    approved: '预算已批复，不能退回',
    published: '预算已公开，不能退回',
  },
  approve: {
    draft: '预算尚未报送，不能批复',
    returned: '预算已退回，须部门重新报送后才能批复',
    approved: '预算已批复，不能重复批复',
    published: '预算已公开，不能再批复',
  },
  publish: {
    draft: '预算尚未批复，不能公开',
    submitted: '预算尚未批复，不能公开',
    returned: '预算尚未批复，不能公开',
    published: '预算已公开；如需修正，请发布更正',
  },
  correct: {
    draft: '预算尚未公开，不能发布更正',
    submitted: '预算尚未公开，不能发布更正',
    returned: '预算尚未公开，不能发布更正',
  },
  reopen: {
    draft: '预算尚未批复，无需重新打开',
    submitted: '预算正在审核中，如需修改请退回',
    returned: '预算已退回部门修改',
  },
};
const NOT_PUBLISHED_YET = '预算尚未公开，不能发布更正；请先公开';
const PUBLISHED_BEFORE = '该预算已公开过：修订后的版本须以“发布更正”公开，并填写更正说明';
const UNCHANGED_CORRECTION = '更正版本与现行公开版本完全相同，没有可更正的内容';
const REOPEN_REASON_REQUIRED = '重新打开修订时必须填写原因（如预算调整、公开后发现的错误）';

export const OTHER_DEPARTMENT_REFUSAL: Record<'submit' | 'withdraw', string> = {
  submit: '不能报送其他部门的预算',
  withdraw: '不能撤回其他部门的预算',
};
const YEAR_CLOSED_REFUSAL = '该预算年度已关闭，不能报送';
const REASON_REQUIRED = '退回时必须填写退回原因';
const NOTE_REQUIRED = '发布更正时必须填写更正说明';

const errorsRefusal = (action: 'submit' | 'approve', n: number): string =>
  action === 'submit' ? `尚有 ${n} 条错误未更正，不能报送` : `尚有 ${n} 条错误，不能批复`;
const warningsRefusal = (n: number): string => `尚有 ${n} 条警告未填写说明，不能报送`;

/**
 * Whether `role` may take `action` on a budget in `state`, and where it leads. Checks in this order: the role, the
 * state, then the context (department, year, findings, reason, note), so the message names the first obstacle.
 */
export function decide(state: BudgetStatus, role: Role, action: WorkflowAction, ctx: DecisionContext): Decision {
  const t = TRANSITIONS[action];
  if (role !== t.role) return { ok: false, refused: ROLE_REFUSAL[action] };
  if (!t.from.includes(state)) return { ok: false, refused: STATE_REFUSAL[action][state] ?? '当前状态不能执行该操作' };
  switch (action) {
    case 'submit':
      if (!ctx.ownDepartment) return { ok: false, refused: OTHER_DEPARTMENT_REFUSAL.submit };
      if (!ctx.yearOpen) return { ok: false, refused: YEAR_CLOSED_REFUSAL };
      if (ctx.errors > 0) return { ok: false, refused: errorsRefusal('submit', ctx.errors) };
      if (ctx.unexplainedWarnings > 0) return { ok: false, refused: warningsRefusal(ctx.unexplainedWarnings) };
      break;
    case 'withdraw':
      if (!ctx.ownDepartment) return { ok: false, refused: OTHER_DEPARTMENT_REFUSAL.withdraw };
      break;
    case 'return':
      if (!ctx.reason) return { ok: false, refused: REASON_REQUIRED };
      break;
    case 'approve':
      if (ctx.errors > 0) return { ok: false, refused: errorsRefusal('approve', ctx.errors) };
      break;
    case 'publish':
      if (ctx.published) return { ok: false, refused: PUBLISHED_BEFORE };
      break;
    case 'correct':
      if (state === 'approved' && !ctx.published) return { ok: false, refused: NOT_PUBLISHED_YET };
      if (!ctx.note) return { ok: false, refused: NOTE_REQUIRED };
      if (ctx.unchanged) return { ok: false, refused: UNCHANGED_CORRECTION };
      break;
    case 'reopen':
      if (!ctx.reason) return { ok: false, refused: REOPEN_REASON_REQUIRED };
      break;
  }
  return { ok: true, to: t.to };
}

/**
 * The actions `role` could take in `state` (ignoring the context but whether the budget was published before, which
 * decides between 公开 and 发布更正 of an approved budget): what the UI offers.
 */
export function availableActions(state: BudgetStatus, role: Role, published = false): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((a) => {
    if (TRANSITIONS[a].role !== role || !TRANSITIONS[a].from.includes(state)) return false;
    if (state === 'approved' && a === 'publish') return !published;
    if (state === 'approved' && a === 'correct') return published;
    return true;
  });
}
