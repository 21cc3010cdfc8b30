import 'server-only';
import { sqliteTable, integer, text, primaryKey } from 'drizzle-orm/sqlite-core';

/** 支出功能分类 per year: 类 (3 digits), 款 (5), 项 (7). */
export const functionalCodes = sqliteTable(
  'functional_codes',
  {
    year: integer('year').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: integer('level').notNull(), // 1 类, 2 款, 3 项
    parent: text('parent'),
  },
  (t) => [primaryKey({ columns: [t.year, t.code] })],
);

/** 部门预算支出经济分类 per year: 类 (3), 款 (5), with the 基本支出 bucket. */
export const deptEconomicCodes = sqliteTable(
  'dept_economic_codes',
  {
    year: integer('year').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: integer('level').notNull(),
    parent: text('parent'),
    bucket: text('bucket', { enum: ['personnel', 'public'] }),
  },
  (t) => [primaryKey({ columns: [t.year, t.code] })],
);

/** 政府预算支出经济分类 per year. */
export const govEconomicCodes = sqliteTable(
  'gov_economic_codes',
  {
    year: integer('year').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    level: integer('level').notNull(),
    parent: text('parent'),
  },
  (t) => [primaryKey({ columns: [t.year, t.code] })],
);

/** 部门经济 款 → 政府经济 款, by unit type (行政/参公 vs 事业). */
export const economicMappings = sqliteTable(
  'economic_mappings',
  {
    year: integer('year').notNull(),
    deptCode: text('dept_code').notNull(),
    govCodeAdmin: text('gov_code_admin').notNull(),
    govCodeInstitution: text('gov_code_institution').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.deptCode] })],
);
