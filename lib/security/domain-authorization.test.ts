/**
 * Authorization at the domain level: every exported function in lib/ that takes an `Actor` is called as each role
 * (the clerk of 054 `renshe`, the clerk of 061 `dangan`, the reviewer `shenhe`, the administrator `admin`), and must
 * refuse exactly the roles the rules say (lib/auth/authorize.ts, lib/workflow/transitions.ts), writing nothing
 * (a digest of every table is compared), while the allowed roles succeed with the same input on a fresh database
 * (so the refusal is the authorization, not a bad input).
 *
 * Forged calls to server actions are not made over HTTP; instead:
 * - a deactivated (or signed-out) user has no actor at all: `resolveActor` returns null, tested here for every seeded
 *   user, and
 * - every server action (any exported function of a 'use server' module under app/) must obtain the actor
 *   (`requireActor()` / `currentActor()` / a guard built on them) in its first statement, before doing anything else.
 *
 * New code is picked up: a new exported function taking an Actor, or a new server action, fails here until it has a
 * case (or an explained exemption) below.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../../db/client';
import { basicLines, budgets, checkJobs, comments, departments, exportJobs, fiscalYears, performanceForms, projectItems, projects, renderJobs, units, users } from '../../db/schema';
import { ForbiddenError, MUST_CHANGE_PASSWORD_MESSAGE, type Actor } from '../auth/authorize';
import { resolveActor } from '../auth/session';
import { loadBudgetFacts } from '../budget/load';
import { seededWorld, type TestWorld } from '../budget/edit/testing';
import { databaseDigest, isChinese } from './testing/corpus';
import * as checks from '../checker/jobs';

import * as lines from '../budget/edit/lines';
import * as projectsEdit from '../budget/edit/projects';
import * as income from '../budget/edit/income';
import * as prior from '../budget/edit/prior';
import * as texts from '../budget/edit/texts';
import * as assets from '../budget/edit/assets';
import * as read from '../budget/edit/read';
import * as access from '../budget/access';
import * as perf from '../performance/edit';
import { loadPerformanceForm } from '../performance/store';
import { formToValues } from '../performance/values';
import * as years from '../admin/years';
import * as adminDepartments from '../admin/departments';
import * as adminUsers from '../admin/users';
import * as controlFigures from '../admin/controlFigures';
import * as codebook from '../codebook/import';
import { currentBook, fingerprint } from '../codebook/importDiff';
import * as mapping from '../codebook/mapping';
import * as region from '../region/texts';
import * as workflow from '../workflow/actions';
import * as comment from '../review/comments';
import * as history from '../review/history';
import * as changes from '../review/changes';
import * as desk from '../review/desk';
import * as bulk from '../publish/bulk';
import * as overview from '../publish/overview';
import * as reviewPanel from '../review/panel';
import * as pdfExports from '../pdf/exports';
import { claimRenderJob, completeRenderJob, enqueueRenderJob } from '../pdf/renderJobs';
import { addOrganizationWarning, cleanArchive, ORGANIZATION_WARNING, stubRenderer } from '../workflow/testing/world';

// resolveActor's module also exports the request-bound helpers, which import next-auth and next/navigation
vi.mock('../auth/config', () => ({ auth: async () => null }));
vi.mock('next/navigation', () => ({ redirect: () => { throw new Error('redirect'); } }));

const ROOT = path.resolve(__dirname, '../..');
type Who = 'renshe' | 'dangan' | 'shenhe' | 'admin';
const WHO: Who[] = ['renshe', 'dangan', 'shenhe', 'admin'];

// ── outcomes ──────────────────────────────────────────────────────────────────────────────────────────────────

type Outcome = { kind: 'ok'; value: unknown } | { kind: 'refused'; message: string } | { kind: 'failed'; message: string };

/** What a call amounted to: a ForbiddenError or a failure result of kind forbidden/refused/notFound is a refusal. */
async function outcomeOf(fn: () => unknown): Promise<Outcome> {
  try {
    const r = await fn();
    if (r && typeof r === 'object' && 'ok' in r && (r as { ok: unknown }).ok === false) {
      const f = r as { reason?: string; formError?: string; message?: string; fieldErrors?: Record<string, string> };
      const message = f.formError ?? f.message ?? '';
      if (f.reason === undefined || f.reason === 'forbidden' || f.reason === 'refused' || f.reason === 'notFound') return { kind: 'refused', message };
      return { kind: 'failed', message: `${f.reason}: ${message} ${JSON.stringify(f.fieldErrors ?? {})}` };
    }
    return { kind: 'ok', value: r };
  } catch (e) {
    if (e instanceof ForbiddenError) return { kind: 'refused', message: e.message };
    return { kind: 'failed', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────────────────────

const YEAR = 2024;

function firstLine(db: Db, budgetId: number) {
  return db.select().from(basicLines).where(eq(basicLines.budgetId, budgetId)).orderBy(basicLines.id).get()!;
}
function projectWithItems(db: Db, budgetId: number) {
  const p = db.select().from(projects).where(and(eq(projects.budgetId, budgetId), eq(projects.carryover, false))).orderBy(projects.id).all();
  for (const row of p) {
    const item = db.select().from(projectItems).where(eq(projectItems.projectId, row.id)).get();
    if (item) return { project: row, item };
  }
  throw new Error(`budget ${budgetId} has no project with items`);
}
function formProject(db: Db, budgetId: number) {
  const row = db
    .select({ id: projects.id })
    .from(projects)
    .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
    .where(eq(projects.budgetId, budgetId))
    .orderBy(projects.id)
    .get();
  if (!row) throw new Error(`budget ${budgetId} has no performance form`);
  return row.id;
}
function projectWithoutForm(db: Db, budgetId: number) {
  const all = db.select().from(projects).where(and(eq(projects.budgetId, budgetId), eq(projects.carryover, false))).all();
  const withForm = new Set(db.select({ id: performanceForms.projectId }).from(performanceForms).all().map((r) => r.id));
  return all.find((p) => !withForm.has(p.id))?.id;
}
const budgetVersion = (db: Db, id: number) => db.select().from(budgets).where(eq(budgets.id, id)).get()!.version;
const unitOf = (db: Db, budgetId: number) => loadBudgetFacts(db, budgetId).units[0];
const deptId = (db: Db, code: string) => db.select().from(departments).where(eq(departments.code, code)).get()!.id;

/** A section edit: one field changed from what the form was loaded with. */
function section(db: Db, budgetId: number, base: Record<string, string | number>, values: Record<string, unknown>) {
  return { budgetId, baseVersion: budgetVersion(db, budgetId), base, values };
}

/** 061's budget cleaned of findings with one explainable warning, as the workflow tests use it. */
function workflowWorld(w: TestWorld) {
  cleanArchive(w);
  addOrganizationWarning(w);
}
function submit061(w: TestWorld) {
  const r = workflow.submitBudget(w.db, w.actors.dangan, {
    budgetId: w.archiveBudgetId,
    version: budgetVersion(w.db, w.archiveBudgetId),
    explanations: { [ORGANIZATION_WARNING]: '机构设置以“三定”方案为准。' },
  });
  if (!r.ok) throw new Error(r.formError);
}
function approve061(w: TestWorld) {
  submit061(w);
  const r = workflow.approveBudget(w.db, w.actors.shenhe, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId) });
  if (!r.ok) throw new Error(r.formError);
}
async function publish061(w: TestWorld) {
  approve061(w);
  const r = await workflow.publishBudget(w.db, w.actors.admin, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId) }, { renderPdf: stubRenderer() });
  if (!r.ok) throw new Error(r.formError);
}
function reviewerComment(w: TestWorld, budgetId: number): number {
  const r = comment.addComment(w.db, w.actors.shenhe, { budgetId, anchor: 'budget', body: '请核对收入。' });
  if (!r.ok) throw new Error(r.formError);
  return r.id;
}

// ── the cases ─────────────────────────────────────────────────────────────────────────────────────────────────

/** Expected refusal: the exact message, or any Chinese message. */
type Refusal = string | 'any';

interface Case {
  /** Prepares a fresh seeded world (state the call needs). */
  setup?: (w: TestWorld) => void | Promise<void>;
  call: (w: TestWorld, actor: Actor) => unknown;
  /** Roles that succeed (each on its own fresh world). */
  allowed: Who[];
  /** Roles that are refused, with the message; nothing may be written. */
  refused: Partial<Record<Who, Refusal>>;
  /** For reads that answer a refusal with null/[] instead of an error. */
  refusedValue?: (v: unknown) => boolean;
}

const OTHER_DEPT = '无权修改其他部门的预算';
const REVIEWER_EDIT = '审核人员不能修改部门预算数据';
const ADMIN_EDIT = '管理员不能修改部门预算数据';
const ADMIN_ONLY = '仅系统管理员可以执行此操作';
const READ_OTHER = '无权查看其他部门的预算';

/** An edit of 054's budget: only renshe; the others with the one place that decides's messages. */
const edit054 = (call: Case['call'], setup?: Case['setup']): Case => ({
  setup,
  call,
  allowed: ['renshe'],
  refused: { dangan: OTHER_DEPT, shenhe: REVIEWER_EDIT, admin: ADMIN_EDIT },
});
const adminOnly = (call: Case['call'], setup?: Case['setup']): Case => ({
  setup,
  call,
  allowed: ['admin'],
  refused: { renshe: ADMIN_ONLY, dangan: ADMIN_ONLY, shenhe: ADMIN_ONLY },
});
/** A read of 054's budget: all but the other department's clerk. */
const read054 = (call: Case['call'], refusedValue?: Case['refusedValue']): Case => ({
  call,
  allowed: ['renshe', 'shenhe', 'admin'],
  refused: { dangan: refusedValue ? 'any' : READ_OTHER },
  refusedValue,
});
const nothing = (v: unknown) => v === null;

const CHECK_ONLY = '只有财政局审核人员和管理员可以核查上传的公开文件';
/** One queued check for the reviewer and one for the administrator (inserted: no reader starts on them). */
const queuedChecks = (w: TestWorld) => {
  for (const who of ['shenhe', 'admin'] as const) {
    w.db.insert(checkJobs).values({ requestedBy: w.actors[who].userId, fileName: `${who}.pdf`, status: 'queued', createdAt: Date.now(), file: Buffer.from([1]) }).run();
  }
};
/** The actor's own check (any id for an actor without one: the refusal comes first). */
const ownCheck = (w: TestWorld, a: Actor): number =>
  w.db.select({ id: checkJobs.id }).from(checkJobs).where(eq(checkJobs.requestedBy, a.userId)).get()?.id ?? 1;

const CASES: Record<string, Case> = {
  // 基本支出
  'lib/budget/edit/lines.ts#addLine': edit054((w, a) =>
    lines.addLine(w.db, a, { budgetId: w.budgetId, line: { unitId: unitOf(w.db, w.budgetId).id, functionCode: '2080101', economicCode: '30201', source: 'general', amount: '1.00' } }),
  ),
  'lib/budget/edit/lines.ts#updateLine': edit054((w, a) => {
    const l = firstLine(w.db, w.budgetId);
    return lines.updateLine(w.db, a, { budgetId: w.budgetId, lineId: l.id, version: l.version, changes: { amount: '1.00' } });
  }),
  'lib/budget/edit/lines.ts#deleteLine': edit054((w, a) => {
    const l = firstLine(w.db, w.budgetId);
    return lines.deleteLine(w.db, a, { budgetId: w.budgetId, lineId: l.id, version: l.version });
  }),
  'lib/budget/edit/lines.ts#duplicateLine': edit054((w, a) => lines.duplicateLine(w.db, a, { budgetId: w.budgetId, lineId: firstLine(w.db, w.budgetId).id })),
  'lib/budget/edit/lines.ts#addLines': edit054((w, a) =>
    lines.addLines(w.db, a, { budgetId: w.budgetId, rows: [{ unit: unitOf(w.db, w.budgetId).name, functionCode: '2080101', economicCode: '30201', source: '一般公共预算', amount: '2.00' }] }),
  ),
  'lib/budget/edit/lines.ts#replaceLines': edit054((w, a) =>
    lines.replaceLines(w.db, a, {
      budgetId: w.budgetId,
      baseVersion: budgetVersion(w.db, w.budgetId),
      rows: [{ unitId: unitOf(w.db, w.budgetId).id, functionCode: '2080101', economicCode: '30201', source: 'general', amount: 100 }],
    }),
  ),
  // 项目支出
  'lib/budget/edit/projects.ts#createProject': edit054((w, a) =>
    projectsEdit.createProject(w.db, a, { budgetId: w.budgetId, project: { name: '新项目', unitId: unitOf(w.db, w.budgetId).id, source: 'general', category: 'operating', carryover: false } }),
  ),
  'lib/budget/edit/projects.ts#updateProject': edit054((w, a) => {
    const { project } = projectWithItems(w.db, w.budgetId);
    return projectsEdit.updateProject(w.db, a, { budgetId: w.budgetId, projectId: project.id, version: project.version, changes: { name: '改名后的项目' } });
  }),
  'lib/budget/edit/projects.ts#deleteProject': edit054((w, a) => {
    const { project } = projectWithItems(w.db, w.budgetId);
    return projectsEdit.deleteProject(w.db, a, { budgetId: w.budgetId, projectId: project.id, version: project.version });
  }),
  'lib/budget/edit/projects.ts#addProjectItem': edit054((w, a) => {
    const { project } = projectWithItems(w.db, w.budgetId);
    return projectsEdit.addProjectItem(w.db, a, {
      budgetId: w.budgetId,
      projectId: project.id,
      version: project.version,
      item: { functionCode: '2080101', economicCode: '30201', amount: '3.00', procurement: null },
    });
  }),
  'lib/budget/edit/projects.ts#updateProjectItem': edit054((w, a) => {
    const { project, item } = projectWithItems(w.db, w.budgetId);
    return projectsEdit.updateProjectItem(w.db, a, { budgetId: w.budgetId, projectId: project.id, itemId: item.id, version: project.version, changes: { amount: '4.00' } });
  }),
  'lib/budget/edit/projects.ts#deleteProjectItem': edit054((w, a) => {
    const { project, item } = projectWithItems(w.db, w.budgetId);
    return projectsEdit.deleteProjectItem(w.db, a, { budgetId: w.budgetId, projectId: project.id, itemId: item.id, version: project.version });
  }),
  // 收入、上年数、文字、资产
  'lib/budget/edit/income.ts#updateIncome': edit054((w, a) => {
    const base = income.incomeValues(loadBudgetFacts(w.db, w.budgetId).income);
    return income.updateIncome(w.db, a, section(w.db, w.budgetId, base, { 'general.carryover': '1.00' }));
  }),
  'lib/budget/edit/prior.ts#updatePrior': edit054((w, a) => {
    const base = prior.priorValues(loadBudgetFacts(w.db, w.budgetId).prior);
    return prior.updatePrior(w.db, a, section(w.db, w.budgetId, base, { total: '1.00' }));
  }),
  'lib/budget/edit/texts.ts#updateTexts': edit054((w, a) => {
    const base = texts.textValues(loadBudgetFacts(w.db, w.budgetId).text);
    return texts.updateTexts(w.db, a, section(w.db, w.budgetId, base, { duties: '新的部门职责。' }));
  }),
  'lib/budget/edit/assets.ts#updateAssets': edit054((w, a) => {
    const base = assets.assetValues(loadBudgetFacts(w.db, w.budgetId).assets);
    return assets.updateAssets(w.db, a, section(w.db, w.budgetId, base, { devicesOver500k: String(Number(base.devicesOver500k) + 1) }));
  }),
  // 绩效目标表
  'lib/performance/edit.ts#saveForm': edit054((w, a) => {
    const projectId = formProject(w.db, w.budgetId);
    const form = loadPerformanceForm(w.db, projectId)!;
    return perf.saveForm(w.db, a, { ...formToValues(form), overview: `${form.overview}（修订）`, budgetId: w.budgetId, projectId, version: form.version });
  }),
  'lib/performance/edit.ts#createForm': edit054(
    (w, a) => {
      const projectId = projectWithoutForm(w.db, w.budgetId);
      if (projectId === undefined) throw new Error('054 has no project without a form');
      return perf.createForm(w.db, a, { budgetId: w.budgetId, projectId, from: 'empty' });
    },
    (w) => {
      // a new this-year project, which has no form yet
      const r = projectsEdit.createProject(w.db, w.actors.renshe, {
        budgetId: w.budgetId,
        project: { name: '无绩效表的项目', unitId: unitOf(w.db, w.budgetId).id, source: 'general', category: 'operating', carryover: false },
      });
      if (!r.ok) throw new Error(r.formError);
    },
  ),

  // the workflow, on 061 (dangan's)
  'lib/workflow/actions.ts#submitBudget': {
    setup: workflowWorld,
    call: (w, a) =>
      workflow.submitBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId), explanations: { [ORGANIZATION_WARNING]: '说明。' } }),
    allowed: ['dangan'],
    refused: { renshe: '不能报送其他部门的预算', shenhe: '只有本部门财务人员可以报送预算', admin: '只有本部门财务人员可以报送预算' },
  },
  'lib/workflow/actions.ts#withdrawBudget': {
    setup: (w) => (workflowWorld(w), submit061(w)),
    call: (w, a) => workflow.withdrawBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId) }),
    allowed: ['dangan'],
    refused: { renshe: '不能撤回其他部门的预算', shenhe: '只有本部门财务人员可以撤回报送', admin: '只有本部门财务人员可以撤回报送' },
  },
  'lib/workflow/actions.ts#returnBudget': {
    setup: (w) => (workflowWorld(w), submit061(w)),
    call: (w, a) => workflow.returnBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId), reason: '请补充说明。' }),
    allowed: ['shenhe'],
    refused: { renshe: '只有财政局审核人员可以退回预算', dangan: '只有财政局审核人员可以退回预算', admin: '只有财政局审核人员可以退回预算' },
  },
  'lib/workflow/actions.ts#approveBudget': {
    setup: (w) => (workflowWorld(w), submit061(w)),
    call: (w, a) => workflow.approveBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId) }),
    allowed: ['shenhe'],
    refused: { renshe: '只有财政局审核人员可以批复预算', dangan: '只有财政局审核人员可以批复预算', admin: '只有财政局审核人员可以批复预算' },
  },
  'lib/workflow/actions.ts#publishBudget': {
    setup: (w) => (workflowWorld(w), approve061(w)),
    call: (w, a) => workflow.publishBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId) }, { renderPdf: stubRenderer() }),
    allowed: ['admin'],
    refused: { renshe: '只有系统管理员可以公开预算', dangan: '只有系统管理员可以公开预算', shenhe: '只有系统管理员可以公开预算' },
  },
  'lib/workflow/actions.ts#correctPublication': {
    // a correction must change what is published: the unit's name was wrong
    setup: async (w) => {
      workflowWorld(w);
      await publish061(w);
      const dept = w.db.select({ departmentId: budgets.departmentId }).from(budgets).where(eq(budgets.id, w.archiveBudgetId)).get()!.departmentId;
      w.db.update(departments).set({ name: '泽州县档案史志馆' }).where(eq(departments.id, dept)).run();
    },
    call: (w, a) =>
      workflow.correctPublication(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId), note: '更正单位名称。' }, { renderPdf: stubRenderer() }),
    allowed: ['admin'],
    refused: { renshe: '只有系统管理员可以发布更正', dangan: '只有系统管理员可以发布更正', shenhe: '只有系统管理员可以发布更正' },
  },
  'lib/workflow/actions.ts#reopenBudget': {
    setup: async (w) => (workflowWorld(w), await publish061(w)),
    call: (w, a) => workflow.reopenBudget(w.db, a, { budgetId: w.archiveBudgetId, version: budgetVersion(w.db, w.archiveBudgetId), reason: '预算调整。' }),
    allowed: ['shenhe'],
    refused: {
      renshe: '只有财政局审核人员可以重新打开已批复的预算',
      dangan: '只有财政局审核人员可以重新打开已批复的预算',
      admin: '只有财政局审核人员可以重新打开已批复的预算',
    },
  },
  'lib/workflow/actions.ts#saveExplanations': {
    setup: workflowWorld,
    call: (w, a) => workflow.saveExplanations(w.db, a, { budgetId: w.archiveBudgetId, explanations: { [ORGANIZATION_WARNING]: '说明。' } }),
    allowed: ['dangan'],
    refused: { renshe: OTHER_DEPT, shenhe: REVIEWER_EDIT, admin: ADMIN_EDIT },
  },

  // review comments, on 061
  'lib/review/comments.ts#addComment': {
    call: (w, a) => comment.addComment(w.db, a, { budgetId: w.archiveBudgetId, anchor: 'budget', body: '意见。' }),
    allowed: ['shenhe'],
    refused: { renshe: '只有财政局审核人员可以提出审核意见', dangan: '只有财政局审核人员可以提出审核意见', admin: '只有财政局审核人员可以提出审核意见' },
  },
  'lib/review/comments.ts#replyToComment': {
    setup: (w) => void reviewerComment(w, w.archiveBudgetId),
    call: (w, a) => {
      const parent = w.db.select().from(comments).where(eq(comments.budgetId, w.archiveBudgetId)).get()!;
      return comment.replyToComment(w.db, a, { budgetId: w.archiveBudgetId, parentId: parent.id, body: '答复。' });
    },
    allowed: ['shenhe', 'dangan'],
    refused: { renshe: '预算不存在或无权查看', admin: '管理员不参与审核意见的答复' },
  },
  'lib/review/comments.ts#resolveComment': {
    setup: (w) => void reviewerComment(w, w.archiveBudgetId),
    call: (w, a) => {
      const c = w.db.select().from(comments).where(and(eq(comments.budgetId, w.archiveBudgetId), isNull(comments.parentId))).get()!;
      return comment.resolveComment(w.db, a, { budgetId: w.archiveBudgetId, commentId: c.id });
    },
    // the reviewer who opened it, or an administrator; the clerk answers but does not close it
    allowed: ['shenhe', 'admin'],
    refused: { renshe: '预算不存在或无权查看', dangan: '部门财务人员可以答复审核意见，由提出意见的审核人员或管理员标记为已解决' },
  },
  'lib/review/comments.ts#openLineComments': read054((w, a) => comment.openLineComments(w.db, a, w.budgetId), nothing),
  'lib/review/comments.ts#listComments': read054((w, a) => comment.listComments(w.db, a, w.budgetId), nothing),
  'lib/review/history.ts#budgetHistory': read054((w, a) => history.budgetHistory(w.db, a, w.budgetId), nothing),
  'lib/review/history.ts#budgetAdminChanges': read054((w, a) => history.budgetAdminChanges(w.db, a, w.budgetId), nothing),
  'lib/review/history.ts#adminHistory': adminOnly((w, a) => history.adminHistory(w.db, a)),
  'lib/review/history.ts#statusHistory': read054((w, a) => history.statusHistory(w.db, a, w.budgetId), nothing),
  'lib/review/history.ts#budgetSnapshots': read054((w, a) => history.budgetSnapshots(w.db, a, w.budgetId), nothing),
  'lib/review/history.ts#readSnapshot': {
    setup: (w) => (workflowWorld(w), submit061(w)),
    call: (w, a) => {
      const [snap] = history.budgetSnapshots(w.db, w.actors.shenhe, w.archiveBudgetId)!;
      return history.readSnapshot(w.db, a, w.archiveBudgetId, snap.id);
    },
    allowed: ['dangan', 'shenhe', 'admin'],
    refused: { renshe: 'any' },
    refusedValue: nothing,
  },
  'lib/review/changes.ts#reviewChanges': read054((w, a) => changes.reviewChanges(w.db, a, w.budgetId)),
  'lib/review/panel.ts#reviewPanel': read054((w, a) => {
    // the page passes the budget it read; the panel re-checks the actor against it
    const { budget, facts } = access.readBudgetFacts(w.db, w.actors.renshe, w.budgetId);
    return reviewPanel.reviewPanel(w.db, a, budget, facts, { anchors: true });
  }),
  'lib/review/desk.ts#reviewDesk': {
    call: (w, a) => desk.reviewDesk(w.db, a, YEAR),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: 'any', dangan: 'any' },
  },

  // checking uploaded disclosures (reviewers and administrators; each sees their own checks)
  'lib/checker/jobs.ts#enqueueCheck': {
    call: (w, a) => checks.enqueueCheck(w.db, a, { fileName: 'a.pdf', bytes: new Uint8Array([1, 2, 3]), profile: null }),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: CHECK_ONLY, dangan: CHECK_ONLY },
  },
  'lib/checker/jobs.ts#listCheckJobs': {
    setup: queuedChecks,
    call: (w, a) => checks.listCheckJobs(w.db, a),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: 'any', dangan: 'any' },
    refusedValue: (v) => Array.isArray(v) && v.length === 0,
  },
  'lib/checker/jobs.ts#readCheckJob': {
    setup: queuedChecks,
    call: (w, a) => checks.readCheckJob(w.db, a, ownCheck(w, a)),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: CHECK_ONLY, dangan: CHECK_ONLY },
  },
  'lib/checker/jobs.ts#recheckWithProfile': {
    setup: queuedChecks,
    call: (w, a) => checks.recheckWithProfile(w.db, a, { jobId: ownCheck(w, a), profile: 'shanghai-9' }),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: CHECK_ONLY, dangan: CHECK_ONLY },
  },

  // bulk export of the disclosures
  'lib/publish/bulk.ts#startBulkExport': {
    setup: async (w) => (workflowWorld(w), await publish061(w)),
    call: async (w, a) => {
      const r = bulk.startBulkExport(w.db, a, { year: YEAR }, { renderPdf: stubRenderer() });
      if (r.ok) await r.done;
      return r;
    },
    allowed: ['admin'],
    refused: { renshe: '只有系统管理员可以批量导出', dangan: '只有系统管理员可以批量导出', shenhe: '只有系统管理员可以批量导出' },
  },
  'lib/publish/overview.ts#publicationOverview': {
    call: (w, a) => overview.publicationOverview(w.db, a, YEAR),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: '仅财政局审核人员或管理员可以执行此操作', dangan: '仅财政局审核人员或管理员可以执行此操作' },
  },
  'lib/publish/bulk.ts#getExportJob': {
    setup: startedJob,
    call: (w, a) => bulk.getExportJob(w.db, a, lastJob(w)),
    allowed: ['admin'],
    refused: { renshe: 'any', dangan: 'any', shenhe: 'any' },
    refusedValue: nothing,
  },
  'lib/publish/bulk.ts#exportJobResult': {
    setup: startedJob,
    call: (w, a) => bulk.exportJobResult(w.db, a, lastJob(w)),
    allowed: ['admin'],
    refused: { renshe: 'any', dangan: 'any', shenhe: 'any' },
    refusedValue: nothing,
  },
  'lib/publish/bulk.ts#listExportJobs': {
    setup: startedJob,
    call: (w, a) => bulk.listExportJobs(w.db, a),
    allowed: ['admin'],
    refused: { renshe: 'any', dangan: 'any', shenhe: 'any' },
    refusedValue: (v) => Array.isArray(v) && v.length === 0,
  },

  // a reader's PDF export of 054 (the render queue): queued only for a reader, each job visible to its requester only
  'lib/pdf/exports.ts#requestPdfExport': read054((w, a) => pdfExports.requestPdfExport(w.db, a, w.budgetId)),
  'lib/pdf/exports.ts#pdfExportState': {
    setup: (w) => queuedExports(w),
    call: (w, a) => pdfExports.pdfExportState(w.db, a, w.budgetId, exportJobOf(w, a)),
    allowed: ['renshe', 'shenhe', 'admin'],
    refused: { dangan: READ_OTHER },
  },
  'lib/pdf/exports.ts#takePdfExport': {
    setup: (w) => queuedExports(w, { render: true }),
    call: (w, a) => pdfExports.takePdfExport(w.db, a, w.budgetId, exportJobOf(w, a)),
    allowed: ['renshe', 'shenhe', 'admin'],
    refused: { dangan: READ_OTHER },
  },

  // reads of a budget
  'lib/budget/access.ts#getBudgetSummary': read054((w, a) => access.getBudgetSummary(w.db, a, w.budgetId)),
  'lib/budget/access.ts#readBudgetFacts': read054((w, a) => access.readBudgetFacts(w.db, a, w.budgetId)),
  'lib/budget/edit/read.ts#readEditView': read054((w, a) => read.readEditView(w.db, a, w.budgetId)),
  'lib/budget/access.ts#listBudgets': {
    call: (w, a) => access.listBudgets(w.db, a, YEAR),
    allowed: ['shenhe', 'admin'],
    refused: { renshe: '仅财政局审核人员或管理员可以执行此操作', dangan: '仅财政局审核人员或管理员可以执行此操作' },
  },
  'lib/admin/controlFigures.ts#controlFigureFor': {
    call: (w, a) => controlFigures.controlFigureFor(w.db, a, deptId(w.db, '054'), YEAR),
    allowed: ['renshe', 'shenhe', 'admin'],
    refused: { dangan: '无权查看其他部门的控制数' },
  },

  // administration
  'lib/admin/years.ts#listYears': adminOnly((w, a) => years.listYears(w.db, a)),
  'lib/admin/years.ts#openYear': adminOnly((w, a) => years.openYear(w.db, a, { year: YEAR + 1, makeCurrent: false })),
  'lib/admin/years.ts#closeYear': adminOnly((w, a) => years.closeYear(w.db, a, { year: YEAR })),
  'lib/admin/years.ts#reopenYear': adminOnly(
    (w, a) => years.reopenYear(w.db, a, { year: YEAR }),
    (w) => void w.db.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, YEAR)).run(),
  ),
  'lib/admin/years.ts#setCurrentYear': adminOnly(
    (w, a) => years.setCurrentYear(w.db, a, { year: YEAR + 1 }),
    (w) => void years.openYear(w.db, w.actors.admin, { year: YEAR + 1, makeCurrent: false }),
  ),
  'lib/admin/years.ts#setSubmissionDeadline': adminOnly((w, a) => years.setSubmissionDeadline(w.db, a, { year: YEAR, deadline: `${YEAR}-03-15` })),
  'lib/admin/departments.ts#listDepartmentsWithUnits': adminOnly((w, a) => adminDepartments.listDepartmentsWithUnits(w.db, a)),
  'lib/admin/departments.ts#getDepartment': adminOnly((w, a) => adminDepartments.getDepartment(w.db, a, deptId(w.db, '054'))),
  'lib/admin/departments.ts#defaultRegionName': adminOnly((w, a) => adminDepartments.defaultRegionName(w.db, a)),
  'lib/admin/departments.ts#createDepartment': adminOnly((w, a) => adminDepartments.createDepartment(w.db, a, { code: '099', name: '测试局', regionName: '泽州县' })),
  'lib/admin/departments.ts#updateDepartment': adminOnly((w, a) =>
    adminDepartments.updateDepartment(w.db, a, { id: deptId(w.db, '054'), code: '054', name: '泽州县人力资源和社会保障局（改）', regionName: '泽州县' }),
  ),
  'lib/admin/departments.ts#setDepartmentActive': adminOnly(
    (w, a) => adminDepartments.setDepartmentActive(w.db, a, { id: deptId(w.db, '099'), active: false }),
    (w) => void adminDepartments.createDepartment(w.db, w.actors.admin, { code: '099', name: '测试局', regionName: '泽州县' }),
  ),
  'lib/admin/departments.ts#createUnit': adminOnly((w, a) => adminDepartments.createUnit(w.db, a, { departmentId: deptId(w.db, '054'), name: '新单位', type: 'admin' })),
  'lib/admin/departments.ts#updateUnit': adminOnly((w, a) => {
    const u = unitOf(w.db, w.budgetId);
    return adminDepartments.updateUnit(w.db, a, { id: u.id, name: `${u.name}（改）`, type: u.type });
  }),
  'lib/admin/departments.ts#setUnitActive': adminOnly((w, a) => {
    const u = w.db.select().from(units).where(eq(units.departmentId, deptId(w.db, '054'))).all().at(-1)!;
    return adminDepartments.setUnitActive(w.db, a, { id: u.id, active: false });
  }),
  'lib/admin/users.ts#listUsers': adminOnly((w, a) => adminUsers.listUsers(w.db, a)),
  'lib/admin/users.ts#getUser': adminOnly((w, a) => adminUsers.getUser(w.db, a, w.actors.renshe.userId)),
  'lib/admin/users.ts#createUser': adminOnly((w, a) =>
    adminUsers.createUser(w.db, a, { username: 'newclerk', displayName: '新财务', role: 'clerk', departmentId: deptId(w.db, '054'), password: 'Abcdefg12' }),
  ),
  'lib/admin/users.ts#updateUser': adminOnly((w, a) =>
    adminUsers.updateUser(w.db, a, { id: w.actors.renshe.userId, displayName: '改名', role: 'clerk', departmentId: deptId(w.db, '054') }),
  ),
  'lib/admin/users.ts#resetPassword': adminOnly((w, a) => adminUsers.resetPassword(w.db, a, { id: w.actors.renshe.userId, password: 'Abcdefg12' })),
  'lib/admin/users.ts#setUserActive': adminOnly((w, a) => adminUsers.setUserActive(w.db, a, { id: w.actors.renshe.userId, active: false })),
  'lib/admin/controlFigures.ts#listControlFigures': adminOnly((w, a) => controlFigures.listControlFigures(w.db, a, YEAR)),
  'lib/admin/controlFigures.ts#saveControlFigures': adminOnly((w, a) =>
    controlFigures.saveControlFigures(w.db, a, { year: YEAR, amounts: { [String(deptId(w.db, '054'))]: '1' } }),
  ),
  'lib/admin/controlFigures.ts#importControlFigures': adminOnly((w, a) =>
    controlFigures.importControlFigures(w.db, a, { year: YEAR, data: new TextEncoder().encode('部门编码,控制数(万元)\n054,1\n'), fileName: 'a.csv' }),
  ),
  'lib/codebook/import.ts#previewCodeBookImport': adminOnly((w, a) => {
    const current = currentBook(w.db, 'functional', YEAR).map((r, i) => ({ row: i + 2, code: r.code, name: r.name, level: r.level, parent: r.parent }));
    return codebook.previewCodeBookImport(w.db, a, { year: YEAR, kind: 'functional', codes: current });
  }),
  'lib/codebook/import.ts#applyCodeBookImport': adminOnly((w, a) => {
    const book = currentBook(w.db, 'functional', YEAR);
    const codes = book.map((r, i) => ({ row: i + 2, code: r.code, name: r.code === '208' ? `${r.name}（改）` : r.name }));
    return codebook.applyCodeBookImport(w.db, a, { year: YEAR, kind: 'functional', codes, baseFingerprint: fingerprint(book) });
  }),
  'lib/codebook/import.ts#linesWithUnknownCodes': adminOnly((w, a) => codebook.linesWithUnknownCodes(w.db, a, 'functional', YEAR)),
  'lib/codebook/import.ts#listBook': adminOnly((w, a) => codebook.listBook(w.db, a, 'functional', YEAR)),
  'lib/codebook/mapping.ts#listMappings': adminOnly((w, a) => mapping.listMappings(w.db, a, YEAR)),
  'lib/codebook/mapping.ts#saveMappings': adminOnly((w, a) => {
    const row = mapping.listMappings(w.db, w.actors.admin, YEAR).rows.find((r) => r.deptCode === '30101')!;
    return mapping.saveMappings(w.db, a, { year: YEAR, rows: { '30101': { admin: '50199', institution: row.institution ?? '', was: mapping.mappingToken(row) } } });
  }),
  'lib/region/texts.ts#saveRegionTexts': adminOnly((w, a) => region.saveRegionTexts(w.db, a, { emptyTableNote: '注：本表无数据。' })),
};

async function startedJob(w: TestWorld) {
  workflowWorld(w);
  await publish061(w);
  const r = bulk.startBulkExport(w.db, w.actors.admin, { year: YEAR }, { renderPdf: stubRenderer() });
  if (!r.ok) throw new Error(r.formError);
  await r.done;
}
const lastJob = (w: TestWorld) => w.db.select().from(exportJobs).all().at(-1)!.id;

/**
 * One queued export of 054 per user (dangan's too: its job id is asked for, and refused by the budget read); with
 * `render`, each is claimed and completed as the render worker would, so there is a PDF to take.
 */
function queuedExports(w: TestWorld, o: { render?: boolean } = {}) {
  for (const who of WHO) {
    const r = enqueueRenderJob(w.db, { kind: 'export', budgetId: w.budgetId, requestedBy: w.actors[who].userId });
    if (!r.ok) throw new Error(r.refusal.message);
    if (!o.render) continue;
    const claimed = claimRenderJob(w.db, 'test-worker');
    if (claimed?.id !== r.id) throw new Error(`claimed ${claimed?.id}, expected ${r.id}`);
    if (!completeRenderJob(w.db, r.id, 'test-worker', Buffer.from('%PDF-1.4\n%%EOF\n'))) throw new Error('not completed');
  }
}
/** The export job the actor requested in queuedExports. */
const exportJobOf = (w: TestWorld, a: Actor) =>
  w.db.select().from(renderJobs).where(and(eq(renderJobs.requestedBy, a.userId), eq(renderJobs.kind, 'export'))).get()!.id;

/**
 * Functions that take an actor but are not tested as a case, and why. Anything else that takes an actor must have
 * a case above.
 */
const EXEMPT: Record<string, string> = {
  'lib/budget/edit/common.ts#openEdit': 'machinery of every budget edit: exercised by each edit case (refusals come from it)',
  'lib/budget/edit/common.ts#runEdit': 'machinery of every budget edit: re-checks inside the transaction; exercised by each edit case',
  'lib/budget/edit/section.ts#updateSection': 'generic section edit: exercised through updateIncome, updatePrior, updateTexts and updateAssets',
  'lib/budget/access.ts#ownBudget': 'returns only the actor’s own department’s budget: tested below',
  'lib/admin/users.ts#changeOwnPassword': 'acts on the actor only: tested below',
  'lib/notices.ts#listNotices': 'reads the actor’s own notices only (every role has an inbox): lib/notices.test.ts',
  'lib/notices.ts#unreadNotices': 'counts the actor’s own notices only: lib/notices.test.ts',
  'lib/notices.ts#markNoticesRead': 'marks the actor’s own notices only; another person’s ids change nothing: lib/notices.test.ts',
};

// ── discovery ─────────────────────────────────────────────────────────────────────────────────────────────────

function walk(dir: string, keep: (file: string) => boolean, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(p, keep, out);
    } else if (keep(p)) out.push(p);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const hasExport = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Exported functions of lib/ (outside lib/auth, the deciders, and test helpers) with a parameter of type Actor. */
function functionsTakingAnActor(): string[] {
  const files = walk(path.join(ROOT, 'lib'), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map(rel)
    .filter((f) => !f.startsWith('lib/auth/') && !/(^|\/)testing(\.ts|\/)/.test(f) && !f.startsWith('lib/security/'));
  const found: string[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, fs.readFileSync(path.join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, true);
    const takesActor = (params: ts.NodeArray<ts.ParameterDeclaration>) => params.some((p) => p.type && /\bActor\b/.test(p.type.getText(src)));
    for (const st of src.statements) {
      if (!hasExport(st)) continue;
      if (ts.isFunctionDeclaration(st) && st.name && takesActor(st.parameters)) found.push(`${f}#${st.name.text}`);
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)) && takesActor(d.initializer.parameters))
            found.push(`${f}#${d.name.text}`);
    }
  }
  return found.sort();
}

// ── the tests ─────────────────────────────────────────────────────────────────────────────────────────────────

describe('every exported function that takes an actor is covered', () => {
  it('has a case here or an explained exemption', () => {
    const found = functionsTakingAnActor();
    expect(found.length).toBeGreaterThan(40);
    const missing = found.filter((k) => !(k in CASES) && !(k in EXEMPT));
    expect(missing, 'add a case to lib/security/domain-authorization.test.ts').toEqual([]);
    const gone = [...Object.keys(CASES), ...Object.keys(EXEMPT)].filter((k) => !found.includes(k));
    expect(gone, 'cases for functions that no longer exist (or no longer take an actor)').toEqual([]);
  });

  it('decides for every role in every case', () => {
    for (const [name, c] of Object.entries(CASES)) {
      const covered = new Set([...c.allowed, ...(Object.keys(c.refused) as Who[])]);
      expect(WHO.filter((r) => !covered.has(r)), name).toEqual([]);
    }
  });
});

async function freshWorld(c: Case): Promise<TestWorld> {
  const w = seededWorld();
  await c.setup?.(w);
  return w;
}

describe('refused roles are refused with the rule’s message and nothing is written', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it(name, async () => {
      const w = await freshWorld(c);
      const before = databaseDigest(w.db.$client);
      for (const [who, expected] of Object.entries(c.refused) as [Who, Refusal][]) {
        const o = await outcomeOf(() => c.call(w, w.actors[who]));
        if (c.refusedValue && o.kind === 'ok') {
          expect(c.refusedValue(o.value), `${name} as ${who}: refused by returning nothing`).toBe(true);
        } else {
          expect(o, `${name} as ${who}`).toMatchObject({ kind: 'refused' });
          const message = (o as { message: string }).message;
          if (expected === 'any') expect(isChinese(message), `${name} as ${who}: a Chinese message, got “${message}”`).toBe(true);
          else expect(message, `${name} as ${who}`).toBe(expected);
        }
        expect(databaseDigest(w.db.$client), `${name} as ${who} wrote nothing`).toBe(before);
      }
    });
  }
});

describe('allowed roles succeed with the same input (so the refusals are the authorization)', () => {
  for (const [name, c] of Object.entries(CASES)) {
    for (const who of c.allowed) {
      it(`${name} as ${who}`, async () => {
        const w = await freshWorld(c);
        const o = await outcomeOf(() => c.call(w, w.actors[who]));
        expect(o.kind === 'failed' || o.kind === 'refused' ? o : 'ok', `${name} as ${who}`).toBe('ok');
        if (c.refusedValue && o.kind === 'ok') expect(c.refusedValue(o.value), `${name} as ${who} got something`).toBe(false);
      });
    }
  }
});

/** The actor of a user an administrator created or reset, who has not yet chosen their own password. */
const mustChange = (a: Actor): Actor => ({ ...a, mustChangePassword: true });

describe('a user who must change their password is refused by every case, even as an allowed role', () => {
  for (const [name, c] of Object.entries(CASES)) {
    for (const who of c.allowed) {
      it(`${name} as ${who} before changing the password`, async () => {
        const w = await freshWorld(c);
        const before = databaseDigest(w.db.$client);
        const o = await outcomeOf(() => c.call(w, mustChange(w.actors[who])));
        if (c.refusedValue && o.kind === 'ok') expect(c.refusedValue(o.value), `${name}: refused by returning nothing`).toBe(true);
        else {
          expect(o, name).toMatchObject({ kind: 'refused' });
          // authorize.ts names the reason; a function that refuses before asking it may give its own Chinese message
          const message = (o as { message: string }).message;
          expect(message === MUST_CHANGE_PASSWORD_MESSAGE || isChinese(message), `${name}: a Chinese message, got “${message}”`).toBe(true);
        }
        expect(databaseDigest(w.db.$client), `${name} wrote nothing`).toBe(before);
      });
    }
  }
});

describe('actions on the actor only', () => {
  it('ownBudget never returns another department’s budget', () => {
    const w = seededWorld();
    for (const who of WHO) {
      const a = w.actors[who];
      const b = access.ownBudget(w.db, a, YEAR);
      if (a.role !== 'clerk') expect(b, who).toBeNull();
      else expect(b?.departmentId, who).toBe(a.departmentId);
    }
  });

  it('changeOwnPassword changes the caller’s password only, whatever ids the input carries', async () => {
    const w = seededWorld();
    const { hashPassword } = await import('../auth/password');
    w.db.update(users).set({ passwordHash: await hashPassword('Renshe#2024') }).where(eq(users.id, w.actors.renshe.userId)).run();
    const adminBefore = w.db.select().from(users).where(eq(users.id, w.actors.admin.userId)).get()!;
    await adminUsers.changeOwnPassword(w.db, w.actors.renshe, {
      currentPassword: 'Renshe#2024',
      newPassword: 'Renshe#2025x',
      confirmPassword: 'Renshe#2025x',
      id: w.actors.admin.userId,
      userId: w.actors.admin.userId,
    } as never);
    expect(w.db.select().from(users).where(eq(users.id, w.actors.admin.userId)).get()).toEqual(adminBefore);
    const renshe = w.db.select().from(users).where(eq(users.id, w.actors.renshe.userId)).get()!;
    expect(renshe.sessionVersion).toBeGreaterThan(1);
  });
});

describe('a deactivated or signed-out user has no actor', () => {
  it('resolveActor refuses every seeded user once deactivated, and an older session version', () => {
    const w = seededWorld();
    for (const u of w.db.select().from(users).all()) {
      expect(resolveActor(w.db, { uid: u.id, sv: u.sessionVersion }), u.username).not.toBeNull();
      expect(resolveActor(w.db, { uid: u.id, sv: u.sessionVersion - 1 }), `${u.username}, old session`).toBeNull();
      w.db.update(users).set({ active: false }).where(eq(users.id, u.id)).run();
      expect(resolveActor(w.db, { uid: u.id, sv: u.sessionVersion }), `${u.username}, deactivated`).toBeNull();
    }
    expect(resolveActor(w.db, { uid: 999_999, sv: 1 })).toBeNull();
    expect(resolveActor(w.db, { uid: '1 OR 1=1' as never, sv: 1 })).toBeNull();
  });
});

// ── the action layer (static) ─────────────────────────────────────────────────────────────────────────────────

/** Calls that obtain the actor (and send the signed-out to /login or refuse them). */
const GUARDS = new Set(['requireActor', 'currentActor', 'requireAdmin', 'currentActorForPasswordChange']);
/** Guards that may answer null (the signed-out), which the caller must check. */
const NULLABLE_GUARDS = new Set(['currentActor', 'currentActorForPasswordChange']);
/**
 * Server actions meant for the signed-out, and sign-out, which needs no actor: next-auth's signOut event ends the
 * session it is given (lib/auth/config.ts), and a must-change user may sign out too.
 */
const PUBLIC_ACTIONS = new Set(['app/login/actions.ts#signInAction', 'app/(app)/actions.ts#signOutAction']);
/**
 * The only modules that may see the actor of a user who must still change their password: the change-password page
 * and its action, and the app layout that frames that page (it then shows the header only).
 */
const PASSWORD_CHANGE_MODULES = ['app/(app)/account/password/page.tsx', 'app/(app)/account/password/actions.ts', 'app/(app)/layout.tsx'];

const isUseServer = (src: ts.SourceFile) =>
  src.statements.some((s) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && s.expression.text === 'use server');

function calleeName(call: ts.CallExpression): string | null {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return null;
}

function callsIn(node: ts.Node): ts.CallExpression[] {
  const out: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n)) out.push(n);
    if (!ts.isFunctionLike(n) || n === node) ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

/**
 * Whether a function is a guard itself: within its first statements it awaits a guard, calls nothing before it but
 * `formValues` (reading the submitted form), and a nullable actor is sent away at once
 * (`if (!actor) redirect(...)` / `return` / `throw`).
 */
function isGuardHelper(fn: ts.FunctionDeclaration, src: ts.SourceFile): boolean {
  const stmts = fn.body?.statements ?? ts.factory.createNodeArray<ts.Statement>();
  const i = stmts.findIndex((x) => callsIn(x).some((c) => GUARDS.has(calleeName(c) ?? '') && ts.isAwaitExpression(c.parent)));
  if (i < 0 || i > 2) return false;
  const before = stmts.slice(0, i).flatMap((x) => callsIn(x).map((c) => calleeName(c)));
  if (!before.every((n) => n === 'formValues')) return false;
  const guard = callsIn(stmts[i]).find((c) => GUARDS.has(calleeName(c) ?? ''))!;
  if (!NULLABLE_GUARDS.has(calleeName(guard) ?? '')) return true;
  return /^if \(!actor\) (redirect\(|return|throw)/.test(stmts[i + 1]?.getText(src) ?? '');
}

/** Guard helpers a module can call: its own functions and those it imports from app/ (e.g. runAction). */
function guardHelpers(src: ts.SourceFile, file: string): Set<string> {
  const out = new Set<string>();
  for (const st of src.statements) if (ts.isFunctionDeclaration(st) && st.name && isGuardHelper(st, src)) out.add(st.name.text);
  for (const st of src.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const spec = st.moduleSpecifier.text;
    const target = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(path.join(ROOT, file)), spec) : null;
    if (!target || !rel(target).startsWith('app/')) continue;
    const resolved = ['.ts', '.tsx', '/index.ts'].map((x) => target + x).find((x) => fs.existsSync(x));
    if (!resolved) continue;
    const other = ts.createSourceFile(resolved, fs.readFileSync(resolved, 'utf8'), ts.ScriptTarget.Latest, true);
    for (const s of other.statements) if (ts.isFunctionDeclaration(s) && s.name && hasExport(s) && isGuardHelper(s, other)) out.add(s.name.text);
  }
  return out;
}

/** lib/action.ts's wrappers: `export const x = action((ctx, input) => …)`; the wrapper obtains the actor (tested below). */
const WRAPPERS = new Set(['action', 'formAction']);

/** The names a module imports from lib/action.ts. */
function wrapperImports(src: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of src.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== '@/lib/action') continue;
    const named = st.importClause?.namedBindings;
    if (named && ts.isNamedImports(named)) for (const e of named.elements) if (!e.propertyName) out.add(e.name.text);
  }
  return out;
}

describe('every server action obtains the actor before anything else', () => {
  const files = walk(path.join(ROOT, 'app'), (f) => /\.tsx?$/.test(f)).map(rel);
  const actions: { key: string; file: string; fn: ts.FunctionLikeDeclaration & { body?: ts.ConciseBody }; src: ts.SourceFile }[] = [];
  /** Actions built by a wrapper: the callee's name and whether it is lib/action.ts's. */
  const wrapped: { key: string; callee: string | null; imported: boolean }[] = [];
  /** Exported values of 'use server' modules that are neither. */
  const others: string[] = [];
  for (const f of files) {
    const src = ts.createSourceFile(f, fs.readFileSync(path.join(ROOT, f), 'utf8'), ts.ScriptTarget.Latest, true);
    if (!isUseServer(src)) continue;
    const imported = wrapperImports(src);
    for (const st of src.statements) {
      if (!hasExport(st)) continue;
      if (ts.isFunctionDeclaration(st) && st.name) actions.push({ key: `${f}#${st.name.text}`, file: f, fn: st, src });
      if (ts.isVariableStatement(st))
        for (const d of st.declarationList.declarations) {
          const key = `${f}#${d.name.getText(src)}`;
          if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer)))
            actions.push({ key, file: f, fn: d.initializer, src });
          else if (d.initializer && ts.isCallExpression(d.initializer)) {
            const callee = calleeName(d.initializer);
            wrapped.push({ key, callee, imported: callee !== null && imported.has(callee) });
          } else others.push(key);
        }
    }
  }

  it('finds the server actions', () => {
    expect(actions.length + wrapped.length).toBeGreaterThan(20);
    expect([...actions, ...wrapped].map((a) => a.key)).toContain('app/(app)/budgets/[id]/lines/actions.ts#updateLineAction');
    expect(others, 'a \'use server\' module exports only actions').toEqual([]);
  });

  for (const { key, callee, imported } of wrapped) {
    it(`${key} (wrapped)`, () => {
      expect(callee !== null && WRAPPERS.has(callee) && imported, `${key}: built by action() or formAction() of lib/action.ts, not ${callee}()`).toBe(true);
    });
  }

  it('lib/action.ts’s wrappers obtain the actor before they call the domain (reading the form may come first)', () => {
    const file = 'lib/action.ts';
    const src = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
    for (const name of WRAPPERS) {
      const decl = src.statements.find((st): st is ts.FunctionDeclaration => ts.isFunctionDeclaration(st) && st.name?.text === name);
      expect(decl, name).toBeTruthy();
      const ret = decl!.body!.statements.find(ts.isReturnStatement);
      const inner = ret?.expression;
      expect(inner && (ts.isArrowFunction(inner) || ts.isFunctionExpression(inner)), `${name} returns the action`).toBe(true);
      const stmts = ((inner as ts.ArrowFunction).body as ts.Block).statements;
      const calls = (st: ts.Statement) => {
        const out: string[] = [];
        const visit = (n: ts.Node) => {
          if (ts.isCallExpression(n)) out.push(calleeName(n) ?? '');
          ts.forEachChild(n, visit);
        };
        visit(st);
        return out;
      };
      const guard = stmts.findIndex((st) => calls(st).includes('requireActor'));
      const domain = stmts.findIndex((st) => calls(st).includes('fn'));
      expect(guard, `${name}: awaits requireActor()`).toBeGreaterThanOrEqual(0);
      expect(guard, `${name}: the actor is known before the domain function runs`).toBeLessThan(domain);
      expect(stmts.slice(0, guard).flatMap(calls).filter((c) => c !== 'formValues'), `${name}: calls before the actor is known`).toEqual([]);
    }
  });

  for (const { key, file, fn, src } of actions) {
    if (PUBLIC_ACTIONS.has(key)) continue;
    it(key, () => {
      const guards = new Set([...GUARDS, ...guardHelpers(src, file)]);
      const body = fn.body;
      expect(body && ts.isBlock(body), `${key}: a function body`).toBe(true);
      // declarations without calls (`const created = { id: 0 }`) may come first
      const first = (body as ts.Block).statements.find((st) => callsIn(st).length > 0);
      if (!first) throw new Error(`${key}: calls nothing`);
      const calls = callsIn(first);
      const guard = calls.find((c) => guards.has(calleeName(c) ?? ''));
      expect(guard && calleeName(guard), `${key}: the first statement obtains the actor (${[...guards].join(', ')})`).toBeTruthy();
      // the guard's promise is awaited (runAction's is returned or awaited by the caller)
      if (GUARDS.has(calleeName(guard!)!)) expect(ts.isAwaitExpression(guard!.parent), `${key}: awaits ${calleeName(guard!)}()`).toBe(true);
      // nothing but getDb() runs before the guard: any other call in the first statement must receive the guard's
      // result (an ancestor of the guard call), e.g. updateLine(getDb(), await requireActor(), input)
      const ancestors = new Set<ts.Node>();
      for (let n: ts.Node | undefined = guard!.parent; n && n !== first.parent; n = n.parent) ancestors.add(n);
      const early = calls.filter((c) => c !== guard && !ancestors.has(c) && calleeName(c) !== 'getDb' && c.getStart() < guard!.getStart());
      expect(early.map((c) => c.getText(src)), `${key}: calls before the actor is known`).toEqual([]);
      // a nullable actor (currentActor) is checked before use
      if (NULLABLE_GUARDS.has(calleeName(guard!)!)) {
        const decl = ts.isVariableStatement(first) ? first.declarationList.declarations[0] : undefined;
        const name = decl && ts.isIdentifier(decl.name) ? decl.name.text : null;
        expect(name, `${key}: keeps the actor in a variable`).toBeTruthy();
        expect(new RegExp(`if \\(!?${name}\\)`).test(body!.getText(src)), `${key}: checks ${name} for null`).toBe(true);
      }
    });
  }
});

describe('only the change-password page and action see a user who must change their password', () => {
  it('currentActorForPasswordChange is called nowhere else under app/', () => {
    const files = walk(path.join(ROOT, 'app'), (f) => /\.tsx?$/.test(f)).map(rel);
    const users = files.filter((f) => /\bcurrentActorForPasswordChange\b/.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(users.sort()).toEqual([...PASSWORD_CHANGE_MODULES].sort());
  });
});
