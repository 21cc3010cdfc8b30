/**
 * The audit log in the words of the pages where each change was made: the object named as its page names it
 * (基本支出 by unit · 功能 · 经济 · source, a project by name, a form by its project, a warning by its rule), the field
 * by its label, money in 元 with separators (the log stores 分), codes with their names, statuses and sources in
 * Chinese, whole texts (never cut) with the changed part marked. Pure: the page (and the xlsx export) pass the names
 * they know (the budget's facts, or the administration's departments, units and users).
 */
import 'server-only';
import { BUDGET_STATUS_LABEL, ROLE_LABEL, type BudgetStatus, type Role } from '../auth/authorize';
import { assetLabel } from '../budget/edit/assets';
import { INCOME_PART_LABEL } from '../budget/edit/income';
import { PRIOR_LABEL } from '../budget/edit/prior';
import { TEXT_LABEL } from '../budget/edit/texts';
import { formatArea } from '../disclosure/words';
import { FUND_SOURCE_LABEL, PROCUREMENT_LABEL, PROJECT_CATEGORY_LABEL, type BudgetFacts, type FundSource, type ProcurementKind, type ProjectCategory } from '../facts';
import { formatYuanExact } from '../money';
import { FORM_LABEL, FUNDING_LABEL, PEOPLE_LABEL, PERIOD_LABEL, TEXT_LABEL as FORM_TEXT_LABEL, type FundingKey } from '../performance/fields';
import { RULES } from '../rules';
import { ANCHOR_KIND_LABEL, describeAnchor, parseAnchor } from './comments';
import { actionLabel, fieldLabel, formatDateTime, valueLabel, type AuditRow } from './history';

/** What the log row holds, as lib/review/history.ts reads it (who by name). */
export type AuditEntry = Omit<AuditRow, 'userId'>;

/** A text split around what changed: [same start, changed part, same end]. */
type Marked = [string, string, string];

export interface ReadableChange {
  id: number;
  at: string;
  by: string;
  action: string;
  /** The object, as its page names it. */
  object: string;
  field: string;
  old: string;
  new: string;
  /** For two non-empty texts: each side split around the part that differs (the rest is shared). */
  marked: { old: Marked; new: Marked } | null;
  reason: string;
}

/** The names a budget's history is read with. */
interface AuditNames {
  facts?: BudgetFacts;
  departments?: ReadonlyMap<number, string>;
  units?: ReadonlyMap<number, string>;
  users?: ReadonlyMap<number, string>;
}

const yuan = (v: string | number | null | undefined): string => {
  const n = typeof v === 'number' ? v : Number(v);
  return v === null || v === undefined || v === '' || !Number.isSafeInteger(n) ? String(v ?? '') : `${formatYuanExact(n)} 元`;
};

function unitName(names: AuditNames, id: unknown): string {
  const n = Number(id);
  return names.facts?.units.find((u) => u.id === n)?.name ?? names.units?.get(n) ?? `单位（编号 ${String(id)}）`;
}

function codeWithName(book: Record<string, string | { name: string }> | undefined, code: unknown): string {
  const c = String(code ?? '');
  const entry = book?.[c];
  const name = typeof entry === 'string' ? entry : entry?.name;
  return name ? `${c} ${name}` : c;
}

const functional = (names: AuditNames, code: unknown) => codeWithName(names.facts?.codes.functional, code);
const deptEconomic = (names: AuditNames, code: unknown) => codeWithName(names.facts?.codes.deptEconomic, code);
const govEconomic = (names: AuditNames, code: unknown) => codeWithName(names.facts?.codes.govEconomic, code);
const sourceLabel = (s: unknown) => FUND_SOURCE_LABEL[s as FundSource] ?? String(s ?? '');

function parseJson(v: string | null): Record<string, unknown> | null {
  if (!v || v[0] !== '{') return null;
  try {
    const o = JSON.parse(v) as unknown;
    return o && typeof o === 'object' && !Array.isArray(o) ? (o as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A line as its grid names it: unit · 功能 · 经济 · source (from the log's own JSON when it no longer exists). */
function lineText(names: AuditNames, l: { unitId: unknown; functionCode: unknown; economicCode: unknown; source: unknown }): string {
  return `${unitName(names, l.unitId)} · ${functional(names, l.functionCode)} · ${deptEconomic(names, l.economicCode)} · ${sourceLabel(l.source)}`;
}

function projectName(names: AuditNames, id: number): string | null {
  return names.facts?.projects.find((p) => p.id === id)?.name ?? null;
}

/** The 绩效目标表 field of a log row (`fundingAnnual.central`, `indicators.total`, `overview` …). */
function formFieldLabel(field: string): string {
  const [head, tail] = field.split('.');
  if ((head === 'fundingTotal' || head === 'fundingAnnual') && tail)
    return `${PERIOD_LABEL[head === 'fundingTotal' ? 'total' : 'annual']}${FUNDING_LABEL[tail as FundingKey] ?? tail}（元）`;
  if (head === 'indicators' && (tail === 'total' || tail === 'annual')) return `${PERIOD_LABEL[tail]}绩效指标`;
  return (
    (FORM_TEXT_LABEL as Record<string, string>)[field] ??
    (PEOPLE_LABEL as Record<string, string>)[field] ??
    (FORM_LABEL as Record<string, string>)[field] ??
    field
  );
}

const RULE_TITLE = new Map(RULES.map((r) => [r.id, r.title]));

/** A finding key (`rule@location#…`) as the rule's title and the place it points at. */
function findingText(names: AuditNames, key: string): string {
  const [rule, rest = ''] = key.split('@');
  const title = RULE_TITLE.get(rule) ?? rule;
  const [kind, id] = rest.split(':');
  const place =
    kind === 'line'
      ? (() => {
          const l = names.facts?.basicLines.find((x) => x.id === Number(id));
          return l ? `基本支出：${lineText(names, l)}` : null;
        })()
      : kind === 'project' || kind === 'form'
        ? (() => {
            const n = projectName(names, Number(id));
            return n ? `${kind === 'form' ? '绩效目标表' : '项目'}：${n}` : null;
          })()
        : null;
  return `检查结果“${title}”${place ? `（${place}）` : ''}`;
}

function objectOf(e: AuditEntry, names: AuditNames): string {
  const id = Number(e.entityId);
  switch (e.entity) {
    case 'basic_line': {
      if (e.entityId === '*') return '基本支出（全部行）';
      const l = names.facts?.basicLines.find((x) => x.id === id);
      const logged = parseJson(e.newValue) ?? parseJson(e.oldValue);
      if (l) return `基本支出：${lineText(names, l)}`;
      if (logged && 'unitId' in logged) return `基本支出：${lineText(names, logged as never)}（已删除）`;
      return '基本支出（已删除的行）';
    }
    case 'project': {
      const n = projectName(names, id) ?? (parseJson(e.newValue) ?? parseJson(e.oldValue))?.name;
      return n ? `项目：${String(n)}` : '项目（已删除）';
    }
    case 'project_item': {
      for (const p of names.facts?.projects ?? []) {
        const i = p.items.find((x) => x.id === id);
        if (i) return `项目明细：${p.name} · ${functional(names, i.functionCode)} · ${deptEconomic(names, i.economicCode)}`;
      }
      const logged = parseJson(e.newValue) ?? parseJson(e.oldValue);
      const pid = /^项目(\d+)$/.exec(e.reason ?? '')?.[1];
      const project = pid ? projectName(names, Number(pid)) : null;
      return logged
        ? `项目明细：${project ? `${project} · ` : ''}${functional(names, logged.functionCode)} · ${deptEconomic(names, logged.economicCode)}（已删除）`
        : '项目明细（已删除）';
    }
    case 'performance_form': {
      const n = projectName(names, id);
      return n ? `绩效目标表：${n}` : '绩效目标表（项目已删除）';
    }
    case 'finding':
      return findingText(names, e.entityId);
    case 'comment': {
      const a = e.field ? parseAnchor(e.field) : null;
      const where = a && names.facts ? describeAnchor(names.facts, a) : null;
      if (e.field?.startsWith('reply:')) return '审核意见的答复';
      return `审核意见${where ? `：${where}` : a ? `：${ANCHOR_KIND_LABEL[a.kind]}` : ''}`;
    }
    case 'budget':
      return '预算';
    case 'income':
      return '收入';
    case 'prior_year':
      return '上年预算数';
    case 'budget_text':
      return '说明文字';
    case 'budget_assets':
      return '国有资产占有使用情况';
    case 'control_figure': {
      const [dept, year] = e.entityId.split(':');
      return `预算控制数：${names.departments?.get(Number(dept)) ?? `部门（编号 ${dept}）`} ${year}年`;
    }
    case 'department':
      return `部门：${names.departments?.get(id) ?? e.entityId}`;
    case 'unit':
      return `单位：${names.units?.get(id) ?? e.entityId}`;
    case 'user':
      return `用户：${names.users?.get(id) ?? e.entityId}`;
    case 'fiscal_year':
      return `${e.entityId}年度`;
    case 'functional_codes':
      return `${e.entityId}年功能分类科目`;
    case 'dept_economic_codes':
      return `${e.entityId}年部门经济分类科目`;
    case 'gov_economic_codes':
      return `${e.entityId}年政府经济分类科目`;
    case 'economic_mappings':
      return `${e.entityId}年经济科目对照`;
    case 'region_text':
      return `地区固定文本：${e.entityId}`;
    default:
      return e.entity;
  }
}

function fieldOf(e: AuditEntry): string {
  const f = e.field;
  if (f === null) return '';
  switch (e.entity) {
    case 'performance_form':
      return formFieldLabel(f);
    case 'income': {
      const [source, part] = f.split('.');
      return `${sourceLabel(source)}${INCOME_PART_LABEL[part as keyof typeof INCOME_PART_LABEL] ?? part}（元）`;
    }
    case 'prior_year':
      return `${(PRIOR_LABEL as Record<string, string>)[f] ?? f}（元）`;
    case 'budget_text':
      return (TEXT_LABEL as Record<string, string>)[f] ?? f;
    case 'budget_assets':
      return assetLabel(f);
    case 'comment':
      return f.startsWith('reply:') || parseAnchor(f) ? '内容' : fieldLabel(f);
    case 'economic_mappings':
      return `部门经济科目 ${f}`;
    case 'control_figure':
      return '一般公共预算控制数';
    default:
      return fieldLabel(f);
  }
}

/** A JSON object logged on create/delete, as the page's own words. */
function jsonText(e: AuditEntry, names: AuditNames, o: Record<string, unknown>): string {
  switch (e.entity) {
    case 'basic_line':
      if (e.entityId === '*') return `${String(o.count ?? '')} 行，合计 ${yuan(o.total as number)}`;
      return `${lineText(names, o as never)} · ${yuan(o.amount as number)}`;
    case 'project':
      return [
        String(o.name ?? ''),
        unitName(names, o.unitId),
        sourceLabel(o.source),
        PROJECT_CATEGORY_LABEL[o.category as ProjectCategory] ?? String(o.category ?? ''),
        o.carryover ? '上年结转' : '本年预算',
        o.amount !== undefined ? `金额 ${yuan(o.amount as number)}` : '',
        o.items !== undefined ? `明细 ${String(o.items)} 条` : '',
        o.performanceForm ? '含绩效目标表' : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'project_item':
      return `${functional(names, o.functionCode)} · ${deptEconomic(names, o.economicCode)} · ${yuan(o.amount as number)}${
        o.procurement ? ` · 政府采购（${PROCUREMENT_LABEL[o.procurement as ProcurementKind] ?? String(o.procurement)}）` : ''
      }`;
    case 'functional_codes':
    case 'dept_economic_codes':
    case 'gov_economic_codes': {
      const renamed = Array.isArray(o.renamed) ? (o.renamed as string[][]) : [];
      const removed = Array.isArray(o.removed) ? (o.removed as string[][]) : [];
      return [
        `共 ${String(o.total ?? '')} 条：新增 ${String(o.added ?? 0)}，改名 ${renamed.length}，删除 ${removed.length}，涉及 ${String(o.affectedLines ?? 0)} 行`,
        ...renamed.map(([c, a, b]) => `改名 ${c}：${a} → ${b}`),
        ...removed.map(([c, n]) => `删除 ${c} ${n}`),
      ].join('\n');
    }
    case 'fiscal_year':
      return [
        o.fromYear ? `从${String(o.fromYear)}年结转` : '',
        o.budgetsCreated !== undefined ? `新建预算 ${String(o.budgetsCreated)} 个` : '',
        o.recurringProjectsCopied !== undefined ? `复制经常性项目 ${String(o.recurringProjectsCopied)} 个` : '',
        o.basicLinesCopied !== undefined ? `复制基本支出 ${String(o.basicLinesCopied)} 行` : '',
        o.priorFiguresFilled !== undefined ? `填好上年预算数 ${String(o.priorFiguresFilled)} 份` : '',
        o.codeBooksCopied !== undefined ? `复制科目 ${String(o.codeBooksCopied)} 套` : '',
        o.isCurrent ? '设为当前年度' : '',
      ]
        .filter(Boolean)
        .join('，');
    case 'user':
      return [o.displayName, o.username ? `账号 ${String(o.username)}` : '', ROLE_LABEL[o.role as Role] ?? ''].filter(Boolean).join(' · ');
    default:
      // region texts and other records: their values, one per line
      return Object.entries(o)
        .map(([k, v]) => `${k}：${typeof v === 'string' ? v : JSON.stringify(v)}`)
        .join('\n');
  }
}

function valueOf(e: AuditEntry, names: AuditNames, v: string | null): string {
  if (v === null) return '';
  const json = parseJson(v);
  if (json && e.field === null) return jsonText(e, names, json);
  const f = e.field ?? '';
  if (f === 'status' && v in BUDGET_STATUS_LABEL) return BUDGET_STATUS_LABEL[v as BudgetStatus];
  switch (e.entity) {
    case 'basic_line':
    case 'project_item':
    case 'project':
      if (f === 'amount') return yuan(v);
      if (f === 'unitId') return unitName(names, v);
      if (f === 'functionCode') return functional(names, v);
      if (f === 'economicCode') return deptEconomic(names, v);
      if (f === 'govEconomicOverride') return v ? govEconomic(names, v) : '（按对照表）';
      if (f === 'source') return sourceLabel(v);
      if (f === 'category') return PROJECT_CATEGORY_LABEL[v as ProjectCategory] ?? v;
      if (f === 'carryover') return v === 'true' ? '上年结转' : v === 'false' ? '本年预算' : v;
      if (f === 'procurement') return PROCUREMENT_LABEL[v as ProcurementKind] ?? (v === 'null' ? '否' : v);
      return v;
    case 'performance_form':
      if (f.startsWith('funding')) return yuan(v);
      if (f === 'attribute') return v === 'oneOff' ? '一次性项目' : v === 'recurring' ? '经常性项目' : v;
      return v;
    case 'income':
    case 'prior_year':
    case 'control_figure':
      return yuan(v);
    case 'budget_assets':
      if (f === 'officeArea' && /^\d{1,15}$/.test(v)) return `${formatArea(Number(v))} 平方米`;
      return v;
    case 'department':
    case 'unit':
    case 'user':
      if (f === 'active') return v === 'true' ? '启用' : v === 'false' ? '停用' : v;
      if (f === 'role') return ROLE_LABEL[v as Role] ?? v;
      return v;
    default:
      return valueLabel(e.field, v);
  }
}

/** The changed middle of two texts (common start and end kept aside); null when either is short or empty. */
export function markChange(a: string, b: string): { old: Marked; new: Marked } | null {
  if (!a || !b || a === b || (a.length < 12 && b.length < 12)) return null;
  const x = [...a];
  const y = [...b];
  let p = 0;
  while (p < x.length && p < y.length && x[p] === y[p]) p++;
  let s = 0;
  while (s < x.length - p && s < y.length - p && x[x.length - 1 - s] === y[y.length - 1 - s]) s++;
  const split = (c: string[]): Marked => [c.slice(0, p).join(''), c.slice(p, c.length - s).join(''), c.slice(c.length - s).join('')];
  return { old: split(x), new: split(y) };
}

/** One log row, read. */
export function readableChange(e: AuditEntry, names: AuditNames): ReadableChange {
  const old = valueOf(e, names, e.oldValue);
  const next = valueOf(e, names, e.newValue);
  return {
    id: e.id,
    at: formatDateTime(e.createdAt),
    by: e.userName ?? '—',
    action: actionLabel(e.action),
    object: objectOf(e, names),
    field: fieldOf(e),
    old,
    new: next,
    marked: markChange(old, next),
    reason: e.reason ?? '',
  };
}
