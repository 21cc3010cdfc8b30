import { describe, expect, it } from 'vitest';
import { loadBudgetFacts } from '../budget/load';
import { seededWorld } from '../workflow/testing/world';
import { forbidden, ok } from '../result';
import { anchorHref } from '../routes';
import { addComment, anchorOptions, describeAnchor, listComments, parseAnchor, replyToComment, resolveComment } from './comments';
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
  it('the reviewer opens a thread on a line; the clerk replies and resolves it; all audited', () => {
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

    // another department's clerk can neither read nor answer
    expect(listComments(w.db, w.actors.dangan, w.budgetId)).toBeNull();
    expect(replyToComment(w.db, w.actors.dangan, { budgetId: w.budgetId, parentId: c.id, body: 'x' })).toEqual(forbidden('预算不存在或无权查看'));
    expect(resolveComment(w.db, w.actors.dangan, { budgetId: w.budgetId, commentId: c.id })).toEqual(forbidden('预算不存在或无权查看'));
    // the administrator reads the threads but takes no part in them
    expect(replyToComment(w.db, w.actors.admin, { budgetId: w.budgetId, parentId: c.id, body: 'x' })).toEqual(forbidden('管理员不参与审核意见的答复'));
    expect(resolveComment(w.db, w.actors.admin, { budgetId: w.budgetId, commentId: c.id })).toEqual(forbidden('管理员不参与审核意见的处理'));

    const reply = replyToComment(w.db, w.actors.renshe, { budgetId: w.budgetId, parentId: c.id, body: '已核实并调整' });
    expect(reply.ok).toBe(true);
    // a reply to a reply joins the thread
    if (!reply.ok) return;
    expect(replyToComment(w.db, w.actors.shenhe, { budgetId: w.budgetId, parentId: reply.id, body: '收到' }).ok).toBe(true);
    expect(resolveComment(w.db, w.actors.renshe, { budgetId: w.budgetId, commentId: c.id })).toEqual(ok({ id: c.id }));

    const threads = listComments(w.db, w.actors.renshe, w.budgetId)!;
    expect(threads).toHaveLength(2);
    expect(threads[0]).toMatchObject({
      anchor: { kind: 'line', key: String(line.id) },
      body: '请核实该行金额',
      authorRole: 'reviewer',
      href: `/budgets/${w.budgetId}/lines?line=${line.id}#line-${line.id}`,
      resolvedByName: w.actors.renshe.displayName,
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
});
