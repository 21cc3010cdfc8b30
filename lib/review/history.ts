/**
 * A budget's history: every change from the append-only audit log (field, old → new, who, when), filterable by
 * action, user and date and paginated; the administrative changes that affect it; the workflow's status changes; and
 * the frozen versions (snapshots). Also the administration's own log. `auditText.ts` reads the rows in words.
 */
import 'server-only';
import { and, asc, count, desc, eq, gte, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, budgets, departments, units, users } from '../../db/schema';
import type { AuditAction } from '../audit';
import { assertAdmin, canReadBudget, type Actor, type BudgetStatus, BUDGET_STATUS_LABEL } from '../auth/authorize';
import { formatYuanExact } from '../money';
import { snapshotById, snapshotsOf, type SnapshotMeta, type SnapshotRow } from '../publish/snapshots';

const HISTORY_PAGE_SIZE = 50;

const dateTime = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Shanghai' });
/** When something happened, as every review and history page shows it (China time, whatever the server's zone). */
export const formatDateTime = (t: number): string => dateTime.format(t);

const ACTION_LABEL: Record<AuditAction, string> = {
  'line.create': '新增基本支出行',
  'line.update': '修改基本支出行',
  'line.delete': '删除基本支出行',
  'line.duplicate': '复制基本支出行',
  'lines.import': '导入基本支出',
  'project.create': '新增项目',
  'project.update': '修改项目',
  'project.delete': '删除项目',
  'projectItem.create': '新增项目明细',
  'projectItem.update': '修改项目明细',
  'projectItem.delete': '删除项目明细',
  'income.update': '修改收入',
  'prior.update': '修改上年预算数',
  'text.update': '修改说明文字',
  'assets.update': '修改资产情况',
  'form.create': '新建绩效目标表',
  'form.update': '修改绩效目标表',
  'explanation.save': '填写警告说明',
  'comment.add': '提出审核意见',
  'comment.reply': '答复审核意见',
  'comment.resolve': '审核意见已解决',
  'budget.submit': '报送',
  'budget.withdraw': '撤回报送',
  'budget.return': '退回修改',
  'budget.approve': '批复',
  'budget.publish': '公开',
  'budget.correct': '更正公开',
  'budget.reopen': '重新打开修订',
  'year.open': '开启年度',
  'year.close': '关闭年度',
  'year.reopen': '重新开启年度',
  'year.set_current': '设为当前年度',
  'year.deadline': '设置报送截止日期',
  'department.create': '新增部门',
  'department.update': '修改部门',
  'department.deactivate': '停用部门',
  'department.reactivate': '启用部门',
  'unit.create': '新增单位',
  'unit.update': '修改单位',
  'unit.deactivate': '停用单位',
  'unit.reactivate': '启用单位',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.deactivate': '停用用户',
  'user.reactivate': '启用用户',
  'user.reset_password': '重置密码',
  'user.change_password': '修改本人密码',
  'codebook.import': '导入科目',
  'codebook.mapping': '修改经济科目对照',
  'control_figure.set': '设置控制数',
  'region_text.update': '修改地区固定文本',
};

const FIELD_LABEL: Record<string, string> = {
  status: '状态',
  amount: '金额',
  unitId: '单位',
  functionCode: '功能分类科目',
  economicCode: '部门经济分类科目',
  govEconomicOverride: '政府经济分类科目',
  source: '资金来源',
  name: '名称',
  category: '项目类别',
  carryover: '上年结转',
  procurement: '政府采购',
  explanation: '说明',
  resolved: '处理状态',
  active: '状态',
  role: '角色',
  displayName: '姓名',
  username: '账号',
  departmentId: '所属部门',
  code: '编码',
  regionName: '地区',
  is_current: '当前年度',
  submission_deadline: '报送截止日期',
  type: '单位类型',
};


// a stored row's action is a string: one older than AUDIT_ACTIONS reads as itself
export const actionLabel = (a: string): string => (ACTION_LABEL as Partial<Record<string, string>>)[a] ?? a;
export const fieldLabel = (f: string | null): string => (f === null ? '' : (FIELD_LABEL[f] ?? f));

/** Status values in the log read as their Chinese labels. */
export function valueLabel(field: string | null, v: string | null): string {
  if (v === null) return '';
  if (field === 'status' && v in BUDGET_STATUS_LABEL) return BUDGET_STATUS_LABEL[v as BudgetStatus];
  // amounts are logged in 分
  if (field === 'amount' && /^-?\d{1,15}$/.test(v)) return `${formatYuanExact(Number(v))} 元`;
  return v;
}

export interface HistoryFilter {
  action?: string;
  userId?: number;
  /** `YYYY-MM-DD`, inclusive, China Standard Time. */
  from?: string;
  /** `YYYY-MM-DD`, inclusive, China Standard Time. */
  to?: string;
  page?: number;
}

export interface AuditRow {
  id: number;
  action: string;
  entity: string;
  entityId: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  reason: string | null;
  userId: number | null;
  userName: string | null;
  createdAt: number;
}

interface HistoryPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageCount: number;
  /** For the filters: the actions and users that occur in this budget's log. */
  actions: string[];
  users: { id: number; name: string }[];
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Midnight (China Standard Time, UTC+8) of a `YYYY-MM-DD`, as epoch ms; null when malformed. */
export function cstMidnight(s: string | undefined): number | null {
  const m = s ? DATE_RE.exec(s) : null;
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600_000;
  return Number.isFinite(t) ? t : null;
}

const auditColumns = {
  id: auditLog.id,
  action: auditLog.action,
  entity: auditLog.entity,
  entityId: auditLog.entityId,
  field: auditLog.field,
  oldValue: auditLog.oldValue,
  newValue: auditLog.newValue,
  reason: auditLog.reason,
  userId: auditLog.userId,
  userName: users.displayName,
  createdAt: auditLog.createdAt,
};

function readable(db: Db, actor: Actor, budgetId: number): boolean {
  const b = db.select({ departmentId: budgets.departmentId }).from(budgets).where(eq(budgets.id, budgetId)).get();
  return Boolean(b && canReadBudget(actor, b));
}

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The history filters of a page's query string (`action`, `user`, `from`, `to`, `page`); anything malformed is ignored. */
export function parseHistoryFilter(sp: Search): HistoryFilter {
  const action = one(sp.action);
  const user = one(sp.user);
  const from = one(sp.from);
  const to = one(sp.to);
  const page = one(sp.page);
  return {
    action: action && /^[a-zA-Z_.*]{1,60}$/.test(action) ? action : undefined,
    userId: user && /^\d{1,9}$/.test(user) ? Number(user) : undefined,
    from: from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : undefined,
    to: to && /^\d{4}-\d{2}-\d{2}$/.test(to) ? to : undefined,
    page: page && /^\d{1,6}$/.test(page) ? Number(page) : 1,
  };
}

/** The filter as a query string (for links and the export), without the page unless asked. */
export function historyQuery(f: HistoryFilter, page?: number): string {
  const q = new URLSearchParams();
  if (f.action) q.set('action', f.action);
  if (f.userId) q.set('user', String(f.userId));
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (page && page > 1) q.set('page', String(page));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The filter in words, for an export's heading: what it holds and how many of how many rows. */
export function historyScope(f: HistoryFilter, page: Pick<HistoryPage, 'rows' | 'total' | 'users'>): string {
  const parts = [
    f.action ? `操作：${f.action === 'budget.*' ? '审核流程' : f.action === 'comment.*' ? '审核意见' : actionLabel(f.action)}` : '',
    f.userId ? `操作人：${page.users.find((u) => u.id === f.userId)?.name ?? f.userId}` : '',
    f.from ? `自 ${f.from}` : '',
    f.to ? `至 ${f.to}` : '',
  ].filter(Boolean);
  const count = page.rows.length < page.total ? `共 ${page.total} 条，导出最新 ${page.rows.length} 条` : `共 ${page.total} 条`;
  return `${parts.length ? parts.join('，') : '全部记录'}；${count}（导出时间 ${formatDateTime(Date.now())}）`;
}

/** The most rows one export holds (a budget's log after a few whole-budget imports is in the tens of thousands). */
export const HISTORY_EXPORT_MAX = 20_000;

/** One page of a log (`scope`: which rows), newest first, filtered; with the actions and people of the scope. */
function auditPage(db: Db, scope: SQL, filter: HistoryFilter, pageSize: number): HistoryPage {
  const conds: SQL[] = [scope];
  if (filter.action) conds.push(filter.action.endsWith('.*') ? like(auditLog.action, `${filter.action.slice(0, -1)}%`) : eq(auditLog.action, filter.action));
  if (filter.userId) conds.push(eq(auditLog.userId, filter.userId));
  const from = cstMidnight(filter.from);
  const to = cstMidnight(filter.to);
  if (from !== null) conds.push(gte(auditLog.createdAt, from));
  if (to !== null) conds.push(lt(auditLog.createdAt, to + 86_400_000));
  const where = and(...conds);
  const total = db.select({ n: count() }).from(auditLog).where(where).get()!.n;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const rows = db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  const actions = db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(scope)
    .orderBy(asc(auditLog.action))
    .all()
    .map((r) => r.action);
  const people = db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .where(scope)
    .orderBy(asc(users.id))
    .all();
  return { rows, total, page, pageCount, actions, users: people };
}

/** One page of the budget's audit log, newest first; null when the actor may not read the budget. */
export function budgetHistory(db: Db, actor: Actor, budgetId: number, filter: HistoryFilter = {}, pageSize = HISTORY_PAGE_SIZE): HistoryPage | null {
  if (!readable(db, actor, budgetId)) return null;
  return auditPage(db, eq(auditLog.budgetId, budgetId), filter, pageSize);
}

/**
 * The administration's log (years, departments and units, people, code books, the economic mapping, control figures,
 * region texts: every row that belongs to no budget), newest first. Administrators only (a ForbiddenError otherwise).
 */
export function adminHistory(db: Db, actor: Actor, filter: HistoryFilter = {}, pageSize = HISTORY_PAGE_SIZE): HistoryPage {
  assertAdmin(actor);
  return auditPage(db, isNull(auditLog.budgetId), filter, pageSize);
}

/** How many administrative changes a budget's page lists (the newest). */
const BUDGET_ADMIN_CHANGES_SHOWN = 100;

/**
 * The administrative changes that affect one budget: its department's control figure for the year, the department
 * and its units renamed or (de)activated, the year's code books and economic mapping, the year opened or closed, and
 * the region's texts (printed in every disclosure). Newest first; null when the actor may not read the budget.
 */
export function budgetAdminChanges(db: Db, actor: Actor, budgetId: number): AuditRow[] | null {
  const b = db.select({ departmentId: budgets.departmentId, year: budgets.year }).from(budgets).where(eq(budgets.id, budgetId)).get();
  if (!b || !canReadBudget(actor, b)) return null;
  const unitIds = db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.departmentId, b.departmentId))
    .all()
    .map((u) => String(u.id));
  const year = String(b.year);
  const affecting = or(
    and(eq(auditLog.entity, 'control_figure'), eq(auditLog.entityId, `${b.departmentId}:${year}`)),
    and(eq(auditLog.entity, 'department'), eq(auditLog.entityId, String(b.departmentId))),
    unitIds.length ? and(eq(auditLog.entity, 'unit'), inArray(auditLog.entityId, unitIds)) : undefined,
    and(inArray(auditLog.entity, ['functional_codes', 'dept_economic_codes', 'gov_economic_codes', 'economic_mappings', 'fiscal_year']), eq(auditLog.entityId, year)),
    eq(auditLog.entity, 'region_text'),
  );
  return db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(isNull(auditLog.budgetId), affecting))
    .orderBy(desc(auditLog.id))
    .limit(BUDGET_ADMIN_CHANGES_SHOWN)
    .all();
}

/** The workflow's steps (报送, 退回 with its reason, 批复, 公开 …), oldest first. */
export function statusHistory(db: Db, actor: Actor, budgetId: number): AuditRow[] | null {
  if (!readable(db, actor, budgetId)) return null;
  return db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(and(eq(auditLog.budgetId, budgetId), like(auditLog.action, 'budget.%')))
    .orderBy(asc(auditLog.id))
    .all();
}

/** The budget's frozen versions, oldest first; null when the actor may not read the budget. */
export function budgetSnapshots(db: Db, actor: Actor, budgetId: number): SnapshotMeta[] | null {
  if (!readable(db, actor, budgetId)) return null;
  return snapshotsOf(db, budgetId);
}

/** One snapshot of this budget with its content; null when it does not exist or the actor may not read it. */
export function readSnapshot(db: Db, actor: Actor, budgetId: number, snapshotId: number): SnapshotRow | null {
  if (!readable(db, actor, budgetId)) return null;
  const s = snapshotById(db, snapshotId);
  return s && s.budgetId === budgetId ? s : null;
}

/** The names an administrative row is read with (lib/review/auditText.ts): every department, unit and user. */
export function administrationNames(db: Db): { departments: Map<number, string>; units: Map<number, string>; users: Map<number, string> } {
  return {
    departments: new Map(db.select({ id: departments.id, name: departments.name }).from(departments).all().map((d) => [d.id, d.name])),
    units: new Map(db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name])),
    users: new Map(db.select({ id: users.id, name: users.displayName }).from(users).all().map((u) => [u.id, u.name])),
  };
}
