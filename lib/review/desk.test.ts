import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { departments } from '../../db/schema';
import { saveControlFigures } from '../admin/controlFigures';
import { seededWorld } from '../budget/edit/testing';
import { submitBudget } from '../workflow/actions';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, versionOf } from '../workflow/testing/world';
import { deskSummary, deskYears, reviewDesk } from './desk';

const DAY = 86_400_000;

describe('the reviewer’s desk', () => {
  it('shows each department’s money against its control figure and last year, days waiting, search, sort and the county’s totals', () => {
    const w = seededWorld();
    cleanArchive(w);
    addOrganizationWarning(w);
    const dept = (code: string) => w.db.select().from(departments).where(eq(departments.code, code)).get()!;
    const t0 = Date.UTC(2024, 2, 1, 1, 0);
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明' } }, { now: () => t0 }).ok).toBe(true);
    const before = reviewDesk(w.db, w.actors.shenhe, 2024, {}, t0 + 3 * DAY);
    const demo = before.find((r) => r.departmentCode === '054')!;
    // the reference document: 收支总计 5,907.89 万元; 一般公共预算 5,095.13 万元
    expect(Math.round(demo.money.total / 10_000)).toBe(590_789);
    expect(Math.round(demo.money.general / 10_000)).toBe(509_513);
    expect(demo.money.change).toBe(demo.money.total - demo.money.priorTotal);
    const archive = before.find((r) => r.departmentCode === '061')!;
    expect(archive.daysWaiting).toBe(3);
    expect(demo.daysWaiting).toBeNull();

    // a control figure 0.10 万元 below the demo's 一般公共预算: the difference is named, in 分
    saveControlFigures(w.db, w.actors.admin, { year: 2024, amounts: { [dept('054').id]: ((demo.money.general - 1_000) / 1_000_000).toFixed(6) } });
    const after = reviewDesk(w.db, w.actors.shenhe, 2024, { sort: 'total', desc: true });
    expect(after.find((r) => r.departmentCode === '054')!.money).toMatchObject({ control: demo.money.general - 1_000, controlDifference: 1_000 });
    expect(after.map((r) => r.money.total)).toEqual([...after.map((r) => r.money.total)].sort((a, b) => b - a));
    const sum = deskSummary(after);
    expect(sum.total).toBe(after.reduce((s, r) => s + r.money.total, 0));
    expect(sum.offControl).toBe(1);
    expect(reviewDesk(w.db, w.actors.shenhe, 2024, { q: '档案' }).map((r) => r.departmentCode)).toEqual(['061']);
    expect(reviewDesk(w.db, w.actors.shenhe, 2024, { q: '054' }).map((r) => r.departmentCode)).toEqual(['054']);
    expect(deskYears(w.db)).toEqual([2024]);
    expect(() => reviewDesk(w.db, w.actors.renshe, 2024)).toThrow();
  });
});
