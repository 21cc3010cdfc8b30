/**
 * A budget's history: every change from the append-only audit log (field, old → new, who, when), filterable by
 * action, user and date and paginated; the workflow's status changes; and the frozen versions (snapshots).
 */
import 'server-only';
import { and, asc, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditLog, budgets, users } from '../../db/schema';
import type { AuditAction } from '../audit';
import { canReadBudget, type Actor, type BudgetStatus, BUDGET_STATUS_LABEL } from '../auth/authorize';
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
};

const ENTITY_LABEL: Record<string, string> = {
  budget: '预算',
  basic_line: '基本支出行',
  project: '项目',
  project_item: '项目明细',
  performance_form: '绩效目标表',
  finding: '检查结果',
  comment: '审核意见',
  income: '收入',
  prior: '上年预算数',
  texts: '说明文字',
  assets: '资产情况',
};

// a stored row's action is a string: one older than AUDIT_ACTIONS reads as itself
export const actionLabel = (a: string): string => (ACTION_LABEL as Partial<Record<string, string>>)[a] ?? a;
export const entityLabel = (e: string): string => ENTITY_LABEL[e] ?? e;
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

interface AuditRow {
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

/** One page of the budget's audit log, newest first; null when the actor may not read the budget. */
export function budgetHistory(db: Db, actor: Actor, budgetId: number, filter: HistoryFilter = {}, pageSize = HISTORY_PAGE_SIZE): HistoryPage | null {
  if (!readable(db, actor, budgetId)) return null;
  const conds: SQL[] = [eq(auditLog.budgetId, budgetId)];
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
    .where(eq(auditLog.budgetId, budgetId))
    .orderBy(asc(auditLog.action))
    .all()
    .map((r) => r.action);
  const people = db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(auditLog)
    .innerJoin(users, eq(users.id, auditLog.userId))
    .where(eq(auditLog.budgetId, budgetId))
    .orderBy(asc(users.id))
    .all();
  return { rows, total, page, pageCount, actions, users: people };
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
