/**
 * 项目支出: projects and their items (功能 项 × 部门经济 款 × amount × 政府采购品目). A project and its items are
 * one aggregate with one version: every change to the project or an item carries it and bumps it. Deleting a
 * project deletes its items and its 绩效目标表 (foreign-key cascade).
 */
import 'server-only';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from '../../zod';
import type { Db } from '../../../db/client';
import { performanceForms, projectItems, projects } from '../../../db/schema';
import type { Actor } from '../../auth/authorize';
import { writeAudit, type Tx } from '../../audit';
import {
  FUND_SOURCE_LABEL,
  PROCUREMENT_LABEL,
  PROJECT_CATEGORY_LABEL,
  type Fen,
  type FundSource,
  type ProcurementKind,
  type ProjectCategory,
} from '../../facts';
import { formatYuanExact } from '../../money';
import { fieldErrorsOf, invalid, notFound, ok, stale, type Refusal, type Result } from '../../result';
import { bumpBudgetVersion, nextSort, openEdit, runEdit, type EditContext } from './common';
import {
  carryoverField,
  categoryField,
  economicKuanField,
  functionItemField,
  idField,
  nameField,
  procurementField,
  sourceField,
  unitIdField,
  versionField,
  yuanField,
} from './fields';
import { PROJECT_NAME_MAX } from './limits';

interface ProjectFieldsInput {
  name: string;
  unitId: number | string;
  source: string;
  category: string;
  carryover: boolean | string;
}
const PROJECT_FIELDS = ['name', 'unitId', 'source', 'category', 'carryover'] as const;
type ProjectField = (typeof PROJECT_FIELDS)[number];

interface ProjectItemInput {
  functionCode: string;
  economicCode: string;
  amount: string;
  procurement: string | null;
}
const ITEM_FIELDS = ['functionCode', 'economicCode', 'amount', 'procurement'] as const;

/** The project as the result of an edit and in a stale refusal. */
export interface ProjectState {
  id: number;
  name: string;
  unitId: number;
  source: FundSource;
  category: ProjectCategory;
  carryover: boolean;
  version: number;
  amount: Fen;
  itemCount: number;
}

type ProjectRow = typeof projects.$inferSelect;
type ItemRow = typeof projectItems.$inferSelect;

function projectSchemas(ctx: EditContext) {
  const project = {
    name: nameField('项目名称', PROJECT_NAME_MAX),
    unitId: unitIdField(ctx.units),
    source: sourceField,
    category: categoryField,
    carryover: carryoverField,
  };
  const item = {
    functionCode: functionItemField(ctx.codes, ctx.budget.year),
    economicCode: economicKuanField(ctx.codes, ctx.budget.year),
    amount: yuanField('金额'),
    procurement: procurementField,
  };
  return {
    project: z.object(project),
    projectPartial: z.object(project).partial(),
    item: z.object({ ...item, procurement: procurementField.optional().transform((v) => v ?? null) }),
    itemPartial: z.object(item).partial(),
  };
}

const projectRef = z.object({ budgetId: idField('预算'), projectId: idField('项目'), version: versionField });
const itemRef = projectRef.extend({ itemId: idField('明细') });

function readProject(tx: Tx, budgetId: number, projectId: number): ProjectRow | undefined {
  return tx
    .select()
    .from(projects)
    .where(and(eq(projects.id, projectId), eq(projects.budgetId, budgetId)))
    .get();
}

function stateOf(tx: Tx, p: ProjectRow): ProjectState {
  const items = tx.select({ amount: projectItems.amount }).from(projectItems).where(eq(projectItems.projectId, p.id)).all();
  return {
    id: p.id,
    name: p.name,
    unitId: p.unitId,
    source: p.source,
    category: p.category,
    carryover: p.carryover,
    version: p.version,
    amount: items.reduce((s, i) => s + i.amount, 0),
    itemCount: items.length,
  };
}

function staleProject(tx: Tx, p: ProjectRow, ctx: EditContext, fields: readonly ProjectField[] = []) {
  const s = stateOf(tx, p);
  const parts = fields.map((f) => {
    switch (f) {
      case 'name':
        return `名称为“${s.name}”`;
      case 'unitId':
        return `单位为“${ctx.units.find((u) => u.id === s.unitId)?.name ?? s.unitId}”`;
      case 'source':
        return `资金来源为${FUND_SOURCE_LABEL[s.source]}`;
      case 'category':
        return `类别为${PROJECT_CATEGORY_LABEL[s.category]}`;
      case 'carryover':
        return s.carryover ? '为上年结转项目' : '为本年预算项目';
    }
  });
  parts.push(`项目金额为 ${formatYuanExact(s.amount)} 元（${s.itemCount} 条明细）`);
  return stale(`该项目已被他人修改：当前${parts.join('，')}，请刷新后重试`, s);
}

/** The project row's version + 1, after any change to it or its items. */
function touchProject(tx: Tx, p: ProjectRow): ProjectRow {
  return tx
    .update(projects)
    .set({ version: sql`${projects.version} + 1` })
    .where(eq(projects.id, p.id))
    .returning()
    .get()!;
}

/**
 * At most this many projects in one budget, and items in one project. The largest real county department has a
 * few hundred projects of a few dozen items each (the demo: 22 projects, at most 12 items); 2,000 and 200 leave
 * ample headroom while keeping the projects pages and a project's editor bounded. Both are counted inside the
 * writing (immediate) transaction, so concurrent creations cannot together pass the cap.
 * @public for lib/budget/edit/projects.test.ts, which pins the cap and fills a budget up to it
 */
export const MAX_BUDGET_PROJECTS = 2_000;
/** @public for lib/budget/edit/projects.test.ts, which pins the cap and fills a project up to it */
export const MAX_PROJECT_ITEMS = 200;

function projectCapRefusal(tx: Tx, budgetId: number): Refusal<never> | null {
  const n = tx.select({ n: count() }).from(projects).where(eq(projects.budgetId, budgetId)).get()?.n ?? 0;
  if (n < MAX_BUDGET_PROJECTS) return null;
  return invalid({}, `本预算的项目已达上限 ${MAX_BUDGET_PROJECTS.toLocaleString('en-US')} 个，不能再新建；请先删除不需要的项目`);
}

function itemCapRefusal(tx: Tx, projectId: number): Refusal<never> | null {
  const n = tx.select({ n: count() }).from(projectItems).where(eq(projectItems.projectId, projectId)).get()?.n ?? 0;
  if (n < MAX_PROJECT_ITEMS) return null;
  return invalid({}, `本项目的明细已达上限 ${MAX_PROJECT_ITEMS} 条，不能再添加；请合并明细或拆分为多个项目`);
}

const projectJson = (p: { name: string; unitId: number; source: string; category: string; carryover: boolean }) =>
  JSON.stringify({ name: p.name, unitId: p.unitId, source: p.source, category: p.category, carryover: p.carryover });
const itemJson = (i: { functionCode: string; economicCode: string; amount: number; procurement: string | null }) =>
  JSON.stringify({ functionCode: i.functionCode, economicCode: i.economicCode, amount: i.amount, procurement: i.procurement });

export function createProject(
  db: Db,
  actor: Actor,
  input: { budgetId: number; project: ProjectFieldsInput },
): Result<{ version: number; project: ProjectState }> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const parsed = projectSchemas(ctx).project.safeParse(input.project ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  return runEdit(db, actor, ctx.budget.id, (tx, budget, now) => {
    const full = projectCapRefusal(tx, budget.id);
    if (full) return full;
    const row = tx
      .insert(projects)
      .values({ budgetId: budget.id, ...parsed.data, sort: nextSort(tx, projects.sort, projects.budgetId, budget.id), version: 1 })
      .returning()
      .get();
    writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'project.create', entity: 'project', entityId: row.id, newValue: projectJson(row) }, now);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), project: stateOf(tx, row) });
  });
}

export function updateProject(
  db: Db,
  actor: Actor,
  input: { budgetId: number; projectId: number; version: number; changes: Partial<ProjectFieldsInput> },
): Result<{ version: number; project: ProjectState }, ProjectState> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = projectRef.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  const parsed = projectSchemas(ctx).projectPartial.safeParse(input.changes ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const changes = parsed.data;
  const fields = PROJECT_FIELDS.filter((f) => changes[f] !== undefined);
  return runEdit<{ project: ProjectState }, ProjectState>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const p = readProject(tx, budget.id, ref.data.projectId);
    if (!p) return notFound('该项目已被他人删除，请刷新后重试');
    if (p.version !== ref.data.version) return staleProject(tx, p, ctx, fields);
    const set: Partial<ProjectRow> = {};
    for (const f of fields) {
      if (p[f] === changes[f]) continue;
      (set as Record<string, unknown>)[f] = changes[f];
      writeAudit(
        tx,
        { budgetId: budget.id, userId: actor.userId, action: 'project.update', entity: 'project', entityId: p.id, field: f, oldValue: String(p[f]), newValue: String(changes[f]) },
        now,
      );
    }
    if (Object.keys(set).length === 0) return ok({ version: budget.version, project: stateOf(tx, p) });
    const row = tx
      .update(projects)
      .set({ ...set, version: p.version + 1 })
      .where(eq(projects.id, p.id))
      .returning()
      .get()!;
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), project: stateOf(tx, row) });
  });
}

/** Deletes a project with its items and its 绩效目标表 (cascade). */
export function deleteProject(
  db: Db,
  actor: Actor,
  input: { budgetId: number; projectId: number; version: number },
): Result<{ version: number }, ProjectState> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = projectRef.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  return runEdit<object, ProjectState>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const p = readProject(tx, budget.id, ref.data.projectId);
    if (!p) return notFound('该项目已被他人删除，请刷新后重试');
    if (p.version !== ref.data.version) return staleProject(tx, p, ctx);
    const s = stateOf(tx, p);
    const hadForm = tx.select({ id: performanceForms.projectId }).from(performanceForms).where(eq(performanceForms.projectId, p.id)).get() !== undefined;
    tx.delete(projects).where(eq(projects.id, p.id)).run();
    writeAudit(
      tx,
      {
        budgetId: budget.id,
        userId: actor.userId,
        action: 'project.delete',
        entity: 'project',
        entityId: p.id,
        oldValue: JSON.stringify({ ...JSON.parse(projectJson(p)), amount: s.amount, items: s.itemCount, performanceForm: hadForm }),
      },
      now,
    );
    return ok({ version: bumpBudgetVersion(tx, budget.id, now) });
  });
}

export function addProjectItem(
  db: Db,
  actor: Actor,
  input: { budgetId: number; projectId: number; version: number; item: ProjectItemInput },
): Result<{ version: number; project: ProjectState; itemId: number }, ProjectState> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = projectRef.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  const parsed = projectSchemas(ctx).item.safeParse(input.item ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  return runEdit<{ project: ProjectState; itemId: number }, ProjectState>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const p = readProject(tx, budget.id, ref.data.projectId);
    if (!p) return notFound('该项目已被他人删除，请刷新后重试');
    if (p.version !== ref.data.version) return staleProject(tx, p, ctx);
    const full = itemCapRefusal(tx, p.id);
    if (full) return full;
    const item = tx
      .insert(projectItems)
      .values({ projectId: p.id, ...parsed.data, sort: nextSort(tx, projectItems.sort, projectItems.projectId, p.id) })
      .returning()
      .get();
    writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'projectItem.create', entity: 'project_item', entityId: item.id, newValue: itemJson(item), reason: `项目${p.id}` }, now);
    const row = touchProject(tx, p);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), project: stateOf(tx, row), itemId: item.id });
  });
}

function readItem(tx: Tx, projectId: number, itemId: number): ItemRow | undefined {
  return tx
    .select()
    .from(projectItems)
    .where(and(eq(projectItems.id, itemId), eq(projectItems.projectId, projectId)))
    .get();
}

export function updateProjectItem(
  db: Db,
  actor: Actor,
  input: { budgetId: number; projectId: number; itemId: number; version: number; changes: Partial<ProjectItemInput> },
): Result<{ version: number; project: ProjectState }, ProjectState> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = itemRef.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  const parsed = projectSchemas(ctx).itemPartial.safeParse(input.changes ?? {});
  if (!parsed.success) return invalid(fieldErrorsOf(parsed.error));
  const changes = parsed.data;
  return runEdit<{ project: ProjectState }, ProjectState>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const p = readProject(tx, budget.id, ref.data.projectId);
    if (!p) return notFound('该项目已被他人删除，请刷新后重试');
    if (p.version !== ref.data.version) return staleProject(tx, p, ctx);
    const item = readItem(tx, p.id, ref.data.itemId);
    if (!item) return notFound('该明细已被他人删除，请刷新后重试');
    const set: Partial<ItemRow> = {};
    for (const f of ITEM_FIELDS) {
      if (changes[f] === undefined || item[f] === changes[f]) continue;
      (set as Record<string, unknown>)[f] = changes[f];
      writeAudit(
        tx,
        { budgetId: budget.id, userId: actor.userId, action: 'projectItem.update', entity: 'project_item', entityId: item.id, field: f, oldValue: item[f], newValue: changes[f] },
        now,
      );
    }
    if (Object.keys(set).length === 0) return ok({ version: budget.version, project: stateOf(tx, p) });
    tx.update(projectItems).set(set).where(eq(projectItems.id, item.id)).run();
    const row = touchProject(tx, p);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), project: stateOf(tx, row) });
  });
}

export function deleteProjectItem(
  db: Db,
  actor: Actor,
  input: { budgetId: number; projectId: number; itemId: number; version: number },
): Result<{ version: number; project: ProjectState }, ProjectState> {
  const opened = openEdit(db, actor, input?.budgetId);
  if (!opened.ok) return opened;
  const { ctx } = opened;
  const ref = itemRef.safeParse(input);
  if (!ref.success) return invalid(fieldErrorsOf(ref.error));
  return runEdit<{ project: ProjectState }, ProjectState>(db, actor, ctx.budget.id, (tx, budget, now) => {
    const p = readProject(tx, budget.id, ref.data.projectId);
    if (!p) return notFound('该项目已被他人删除，请刷新后重试');
    if (p.version !== ref.data.version) return staleProject(tx, p, ctx);
    const item = readItem(tx, p.id, ref.data.itemId);
    if (!item) return notFound('该明细已被他人删除，请刷新后重试');
    tx.delete(projectItems).where(eq(projectItems.id, item.id)).run();
    writeAudit(tx, { budgetId: budget.id, userId: actor.userId, action: 'projectItem.delete', entity: 'project_item', entityId: item.id, oldValue: itemJson(item), reason: `项目${p.id}` }, now);
    const row = touchProject(tx, p);
    return ok({ version: bumpBudgetVersion(tx, budget.id, now), project: stateOf(tx, row) });
  });
}

/** 三公 economic 款 as they show on a project page. */
const THREE_PUBLIC_CODES: Record<string, string> = {
  '30212': '因公出国（境）费',
  '30217': '公务接待费',
  '30231': '公务用车运行维护费',
  '30913': '公务用车购置',
  '31013': '公务用车购置',
};

interface ProjectSummary {
  amount: Fen;
  threePublic: { code: string; label: string; amount: Fen }[];
  procurement: { kind: ProcurementKind; label: string; amount: Fen }[];
}

/** What a project's items add up to: its amount, its 三公 money and its 政府采购 by kind. */
export function summarizeProjectItems(
  items: { economicCode: string; amount: Fen; procurement: ProcurementKind | null }[],
): ProjectSummary {
  const three = new Map<string, Fen>();
  const proc = new Map<ProcurementKind, Fen>();
  let amount = 0;
  for (const i of items) {
    amount += i.amount;
    if (THREE_PUBLIC_CODES[i.economicCode]) three.set(i.economicCode, (three.get(i.economicCode) ?? 0) + i.amount);
    if (i.procurement) proc.set(i.procurement, (proc.get(i.procurement) ?? 0) + i.amount);
  }
  return {
    amount,
    threePublic: [...three.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, a]) => ({ code, label: THREE_PUBLIC_CODES[code], amount: a })),
    procurement: (['goods', 'works', 'services'] as const)
      .filter((k) => proc.has(k))
      .map((k) => ({ kind: k, label: PROCUREMENT_LABEL[k], amount: proc.get(k)! })),
  };
}
