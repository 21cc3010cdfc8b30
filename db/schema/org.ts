import 'server-only';
import { sqliteTable, integer, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';

/** Who a user is to the app: 经办人 (a department's clerk), 审核人 (finance bureau), 管理员. */
export const USER_ROLES = ['clerk', 'reviewer', 'admin'] as const;

/** 预算年度. Exactly one year is current: the one clerks work on. */
export const fiscalYears = sqliteTable('fiscal_years', {
  year: integer('year').primaryKey(),
  status: text('status', { enum: ['open', 'closed'] }).notNull().default('open'),
  isCurrent: integer('is_current', { mode: 'boolean' }).notNull().default(false),
  /** 报送截止日期 (ISO date, China time), set by the administrator; null: none set. */
  submissionDeadline: text('submission_deadline'),
});

/** 部门, e.g. 054 泽州县人力资源和社会保障局. */
export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    regionName: text('region_name').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [uniqueIndex('departments_code_uq').on(t.code)],
);

/** 预算单位 of a department; its type decides the economic mapping and 机关运行经费. */
export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    name: text('name').notNull(),
    type: text('type', { enum: ['admin', 'civil', 'institution'] }).notNull(),
    sort: integer('sort').notNull().default(0),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('units_department_idx').on(t.departmentId)],
);

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    /** Bumped on sign-out, password change and deactivation: older sessions stop working at once. */
    sessionVersion: integer('session_version').notNull().default(1),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username)],
);

/** Failed sign-ins per user name, for throttling. */
export const signInThrottle = sqliteTable('sign_in_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: integer('last_failure_at').notNull(),
});

/** The region's fixed texts and templates (名词解释, 政府购买服务指导性目录, empty-table note …). */
export const regionTexts = sqliteTable('region_texts', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: integer('updated_at').notNull(),
});
