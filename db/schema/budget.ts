import 'server-only';
import { sqliteTable, integer, text, primaryKey, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { departments, units, users } from './org';

export const BUDGET_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;

/** One department's budget for one year; `version` increases on every change (optimistic concurrency). */
export const budgets = sqliteTable(
  'budgets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    status: text('status', { enum: BUDGET_STATUSES }).notNull().default('draft'),
    version: integer('version').notNull().default(1),
    updatedAt: integer('updated_at').notNull(),
    approvedAt: integer('approved_at'),
  },
  (t) => [uniqueIndex('budgets_department_year_uq').on(t.departmentId, t.year)],
);

const fundSource = (name: string) =>
  text(name, { enum: ['general', 'fund', 'capital', 'special', 'unit'] }).notNull();

/** 收入 by fund source: this year's and 上年结转, in 分. */
export const incomeEntries = sqliteTable(
  'income_entries',
  {
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    source: fundSource('source'),
    current: integer('current').notNull().default(0),
    carryover: integer('carryover').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.source] })],
);

/** 基本支出 line: unit × 功能 项 × 部门经济 款 × fund source, in 分. */
export const basicLines = sqliteTable(
  'basic_lines',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    functionCode: text('function_code').notNull(),
    economicCode: text('economic_code').notNull(),
    /** Set only where the mapping allows a choice; otherwise the mapping for the unit type applies. */
    govEconomicOverride: text('gov_economic_override'),
    source: fundSource('source'),
    amount: integer('amount').notNull(),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  // a budget's lines in their order, read by every facts load without a sort
  (t) => [index('basic_lines_budget_sort_idx').on(t.budgetId, t.sort, t.id)],
);

/** 项目支出. Its amount is the sum of its items. */
export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    source: fundSource('source'),
    category: text('category', { enum: ['operating', 'specific'] }).notNull(),
    carryover: integer('carryover', { mode: 'boolean' }).notNull().default(false),
    sort: integer('sort').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('projects_budget_idx').on(t.budgetId)],
);

export const projectItems = sqliteTable(
  'project_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    functionCode: text('function_code').notNull(),
    economicCode: text('economic_code').notNull(),
    amount: integer('amount').notNull(),
    procurement: text('procurement', { enum: ['goods', 'works', 'services'] }),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('project_items_project_idx').on(t.projectId)],
);

/** 预算控制数 handed down by the finance bureau: 一般公共预算 this year, per department and year. */
export const controlFigures = sqliteTable(
  'control_figures',
  {
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    year: integer('year').notNull(),
    amount: integer('amount').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.year] })],
);

/** 上年预算 figures the text compares against. */
export const priorYearFigures = sqliteTable('prior_year_figures', {
  budgetId: integer('budget_id')
    .primaryKey()
    .references(() => budgets.id, { onDelete: 'cascade' }),
  total: integer('total').notNull().default(0),
  generalCurrent: integer('general_current').notNull().default(0),
  abroad: integer('abroad').notNull().default(0),
  reception: integer('reception').notNull().default(0),
  vehiclePurchase: integer('vehicle_purchase').notNull().default(0),
  vehicleOperation: integer('vehicle_operation').notNull().default(0),
  runningCosts: integer('running_costs').notNull().default(0),
});

/** Descriptions and reasons typed by people for the explanatory text. */
export const budgetTexts = sqliteTable('budget_texts', {
  budgetId: integer('budget_id')
    .primaryKey()
    .references(() => budgets.id, { onDelete: 'cascade' }),
  duties: text('duties').notNull().default(''),
  organization: text('organization').notNull().default(''),
  reasonTotalChange: text('reason_total_change').notNull().default(''),
  reasonGeneralChange: text('reason_general_change').notNull().default(''),
  reasonThreePublicChange: text('reason_three_public_change').notNull().default(''),
  reasonRunningCostsChange: text('reason_running_costs_change').notNull().default(''),
  purchaseOfServices: text('purchase_of_services').notNull().default(''),
  otherNotes: text('other_notes').notNull().default(''),
});

/** 国有资产占有使用情况. */
export const budgetAssets = sqliteTable('budget_assets', {
  budgetId: integer('budget_id')
    .primaryKey()
    .references(() => budgets.id, { onDelete: 'cascade' }),
  asOf: text('as_of').notNull(),
  officeAreaCentiSqm: integer('office_area_centi_sqm').notNull().default(0),
  devicesOver500k: integer('devices_over_500k').notNull().default(0),
  devicesOver1m: integer('devices_over_1m').notNull().default(0),
});

export const vehicleCounts = sqliteTable(
  'vehicle_counts',
  {
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    establishment: integer('establishment').notNull().default(0),
    actual: integer('actual').notNull().default(0),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.category] })],
);

/** A clerk's written explanation of a warning finding (required before submission). */
export const findingExplanations = sqliteTable(
  'finding_explanations',
  {
    budgetId: integer('budget_id')
      .notNull()
      .references(() => budgets.id, { onDelete: 'cascade' }),
    ruleId: text('rule_id').notNull(),
    locationKey: text('location_key').notNull(),
    text: text('text').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.ruleId, t.locationKey] })],
);
