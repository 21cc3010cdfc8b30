import { describe, expect, it } from 'vitest';
import { setSubmissionDeadline } from './admin/years';
import { addComment, replyToComment } from './review/comments';
import { reviewDesk } from './review/desk';
import { listNotices, markNoticesRead, unreadNotices } from './notices';
import { approveBudget, returnBudget, submitBudget } from './workflow/actions';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, seededWorld, versionOf } from './workflow/testing/world';


function world() {
  const w = seededWorld();
  cleanArchive(w);
  addOrganizationWarning(w);
  return w;
}

describe('the inbox', () => {
  it('tells the reviewers of a submission and the department’s clerks of a return (with its reason), a comment and an approval; each reads only their own', () => {
    const w = world();
    const id = w.archiveBudgetId;
    const submit = () => submitBudget(w.db, w.actors.dangan, { budgetId: id, version: versionOf(w, id), explanations: { [ORGANIZATION_WARNING]: '说明' } });
    expect(submit().ok).toBe(true);
    expect(listNotices(w.db, w.actors.shenhe).map((n) => [n.kind, n.message])).toEqual([['submitted', '泽州县档案馆已报送2024年部门预算，等待审核']]);
    // another department's clerk hears nothing
    expect(unreadNotices(w.db, w.actors.renshe)).toBe(0);

    const comment = addComment(w.db, w.actors.shenhe, { budgetId: id, anchor: 'budget', body: '请补充机构设置说明' });
    expect(comment.ok).toBe(true);
    expect(returnBudget(w.db, w.actors.shenhe, { budgetId: id, version: versionOf(w, id), reason: '请按意见修改' }).ok).toBe(true);
    const clerk = listNotices(w.db, w.actors.dangan);
    expect(clerk.map((n) => n.kind)).toEqual(['returned', 'commented']);
    expect(clerk[0].message).toBe('2024年部门预算已被退回修改：请按意见修改');
    expect(clerk[0].href).toBe(`/budgets/${id}`);
    expect(unreadNotices(w.db, w.actors.dangan)).toBe(2);

    // the clerk's reply reaches the reviewer who opened the thread
    if (!comment.ok) return;
    replyToComment(w.db, w.actors.dangan, { budgetId: id, parentId: comment.id, body: '已补充' });
    expect(listNotices(w.db, w.actors.shenhe)[0]).toMatchObject({ kind: 'replied', message: '泽州县档案馆答复了审核意见：已补充' });

    // marking: one's own only; a forged id of someone else's notice changes nothing
    const theirs = listNotices(w.db, w.actors.shenhe)[0].id!;
    expect(markNoticesRead(w.db, w.actors.dangan, { ids: [theirs] })).toEqual({ ok: true, marked: 0 });
    expect(listNotices(w.db, w.actors.shenhe)[0].read).toBe(false);
    expect(markNoticesRead(w.db, w.actors.dangan, { ids: [clerk[0].id!] })).toEqual({ ok: true, marked: 1 });
    expect(unreadNotices(w.db, w.actors.dangan)).toBe(1);
    expect(markNoticesRead(w.db, w.actors.dangan, {})).toEqual({ ok: true, marked: 1 });
    expect(unreadNotices(w.db, w.actors.dangan)).toBe(0);

    expect(submit().ok).toBe(true);
    expect(approveBudget(w.db, w.actors.shenhe, { budgetId: id, version: versionOf(w, id) }).ok).toBe(true);
    expect(listNotices(w.db, w.actors.dangan)[0]).toMatchObject({ kind: 'approved', message: '2024年部门预算已批复', read: false });
  });

  it('reminds a clerk of the 报送截止日期 from three days before while the budget is being prepared; the desk marks it overdue', () => {
    const w = world();
    expect(() => setSubmissionDeadline(w.db, w.actors.shenhe, { year: 2024, deadline: '2024-03-15' })).toThrow();
    expect(() => setSubmissionDeadline(w.db, w.actors.admin, { year: 2024, deadline: '2024-02-30' })).toThrow(/有效日期/);
    setSubmissionDeadline(w.db, w.actors.admin, { year: 2024, deadline: '2024-03-15' });
    const at = (d: string) => Date.parse(`${d}T10:00:00+08:00`);
    expect(listNotices(w.db, w.actors.dangan, at('2024-03-11')).filter((n) => n.kind === 'deadline')).toEqual([]);
    expect(listNotices(w.db, w.actors.dangan, at('2024-03-12'))[0]).toMatchObject({ kind: 'deadline', message: '2024年部门预算须在2024年3月15日前报送（还有 3 天）' });
    expect(listNotices(w.db, w.actors.dangan, at('2024-03-15'))[0].message).toBe('今天（2024年3月15日）是2024年部门预算报送截止日期');
    expect(listNotices(w.db, w.actors.dangan, at('2024-03-17'))[0].message).toBe('2024年部门预算报送截止日期（2024年3月15日）已过 2 天，请尽快报送');
    expect(unreadNotices(w.db, w.actors.dangan, at('2024-03-17'))).toBe(1);
    // reviewers get no reminder; the desk shows both departments overdue
    expect(listNotices(w.db, w.actors.shenhe, at('2024-03-17'))).toEqual([]);
    const desk = reviewDesk(w.db, w.actors.shenhe, 2024, {}, at('2024-03-17'));
    expect(desk.map((r) => [r.departmentCode, r.overdue])).toEqual([
      ['054', 2],
      ['061', 2],
    ]);
    // once submitted: no reminder, not overdue
    submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明' } });
    expect(listNotices(w.db, w.actors.dangan, at('2024-03-17')).some((n) => n.kind === 'deadline')).toBe(false);
    expect(reviewDesk(w.db, w.actors.shenhe, 2024, {}, at('2024-03-17')).find((r) => r.departmentCode === '061')!.overdue).toBeNull();
  });
});
