import 'server-only';
import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';
import { projects } from './budget';

const fen = (name: string) => integer(name).notNull().default(0);

/** 项目支出绩效目标表, one per project. 项目名称/实施单位 come from the project, never stored twice. */
export const performanceForms = sqliteTable('performance_forms', {
  projectId: integer('project_id')
    .primaryKey()
    .references(() => projects.id, { onDelete: 'cascade' }),
  attribute: text('attribute', { enum: ['recurring', 'oneOff'] }).notNull(),
  periodYears: integer('period_years').notNull(),
  totalAmount: fen('total_amount'),
  totalCentral: fen('total_central'),
  totalProvincial: fen('total_provincial'),
  totalLocal: fen('total_local'),
  totalSelfRaised: fen('total_self_raised'),
  totalOther: fen('total_other'),
  annualAmount: fen('annual_amount'),
  annualCentral: fen('annual_central'),
  annualProvincial: fen('annual_provincial'),
  annualLocal: fen('annual_local'),
  annualSelfRaised: fen('annual_self_raised'),
  annualOther: fen('annual_other'),
  overview: text('overview').notNull().default(''),
  basis: text('basis').notNull().default(''),
  necessity: text('necessity').notNull().default(''),
  measures: text('measures').notNull().default(''),
  plan: text('plan').notNull().default(''),
  goalTotal: text('goal_total').notNull().default(''),
  goalAnnual: text('goal_annual').notNull().default(''),
  manager: text('manager').notNull().default(''),
  handler: text('handler').notNull().default(''),
  phone: text('phone').notNull().default(''),
  filledAt: text('filled_at').notNull().default(''),
  version: integer('version').notNull().default(1),
});

export const performanceIndicators = sqliteTable(
  'performance_indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    projectId: integer('project_id')
      .notNull()
      .references(() => performanceForms.projectId, { onDelete: 'cascade' }),
    period: text('period', { enum: ['total', 'annual'] }).notNull(),
    level1: text('level1').notNull(),
    level2: text('level2').notNull(),
    name: text('name').notNull(),
    value: text('value').notNull().default(''),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [index('performance_indicators_project_idx').on(t.projectId)],
);
