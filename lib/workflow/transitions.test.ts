/**
 * The transition table, cell by cell: every state × role × action, allowed (with its target) or refused with the
 * message the user reads. The expectations are written out here as one table, independently of the code's own
 * tables, so a change of a rule shows up as a change of this table.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetStatus, Role } from '../auth/authorize';
import { availableActions, decide, WORKFLOW_ACTIONS, type DecisionContext, type WorkflowAction } from './transitions';
import { BUDGET_STATUSES, USER_ROLES } from '../../db/schema';

/** A context in which nothing but role and state can refuse. */
const clear: DecisionContext = { ownDepartment: true, yearOpen: true, errors: 0, unexplainedWarnings: 0, reason: '数据有误', note: '更正单位名称' };

const ROLE = {
  submit: '只有本部门财务人员可以报送预算',
  withdraw: '只有本部门财务人员可以撤回报送',
  return: '只有财政局审核人员可以退回预算',
  approve: '只有财政局审核人员可以批复预算',
  publish: '只有系统管理员可以公开预算',
  correct: '只有系统管理员可以发布更正',
  reopen: '只有财政局审核人员可以重新打开已批复的预算',
};

type Cell = `→${BudgetStatus}` | string;
/** action → state → outcome for [clerk, reviewer, admin]. */
const TABLE: Record<WorkflowAction, Record<BudgetStatus, [Cell, Cell, Cell]>> = {
  submit: {
    draft: ['→submitted', ROLE.submit, ROLE.submit],
    submitted: ['预算已报送，正在审核中，不能重复报送', ROLE.submit, ROLE.submit],
    returned: ['→submitted', ROLE.submit, ROLE.submit],
    approved: ['预算已批复，不能再报送', ROLE.submit, ROLE.submit],
    published: ['预算已公开，不能再报送', ROLE.submit, ROLE.submit],
  },
  withdraw: {
    draft: ['预算尚未报送，无需撤回', ROLE.withdraw, ROLE.withdraw],
    submitted: ['→draft', ROLE.withdraw, ROLE.withdraw],
    returned: ['预算已被退回，无需撤回', ROLE.withdraw, ROLE.withdraw],
    approved: ['预算已批复，不能撤回', ROLE.withdraw, ROLE.withdraw],
    published: ['预算已公开，不能撤回', ROLE.withdraw, ROLE.withdraw],
  },
  return: {
    draft: [ROLE.return, '预算尚未报送，不能退回', ROLE.return],
    submitted: [ROLE.return, '→returned', ROLE.return],
    returned: [ROLE.return, '预算已退回，等待部门重新报送', ROLE.return],
    approved: [ROLE.return, '预算已批复，不能退回', ROLE.return],
    published: [ROLE.return, '预算已公开，不能退回', ROLE.return],
  },
  approve: {
    draft: [ROLE.approve, '预算尚未报送，不能批复', ROLE.approve],
    submitted: [ROLE.approve, '→approved', ROLE.approve],
    returned: [ROLE.approve, '预算已退回，须部门重新报送后才能批复', ROLE.approve],
    approved: [ROLE.approve, '预算已批复，不能重复批复', ROLE.approve],
    published: [ROLE.approve, '预算已公开，不能再批复', ROLE.approve],
  },
  publish: {
    draft: [ROLE.publish, ROLE.publish, '预算尚未批复，不能公开'],
    submitted: [ROLE.publish, ROLE.publish, '预算尚未批复，不能公开'],
    returned: [ROLE.publish, ROLE.publish, '预算尚未批复，不能公开'],
    approved: [ROLE.publish, ROLE.publish, '→published'],
    published: [ROLE.publish, ROLE.publish, '预算已公开；如需修正，请发布更正'],
  },
  correct: {
    draft: [ROLE.correct, ROLE.correct, '预算尚未公开，不能发布更正'],
    submitted: [ROLE.correct, ROLE.correct, '预算尚未公开，不能发布更正'],
    returned: [ROLE.correct, ROLE.correct, '预算尚未公开，不能发布更正'],
    approved: [ROLE.correct, ROLE.correct, '预算尚未公开，不能发布更正；请先公开'],
    published: [ROLE.correct, ROLE.correct, '→published'],
  },
  reopen: {
    draft: [ROLE.reopen, '预算尚未批复，无需重新打开', ROLE.reopen],
    submitted: [ROLE.reopen, '预算正在审核中，如需修改请退回', ROLE.reopen],
    returned: [ROLE.reopen, '预算已退回部门修改', ROLE.reopen],
    approved: [ROLE.reopen, '→returned', ROLE.reopen],
    published: [ROLE.reopen, '→returned', ROLE.reopen],
  },
};

// the table's columns are the schema's roles, in its order; its rows the schema's states
const ROLES: readonly Role[] = USER_ROLES;
const WORKFLOW_STATES = BUDGET_STATUSES;

describe('the transition table', () => {
  it('covers every action, state and role', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...WORKFLOW_ACTIONS].sort());
    for (const a of WORKFLOW_ACTIONS) expect(Object.keys(TABLE[a]).sort()).toEqual([...WORKFLOW_STATES].sort());
  });

  const cases = WORKFLOW_ACTIONS.flatMap((action) =>
    WORKFLOW_STATES.flatMap((state) => ROLES.map((role, i) => ({ action, state, role, expected: TABLE[action][state][i] }))),
  );
  it.each(cases)('$action on $state by $role → $expected', ({ action, state, role, expected }) => {
    const d = decide(state, role, action, clear);
    if (expected.startsWith('→')) expect(d).toEqual({ ok: true, to: expected.slice(1) });
    else expect(d).toEqual({ ok: false, refused: expected });
  });

  it('offers each role exactly the actions the table allows it', () => {
    for (const state of WORKFLOW_STATES)
      for (const [i, role] of ROLES.entries())
        expect(availableActions(state, role)).toEqual(WORKFLOW_ACTIONS.filter((a) => TABLE[a][state][i].startsWith('→')));
  });
});

describe('the context', () => {
  it('a clerk submits only their own department, in an open year', () => {
    expect(decide('draft', 'clerk', 'submit', { ...clear, ownDepartment: false })).toEqual({ ok: false, refused: '不能报送其他部门的预算' });
    expect(decide('submitted', 'clerk', 'withdraw', { ...clear, ownDepartment: false })).toEqual({ ok: false, refused: '不能撤回其他部门的预算' });
    expect(decide('draft', 'clerk', 'submit', { ...clear, yearOpen: false })).toEqual({ ok: false, refused: '该预算年度已关闭，不能报送' });
  });

  it('an error blocks submission, then an unexplained warning does', () => {
    expect(decide('draft', 'clerk', 'submit', { ...clear, errors: 5, unexplainedWarnings: 7 })).toEqual({ ok: false, refused: '尚有 5 条错误未更正，不能报送' });
    expect(decide('returned', 'clerk', 'submit', { ...clear, unexplainedWarnings: 2 })).toEqual({ ok: false, refused: '尚有 2 条警告未填写说明，不能报送' });
  });

  it('an error blocks approval; warnings do not', () => {
    expect(decide('submitted', 'reviewer', 'approve', { ...clear, errors: 1 })).toEqual({ ok: false, refused: '尚有 1 条错误，不能批复' });
    expect(decide('submitted', 'reviewer', 'approve', { ...clear, unexplainedWarnings: 3 })).toEqual({ ok: true, to: 'approved' });
  });

  it('returning needs a reason, a correction a note', () => {
    expect(decide('submitted', 'reviewer', 'return', { ...clear, reason: undefined })).toEqual({ ok: false, refused: '退回时必须填写退回原因' });
    expect(decide('submitted', 'reviewer', 'return', { ...clear, reason: '' })).toEqual({ ok: false, refused: '退回时必须填写退回原因' });
    expect(decide('published', 'admin', 'correct', { ...clear, note: undefined })).toEqual({ ok: false, refused: '发布更正时必须填写更正说明' });
    // publication itself needs no note
    expect(decide('approved', 'admin', 'publish', { ...clear, note: undefined })).toEqual({ ok: true, to: 'published' });
  });

  it('reopening an approved or published budget needs a reason', () => {
    expect(decide('published', 'reviewer', 'reopen', { ...clear, reason: undefined })).toEqual({
      ok: false,
      refused: '重新打开修订时必须填写原因（如预算调整、公开后发现的错误）',
    });
    expect(decide('approved', 'reviewer', 'reopen', { ...clear, reason: '预算调整' })).toEqual({ ok: true, to: 'returned' });
  });

  it('a revised budget that was published before is published only as a correction that changes something', () => {
    const revised = { ...clear, published: true };
    expect(decide('approved', 'admin', 'publish', revised)).toEqual({
      ok: false,
      refused: '该预算已公开过：修订后的版本须以“发布更正”公开，并填写更正说明',
    });
    expect(decide('approved', 'admin', 'correct', revised)).toEqual({ ok: true, to: 'published' });
    expect(decide('approved', 'admin', 'correct', { ...revised, note: '' })).toEqual({ ok: false, refused: '发布更正时必须填写更正说明' });
    expect(decide('approved', 'admin', 'correct', { ...revised, unchanged: true })).toEqual({
      ok: false,
      refused: '更正版本与现行公开版本完全相同，没有可更正的内容',
    });
    expect(decide('published', 'admin', 'correct', { ...revised, unchanged: true })).toEqual({
      ok: false,
      refused: '更正版本与现行公开版本完全相同，没有可更正的内容',
    });
    // the panel offers 发布更正 instead of 公开 for such a budget, and only then
    expect(availableActions('approved', 'admin', true)).toEqual(['correct']);
    expect(availableActions('approved', 'admin', false)).toEqual(['publish']);
    expect(availableActions('published', 'reviewer', true)).toEqual(['reopen']);
  });

  it('names the first obstacle: role before state before context', () => {
    expect(decide('approved', 'reviewer', 'submit', { ...clear, errors: 3 })).toEqual({ ok: false, refused: ROLE.submit });
    expect(decide('approved', 'clerk', 'submit', { ...clear, errors: 3 })).toEqual({ ok: false, refused: '预算已批复，不能再报送' });
  });
});
