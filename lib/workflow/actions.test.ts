import { describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, basicLines, budgets, budgetTexts, controlFigures, departments, findingExplanations, incomeEntries, snapshots } from '../../db/schema';
import { editRefusal } from '../auth/authorize';
import { forbidden, refused, stale } from '../result';
import { loadBudgetFacts } from '../budget/load';
import { updateLine } from '../budget/edit/lines';
import { buildDocument } from '../disclosure/document';
import { ChromiumNotFoundError } from '../pdf/chromium';
import { loadRegionTexts, saveRegionTexts } from '../region/texts';
import { PrintPageError } from '../export/pdf';
import { disclosureDigest } from '../pdf/printDigest';
import { enqueueRenderJob } from '../pdf/renderJobs';
import { RenderWorker } from '../pdf/worker';
import type { PdfRenderer } from '../publish/prepare';
import { queuedRenderer } from '../publish/render';
import { serializeFacts, sha256, verifySnapshot } from '../publish/snapshots';
import { readZip } from '../publish/testing';
import {
  approveBudget,
  CHANGED_DURING_PUBLISH,
  correctPublication,
  publishBudget,
  reopenBudget,
  returnBudget,
  saveExplanations,
  submitBudget,
  withdrawBudget,
} from './actions';
import { checkStoredBudget } from './findings';
import { getPublished } from '../publish/public';
import { reviewChanges } from '../review/changes';
import { addOrganizationWarning, budgetRow, cleanArchive, ORGANIZATION_WARNING, seededWorld, stubRenderer, versionOf, type TestWorld } from './testing/world';

function world() {
  const w = seededWorld();
  cleanArchive(w);
  addOrganizationWarning(w);
  return w;
}

const snapshotsOf = (w: TestWorld, budgetId: number) =>
  w.db.select().from(snapshots).where(eq(snapshots.budgetId, budgetId)).orderBy(asc(snapshots.id)).all();
const workflowAudit = (w: TestWorld, budgetId: number) =>
  w.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.budgetId, budgetId))
    .all()
    .filter((a) => a.action.startsWith('budget.'));

/** Submits the archive budget with its one warning explained; returns the new version. */
function submitArchive(w: TestWorld): number {
  const r = submitBudget(w.db, w.actors.dangan, {
    budgetId: w.archiveBudgetId,
    version: versionOf(w, w.archiveBudgetId),
    explanations: { [ORGANIZATION_WARNING]: '机构设置以“三定”方案为准，另文报送。' },
  });
  if (!r.ok) throw new Error(r.formError);
  return r.version;
}

async function approvedArchive(w: TestWorld): Promise<number> {
  submitArchive(w);
  const r = approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
  if (!r.ok) throw new Error(r.formError);
  return r.version;
}

describe('submission', () => {
  it('is refused while an error remains, and nothing is written', () => {
    const w = world();
    const before = budgetRow(w, w.budgetId);
    const r = submitBudget(w.db, w.actors.renshe, { budgetId: w.budgetId, version: before.version });
    expect(r).toEqual(refused('尚有 6 条错误未更正，不能报送')); // 5 in the forms + the missing 五(一) reason
    expect(budgetRow(w, w.budgetId)).toEqual(before);
    expect(snapshotsOf(w, w.budgetId)).toHaveLength(0);
    expect(workflowAudit(w, w.budgetId)).toHaveLength(0);
  });

  it('is refused while a warning is unexplained; the explanation comes with the submission and is kept', () => {
    const w = world();
    const v = versionOf(w, w.archiveBudgetId);
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: v })).toEqual(refused('尚有 1 条警告未填写说明，不能报送'));
    // a blank explanation is no explanation
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: v, explanations: { [ORGANIZATION_WARNING]: '  ' } })).toMatchObject({
      ok: false,
      formError: '尚有 1 条警告未填写说明，不能报送',
    });
    expect(w.db.select().from(findingExplanations).all()).toHaveLength(0);

    const r = submitBudget(w.db, w.actors.dangan, {
      budgetId: w.archiveBudgetId,
      version: v,
      explanations: { [ORGANIZATION_WARNING]: ' 机构见三定方案 ', 'not.a-warning@budget': '忽略' },
    });
    expect(r).toMatchObject({ ok: true, status: 'submitted', version: v + 1 });
    const row = budgetRow(w, w.archiveBudgetId);
    expect(row.status).toBe('submitted');
    expect(row.version).toBe(v + 1);
    // stored against the finding's key, trimmed; keys that are not current warnings are not stored
    expect(w.db.select().from(findingExplanations).all()).toEqual([
      expect.objectContaining({ budgetId: w.archiveBudgetId, ruleId: 'text.required-missing', locationKey: 'text:organization', text: '机构见三定方案', userId: w.actors.dangan.userId }),
    ]);
    // audit: who, when, what
    const audit = workflowAudit(w, w.archiveBudgetId);
    expect(audit).toEqual([
      expect.objectContaining({ action: 'budget.submit', userId: w.actors.dangan.userId, field: 'status', oldValue: 'draft', newValue: 'submitted' }),
    ]);
    // the submitted snapshot: the facts as they were, with their hash
    const [s] = snapshotsOf(w, w.archiveBudgetId);
    expect(s).toMatchObject({ kind: 'submitted', budgetVersion: v + 1, createdBy: w.actors.dangan.userId, pdf: null, documentJson: null });
    expect(s.factsJson).toBe(serializeFacts(loadBudgetFacts(w.db, w.archiveBudgetId)));
    expect(s.factsSha256).toBe(sha256(s.factsJson));
    expect(verifySnapshot(s).every((c) => c.ok)).toBe(true);
  });

  it('an empty budget (no lines, no income, no 部门职责) is refused: required content is an error, not explainable', () => {
    const w = world();
    const id = w.archiveBudgetId;
    const b = budgetRow(w, id);
    w.db.delete(basicLines).where(eq(basicLines.budgetId, id)).run();
    w.db.update(incomeEntries).set({ current: 0, carryover: 0 }).where(eq(incomeEntries.budgetId, id)).run();
    w.db.update(budgetTexts).set({ duties: '  ', organization: '' }).where(eq(budgetTexts.budgetId, id)).run();
    // no control figure either, so no identity fails: 0 = 0 everywhere
    w.db.delete(controlFigures).where(eq(controlFigures.departmentId, b.departmentId)).run();
    const { findings } = checkStoredBudget(w.db, id);
    expect(findings.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.key])).toEqual([
      ['error', 'required.basic-lines@budget'],
      ['error', 'required.duties@text:duties'],
      ['error', 'required.income@income:general'],
      ['warning', 'text.required-missing@text:organization'],
    ]);
    // what is missing and where it is entered
    expect(findings.find((f) => f.ruleId === 'required.duties')!.message).toMatch(/部门职责.*“收入与说明”页/);
    expect(findings.find((f) => f.ruleId === 'required.basic-lines')!.message).toMatch(/基本支出明细.*“基本支出”页/);

    // explaining every finding, the errors included, does not let it through
    const explanations = Object.fromEntries(findings.map((f) => [f.key, '新开年度，尚未录入。']));
    const before = budgetRow(w, id);
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: id, version: before.version, explanations })).toEqual(refused('尚有 3 条错误未更正，不能报送'));
    expect(budgetRow(w, id)).toEqual(before);
    expect(before.status).toBe('draft');
    expect(w.db.select().from(findingExplanations).all()).toHaveLength(0);
    expect(snapshotsOf(w, id)).toHaveLength(0);

    // an explanation of an error is not kept either (errors are corrected, not explained)
    expect(saveExplanations(w.db, w.actors.dangan, { budgetId: id, explanations })).toMatchObject({ ok: true, saved: 1 });
    expect(w.db.select().from(findingExplanations).all().map((e) => e.ruleId)).toEqual(['text.required-missing']);
  });

  it('only by the department’s own clerk', () => {
    const w = world();
    const v = versionOf(w, w.archiveBudgetId);
    const input = { budgetId: w.archiveBudgetId, version: v, explanations: { [ORGANIZATION_WARNING]: '说明' } };
    // who the actor is decides these: forbidden, not a refusal of the budget's state
    expect(submitBudget(w.db, w.actors.renshe, input)).toEqual(forbidden('不能报送其他部门的预算'));
    expect(submitBudget(w.db, w.actors.shenhe, input)).toEqual(forbidden('只有本部门财务人员可以报送预算'));
    expect(submitBudget(w.db, w.actors.admin, input)).toEqual(forbidden('只有本部门财务人员可以报送预算'));
    expect(budgetRow(w, w.archiveBudgetId).status).toBe('draft');
  });

  it('refuses a stale version and malformed input', () => {
    const w = world();
    const v = versionOf(w, w.archiveBudgetId);
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: v - 1 || 99 })).toEqual(
      stale(`预算已被修改（当前版本 ${v}），请刷新页面后重试`, { version: v }),
    );
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: 'abc' })).toMatchObject({
      ok: false,
      reason: 'invalid',
      formError: '版本号无效',
      fieldErrors: { version: '版本号无效' },
    });
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: 999_999, version: 1 })).toMatchObject({ ok: false, reason: 'notFound' });
  });

  it('a clerk may withdraw a submission that is not decided yet', () => {
    const w = world();
    const v = submitArchive(w);
    expect(withdrawBudget(w.db, w.actors.renshe, { budgetId: w.archiveBudgetId, version: v })).toMatchObject({ ok: false, formError: '不能撤回其他部门的预算' });
    expect(withdrawBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: v })).toMatchObject({ ok: true, status: 'draft', snapshotId: null });
  });

  it('explanations can be saved before submitting, only while the budget is editable', () => {
    const w = world();
    expect(saveExplanations(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, explanations: { [ORGANIZATION_WARNING]: '先存一下' } })).toEqual({ ok: true, saved: 1 });
    expect(saveExplanations(w.db, w.actors.renshe, { budgetId: w.archiveBudgetId, explanations: { [ORGANIZATION_WARNING]: 'x' } })).toEqual(forbidden('无权修改其他部门的预算'));
    // the saved explanation counts at submission
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) })).toMatchObject({ ok: true });
    expect(saveExplanations(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, explanations: { [ORGANIZATION_WARNING]: 'y' } })).toEqual(
      forbidden('预算已报送或已批复，不能修改'),
    );
  });
});

describe('review', () => {
  it('returning needs a reason and is the reviewer’s; the reason is audited; the clerk resubmits', () => {
    const w = world();
    const v = submitArchive(w);
    const ref = { budgetId: w.archiveBudgetId, version: v };
    expect(returnBudget(w.db, w.actors.shenhe, ref)).toMatchObject({ ok: false, formError: '退回时必须填写退回原因' });
    expect(returnBudget(w.db, w.actors.shenhe, { ...ref, reason: '   ' })).toMatchObject({ ok: false, formError: '退回时必须填写退回原因' });
    expect(returnBudget(w.db, w.actors.admin, { ...ref, reason: '请修改' })).toMatchObject({ ok: false, formError: '只有财政局审核人员可以退回预算' });
    expect(returnBudget(w.db, w.actors.dangan, { ...ref, reason: '请修改' })).toMatchObject({ ok: false, formError: '只有财政局审核人员可以退回预算' });
    const r = returnBudget(w.db, w.actors.shenhe, { ...ref, reason: '办公费偏高，请核实' });
    expect(r).toMatchObject({ ok: true, status: 'returned', snapshotId: null });
    expect(workflowAudit(w, w.archiveBudgetId).at(-1)).toMatchObject({
      action: 'budget.return',
      userId: w.actors.shenhe.userId,
      oldValue: 'submitted',
      newValue: 'returned',
      reason: '办公费偏高，请核实',
    });
    // the stored explanation still counts: resubmission needs no new one
    const again = submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
    expect(again).toMatchObject({ ok: true, status: 'submitted' });
    expect(snapshotsOf(w, w.archiveBudgetId).map((s) => s.kind)).toEqual(['submitted', 'submitted']);
  });

  it('approval is refused while an error remains (a control figure changed after submission)', () => {
    const w = world();
    const v = submitArchive(w);
    const dept = budgetRow(w, w.archiveBudgetId).departmentId;
    w.db.update(controlFigures).set({ amount: 100_000_000 }).where(eq(controlFigures.departmentId, dept)).run();
    expect(approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: v })).toEqual(refused('尚有 1 条错误，不能批复'));
    expect(budgetRow(w, w.archiveBudgetId)).toMatchObject({ status: 'submitted', approvedAt: null });
    w.db.update(controlFigures).set({ amount: 111_300_000 }).where(eq(controlFigures.departmentId, dept)).run();
    expect(approveBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v })).toMatchObject({ ok: false, formError: '只有财政局审核人员可以批复预算' });
    const r = approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: v }, { now: () => 1_717_000_000_000 });
    expect(r).toMatchObject({ ok: true, status: 'approved', version: v + 1 });
    expect(budgetRow(w, w.archiveBudgetId)).toMatchObject({ status: 'approved', approvedAt: 1_717_000_000_000 });
    const s = snapshotsOf(w, w.archiveBudgetId).at(-1)!;
    expect(s).toMatchObject({ kind: 'approved', budgetVersion: v + 1, createdAt: 1_717_000_000_000 });
    expect(verifySnapshot(s).every((c) => c.ok)).toBe(true);
  });
});

describe('a submitted or approved budget cannot be edited by anyone', () => {
  it.each(['submitted', 'approved', 'published'] as const)('%s: the edit rule refuses every role', (status) => {
    const w = world();
    const b = { ...budgetRow(w, w.archiveBudgetId), status };
    expect(editRefusal(w.actors.dangan, b, true)).toBe('预算已报送或已批复，不能修改');
    expect(editRefusal(w.actors.shenhe, b, true)).toBe('审核人员不能修改部门预算数据');
    expect(editRefusal(w.actors.admin, b, true)).toBe('管理员不能修改部门预算数据');
  });

  it('a line edit through the entry functions is refused after submission and after approval, and allowed after return', () => {
    const w = world();
    const line = w.db.select().from(basicLines).where(eq(basicLines.budgetId, w.archiveBudgetId)).all()[0];
    const edit = () =>
      updateLine(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, lineId: line.id, version: line.version, changes: { amount: '1.00' } as never });
    submitArchive(w);
    expect(edit()).toMatchObject({ ok: false, reason: 'forbidden', formError: '预算已报送或已批复，不能修改' });
    returnBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId), reason: '请修改' });
    const allowed = edit();
    expect(allowed.ok).toBe(true);
    // put it back, resubmit, approve: refused again
    const cur = w.db.select().from(basicLines).where(eq(basicLines.id, line.id)).get()!;
    updateLine(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, lineId: line.id, version: cur.version, changes: { amount: String(line.amount / 100) } as never });
    submitBudget(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
    approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
    expect(budgetRow(w, w.archiveBudgetId).status).toBe('approved');
    const latest = w.db.select().from(basicLines).where(eq(basicLines.id, line.id)).get()!;
    expect(
      updateLine(w.db, w.actors.dangan, { budgetId: w.archiveBudgetId, lineId: line.id, version: latest.version, changes: { amount: '2.00' } as never }),
    ).toMatchObject({ ok: false, formError: '预算已报送或已批复，不能修改' });
  });
});

describe('publication', () => {
  it('only the administrator publishes an approved budget; facts, document, PDF and workbook are frozen with verifiable hashes', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const render = stubRenderer();
    const ref = { budgetId: w.archiveBudgetId, version: v };
    expect(await publishBudget(w.db, w.actors.shenhe, ref, { renderPdf: render })).toMatchObject({ ok: false, formError: '只有系统管理员可以公开预算' });
    expect(render.calls).toEqual([]); // refused before rendering
    const r = await publishBudget(w.db, w.actors.admin, ref, { renderPdf: render, now: () => 1_718_000_000_000 });
    expect(r).toMatchObject({ ok: true, status: 'published', version: v + 1 });
    expect(render.calls).toEqual([w.archiveBudgetId]);
    const s = w.db.select().from(snapshots).where(and(eq(snapshots.budgetId, w.archiveBudgetId), eq(snapshots.kind, 'published'))).get()!;
    // every hash is the SHA-256 of the stored bytes
    expect(s.pdfSha256).toBe(sha256(s.pdf!));
    expect(s.xlsxSha256).toBe(sha256(s.xlsx!));
    expect(s.documentSha256).toBe(sha256(s.documentJson!));
    expect(s.factsSha256).toBe(sha256(s.factsJson));
    expect(verifySnapshot(s).map((c) => [c.part, c.ok])).toEqual([
      ['facts', true],
      ['document', true],
      ['pdf', true],
      ['xlsx', true],
    ]);
    expect(Buffer.from(s.pdf!).toString()).toContain(`stub disclosure of budget ${w.archiveBudgetId}`);
    // the document is the one built from the frozen facts
    const facts = loadBudgetFacts(w.db, w.archiveBudgetId);
    expect(JSON.parse(s.documentJson!)).toEqual(JSON.parse(JSON.stringify(buildDocument(facts, loadRegionTexts(w.db)))));
    const entries = await readZip(s.xlsx!);
    // the workbook the clerk downloads: 概况, the 13 tables, 情况说明, 名词解释 and one sheet per 绩效目标表
    expect([...entries.keys()].filter((n) => n.startsWith('xl/worksheets/sheet'))).toHaveLength(16 + facts.forms.length);
    expect(workflowAudit(w, w.archiveBudgetId).at(-1)).toMatchObject({ action: 'budget.publish', userId: w.actors.admin.userId, newValue: 'published' });
    // a tampered copy would not verify
    expect(verifySnapshot({ ...s, pdf: Buffer.concat([Buffer.from(s.pdf!), Buffer.from(' ')]) }).find((c) => c.part === 'pdf')!.ok).toBe(false);
  });

  it('without Chromium, publication is refused with a clear message and nothing is published', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const missing = async () => {
      throw new ChromiumNotFoundError('CHROMIUM_PATH=/nope 不存在');
    };
    const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: missing });
    expect(r).toEqual(refused(new ChromiumNotFoundError('CHROMIUM_PATH=/nope 不存在').message));
    expect(budgetRow(w, w.archiveBudgetId)).toMatchObject({ status: 'approved', version: v });
    expect(snapshotsOf(w, w.archiveBudgetId).filter((s) => s.kind === 'published')).toHaveLength(0);
  });

  it('is refused when the facts change while the PDF renders', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const dept = budgetRow(w, w.archiveBudgetId).departmentId;
    const render = async (id: number) => {
      w.db.update(departments).set({ name: '泽州县档案馆（改名）' }).where(eq(departments.id, dept)).run();
      return stubRenderer()(id);
    };
    expect(await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: render })).toMatchObject({
      ok: false,
      formError: CHANGED_DURING_PUBLISH,
    });
    expect(budgetRow(w, w.archiveBudgetId).status).toBe('approved');
  });

  it('is aborted, writing nothing, when an administrator saves a region text between preparation and commit', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const auditBefore = w.db.select().from(auditLog).all().length;
    const render = async (id: number) => {
      const titles = loadRegionTexts(w.db).tableTitles;
      saveRegionTexts(w.db, w.actors.admin, { tableTitles: titles.map((t, i) => (i === 0 ? `${t}（修订）` : t)) });
      return stubRenderer()(id);
    };
    const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: render });
    expect(r).toEqual(refused('发布期间内容发生变化，请重新发布'));
    expect(budgetRow(w, w.archiveBudgetId)).toMatchObject({ status: 'approved', version: v });
    expect(snapshotsOf(w, w.archiveBudgetId).filter((s) => s.kind === 'published')).toHaveLength(0);
    // only the region text's own audit entry was written
    expect(w.db.select().from(auditLog).all().map((a) => a.action).slice(auditBefore)).toEqual(['region_text.update']);
  });

  it('is aborted when the budget’s version moved between preparation and commit', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const render = async (id: number) => {
      w.db.update(budgets).set({ version: v + 1 }).where(eq(budgets.id, id)).run();
      return stubRenderer()(id);
    };
    expect(await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: render })).toMatchObject({
      ok: false,
      formError: CHANGED_DURING_PUBLISH,
    });
    expect(snapshotsOf(w, w.archiveBudgetId).filter((s) => s.kind === 'published')).toHaveLength(0);
  });

  it('asks the renderer for exactly the frozen document: the digest of the published document’s view', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const digests: (string | undefined)[] = [];
    const render: PdfRenderer = async (id, request) => {
      digests.push(request?.digest);
      return stubRenderer()(id);
    };
    const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: render });
    if (!r.ok) throw new Error(r.formError);
    const s = snapshotsOf(w, w.archiveBudgetId).find((x) => x.kind === 'published')!;
    const facts = JSON.parse(s.factsJson) as ReturnType<typeof loadBudgetFacts>;
    const frozen = disclosureDigest({ doc: JSON.parse(s.documentJson!), forms: facts.forms, regionName: facts.department.regionName });
    expect(digests).toEqual([frozen]);
    // and that is what the print page computes from the database as it is now
    const live = loadBudgetFacts(w.db, w.archiveBudgetId);
    expect(disclosureDigest({ doc: buildDocument(live, loadRegionTexts(w.db)), forms: live.forms, regionName: live.department.regionName })).toBe(frozen);
  });

  it('a print page that refused a changed document (409) aborts the publication with the same message', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const worker = new RenderWorker(w.db, async () => {
      throw new PrintPageError(409);
    }, { pollMs: 5 });
    worker.start();
    try {
      const renderPdf = queuedRenderer('publication', w.actors.admin.userId, { db: w.db, wake: () => worker.wake() });
      expect(await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf })).toEqual(
        refused('发布期间内容发生变化，请重新发布'),
      );
    } finally {
      worker.stop();
      await worker.idle();
    }
  });

  it('goes through the render queue while a clerk’s exports hold their page, and succeeds', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const order: string[] = [];
    let rendering = 0;
    let most = 0;
    // exports render only once the publication has a page: were exports allowed both pages, this would deadlock
    let publicationStarted!: () => void;
    const gate = new Promise<void>((r) => (publicationStarted = r));
    const worker = new RenderWorker(
      w.db,
      async (job) => {
        rendering += 1;
        most = Math.max(most, rendering);
        order.push(job.kind);
        if (job.kind === 'publication') publicationStarted();
        else await gate;
        rendering -= 1;
        return Buffer.from(`%PDF-1.4\n% ${job.kind} ${job.budgetId}\n%%EOF\n`);
      },
      { pollMs: 5 },
    );
    // 12 exports by 061's clerk: 2 accepted (the per-user limit), 10 refused
    const outcomes = Array.from({ length: 12 }, () => enqueueRenderJob(w.db, { kind: 'export', budgetId: w.archiveBudgetId, requestedBy: w.actors.dangan.userId }));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(2);
    worker.start();
    try {
      const renderPdf = queuedRenderer('publication', w.actors.admin.userId, { db: w.db, wake: () => worker.wake(), waitMs: 20_000 });
      const r = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf });
      expect(r).toMatchObject({ ok: true, status: 'published' });
      const s = snapshotsOf(w, w.archiveBudgetId).find((x) => x.kind === 'published')!;
      expect(Buffer.from(s.pdf!).toString()).toContain('publication');
      await worker.idle();
      while (order.length < 3) await new Promise((r) => setTimeout(r, 5));
      expect(order.indexOf('publication')).toBeLessThan(order.lastIndexOf('export'));
      expect(most).toBeLessThanOrEqual(2);
    } finally {
      worker.stop();
      await worker.idle();
    }
  });

  it('a correction needs a note, publishes a new version and marks the earlier one superseded', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const render = stubRenderer();
    const first = await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: render });
    if (!first.ok) throw new Error(first.formError);
    expect(await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: first.version }, { renderPdf: render })).toMatchObject({
      ok: false,
      formError: '预算已公开；如需修正，请发布更正',
    });
    expect(await correctPublication(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: first.version }, { renderPdf: render })).toMatchObject({
      ok: false,
      formError: '发布更正时必须填写更正说明',
    });
    // the department's name was misspelt in the disclosure: corrected by the administrator, then republished
    const dept = budgetRow(w, w.archiveBudgetId).departmentId;
    w.db.update(departments).set({ name: '泽州县档案馆（更正）' }).where(eq(departments.id, dept)).run();
    const second = await correctPublication(
      w.db,
      w.actors.admin,
      { budgetId: w.archiveBudgetId, version: first.version, note: '更正部门名称' },
      { renderPdf: render },
    );
    expect(second).toMatchObject({ ok: true, status: 'published', version: first.version + 1 });
    const pub = snapshotsOf(w, w.archiveBudgetId).filter((s) => s.kind === 'published');
    expect(pub.map((s) => [s.id, s.supersededBy, s.note])).toEqual([
      [first.ok && first.snapshotId, second.ok && second.snapshotId, null],
      [second.ok && second.snapshotId, null, '更正部门名称'],
    ]);
    expect(pub[0].factsJson).toContain('泽州县档案馆');
    expect(pub[0].factsJson).not.toContain('（更正）');
    expect(pub[1].factsJson).toContain('泽州县档案馆（更正）');
    expect(workflowAudit(w, w.archiveBudgetId).at(-1)).toMatchObject({ action: 'budget.correct', reason: '更正部门名称' });
  });

  it('snapshot content can never be updated (trigger); only superseded_by and the note can', async () => {
    const w = world();
    const v = await approvedArchive(w);
    await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v }, { renderPdf: stubRenderer() });
    const all = snapshotsOf(w, w.archiveBudgetId);
    const sqlite = w.db.$client;
    for (const s of all) {
      for (const [col, value] of [
        ['facts_json', '{}'],
        ['facts_sha256', 'x'],
        ['document_json', '{}'],
        ['document_sha256', 'x'],
        ['pdf', Buffer.from('%PDF-forged')],
        ['pdf_sha256', 'x'],
        ['xlsx', Buffer.from('forged')],
        ['xlsx_sha256', 'x'],
      ] as const) {
        expect(() => sqlite.prepare(`update snapshots set ${col} = ? where id = ?`).run(value, s.id)).toThrow(/snapshots are frozen/);
      }
      // through drizzle too
      expect(() => w.db.update(snapshots).set({ factsJson: '{"forged":true}' }).where(eq(snapshots.id, s.id)).run()).toThrow(/snapshots are frozen/);
    }
    expect(snapshotsOf(w, w.archiveBudgetId)).toEqual(all);
    // metadata that is not content may change
    w.db.update(snapshots).set({ note: '备注' }).where(eq(snapshots.id, all[0].id)).run();
    // and the audit log is append-only
    expect(() => sqlite.prepare('update audit_log set reason = ? where budget_id = ?').run('x', w.archiveBudgetId)).toThrow(/append-only/);
    expect(() => sqlite.prepare('delete from audit_log where budget_id = ?').run(w.archiveBudgetId)).toThrow(/append-only/);
  });

  it('a stale version is refused before rendering', async () => {
    const w = world();
    const v = await approvedArchive(w);
    const render = stubRenderer();
    expect(await publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: v - 1 }, { renderPdf: render })).toMatchObject({
      ok: false,
      reason: 'stale',
    });
    expect(render.calls).toEqual([]);
    expect(w.db.select().from(budgets).where(eq(budgets.id, w.archiveBudgetId)).get()!.status).toBe('approved');
  });
});

describe('revision after approval (预算调整, an error found after publication)', () => {
  const ref = (w: TestWorld) => ({ budgetId: w.archiveBudgetId, version: versionOf(w, w.archiveBudgetId) });
  const publishedRows = (w: TestWorld) => snapshotsOf(w, w.archiveBudgetId).filter((s) => s.kind === 'published');

  it('only the reviewer reopens an approved or published budget, with a reason; it returns to the department and the public version stays', async () => {
    const w = world();
    await approvedArchive(w);
    const first = await publishBudget(w.db, w.actors.admin, ref(w), { renderPdf: stubRenderer() });
    if (!first.ok) throw new Error(first.formError);
    const reason = '预算调整：档案数字化项目调减';
    expect(reopenBudget(w.db, w.actors.admin, { ...ref(w), reason })).toMatchObject({
      ok: false,
      reason: 'forbidden',
      formError: '只有财政局审核人员可以重新打开已批复的预算',
    });
    expect(reopenBudget(w.db, w.actors.dangan, { ...ref(w), reason })).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(reopenBudget(w.db, w.actors.shenhe, { ...ref(w), reason: '   ' })).toMatchObject({
      ok: false,
      reason: 'refused',
      formError: '重新打开修订时必须填写原因（如预算调整、公开后发现的错误）',
    });
    expect(reopenBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: first.version - 1, reason })).toMatchObject({ ok: false, reason: 'stale' });
    expect(budgetRow(w, w.archiveBudgetId).status).toBe('published');

    expect(reopenBudget(w.db, w.actors.shenhe, { ...ref(w), reason })).toMatchObject({ ok: true, status: 'returned', version: first.version + 1, snapshotId: null });
    expect(workflowAudit(w, w.archiveBudgetId).at(-1)).toMatchObject({
      action: 'budget.reopen',
      userId: w.actors.shenhe.userId,
      oldValue: 'published',
      newValue: 'returned',
      reason,
    });
    // the public still sees the published version, current, until a correction replaces it
    expect(publishedRows(w).map((s) => s.supersededBy)).toEqual([null]);
    // and the clerk may edit again
    expect(editRefusal(w.actors.dangan, budgetRow(w, w.archiveBudgetId), true)).toBeNull();
  });

  it('a revision is reviewed against the public version and published as a correction listing every changed cell; a correction changing nothing is refused before rendering', async () => {
    const w = world();
    await approvedArchive(w);
    const render = stubRenderer();
    const first = await publishBudget(w.db, w.actors.admin, ref(w), { renderPdf: render });
    if (!first.ok) throw new Error(first.formError);

    // reopened and re-approved without a change: 公开 is refused (it was published), and so is an empty correction
    reopenBudget(w.db, w.actors.shenhe, { ...ref(w), reason: '复核' });
    submitArchive(w);
    expect(approveBudget(w.db, w.actors.shenhe, ref(w))).toMatchObject({ ok: true, status: 'approved' });
    const calls = render.calls.length;
    expect(await publishBudget(w.db, w.actors.admin, ref(w), { renderPdf: render })).toMatchObject({
      ok: false,
      reason: 'refused',
      formError: '该预算已公开过：修订后的版本须以“发布更正”公开，并填写更正说明',
    });
    expect(await correctPublication(w.db, w.actors.admin, { ...ref(w), note: '复核后重新公开' }, { renderPdf: render })).toMatchObject({
      ok: false,
      reason: 'refused',
      formError: '更正版本与现行公开版本完全相同，没有可更正的内容',
    });
    expect(render.calls.length).toBe(calls);
    expect(publishedRows(w)).toHaveLength(1);

    // reopened again; the clerk moves 1,000.00 元 from one line to another of the same source and another 经济科目
    // (the control figure and the income stay as they are)
    reopenBudget(w.db, w.actors.shenhe, { ...ref(w), reason: '预算调整：办公费调整为印刷费' });
    const lines = w.db.select().from(basicLines).where(eq(basicLines.budgetId, w.archiveBudgetId)).all();
    const from = lines.find((l) => l.amount > 100_000)!;
    const to = lines.find((l) => l.id !== from.id && l.source === from.source && l.economicCode !== from.economicCode)!;
    for (const [l, delta] of [[from, -100_000], [to, 100_000]] as const) {
      const r = updateLine(w.db, w.actors.dangan, {
        budgetId: w.archiveBudgetId,
        lineId: l.id,
        version: l.version,
        changes: { amount: ((l.amount + delta) / 100).toFixed(2) } as never,
      });
      expect(r.ok).toBe(true);
    }
    // while revised, the clerk sees the change against the public version
    const revising = reviewChanges(w.db, w.actors.dangan, w.archiveBudgetId)!;
    expect(revising.base).toMatchObject({ kind: 'published', id: first.snapshotId });
    expect(revising.target).toBeNull();
    expect(revising.diff.lines.map((l) => l.kind)).toEqual(['changed', 'changed']);
    submitArchive(w);
    // the reviewer compares the resubmission with what the public sees, not with the previous submission
    const review = reviewChanges(w.db, w.actors.shenhe, w.archiveBudgetId)!;
    expect(review.base).toMatchObject({ kind: 'published', id: first.snapshotId });
    expect(review.target?.kind).toBe('submitted');
    expect(review.diff.lines).toHaveLength(2);
    // 表六 (基本支出 by 经济科目): one 款 down by 1,000.00 元, another up by as much
    const t6 = review.diff.cells.filter((c) => c.table === 6).map((c) => c.newAmount! - c.oldAmount!);
    expect(t6).toContain(-100_000);
    expect(t6).toContain(100_000);
    approveBudget(w.db, w.actors.shenhe, ref(w));

    expect(await correctPublication(w.db, w.actors.admin, ref(w), { renderPdf: render })).toMatchObject({ ok: false, formError: '发布更正时必须填写更正说明' });
    const second = await correctPublication(w.db, w.actors.admin, { ...ref(w), note: '预算调整：办公费增加1,000.00元' }, { renderPdf: render });
    expect(second).toMatchObject({ ok: true, status: 'published' });
    if (!second.ok) return;
    expect(publishedRows(w).map((s) => [s.id, s.supersededBy])).toEqual([
      [first.snapshotId, second.snapshotId],
      [second.snapshotId, null],
    ]);
    // the public page of the correction says why and what changed, cell by cell (the same cells the reviewer saw)
    const pub = getPublished(w.db, second.snapshotId!)!;
    expect(pub.isCorrection).toBe(true);
    expect(pub.note).toBe('预算调整：办公费增加1,000.00元');
    expect(pub.changes?.replaced.snapshotId).toBe(first.snapshotId);
    expect(pub.changes!.cells.map((c) => `${c.table}:${c.row}:${c.column}:${c.old}→${c.new}`)).toEqual(
      review.diff.cells.map((c) => `${c.table}:${c.row}:${c.column}:${c.old}→${c.new}`),
    );
    expect(getPublished(w.db, first.snapshotId!)!.changes).toBeNull();
  });
});
