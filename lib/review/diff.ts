/**
 * What changed between two versions of a budget (e.g. the previous submission and this one): lines and projects
 * added, removed and changed (old → new, field names in Chinese), the income, the 上年 figures, the typed texts and
 * the 绩效目标表; and, from the two built sets of tables, every figure that differs, addressed by (table no, row
 * key, column index). Pure functions of two facts snapshots.
 */
import {
  FUND_SOURCE_LABEL,
  PROCUREMENT_LABEL,
  PROJECT_CATEGORY_LABEL,
  projectAmount,
  type BasicLine,
  type BudgetFacts,
  type Fen,
  type Project,
  type ProjectItem,
} from '../facts';
import { formatYuanExact } from '../money';
import type { PerformanceForm } from '../performance/form';
import { buildTables } from '../disclosure/tables';
import { cellText, type Cell, type DisclosureTable, type TableNo, type TableRow } from '../disclosure/types';
import { placeHeader } from '../export/xlsx';

export interface FieldChange {
  /** Machine name, e.g. `amount`, `items.12.amount`, `general.current`. */
  field: string;
  /** Chinese name shown to people: `金额（元）`. */
  label: string;
  old: string;
  new: string;
}

type ChangeKind = 'added' | 'removed' | 'changed';

export interface ItemChange {
  kind: ChangeKind;
  id: number;
  /** What the item is, in the newer version when it still exists. */
  label: string;
  /** For `changed`: each field old → new. For `added`/`removed`: the item's fields (old or new side empty). */
  changes: FieldChange[];
}

export interface CellChange {
  table: TableNo;
  tableTitle: string;
  row: string;
  rowLabel: string;
  column: number;
  columnLabel: string;
  /** Display strings (万元, blank for zero). */
  old: string;
  new: string;
  /** Exact amounts in 分 when the cell holds an amount on that side. */
  oldAmount: Fen | null;
  newAmount: Fen | null;
}

export interface FactsDiff {
  lines: ItemChange[];
  projects: ItemChange[];
  forms: ItemChange[];
  income: FieldChange[];
  prior: FieldChange[];
  texts: FieldChange[];
  other: FieldChange[];
  cells: CellChange[];
}

export const isEmptyDiff = (d: FactsDiff): boolean =>
  !d.lines.length && !d.projects.length && !d.forms.length && !d.income.length && !d.prior.length && !d.texts.length && !d.other.length && !d.cells.length;

const yuan = (fen: Fen) => `${formatYuanExact(fen)} 元`;

function codeName(book: Record<string, string>, code: string): string {
  const n = book[code];
  return n ? `${code} ${n}` : code;
}

function unitName(f: BudgetFacts, id: number): string {
  return f.units.find((u) => u.id === id)?.name ?? `单位${id}`;
}

/** One line as people read it: unit · 功能 · 经济 · source. */
export function lineLabel(f: BudgetFacts, l: BasicLine): string {
  const econ = f.codes.deptEconomic[l.economicCode]?.name;
  return `${unitName(f, l.unitId)} · ${codeName(f.codes.functional, l.functionCode)} · ${econ ? `${l.economicCode} ${econ}` : l.economicCode} · ${FUND_SOURCE_LABEL[l.source]}`;
}

const LINE_FIELDS: { field: keyof BasicLine; label: string; show: (f: BudgetFacts, l: BasicLine) => string }[] = [
  { field: 'unitId', label: '单位', show: (f, l) => unitName(f, l.unitId) },
  { field: 'functionCode', label: '功能分类科目', show: (f, l) => codeName(f.codes.functional, l.functionCode) },
  {
    field: 'economicCode',
    label: '部门经济分类科目',
    show: (f, l) => (f.codes.deptEconomic[l.economicCode] ? `${l.economicCode} ${f.codes.deptEconomic[l.economicCode].name}` : l.economicCode),
  },
  { field: 'govEconomicCode', label: '政府经济分类科目', show: (f, l) => codeName(f.codes.govEconomic, l.govEconomicCode) },
  { field: 'source', label: '资金来源', show: (_f, l) => FUND_SOURCE_LABEL[l.source] },
  { field: 'amount', label: '金额（元）', show: (_f, l) => formatYuanExact(l.amount) },
];

function diffById<T extends { id: number }>(
  a: readonly T[],
  b: readonly T[],
  label: (side: 'a' | 'b', x: T) => string,
  fields: (x: T | null, y: T | null) => FieldChange[],
): ItemChange[] {
  const before = new Map(a.map((x) => [x.id, x]));
  const after = new Map(b.map((x) => [x.id, x]));
  const out: ItemChange[] = [];
  for (const x of b) {
    const old = before.get(x.id);
    if (!old) out.push({ kind: 'added', id: x.id, label: label('b', x), changes: fields(null, x) });
    else {
      const changes = fields(old, x);
      if (changes.length) out.push({ kind: 'changed', id: x.id, label: label('b', x), changes });
    }
  }
  for (const x of a) if (!after.has(x.id)) out.push({ kind: 'removed', id: x.id, label: label('a', x), changes: fields(x, null) });
  return out;
}

/** Field changes of two versions of one item (either side may be missing: then every field shows). */
function fieldChanges<T>(
  fa: BudgetFacts,
  fb: BudgetFacts,
  x: T | null,
  y: T | null,
  spec: { field: string; label: string; show: (f: BudgetFacts, v: T) => string }[],
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const s of spec) {
    const o = x ? s.show(fa, x) : '';
    const n = y ? s.show(fb, y) : '';
    if (o !== n) out.push({ field: s.field, label: s.label, old: o, new: n });
  }
  return out;
}

function itemLabel(f: BudgetFacts, i: ProjectItem): string {
  const econ = f.codes.deptEconomic[i.economicCode]?.name;
  return `${codeName(f.codes.functional, i.functionCode)} · ${econ ? `${i.economicCode} ${econ}` : i.economicCode}`;
}

const itemText = (f: BudgetFacts, i: ProjectItem) =>
  `${itemLabel(f, i)} · ${yuan(i.amount)}${i.procurement ? ` · 政府采购（${PROCUREMENT_LABEL[i.procurement]}）` : ''}`;

const PROJECT_FIELDS: { field: string; label: string; show: (f: BudgetFacts, p: Project) => string }[] = [
  { field: 'name', label: '项目名称', show: (_f, p) => p.name },
  { field: 'unitId', label: '单位', show: (f, p) => unitName(f, p.unitId) },
  { field: 'source', label: '资金来源', show: (_f, p) => FUND_SOURCE_LABEL[p.source] },
  { field: 'category', label: '项目类别', show: (_f, p) => PROJECT_CATEGORY_LABEL[p.category] },
  { field: 'carryover', label: '年度', show: (_f, p) => (p.carryover ? '上年结转' : '本年预算') },
  { field: 'amount', label: '金额（元）', show: (_f, p) => formatYuanExact(projectAmount(p)) },
];

function projectChanges(fa: BudgetFacts, fb: BudgetFacts, x: Project | null, y: Project | null): FieldChange[] {
  const out = fieldChanges(fa, fb, x, y, PROJECT_FIELDS);
  if (x && y) {
    const before = new Map(x.items.map((i) => [i.id, i]));
    const after = new Map(y.items.map((i) => [i.id, i]));
    for (const i of y.items) {
      const o = before.get(i.id);
      if (!o) out.push({ field: `items.${i.id}`, label: '新增明细', old: '', new: itemText(fb, i) });
      else if (itemText(fa, o) !== itemText(fb, i)) out.push({ field: `items.${i.id}`, label: '修改明细', old: itemText(fa, o), new: itemText(fb, i) });
    }
    for (const i of x.items) if (!after.has(i.id)) out.push({ field: `items.${i.id}`, label: '删除明细', old: itemText(fa, i), new: '' });
  }
  return out;
}

const FUNDING_LABEL: Record<string, string> = {
  total: '资金总额',
  central: '中央财政资金',
  provincial: '省级财政资金',
  local: '市县(区)财政资金',
  selfRaised: '单位自筹',
  other: '其他资金',
};
const FORM_TEXT_LABEL: Record<string, string> = {
  attribute: '项目属性',
  periodYears: '项目期（年）',
  overview: '项目概况',
  basis: '立项依据',
  necessity: '项目设立必要性',
  measures: '保证项目实施的制度、措施',
  plan: '项目实施计划',
  goalTotal: '总体目标（实施期）',
  goalAnnual: '总体目标（年度）',
  manager: '负责人',
  handler: '经办人',
  phone: '联系电话',
  filledAt: '填报日期',
};

function indicatorLines(form: PerformanceForm, period: 'total' | 'annual'): string[] {
  return form.indicators.filter((i) => i.period === period).map((i) => `${i.level1}›${i.level2}›${i.name}：${i.value}`);
}

function formChanges(x: PerformanceForm | null, y: PerformanceForm | null): FieldChange[] {
  const out: FieldChange[] = [];
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  for (const [k, label] of Object.entries(FORM_TEXT_LABEL)) {
    const o = x ? str(x[k as keyof PerformanceForm]) : '';
    const n = y ? str(y[k as keyof PerformanceForm]) : '';
    if (o !== n) out.push({ field: k, label, old: k === 'attribute' ? (o === 'oneOff' ? '一次性' : o ? '经常性' : '') : o, new: k === 'attribute' ? (n === 'oneOff' ? '一次性' : n ? '经常性' : '') : n });
  }
  for (const [period, key] of [
    ['实施期', 'fundingTotal'],
    ['年度', 'fundingAnnual'],
  ] as const) {
    for (const [k, label] of Object.entries(FUNDING_LABEL)) {
      const o = x ? x[key][k as keyof PerformanceForm['fundingTotal']] : null;
      const n = y ? y[key][k as keyof PerformanceForm['fundingTotal']] : null;
      if (o !== n) out.push({ field: `${key}.${k}`, label: `${period}${label}（元）`, old: o === null ? '' : formatYuanExact(o), new: n === null ? '' : formatYuanExact(n) });
    }
  }
  for (const [period, label] of [
    ['total', '实施期绩效指标'],
    ['annual', '年度绩效指标'],
  ] as const) {
    const o = x ? indicatorLines(x, period) : [];
    const n = y ? indicatorLines(y, period) : [];
    const removed = o.filter((l) => !n.includes(l));
    const added = n.filter((l) => !o.includes(l));
    if (removed.length || added.length) out.push({ field: `indicators.${period}`, label, old: removed.join('；'), new: added.join('；') });
  }
  return out;
}

const TEXT_LABEL: Record<keyof BudgetFacts['text'], string> = {
  duties: '部门职责',
  organization: '机构设置',
  reasonTotalChange: '收支总体变动原因',
  reasonGeneralChange: '一般公共预算当年拨款变动原因',
  reasonThreePublicChange: '“三公”经费变动原因',
  reasonRunningCostsChange: '机关运行经费变动原因',
  purchaseOfServices: '政府购买服务',
  otherNotes: '其他需要说明的情况',
};

const PRIOR_LABEL: { field: string; label: string; get: (f: BudgetFacts) => Fen }[] = [
  { field: 'total', label: '上年收支总计', get: (f) => f.prior.total },
  { field: 'generalCurrent', label: '上年一般公共预算当年拨款', get: (f) => f.prior.generalCurrent },
  { field: 'threePublic.abroad', label: '上年因公出国（境）费', get: (f) => f.prior.threePublic.abroad },
  { field: 'threePublic.reception', label: '上年公务接待费', get: (f) => f.prior.threePublic.reception },
  { field: 'threePublic.vehiclePurchase', label: '上年公务用车购置费', get: (f) => f.prior.threePublic.vehiclePurchase },
  { field: 'threePublic.vehicleOperation', label: '上年公务用车运行维护费', get: (f) => f.prior.threePublic.vehicleOperation },
  { field: 'runningCosts', label: '上年机关运行经费', get: (f) => f.prior.runningCosts },
];

function otherChanges(a: BudgetFacts, b: BudgetFacts): FieldChange[] {
  const out: FieldChange[] = [];
  const push = (field: string, label: string, o: string, n: string) => {
    if (o !== n) out.push({ field, label, old: o, new: n });
  };
  push('department.name', '部门名称', a.department.name, b.department.name);
  const units = (f: BudgetFacts) => f.units.map((u) => u.name).join('、');
  push('units', '预算单位', units(a), units(b));
  push('assets.asOf', '资产统计截止日期', a.assets.asOf, b.assets.asOf);
  push('assets.officeArea', '办公用房面积（0.01平方米）', String(a.assets.officeAreaCentiSqm), String(b.assets.officeAreaCentiSqm));
  push('assets.devicesOver500k', '单价50万元以上设备', String(a.assets.devicesOver500k), String(b.assets.devicesOver500k));
  push('assets.devicesOver1m', '单价100万元以上设备', String(a.assets.devicesOver1m), String(b.assets.devicesOver1m));
  const vehicles = (f: BudgetFacts) => f.assets.vehicles.map((v) => `${v.category} 编制${v.establishment} 实有${v.actual}`).join('；');
  push('assets.vehicles', '车辆', vehicles(a), vehicles(b));
  return out;
}

/** Everything that differs between two versions of a budget's facts, including the tables' figures. */
export function diffFacts(a: BudgetFacts, b: BudgetFacts, tables?: { a: DisclosureTable[]; b: DisclosureTable[] }): FactsDiff {
  const lines = diffById(
    a.basicLines,
    b.basicLines,
    (side, l) => lineLabel(side === 'a' ? a : b, l),
    (x, y) => fieldChanges(a, b, x, y, LINE_FIELDS),
  );
  const projects = diffById(
    a.projects,
    b.projects,
    (_side, p) => p.name,
    (x, y) => projectChanges(a, b, x, y),
  );
  const projectName = (id: number) => b.projects.find((p) => p.id === id)?.name ?? a.projects.find((p) => p.id === id)?.name ?? `项目${id}`;
  const forms = diffById(
    a.forms.map((f) => ({ ...f, id: f.projectId })),
    b.forms.map((f) => ({ ...f, id: f.projectId })),
    (_side, f) => `${projectName(f.projectId)} 绩效目标表`,
    (x, y) => formChanges(x, y),
  );
  const income: FieldChange[] = [];
  for (const source of Object.keys(FUND_SOURCE_LABEL) as (keyof typeof FUND_SOURCE_LABEL)[]) {
    const o = a.income.find((i) => i.source === source) ?? { current: 0, carryover: 0 };
    const n = b.income.find((i) => i.source === source) ?? { current: 0, carryover: 0 };
    if (o.current !== n.current)
      income.push({ field: `${source}.current`, label: `${FUND_SOURCE_LABEL[source]}本年收入（元）`, old: formatYuanExact(o.current), new: formatYuanExact(n.current) });
    if (o.carryover !== n.carryover)
      income.push({ field: `${source}.carryover`, label: `${FUND_SOURCE_LABEL[source]}上年结转（元）`, old: formatYuanExact(o.carryover), new: formatYuanExact(n.carryover) });
  }
  const prior = PRIOR_LABEL.filter((p) => p.get(a) !== p.get(b)).map((p) => ({
    field: p.field,
    label: `${p.label}（元）`,
    old: formatYuanExact(p.get(a)),
    new: formatYuanExact(p.get(b)),
  }));
  const texts = (Object.keys(TEXT_LABEL) as (keyof BudgetFacts['text'])[])
    .filter((k) => a.text[k] !== b.text[k])
    .map((k) => ({ field: k, label: TEXT_LABEL[k], old: a.text[k], new: b.text[k] }));
  const cells = diffTables(tables?.a ?? buildTables(a), tables?.b ?? buildTables(b));
  return { lines, projects, forms, income, prior, texts, other: otherChanges(a, b), cells };
}

/** Column labels from a table's header: the texts of the header cells above each column, joined with `·`. */
export function columnLabels(t: DisclosureTable): string[] {
  const placed = placeHeader(t.header, t.columns.length);
  return t.columns.map((_c, j) => {
    const texts: string[] = [];
    for (const p of placed.filter((p) => p.col <= j && j < p.col + p.colSpan).sort((x, y) => x.row - y.row)) {
      if (p.text && !texts.includes(p.text)) texts.push(p.text);
    }
    return texts.join('·');
  });
}

/** The label of a row as read left of column `j` (side-by-side tables have two label blocks in one row). */
function rowLabelAt(t: DisclosureTable, row: TableRow, j: number): string {
  const parts: string[] = [];
  let k = j - 1;
  while (k >= 0 && t.columns[k].kind === 'amount') k--;
  while (k >= 0 && t.columns[k].kind === 'text') {
    const s = cellText(row.cells[k]).trim();
    if (s) parts.unshift(s);
    k--;
  }
  if (parts.length === 0) {
    // a row whose label is to the right (none in the tables today) or blank: fall back to the first text cells
    const first = row.cells.filter((c) => c.kind === 'text').map((c) => cellText(c).trim()).filter(Boolean);
    return first.join(' ') || row.key;
  }
  return parts.join(' ');
}

const amountOf = (c: Cell | undefined): Fen | null => (c && c.kind === 'amount' ? c.amount : null);

function sameCell(x: Cell | undefined, y: Cell | undefined): boolean {
  if (!x || !y) return (x ? cellText(x) : '') === (y ? cellText(y) : '') && amountOf(x) === amountOf(y);
  if (x.kind === 'amount' && y.kind === 'amount') return x.amount === y.amount;
  return x.kind === y.kind && cellText(x) === cellText(y);
}

/** Every amount cell (and text cell of an amount column) that differs between two builds, table by table. */
export function diffTables(a: readonly DisclosureTable[], b: readonly DisclosureTable[]): CellChange[] {
  const out: CellChange[] = [];
  const before = new Map(a.map((t) => [t.no, t]));
  for (const tb of b) {
    const ta = before.get(tb.no);
    const labels = columnLabels(tb);
    const rowsA = new Map((ta?.rows ?? []).map((r) => [r.key, r]));
    const rowsB = new Map(tb.rows.map((r) => [r.key, r]));
    const keys = [...tb.rows.map((r) => r.key), ...(ta?.rows ?? []).map((r) => r.key).filter((k) => !rowsB.has(k))];
    for (const key of keys) {
      const ra = rowsA.get(key);
      const rb = rowsB.get(key);
      tb.columns.forEach((col, j) => {
        if (col.kind !== 'amount') return;
        const ca = ra?.cells[j];
        const cb = rb?.cells[j];
        if (sameCell(ca, cb)) return;
        // a row that appears or disappears: only its non-blank figures
        if ((!ca || !cb) && !(ca ? cellText(ca) : '') && !(cb ? cellText(cb) : '')) return;
        const labelRow = rb ?? ra!;
        out.push({
          table: tb.no,
          tableTitle: tb.title,
          row: key,
          rowLabel: rowLabelAt(rb ? tb : (ta ?? tb), labelRow, j),
          column: j,
          columnLabel: labels[j],
          old: ca ? cellText(ca) : '',
          new: cb ? cellText(cb) : '',
          oldAmount: amountOf(ca),
          newAmount: amountOf(cb),
        });
      });
    }
  }
  return out;
}
