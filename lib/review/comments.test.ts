import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { comments, users } from '../../db/schema';
import type { Actor } from '../auth/authorize';
import { auditCount } from '../budget/edit/testing';
import { loadBudgetFacts } from '../budget/load';
import { seededWorld } from '../workflow/testing/world';
import { forbidden, ok } from '../result';
import { anchorHref } from '../routes';
import { addComment, anchorOptions, describeAnchor, listComments, openLineComments, parseAnchor, replyToComment, resolveComment } from './comments';
import { budgetHistory } from './history';

describe('anchors', () => {
  it('parse and link', () => {
    expect(parseAnchor('table:5:f:2080105')).toEqual({ kind: 'table', key: '5:f:2080105' });
    expect(parseAnchor('line:12')).toEqual({ kind: 'line', key: '12' });
    expect(parseAnchor('indicator:7:annual:房屋租赁费')).toEqual({ kind: 'indicator', key: '7:annual:房屋租赁费' });
    expect(parseAnchor('budget')).toEqual({ kind: 'budget', key: '' });
    for (const bad of ['table:14:total', 'line:abc', 'line:0', 'cell:1', 'budget:1', 'indicator:7:yearly:x', ''])
      expect(parseAnchor(bad)).toBeNull();
    expect(anchorHref(3, { kind: 'table', key: '5:f:2080105' })).toBe('/budgets/3/disclosure#table-5');
    // a line's link names it in the query too, so the lines page serves the page that holds it
    expect(anchorHref(3, { kind: 'line', key: '12' })).toBe('/budgets/3/lines?line=12#line-12');
    expect(anchorHref(3, { kind: 'project', key: '7' })).toBe('/budgets/3/projects/7');
    expect(anchorHref(3, { kind: 'indicator', key: '7:annual:x' })).toBe('/budgets/3/projects/7/form');
    expect(anchorHref(3, { kind: 'budget', key: '' })).toBe('/budgets/3');
  });

  it('describe what exists and offer every line, project, table row and indicator', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    expect(describeAnchor(facts, { kind: 'table', key: '5:f:2080105' })).toMatch(/^表五「2080105/);
    expect(describeAnchor(facts, { kind: 'table', key: '5:f:9999999' })).toBeNull();
    expect(describeAnchor(facts, { kind: 'line', key: String(facts.basicLines[0].id) })).toMatch(/^基本支出：/);
    const opts = anchorOptions(facts);
    expect(opts.line).toHaveLength(facts.basicLines.length);
    expect(opts.project).toHaveLength(facts.projects.length);
    expect(opts.table.some((o) => o.value === 'table:5:f:2080105')).toBe(true);
    expect(opts.indicator.length).toBeGreaterThan(100);
  });
});

describe('comments', () => {
  it('the reviewer opens a thread on a line; the clerk replies; the reviewer resolves it; all audited', () => {
    const w = seededWorld();
    const facts = loadBudgetFacts(w.db, w.budgetId);
    const line = facts.basicLines[3];
    const input = { budgetId: w.budgetId, anchor: `line:${line.id}`, body: '请核实该行金额' };
    expect(addComment(w.db, w.actors.renshe, input)).toEqual(forbidden('只有财政局审核人员可以提出审核意见'));
    expect(addComment(w.db, w.actors.admin, input)).toMatchObject({ ok: false });
    expect(addComment(w.db, w.actors.shenhe, { ...input, body: '  ' })).toMatchObject({ ok: false, reason: 'invalid', formError: '请填写意见内容' });
    expect(addComment(w.db, w.actors.shenhe, { ...input, anchor: 'line:999999' })).toMatchObject({ ok: false, formError: '意见针对的位置在预算中不存在', fieldErrors: { anchor: '意见针对的位置在预算中不存在' } });
    expect(addComment(w.db, w.actors.shenhe, { ...input, anchor: 'cell:1' })).toMatchObject({ ok: false, formError: '意见针对的位置无效', fieldErrors: { anchor: '意见针对的位置无效' } });
    const c = addComment(w.db, w.actors.shenhe, input);
    if (!c.ok) throw new Error(c.formError);
    const t = addComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, anchor: 'table:5:f:2080105', body: '表五该行请说明' });
    expect(t.ok).toBe(true);

    // the grid marks the commented line (only lines; table-row comments are marked in the preview)
    expect(openLineComments(w.db, w.actors.renshe, w.budgetId)).toEqual({ [line.id]: '请核实该行金额' });
    expect(openLineComments(w.db, w.actors.dangan, w.budgetId)).toBeNull();
    // another department's clerk can neither read nor answer
    expect(listComments(w.db, w.actors.dangan, w.budgetId)).toBeNull();
    expect(replyToComment(w.db, w.actors.dangan, { budgetId: w.budgetId, parentId: c.id, body: 'x' })).toEqual(forbidden('预算不存在或无权查看'));
    expect(resolveComment(w.db, w.actors.dangan, { budgetId: w.budgetId, commentId: c.id })).toEqual(forbidden('预算不存在或无权查看'));
    // … nor learn whether a comment exists
    expect(resolveComment(w.db, w.actors.dangan, { budgetId: w.budgetId, commentId: 999_999 })).toEqual(forbidden('预算不存在或无权查看'));
    // the administrator reads the threads but does not answer them
    expect(replyToComment(w.db, w.actors.admin, { budgetId: w.budgetId, parentId: c.id, body: 'x' })).toEqual(forbidden('管理员不参与审核意见的答复'));

    const reply = replyToComment(w.db, w.actors.renshe, { budgetId: w.budgetId, parentId: c.id, body: '已核实并调整' });
    expect(reply.ok).toBe(true);
    // a reply to a reply joins the thread
    if (!reply.ok) return;
    expect(replyToComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, parentId: reply.id, body: '收到' }).ok).toBe(true);
    // the clerk answers but does not close the reviewer's question
    expect(resolveComment(w.db, w.actors.renshe, { budgetId: w.budgetId, commentId: c.id })).toEqual(
      forbidden('部门财务人员可以答复审核意见，由提出意见的审核人员或管理员标记为已解决'),
    );
    expect(resolveComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, commentId: c.id })).toEqual(ok({ id: c.id }));

    const threads = listComments(w.db, w.actors.renshe, w.budgetId)!;
    expect(threads).toHaveLength(2);
    expect(threads[0]).toMatchObject({
      anchor: { kind: 'line', key: String(line.id) },
      body: '请核实该行金额',
      authorRole: 'reviewer',
      href: `/budgets/${w.budgetId}/lines?line=${line.id}#line-${line.id}`,
      resolvedByName: w.actors.shenhe.displayName,
      canResolve: false,
    });
    expect(threads[0].anchorLabel).toMatch(/^基本支出：/);
    expect(threads[0].replies.map((r) => [r.body, r.authorRole])).toEqual([
      ['已核实并调整', 'clerk'],
      ['收到', 'reviewer'],
    ]);
    expect(threads[1]).toMatchObject({ anchor: { kind: 'table', key: '5:f:2080105' }, resolvedAt: null, href: `/budgets/${w.budgetId}/disclosure#table-5` });
    // the administrator reads them
    expect(listComments(w.db, w.actors.admin, w.budgetId)).toHaveLength(2);

    const log = budgetHistory(w.db, w.actors.shenhe, w.budgetId, { action: 'comment.*' })!;
    expect(log.rows.map((r) => r.action)).toEqual(['comment.resolve', 'comment.reply', 'comment.reply', 'comment.add', 'comment.add']);
  });

  it('only the reviewer who opened a thread, or an administrator, resolves it: a forged request by another reviewer is refused', () => {
    const w = seededWorld();
    const now = Date.now();
    const row = w.db
      .insert(users)
      .values({ username: 'shenhe2', displayName: '另一审核人员', passwordHash: 'plain:x', role: 'reviewer', createdAt: now })
      .returning({ id: users.id })
      .get();
    const colleague: Actor = { userId: row.id, role: 'reviewer', departmentId: null, displayName: '另一审核人员' };
    const c = addComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, anchor: 'budget', body: '请补充部门职责' });
    const d = addComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, anchor: 'budget', body: '请核对控制数' });
    if (!c.ok || !d.ok) throw new Error('comments not added');

    // the UI offers the button only to those the write allows
    const offered = (a: Actor) => listComments(w.db, a, w.budgetId)!.map((t) => t.canResolve);
    expect(offered(w.actors.shenhe)).toEqual([true, true]);
    expect(offered(w.actors.admin)).toEqual([true, true]);
    expect(offered(colleague)).toEqual([false, false]);
    expect(offered(w.actors.renshe)).toEqual([false, false]);

    // the colleague forges the request the author's button would send: refused, nothing written
    const before = auditCount(w.db);
    expect(resolveComment(w.db, colleague, { budgetId: w.budgetId, commentId: c.id })).toEqual(
      forbidden('只有提出该意见的审核人员或管理员可以将其标记为已解决'),
    );
    expect(auditCount(w.db)).toBe(before);
    expect(w.db.select().from(comments).where(eq(comments.id, c.id)).get()!.resolvedAt).toBeNull();
    // a reply is not a thread: resolving one is not found
    const reply = replyToComment(w.db, w.actors.renshe, { budgetId: w.budgetId, parentId: c.id, body: '已补充' });
    if (!reply.ok) throw new Error(reply.formError);
    expect(resolveComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, commentId: reply.id })).toMatchObject({ ok: false, reason: 'notFound' });

    expect(resolveComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, commentId: c.id })).toEqual(ok({ id: c.id }));
    expect(resolveComment(w.db, w.actors.admin, { budgetId: w.budgetId, commentId: d.id }, now + 1)).toEqual(ok({ id: d.id }));
    const threads = listComments(w.db, w.actors.shenhe, w.budgetId)!;
    expect(threads.map((t) => [t.resolvedByName, t.canResolve])).toEqual([
      [w.actors.shenhe.displayName, false],
      [w.actors.admin.displayName, false],
    ]);
    const log = budgetHistory(w.db, w.actors.admin, w.budgetId, { action: 'comment.resolve' })!;
    expect(log.rows.map((r) => r.userId)).toEqual([w.actors.admin.userId, w.actors.shenhe.userId]);
  });
});
