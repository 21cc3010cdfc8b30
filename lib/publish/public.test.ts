import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { budgets, departments, snapshots } from '../../db/schema';
import { approveBudget, publishBudget, submitBudget } from '../workflow/actions';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, seededWorld, stubRenderer, versionOf, type TestWorld } from '../workflow/testing/world';
import { calendarDaysBetween, getPublished, getPublishedFile, listPublished, publishedYears } from './public';
import { sha256 } from './snapshots';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 1, 2, 0); // 2024-03-01 10:00 CST

async function toPublished(w: TestWorld, publishAt: number) {
  submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明' } }, { now: () => T0 - DAY });
  approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) }, { now: () => T0 });
  const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) }, { renderPdf: stubRenderer(), now: () => publishAt });
  if (!r.ok) throw new Error(r.formError);
  return r.snapshotId!;
}

function world() {
  const w = seededWorld();
  cleanArchive(w);
  addOrganizationWarning(w);
  return w;
}

describe('public reads', () => {
  it('never return an unpublished budget or a snapshot of another kind', async () => {
    const w = world();
    // nothing published yet: the demo department is a draft, the archive is submitted, then approved
    expect(listPublished(w.db)).toEqual([]);
    expect(publishedYears(w.db)).toEqual([]);
    submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明' } });
    approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
    const unpublished = w.db.select().from(snapshots).orderBy(asc(snapshots.id)).all();
    expect(unpublished.map((s) => s.kind)).toEqual(['submitted', 'approved']);
    for (const s of unpublished) {
      expect(getPublished(w.db, s.id)).toBeNull();
      expect(getPublishedFile(w.db, s.id, 'pdf')).toBeNull();
      expect(getPublishedFile(w.db, s.id, 'xlsx')).toBeNull();
    }
    expect(listPublished(w.db)).toEqual([]);

    const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) }, { renderPdf: stubRenderer() });
    if (!r.ok) throw new Error(r.formError);
    const list = listPublished(w.db);
    expect(list.map((e) => [e.snapshotId, e.departmentCode, e.departmentName, e.year])).toEqual([[r.snapshotId, '061', '泽州县档案馆', 2024]]);
    expect(publishedYears(w.db)).toEqual([2024]);
    // still nothing of the demo department (a draft) and still no earlier snapshot
    expect(list.some((e) => e.departmentCode === '054')).toBe(false);
    for (const s of unpublished) expect(getPublished(w.db, s.id)).toBeNull();
    expect(getPublished(w.db, 0)).toBeNull();
    expect(getPublished(w.db, 10_000)).toBeNull();
  });

  it('serve the frozen bytes with their hashes, even after the live data changed', async () => {
    const w = world();
    const id = await toPublished(w, T0 + 3 * DAY);
    const pdf = getPublishedFile(w.db, id, 'pdf')!;
    const xlsx = getPublishedFile(w.db, id, 'xlsx')!;
    expect(sha256(pdf.bytes)).toBe(pdf.sha256);
    expect(sha256(xlsx.bytes)).toBe(xlsx.sha256);
    expect(pdf.fileBase).toBe('泽州县档案馆2024年部门预算公开');
    expect(xlsx.fileBase).toBe('泽州县档案馆2024年部门预算公开表');
    const d = getPublished(w.db, id)!;
    expect(d.document.department.name).toBe('泽州县档案馆');
    expect(d.facts.department.code).toBe('061');
    expect(d.pdfSha256).toBe(pdf.sha256);
    expect(d.versions.map((v) => v.snapshotId)).toEqual([id]);
    // a later change of the live data does not reach the published disclosure
    w.db.$client.prepare("update departments set name = '改名' where code = '061'").run();
    expect(getPublished(w.db, id)!.document.department.name).toBe('泽州县档案馆');
    expect(getPublishedFile(w.db, id, 'pdf')!.bytes).toEqual(pdf.bytes);
  });

  it('flag a publication later than 20 days after approval (calendar days, China Standard Time)', async () => {
    const onTime = world();
    const a = await toPublished(onTime, T0 + 20 * DAY);
    expect(getPublished(onTime.db, a)).toMatchObject({ approvedAt: T0, daysAfterApproval: 20, late: false });
    const late = world();
    const b = await toPublished(late, T0 + 21 * DAY);
    expect(getPublished(late.db, b)).toMatchObject({ daysAfterApproval: 21, late: true });
    // 23:59 and 00:01 CST of the next day are one calendar day apart
    const evening = Date.UTC(2024, 2, 1, 15, 59);
    expect(calendarDaysBetween(evening, evening + 2 * 60_000)).toBe(1);
  });

  it('list a superseded version with its successor', async () => {
    const w = world();
    const first = await toPublished(w, T0 + DAY);
    const { correctPublication } = await import('../workflow/actions');
    // a correction must change what is published (lib/workflow/transitions.ts): the department's name was wrong
    const dept = w.db.select({ departmentId: budgets.departmentId }).from(budgets).where(eq(budgets.id, w.archiveBudgetId)).get()!.departmentId;
    w.db.update(departments).set({ name: '泽州县档案史志馆' }).where(eq(departments.id, dept)).run();
    const r = await correctPublication(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), note: '更正' }, { renderPdf: stubRenderer(), now: () => T0 + 30 * DAY });
    if (!r.ok) throw new Error(r.formError);
    const list = listPublished(w.db, { year: 2024 });
    expect(list.map((e) => [e.snapshotId, e.supersededBy, e.isCorrection, e.note])).toEqual([
      [first, r.snapshotId, false, null],
      [r.snapshotId, null, true, '更正'],
    ]);
    // lateness is about the first publication, not the correction
    expect(list.every((e) => e.late === false)).toBe(true);
    expect(getPublishedFile(w.db, r.snapshotId!, 'pdf')!.fileBase).toBe('泽州县档案史志馆2024年部门预算公开（更正版）');
    expect(listPublished(w.db, { year: 2023 })).toEqual([]);
    expect(w.db.select().from(snapshots).where(eq(snapshots.id, first)).get()!.supersededBy).toBe(r.snapshotId);
  });
});
