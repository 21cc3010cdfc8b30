import { describe, expect, it } from 'vitest';
import { loadBudgetFacts } from '../budget/load';
import { updateLine } from '../budget/edit/lines';
import { basicLines } from '../../db/schema';
import { eq } from 'drizzle-orm';
import { approveBudget, returnBudget, submitBudget } from '../workflow/actions';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, seededWorld, versionOf } from '../workflow/testing/world';
import { adminHistory, administrationNames, budgetAdminChanges, budgetHistory, budgetSnapshots, cstMidnight, readSnapshot, statusHistory } from './history';

describe('history', () => {
  it('lists every change newest first, filtered by action, user and date, paginated; and the frozen versions', () => {
    const w = seededWorld();
    cleanArchive(w);
    addOrganizationWarning(w);
    const id = w.archiveBudgetId;
    const DAY = 86_400_000;
    const t0 = Date.UTC(2024, 2, 1, 1, 0); // 2024-03-01 09:00 CST
    submitBudget(w.db, w.actors.dangan, { budgetId: id, version: versionOf(w, id), explanations: { [ORGANIZATION_WARNING]: '说明' } }, { now: () => t0 });
    returnBudget(w.db, w.actors.shenhe, { budgetId: id, version: versionOf(w, id), reason: '请调整办公费' }, { now: () => t0 + DAY });
    const facts = loadBudgetFacts(w.db, id);
    // four edits that add up to nothing, so the budget stays free of errors
    for (const delta of [1, -1, 1, -1]) {
      const line = w.db.select().from(basicLines).where(eq(basicLines.id, facts.basicLines[0].id)).get()!;
      const r = updateLine(w.db, w.actors.dangan, { budgetId: id, lineId: line.id, version: line.version, changes: { amount: String(line.amount / 100 + delta) } });
      expect(r.ok).toBe(true);
    }
    submitBudget(w.db, w.actors.dangan, { budgetId: id, version: versionOf(w, id) }, { now: () => t0 + 3 * DAY });
    approveBudget(w.db, w.actors.shenhe, { budgetId: id, version: versionOf(w, id) }, { now: () => t0 + 4 * DAY });

    const all = budgetHistory(w.db, w.actors.dangan, id)!;
    expect(all.rows[0]).toMatchObject({ action: 'budget.approve', userName: w.actors.shenhe.displayName, oldValue: 'submitted', newValue: 'approved' });
    expect(all.actions).toEqual(expect.arrayContaining(['budget.submit', 'budget.return', 'budget.approve', 'line.update', 'explanation.save']));
    expect(all.users.map((u) => u.id).sort()).toEqual([w.actors.dangan.userId, w.actors.shenhe.userId].sort());

    const lineEdits = budgetHistory(w.db, w.actors.shenhe, id, { action: 'line.update' })!;
    expect(lineEdits.total).toBe(4);
    expect(lineEdits.rows[0]).toMatchObject({ field: 'amount', entity: 'basic_line', entityId: String(facts.basicLines[0].id) });
    expect(Number(lineEdits.rows[0].newValue) - Number(lineEdits.rows[0].oldValue)).toBe(-100);

    expect(budgetHistory(w.db, w.actors.shenhe, id, { userId: w.actors.shenhe.userId })!.rows.map((r) => r.action)).toEqual(['budget.approve', 'budget.return']);
    // dates in China Standard Time, inclusive
    const day2 = budgetHistory(w.db, w.actors.shenhe, id, { from: '2024-03-02', to: '2024-03-02' })!;
    expect(day2.rows.map((r) => r.action)).toEqual(['budget.return']);
    expect(cstMidnight('2024-03-02')).toBe(Date.UTC(2024, 2, 1, 16, 0));
    expect(cstMidnight('2024-3-2')).toBeNull();

    const paged = budgetHistory(w.db, w.actors.shenhe, id, { page: 2 }, 3)!;
    expect(paged).toMatchObject({ page: 2, pageCount: Math.ceil(all.total / 3) });
    expect(paged.rows).toEqual(all.rows.slice(3, 6));
    expect(budgetHistory(w.db, w.actors.shenhe, id, { page: 999 }, 3)!.page).toBe(paged.pageCount);

    expect(statusHistory(w.db, w.actors.dangan, id)!.map((r) => [r.action, r.reason])).toEqual([
      ['budget.submit', null],
      ['budget.return', '请调整办公费'],
      ['budget.submit', null],
      ['budget.approve', null],
    ]);
    const snaps = budgetSnapshots(w.db, w.actors.shenhe, id)!;
    expect(snaps.map((s) => s.kind)).toEqual(['submitted', 'submitted', 'approved']);
    expect(readSnapshot(w.db, w.actors.dangan, id, snaps[0].id)!.factsJson).toContain('泽州县档案馆');

    // another department's clerk reads none of it
    expect(budgetHistory(w.db, w.actors.renshe, id)).toBeNull();
    expect(statusHistory(w.db, w.actors.renshe, id)).toBeNull();
    expect(budgetSnapshots(w.db, w.actors.renshe, id)).toBeNull();
    expect(readSnapshot(w.db, w.actors.renshe, id, snaps[0].id)).toBeNull();
    // a snapshot of another budget is not read through this one
    expect(readSnapshot(w.db, w.actors.shenhe, w.budgetId, snaps[0].id)).toBeNull();
  });
});

describe('administrative changes', () => {
  it('a budget lists those that affect it (its own control figure, not another department’s); the administration log lists every one', async () => {
    const { saveControlFigures } = await import('../admin/controlFigures');
    const { departments } = await import('../../db/schema');
    const { readableChange } = await import('./auditText');
    const w = seededWorld();
    const dept = (code: string) => w.db.select().from(departments).where(eq(departments.code, code)).get()!;
    saveControlFigures(w.db, w.actors.admin, { year: 2024, amounts: { [dept('054').id]: '4,730.00' } });
    saveControlFigures(w.db, w.actors.admin, { year: 2024, amounts: { [dept('061').id]: '120.00' } });
    const demo = budgetAdminChanges(w.db, w.actors.renshe, w.budgetId)!;
    expect(demo.map((r) => [r.action, r.entityId])).toEqual([['control_figure.set', `${dept('054').id}:2024`]]);
    const names = administrationNames(w.db);
    expect(readableChange(demo[0], names)).toMatchObject({ object: `预算控制数：${dept('054').name} 2024年`, new: '47,300,000.00 元' });
    expect(budgetAdminChanges(w.db, w.actors.dangan, w.archiveBudgetId)!.map((r) => r.entityId)).toEqual([`${dept('061').id}:2024`]);
    // another department's clerk reads neither budget's
    expect(budgetAdminChanges(w.db, w.actors.dangan, w.budgetId)).toBeNull();
    const all = adminHistory(w.db, w.actors.admin, { action: 'control_figure.*' });
    expect(all.total).toBe(2);
    expect(() => adminHistory(w.db, w.actors.shenhe)).toThrow();
  });
});
