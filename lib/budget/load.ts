/** Read a budget's facts from the database: the one input of every table, text, chart and finding. */
import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  basicLines,
  budgetAssets,
  budgetTexts,
  budgets,
  departments,
  incomeEntries,
  performanceForms,
  performanceIndicators,
  priorYearFigures,
  projectItems,
  projects,
  units,
  vehicleCounts,
} from '../../db/schema';
import { FUND_SOURCES, type BasicLine, type BudgetFacts, type FundSource, type IncomeEntry, type Project, type UnitType } from '../facts';
import type { PerformanceForm } from '../performance/form';
import { govEconomicFor, loadYearCodes, type YearCodes } from '../codebook/store';

/**
 * The budget's facts, read in one snapshot (a read transaction, so a save committed by another worker meanwhile is
 * either wholly in or wholly out). What comes from the budget's own tables is kept per connection, keyed by
 * `budgets.version`, which every edit bumps in its own transaction (lib/budget/edit/common.ts); the department, its
 * units and the year's code books are read on every call, and the lines' 政府经济 款 is derived again when the
 * mapping or a unit's type changed. Inside a transaction (a write deciding on the facts) nothing is taken from or
 * put into the cache. The returned lines, projects, forms and sections are frozen: they may be shared by the next
 * reader.
 */
export function loadBudgetFacts(db: Db, budgetId: number): BudgetFacts {
  const client = db.$client;
  if (client.inTransaction) return readFacts(db, budgetId, null);
  return client.transaction(() => readFacts(db, budgetId, budgetCache(db))).deferred();
}

/** What a facts load reads from the budget's own tables: unchanged while `budgets.version` is. */
interface OwnFacts {
  version: number;
  income: readonly IncomeEntry[];
  /** Lines as read, with the 政府经济 款 derived under `derivedUnder`; `overrides[i]` is line i's stored override. */
  lines: readonly BasicLine[];
  overrides: readonly (string | null)[];
  derivedUnder: string;
  projects: readonly Project[];
  prior: BudgetFacts['prior'];
  assets: BudgetFacts['assets'];
  text: BudgetFacts['text'];
  forms: readonly PerformanceForm[];
  /** Rows held, for the cache's bound. */
  weight: number;
}

function readFacts(db: Db, budgetId: number, cache: BudgetCache | null): BudgetFacts {
  const q = reads(db);
  const budget = q.budget.get({ budget: budgetId });
  if (!budget) throw new Error(`budget ${budgetId} not found`);
  const dept = q.department.get({ department: budget.departmentId })!;
  const codes = loadYearCodes(db, budget.year);
  const unitRows = q.units.all({ department: dept.id });
  const unitType = new Map(unitRows.map((u) => [u.id, u.type]));
  const derivation = derivationKey(codes, unitRows);

  let own = cache?.get(budgetId);
  if (!own || own.version !== budget.version) {
    own = readOwnFacts(db, budgetId, budget.version, budget.year, codes, unitType, derivation);
    cache?.set(budgetId, own);
  } else if (own.derivedUnder !== derivation) {
    // the mapping or a unit's type changed since: the same lines, their 政府经济 款 derived again
    const overrides = own.overrides;
    const lines = own.lines.map((l, i) =>
      Object.freeze({ ...l, govEconomicCode: overrides[i] ?? govEconomicFor(codes, l.economicCode, unitType.get(l.unitId) ?? 'admin') }),
    );
    own = { ...own, lines: Object.freeze(lines), derivedUnder: derivation };
    cache?.set(budgetId, own);
  }

  return {
    year: budget.year,
    department: { code: dept.code, name: dept.name, regionName: dept.regionName },
    units: unitRows.map((u) => ({ id: u.id, name: u.name, type: u.type, sort: u.sort })),
    income: own.income as IncomeEntry[],
    basicLines: own.lines as BasicLine[],
    projects: own.projects as Project[],
    prior: own.prior,
    assets: own.assets,
    text: own.text,
    codes: codes.book,
    forms: own.forms as PerformanceForm[],
  };
}

/** What the lines' derived 政府经济 款 depends on besides the lines: the year's mapping and the units' types. */
function derivationKey(codes: YearCodes, unitRows: readonly { id: number; type: string }[]): string {
  let k = '';
  for (const u of unitRows) k += `${u.id}:${u.type},`;
  k += '|';
  for (const [dept, m] of codes.mapping) k += `${dept}>${m.admin}/${m.institution},`;
  return k;
}

function readOwnFacts(
  db: Db,
  budgetId: number,
  version: number,
  year: number,
  codes: YearCodes,
  unitType: ReadonlyMap<number, UnitType>,
  derivation: string,
): OwnFacts {
  const q = reads(db);
  const incomeRows = q.income.all({ budget: budgetId });
  const income: IncomeEntry[] = FUND_SOURCES.map((source) => {
    const r = incomeRows.find((x) => x.source === source);
    return Object.freeze({ source, current: r?.current ?? 0, carryover: r?.carryover ?? 0 });
  });

  const rows = q.lines.values({ budget: budgetId }) as LineRow[];
  const lines: BasicLine[] = new Array(rows.length);
  const overrides: (string | null)[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [id, unitId, functionCode, economicCode, override, source, amount] = rows[i];
    overrides[i] = override;
    lines[i] = Object.freeze({
      id,
      unitId,
      functionCode,
      economicCode,
      govEconomicCode: override ?? govEconomicFor(codes, economicCode, unitType.get(unitId) ?? 'admin'),
      source,
      amount,
    });
  }

  const projectRows = q.projects.all({ budget: budgetId });
  const projectIds = projectRows.map((p) => p.id);
  const itemsByProject = new Map<number, Project['items']>();
  const itemRows = q.items.values({ budget: budgetId }) as ItemRow[];
  for (const [projectId, id, functionCode, economicCode, amount, procurement] of itemRows) {
    const list = itemsByProject.get(projectId) ?? [];
    list.push(Object.freeze({ id, functionCode, economicCode, amount, procurement: procurement ?? null }));
    itemsByProject.set(projectId, list);
  }
  const projectFacts: Project[] = projectRows.map((p) =>
    Object.freeze({
      id: p.id,
      name: p.name,
      unitId: p.unitId,
      source: p.source,
      category: p.category,
      carryover: p.carryover,
      sort: p.sort,
      items: Object.freeze(itemsByProject.get(p.id) ?? []) as Project['items'],
    }),
  );

  const prior = q.prior.get({ budget: budgetId });
  const text = q.text.get({ budget: budgetId });
  const assets = q.assets.get({ budget: budgetId });
  const vehicles = q.vehicles.all({ budget: budgetId });
  const forms = loadForms(db, budgetId, projectIds);

  return {
    version,
    income: Object.freeze(income),
    lines: Object.freeze(lines),
    overrides,
    derivedUnder: derivation,
    projects: Object.freeze(projectFacts),
    prior: deepFreeze({
      total: prior?.total ?? 0,
      generalCurrent: prior?.generalCurrent ?? 0,
      threePublic: {
        abroad: prior?.abroad ?? 0,
        reception: prior?.reception ?? 0,
        vehiclePurchase: prior?.vehiclePurchase ?? 0,
        vehicleOperation: prior?.vehicleOperation ?? 0,
      },
      runningCosts: prior?.runningCosts ?? 0,
    }),
    assets: deepFreeze({
      asOf: assets?.asOf ?? `${year - 1}-12-31`,
      vehicles: vehicles.map((v) => ({ category: v.category, establishment: v.establishment, actual: v.actual })),
      officeAreaCentiSqm: assets?.officeAreaCentiSqm ?? 0,
      devicesOver500k: assets?.devicesOver500k ?? 0,
      devicesOver1m: assets?.devicesOver1m ?? 0,
    }),
    text: Object.freeze({
      duties: text?.duties ?? '',
      organization: text?.organization ?? '',
      reasonTotalChange: text?.reasonTotalChange ?? '',
      reasonGeneralChange: text?.reasonGeneralChange ?? '',
      reasonThreePublicChange: text?.reasonThreePublicChange ?? '',
      reasonRunningCostsChange: text?.reasonRunningCostsChange ?? '',
      purchaseOfServices: text?.purchaseOfServices ?? '',
      otherNotes: text?.otherNotes ?? '',
    }),
    forms: Object.freeze(forms.map(deepFreeze)),
    weight: 1 + lines.length + itemRows.length + vehicles.length + forms.reduce((n, f) => n + 1 + f.indicators.length, 0),
  };
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

/**
 * Per connection, the budgets' own facts last read, least recently used first; bounded by the rows they hold
 * (≈ 150 bytes a line: 60,000 rows ≈ 9 MB of the 256 MiB heap, e.g. a dozen 5,000-line budgets).
 */
const CACHE_ROWS = 60_000;
class BudgetCache {
  private entries = new Map<number, OwnFacts>();
  private rows = 0;
  get(budgetId: number): OwnFacts | undefined {
    const e = this.entries.get(budgetId);
    if (e) {
      this.entries.delete(budgetId);
      this.entries.set(budgetId, e);
    }
    return e;
  }
  set(budgetId: number, e: OwnFacts): void {
    const old = this.entries.get(budgetId);
    if (old) {
      this.rows -= old.weight;
      this.entries.delete(budgetId);
    }
    if (e.weight > CACHE_ROWS) return;
    this.entries.set(budgetId, e);
    this.rows += e.weight;
    for (const [id, x] of this.entries) {
      if (this.rows <= CACHE_ROWS) break;
      this.entries.delete(id);
      this.rows -= x.weight;
    }
  }
}
const budgetCaches = new WeakMap<Db, BudgetCache>();
function budgetCache(db: Db): BudgetCache {
  let c = budgetCaches.get(db);
  if (!c) budgetCaches.set(db, (c = new BudgetCache()));
  return c;
}

function loadForms(db: Db, budgetId: number, projectIds: number[]): PerformanceForm[] {
  if (projectIds.length === 0) return [];
  const forms = reads(db).forms.all({ budget: budgetId }).map((r) => r.form);
  const order = new Map(projectIds.map((id, i) => [id, i]));
  const byProject = new Map<number, PerformanceForm['indicators']>();
  for (const [projectId, period, level1, level2, name, value, sort] of reads(db).indicators.values({ budget: budgetId }) as IndicatorRow[]) {
    const list = byProject.get(projectId) ?? [];
    list.push({ period, level1, level2, name, value, sort });
    byProject.set(projectId, list);
  }
  return forms
    .sort((a, b) => order.get(a.projectId)! - order.get(b.projectId)!)
    .map((f) => formFromRow(f, byProject.get(f.projectId) ?? []));
}

/** Indicators in their printed order: 实施期 rows, then 年度 rows, each by position. */
export const INDICATOR_ORDER = [
  sql`case ${performanceIndicators.period} when 'total' then 0 else 1 end`,
  asc(performanceIndicators.sort),
  asc(performanceIndicators.id),
];

type LineRow = [number, number, string, string, string | null, FundSource, number];
type ItemRow = [number, number, string, string, number, Project['items'][number]['procurement'] | null];
type IndicatorRow = [number, 'total' | 'annual', string, string, string, string, number];

/**
 * The reads of a facts load, prepared once per connection (building and preparing the SQL cost more than running it
 * for the small ones). The many-row reads (basic lines, project items, indicators) come back as arrays (drizzle's
 * `.values()`: every column there is an integer or text, which needs no decoding) and are mapped by position above.
 * For a 5,000-line budget the rows themselves are then most of the load (`npm run bench -- sql`).
 */
function prepareReads(db: Db) {
  const budget = sql.placeholder('budget');
  const department = sql.placeholder('department');
  return {
    budget: db.select().from(budgets).where(eq(budgets.id, budget)).prepare(),
    department: db.select().from(departments).where(eq(departments.id, department)).prepare(),
    units: db.select().from(units).where(eq(units.departmentId, department)).orderBy(asc(units.sort), asc(units.id)).prepare(),
    income: db.select().from(incomeEntries).where(eq(incomeEntries.budgetId, budget)).prepare(),
    projects: db.select().from(projects).where(eq(projects.budgetId, budget)).orderBy(asc(projects.sort), asc(projects.id)).prepare(),
    prior: db.select().from(priorYearFigures).where(eq(priorYearFigures.budgetId, budget)).prepare(),
    text: db.select().from(budgetTexts).where(eq(budgetTexts.budgetId, budget)).prepare(),
    assets: db.select().from(budgetAssets).where(eq(budgetAssets.budgetId, budget)).prepare(),
    vehicles: db.select().from(vehicleCounts).where(eq(vehicleCounts.budgetId, budget)).orderBy(asc(vehicleCounts.sort)).prepare(),
    lines: db
      .select({
        id: basicLines.id,
        unitId: basicLines.unitId,
        functionCode: basicLines.functionCode,
        economicCode: basicLines.economicCode,
        override: basicLines.govEconomicOverride,
        source: basicLines.source,
        amount: basicLines.amount,
      })
      .from(basicLines)
      .where(eq(basicLines.budgetId, budget))
      .orderBy(asc(basicLines.sort), asc(basicLines.id))
      .prepare(),
    items: db
      .select({
        projectId: projectItems.projectId,
        id: projectItems.id,
        functionCode: projectItems.functionCode,
        economicCode: projectItems.economicCode,
        amount: projectItems.amount,
        procurement: projectItems.procurement,
      })
      .from(projectItems)
      .innerJoin(projects, eq(projects.id, projectItems.projectId))
      .where(eq(projects.budgetId, budget))
      .orderBy(asc(projectItems.sort), asc(projectItems.id))
      .prepare(),
    indicators: db
      .select({
        projectId: performanceIndicators.projectId,
        period: performanceIndicators.period,
        level1: performanceIndicators.level1,
        level2: performanceIndicators.level2,
        name: performanceIndicators.name,
        value: performanceIndicators.value,
        sort: performanceIndicators.sort,
      })
      .from(performanceIndicators)
      .innerJoin(projects, eq(projects.id, performanceIndicators.projectId))
      .where(eq(projects.budgetId, budget))
      .orderBy(...INDICATOR_ORDER)
      .prepare(),
    forms: db
      .select({ form: performanceForms })
      .from(performanceForms)
      .innerJoin(projects, eq(projects.id, performanceForms.projectId))
      .where(eq(projects.budgetId, budget))
      .prepare(),
  };
}

const preparedReads = new WeakMap<Db, ReturnType<typeof prepareReads>>();
function reads(db: Db): ReturnType<typeof prepareReads> {
  let r = preparedReads.get(db);
  if (!r) preparedReads.set(db, (r = prepareReads(db)));
  return r;
}

/** A stored form row and its indicators as the PerformanceForm fact. */
export function formFromRow(
  f: typeof performanceForms.$inferSelect,
  indicators: PerformanceForm['indicators'],
): PerformanceForm {
  return {
    projectId: f.projectId,
    attribute: f.attribute,
    periodYears: f.periodYears,
    fundingTotal: {
      total: f.totalAmount,
      central: f.totalCentral,
      provincial: f.totalProvincial,
      local: f.totalLocal,
      selfRaised: f.totalSelfRaised,
      other: f.totalOther,
    },
    fundingAnnual: {
      total: f.annualAmount,
      central: f.annualCentral,
      provincial: f.annualProvincial,
      local: f.annualLocal,
      selfRaised: f.annualSelfRaised,
      other: f.annualOther,
    },
    overview: f.overview,
    basis: f.basis,
    necessity: f.necessity,
    measures: f.measures,
    plan: f.plan,
    goalTotal: f.goalTotal,
    goalAnnual: f.goalAnnual,
    indicators,
    manager: f.manager,
    handler: f.handler,
    phone: f.phone,
    filledAt: f.filledAt,
  };
}
