/**
 * 预算年度: open a year (each active department gets its budget, recurring projects come along as shells, the code
 * books come along when none was imported), close and reopen a year, choose the current year.
 */
import 'server-only';
import { and, asc, count, desc, eq, inArray, lt, ne } from 'drizzle-orm';
import { z } from '../zod';
import type { Db } from '../../db/client';
import {
  basicLines,
  budgetAssets,
  budgets,
  budgetTexts,
  departments,
  deptEconomicCodes,
  economicMappings,
  fiscalYears,
  functionalCodes,
  govEconomicCodes,
  performanceForms,
  priorYearFigures,
  projects,
  units,
  vehicleCounts,
} from '../../db/schema';
import { writeAudit, type Tx } from '../audit';
import { loadBudgetFacts } from '../budget/load';
import { priorFiguresFrom } from '../disclosure/priorFigures';
import { buildTables } from '../disclosure/tables';
import type { BudgetFacts } from '../facts';
import { currentPublication, parseSnapshotFacts, snapshotsOf, snapshotById } from '../publish/snapshots';
import { assertAdmin, type Actor } from '../auth/authorize';
import { formError, parseInput } from './common';

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

const yearField = z.coerce
  .number({ error: '请输入年度' })
  .int({ error: '年度须为整数' })
  .min(MIN_YEAR, { error: `年度须在 ${MIN_YEAR}–${MAX_YEAR} 之间` })
  .max(MAX_YEAR, { error: `年度须在 ${MIN_YEAR}–${MAX_YEAR} 之间` });

interface YearRow {
  year: number;
  status: 'open' | 'closed';
  isCurrent: boolean;
  submissionDeadline: string | null;
  budgetCount: number;
  functionalCodeCount: number;
}

export function listYears(db: Db, actor: Actor): YearRow[] {
  assertAdmin(actor);
  const budgetCounts = new Map(
    db
      .select({ year: budgets.year, n: count() })
      .from(budgets)
      .groupBy(budgets.year)
      .all()
      .map((r) => [r.year, r.n]),
  );
  const codeCounts = new Map(
    db
      .select({ year: functionalCodes.year, n: count() })
      .from(functionalCodes)
      .groupBy(functionalCodes.year)
      .all()
      .map((r) => [r.year, r.n]),
  );
  return db
    .select()
    .from(fiscalYears)
    .orderBy(desc(fiscalYears.year))
    .all()
    .map((y) => ({
      ...y,
      budgetCount: budgetCounts.get(y.year) ?? 0,
      functionalCodeCount: codeCounts.get(y.year) ?? 0,
    }));
}

interface OpenYearResult {
  year: number;
  /** The year the projects and (when needed) the code books were copied from; null for the first year. */
  fromYear: number | null;
  budgetsCreated: number;
  recurringProjectsCopied: number;
  /** Recurring projects left behind because their unit has been deactivated. */
  recurringProjectsSkipped: number;
  /** 基本支出 lines copied from last year's budget as the starting point (active units only). */
  basicLinesCopied: number;
  /** Budgets whose 上年预算数 were filled from last year's decided budget. */
  priorFiguresFilled: number;
  /** Code books copied from an earlier year (those already imported for the new year are kept). */
  codeBooksCopied: { kind: 'functional' | 'deptEconomic' | 'govEconomic' | 'mappings'; fromYear: number; rows: number }[];
  isCurrent: boolean;
}

const openYearSchema = z.object({
  year: yearField,
  makeCurrent: z.boolean().default(false),
});

/**
 * Opens a new budget year: a draft budget for every active department, its recurring projects (performance form
 * attribute 经常性) from the latest earlier year copied as shells (same name, unit, source and category; no items,
 * not carried over; no performance form: the clerk starts it from last year's same-name form, see
 * lib/performance/carryForward.ts), its 部门职责 and 机构设置 texts, its 基本支出 lines (units still active) and 国有资产
 * as the starting point, its 上年预算数 from last year's decided budget (so the text's comparisons need no typing),
 * and each code book not yet imported for the year copied from the latest earlier year.
 */
export function openYear(db: Db, actor: Actor, input: z.input<typeof openYearSchema>): OpenYearResult {
  assertAdmin(actor);
  const { year, makeCurrent } = parseInput(openYearSchema, input);
  const now = Date.now();
  return db.transaction((tx) => {
    if (tx.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get()) {
      formError(`${year} 年度已存在`);
    }
    const from = tx
      .select({ year: fiscalYears.year })
      .from(fiscalYears)
      .where(lt(fiscalYears.year, year))
      .orderBy(desc(fiscalYears.year))
      .get();
    const fromYear = from?.year ?? null;
    const hasCurrent = !!tx.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get();
    const isCurrent = makeCurrent || !hasCurrent;
    if (isCurrent) tx.update(fiscalYears).set({ isCurrent: false }).where(eq(fiscalYears.isCurrent, true)).run();
    tx.insert(fiscalYears).values({ year, status: 'open', isCurrent }).run();

    const result: OpenYearResult = {
      year,
      fromYear,
      budgetsCreated: 0,
      recurringProjectsCopied: 0,
      recurringProjectsSkipped: 0,
      basicLinesCopied: 0,
      priorFiguresFilled: 0,
      codeBooksCopied: copyMissingCodeBooks(tx, year),
      isCurrent,
    };

    const activeDepartments = tx
      .select()
      .from(departments)
      .where(eq(departments.active, true))
      .orderBy(asc(departments.code))
      .all();
    for (const dept of activeDepartments) {
      const existing = tx
        .select({ id: budgets.id })
        .from(budgets)
        .where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, year)))
        .get();
      if (existing) continue;
      const budget = tx
        .insert(budgets)
        .values({ departmentId: dept.id, year, status: 'draft', version: 1, updatedAt: now })
        .returning({ id: budgets.id })
        .get();
      result.budgetsCreated++;
      if (fromYear === null) continue;
      const previous = tx
        .select({ id: budgets.id })
        .from(budgets)
        .where(and(eq(budgets.departmentId, dept.id), eq(budgets.year, fromYear)))
        .get();
      if (!previous) continue;
      const copied = copyRecurringProjects(tx, previous.id, budget.id);
      result.recurringProjectsCopied += copied.copied;
      result.recurringProjectsSkipped += copied.skipped;
      result.basicLinesCopied += copyBasicLines(tx, previous.id, budget.id);
      carryForward(db, tx, previous.id, budget.id);
      result.priorFiguresFilled++;
      const texts = tx.select().from(budgetTexts).where(eq(budgetTexts.budgetId, previous.id)).get();
      if (texts && (texts.duties || texts.organization)) {
        tx.insert(budgetTexts).values({ budgetId: budget.id, duties: texts.duties, organization: texts.organization }).run();
      }
    }

    writeAudit(
      tx,
      {
        userId: actor.userId,
        action: 'year.open',
        entity: 'fiscal_year',
        entityId: year,
        newValue: JSON.stringify({
          fromYear,
          budgetsCreated: result.budgetsCreated,
          recurringProjectsCopied: result.recurringProjectsCopied,
          basicLinesCopied: result.basicLinesCopied,
          priorFiguresFilled: result.priorFiguresFilled,
          codeBooksCopied: result.codeBooksCopied,
          isCurrent,
        }),
      },
      now,
    );
    return result;
  });
}

/**
 * Last year's budget as it was decided: its current public version, else its latest approval, else as it stands
 * (a budget never approved). 上年预算数 are last year's budget figures, not last year's later drafts.
 */
function decidedFacts(db: Db, budgetId: number): BudgetFacts {
  const frozen = currentPublication(db, budgetId) ?? (() => {
    const approved = snapshotsOf(db, budgetId, 'approved').at(-1);
    return approved ? snapshotById(db, approved.id) : null;
  })();
  return frozen ? parseSnapshotFacts(frozen) : loadBudgetFacts(db, budgetId);
}

/**
 * The new budget's 上年预算数 from last year's decided budget (read at the cells the text compares them with,
 * lib/disclosure/priorFigures.ts), and its 国有资产 (vehicles, floor area, devices, as of date) as the starting point.
 */
function carryForward(db: Db, tx: Tx, fromBudgetId: number, toBudgetId: number): void {
  const p = priorFiguresFrom(buildTables(decidedFacts(db, fromBudgetId)));
  tx.insert(priorYearFigures)
    .values({ budgetId: toBudgetId, total: p.total, generalCurrent: p.generalCurrent, runningCosts: p.runningCosts, ...p.threePublic })
    .run();
  const assets = tx.select().from(budgetAssets).where(eq(budgetAssets.budgetId, fromBudgetId)).get();
  if (assets) tx.insert(budgetAssets).values({ ...assets, budgetId: toBudgetId }).run();
  for (const v of tx.select().from(vehicleCounts).where(eq(vehicleCounts.budgetId, fromBudgetId)).all())
    tx.insert(vehicleCounts).values({ ...v, budgetId: toBudgetId }).run();
}

/** Last year's 基本支出 lines of units still active, as the new budget's starting point (amounts included). */
function copyBasicLines(tx: Tx, fromBudgetId: number, toBudgetId: number): number {
  const rows = tx
    .select({ line: basicLines })
    .from(basicLines)
    .innerJoin(units, eq(units.id, basicLines.unitId))
    .where(and(eq(basicLines.budgetId, fromBudgetId), eq(units.active, true)))
    .orderBy(asc(basicLines.sort), asc(basicLines.id))
    .all();
  for (const { line } of rows) {
    const { id: _id, ...rest } = line;
    tx.insert(basicLines).values({ ...rest, budgetId: toBudgetId, version: 1 }).run();
  }
  return rows.length;
}

function copyRecurringProjects(tx: Tx, fromBudgetId: number, toBudgetId: number): { copied: number; skipped: number } {
  const rows = tx
    .select({ project: projects, unitActive: units.active })
    .from(projects)
    .innerJoin(performanceForms, eq(performanceForms.projectId, projects.id))
    .innerJoin(units, eq(units.id, projects.unitId))
    .where(
      and(
        eq(projects.budgetId, fromBudgetId),
        eq(projects.carryover, false),
        eq(performanceForms.attribute, 'recurring'),
      ),
    )
    .orderBy(asc(projects.sort), asc(projects.id))
    .all();
  let copied = 0;
  let skipped = 0;
  for (const { project: p, unitActive } of rows) {
    if (!unitActive) {
      skipped++;
      continue;
    }
    tx.insert(projects)
      .values({
        budgetId: toBudgetId,
        unitId: p.unitId,
        name: p.name,
        source: p.source,
        category: p.category,
        carryover: false,
        sort: p.sort,
      })
      .run();
    copied++;
  }
  return { copied, skipped };
}

/** Copies each code book the year lacks from the latest earlier year that has one. */
function copyMissingCodeBooks(tx: Tx, year: number): OpenYearResult['codeBooksCopied'] {
  const out: OpenYearResult['codeBooksCopied'] = [];
  const latestBefore = (table: typeof functionalCodes | typeof deptEconomicCodes | typeof govEconomicCodes | typeof economicMappings) =>
    tx.select({ year: table.year }).from(table).where(lt(table.year, year)).orderBy(desc(table.year)).get()?.year ?? null;
  const has = (table: typeof functionalCodes | typeof deptEconomicCodes | typeof govEconomicCodes | typeof economicMappings) =>
    !!tx.select({ year: table.year }).from(table).where(eq(table.year, year)).get();

  if (!has(functionalCodes)) {
    const src = latestBefore(functionalCodes);
    if (src !== null) {
      const rows = tx.select().from(functionalCodes).where(eq(functionalCodes.year, src)).all();
      for (const r of rows) tx.insert(functionalCodes).values({ ...r, year }).run();
      out.push({ kind: 'functional', fromYear: src, rows: rows.length });
    }
  }
  if (!has(deptEconomicCodes)) {
    const src = latestBefore(deptEconomicCodes);
    if (src !== null) {
      const rows = tx.select().from(deptEconomicCodes).where(eq(deptEconomicCodes.year, src)).all();
      for (const r of rows) tx.insert(deptEconomicCodes).values({ ...r, year }).run();
      out.push({ kind: 'deptEconomic', fromYear: src, rows: rows.length });
    }
  }
  if (!has(govEconomicCodes)) {
    const src = latestBefore(govEconomicCodes);
    if (src !== null) {
      const rows = tx.select().from(govEconomicCodes).where(eq(govEconomicCodes.year, src)).all();
      for (const r of rows) tx.insert(govEconomicCodes).values({ ...r, year }).run();
      out.push({ kind: 'govEconomic', fromYear: src, rows: rows.length });
    }
  }
  if (!has(economicMappings)) {
    const src = latestBefore(economicMappings);
    if (src !== null) {
      const rows = tx.select().from(economicMappings).where(eq(economicMappings.year, src)).all();
      for (const r of rows) tx.insert(economicMappings).values({ ...r, year }).run();
      out.push({ kind: 'mappings', fromYear: src, rows: rows.length });
    }
  }
  return out;
}

const yearOnly = z.object({ year: yearField });

function existingYear(tx: Tx, year: number) {
  const row = tx.select().from(fiscalYears).where(eq(fiscalYears.year, year)).get();
  if (!row) formError(`${year} 年度不存在`);
  return row;
}

/** Closes a year: its budgets can no longer be edited (lib/budget/access.ts isYearOpen). */
export function closeYear(db: Db, actor: Actor, input: z.input<typeof yearOnly>): void {
  assertAdmin(actor);
  const { year } = parseInput(yearOnly, input);
  db.transaction((tx) => {
    const row = existingYear(tx, year);
    if (row.status === 'closed') formError(`${year} 年度已经关闭`);
    tx.update(fiscalYears).set({ status: 'closed' }).where(eq(fiscalYears.year, year)).run();
    writeAudit(tx, {
      userId: actor.userId,
      action: 'year.close',
      entity: 'fiscal_year',
      entityId: year,
      field: 'status',
      oldValue: 'open',
      newValue: 'closed',
    });
  });
}

/** Reopens a closed year (e.g. for a 预算调整); edits become possible again. */
export function reopenYear(db: Db, actor: Actor, input: z.input<typeof yearOnly>): void {
  assertAdmin(actor);
  const { year } = parseInput(yearOnly, input);
  db.transaction((tx) => {
    const row = existingYear(tx, year);
    if (row.status === 'open') formError(`${year} 年度未关闭`);
    tx.update(fiscalYears).set({ status: 'open' }).where(eq(fiscalYears.year, year)).run();
    writeAudit(tx, {
      userId: actor.userId,
      action: 'year.reopen',
      entity: 'fiscal_year',
      entityId: year,
      field: 'status',
      oldValue: 'closed',
      newValue: 'open',
    });
  });
}

/** Makes a year the current one: the year clerks work on. Exactly one year is current. */
export function setCurrentYear(db: Db, actor: Actor, input: z.input<typeof yearOnly>): void {
  assertAdmin(actor);
  const { year } = parseInput(yearOnly, input);
  db.transaction((tx) => {
    const row = existingYear(tx, year);
    if (row.isCurrent) formError(`${year} 年度已是当前年度`);
    const previous = tx.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get();
    tx.update(fiscalYears).set({ isCurrent: false }).where(ne(fiscalYears.year, year)).run();
    tx.update(fiscalYears).set({ isCurrent: true }).where(eq(fiscalYears.year, year)).run();
    writeAudit(tx, {
      userId: actor.userId,
      action: 'year.set_current',
      entity: 'fiscal_year',
      entityId: year,
      field: 'is_current',
      oldValue: previous?.year ?? null,
      newValue: year,
    });
  });
}

const deadlineSchema = z.object({
  year: yearField,
  deadline: z
    .string({ error: '报送截止日期无效' })
    .trim()
    .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)), {
      error: '报送截止日期须为有效日期，如 2025-01-15',
    }),
});

/**
 * Sets (or, with '', clears) a year's 报送截止日期: clerks whose budget is still being prepared are reminded from
 * three days before (lib/notices.ts), and the desk marks departments past it.
 */
export function setSubmissionDeadline(db: Db, actor: Actor, input: z.input<typeof deadlineSchema>): void {
  assertAdmin(actor);
  const { year, deadline } = parseInput(deadlineSchema, input);
  db.transaction((tx) => {
    const row = existingYear(tx, year);
    const next = deadline || null;
    if ((row.submissionDeadline ?? null) === next) return;
    tx.update(fiscalYears).set({ submissionDeadline: next }).where(eq(fiscalYears.year, year)).run();
    writeAudit(tx, {
      userId: actor.userId,
      action: 'year.deadline',
      entity: 'fiscal_year',
      entityId: year,
      field: 'submission_deadline',
      oldValue: row.submissionDeadline ?? null,
      newValue: next,
    });
  });
}

/** Open years from the current one on (new departments get a budget in each); all open years when none is current. */
export function yearsNeedingBudgets(tx: Tx): number[] {
  const current = tx.select().from(fiscalYears).where(eq(fiscalYears.isCurrent, true)).get();
  const open = tx.select().from(fiscalYears).where(eq(fiscalYears.status, 'open')).all();
  return open.filter((y) => !current || y.year >= current.year).map((y) => y.year);
}

/** Creates the department's missing budgets for the given years; returns how many were created. */
export function ensureBudgets(tx: Tx, departmentId: number, years: number[], now = Date.now()): number {
  if (years.length === 0) return 0;
  const have = new Set(
    tx
      .select({ year: budgets.year })
      .from(budgets)
      .where(and(eq(budgets.departmentId, departmentId), inArray(budgets.year, years)))
      .all()
      .map((r) => r.year),
  );
  let created = 0;
  for (const year of years) {
    if (have.has(year)) continue;
    tx.insert(budgets).values({ departmentId, year, status: 'draft', version: 1, updatedAt: now }).run();
    created++;
  }
  return created;
}
