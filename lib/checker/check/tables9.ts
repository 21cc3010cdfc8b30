/**
 * The 9-table profile (上海/中央, docs/domain.md §9): its identities as data, in the relation style of
 * lib/rules/relations.ts ("this figure = the sum of those figures"), checked on the printed figures: T3 合计 =
 * 基本 + 项目 on every row (and T5–T7 where they have the columns); 类 = Σ款 = Σ项 and 合计 = Σ类 in every
 * 功能/经济 table; T3 基本 = T8 合计 = 人员经费 + 公用经费; T4 支出 = T5 + T6 + T7; T1 收入总计 = 支出总计;
 * T9 三公 = 出国 + 接待 + 公车 (购置 + 运行); 机关运行经费 ≤ 公用经费. A difference within the printing of the
 * figures (元, the 三公 table in 万元) is 尾差 (info); a relation whose figures were not read is not checked, and
 * says so.
 */
import type { Fen } from '../../facts';
import { formatYuanExact } from '../../money';
import type { ExtractedDocument, ProfileTable } from '../model';
import { cellPlace, docFinding, type DocRule } from './place';
import { TAIL_RULE } from './tables13';
import type { DocFinding, NotChecked } from './types';

export const NINE_RULES = {
  rowSum: { id: 'nine.total-equals-parts', severity: 'error', title: '9张表：行内合计 = 基本支出 + 项目支出（人员经费 + 公用经费）' },
  hierarchy: { id: 'nine.hierarchy-sum', severity: 'error', title: '9张表：类 = Σ款 = Σ项，合计 = Σ类' },
  t3t8: { id: 'nine.t3-basic-equals-t8', severity: 'error', title: '9张表：表三基本支出 = 表八合计' },
  t4: { id: 'nine.t4-equals-t5-t6-t7', severity: 'error', title: '9张表：表四支出合计 = 表五 + 表六 + 表七' },
  t1: { id: 'nine.t1-income-equals-expenditure', severity: 'error', title: '9张表：表一收入总计 = 支出总计' },
  threePublic: { id: 'nine.three-public-sum', severity: 'error', title: '9张表：“三公”经费 = 因公出国（境）费 + 公务接待费 + 公务用车购置及运行费' },
  running: { id: 'nine.running-within-public', severity: 'error', title: '9张表：机关运行经费不超过表八公用经费' },
} as const satisfies Record<string, DocRule>;

const CN9 = ['', '表一', '表二', '表三', '表四', '表五', '表六', '表七', '表八', '表九'];

interface Figure {
  table: ProfileTable;
  row: string;
  col: string;
  fen: Fen;
}

/** Half the unit of a table's printing, in 分: 万元 with two decimals 5,000; whole 元 50; 元 with 分 0. */
function halfOf(t: ProfileTable): Fen {
  if (t.unit === '万元') return 5_000;
  const whole = t.rows.every((r) => r.cells.every((c) => c.kind !== 'amount' || c.amount % 100 === 0));
  return whole ? 50 : 0;
}

function fig(t: ProfileTable | undefined, rowKey: string, colKey: string): Figure | null {
  if (!t) return null;
  const r = t.rows.find((x) => x.key === rowKey);
  const i = t.columns.findIndex((c) => c.key === colKey);
  const c = r && i >= 0 ? r.cells[i] : undefined;
  if (!c || c.kind !== 'amount') return null;
  return { table: t, row: rowKey, col: colKey, fen: c.amount };
}

/** A row's label (its text cells). */
function label(t: ProfileTable, rowKey: string): string {
  const r = t.rows.find((x) => x.key === rowKey);
  if (!r) return rowKey;
  return r.cells.filter((c) => c.kind === 'text' && c.text.trim() !== '').map((c) => (c.kind === 'text' ? c.text.trim() : '')).join(' ') || rowKey;
}
const COL: Record<string, string> = { total: '合计', basic: '基本支出', project: '项目支出', personnel: '人员经费', public: '公用经费', abroad: '因公出国（境）费', reception: '公务接待费', carTotal: '公务用车购置及运行费', carPurchase: '公务用车购置费', carRun: '公务用车运行费', vehicle: '公务用车购置及运行费', vehiclePurchase: '公务用车购置费', vehicleOperation: '公务用车运行费', running: '机关运行经费' };
const figLabel = (f: Figure) => `${CN9[f.table.no] ?? `表${f.table.no}`}「${label(f.table, f.row)}」${COL[f.col] ?? f.col}`;
const money = (fen: Fen) => `${formatYuanExact(fen)} 元`;

interface Ctx {
  out: DocFinding[];
  notChecked: NotChecked[];
}

/** whole = Σ parts: nothing when it holds; 尾差 (info) within the printing; else the rule's finding. */
function relation(ctx: Ctx, rule: DocRule, whole: Figure, parts: Figure[], partsLabel: string, disc = '') {
  let sum = 0;
  let tol = halfOf(whole.table);
  for (const p of parts) {
    sum += p.fen;
    tol += halfOf(p.table);
  }
  const d = whole.fen - sum;
  if (d === 0) return;
  const colIndex = whole.table.columns.findIndex((c) => c.key === whole.col);
  const loc = { kind: 'cell' as const, table: whole.table.no as 1, row: whole.row, column: colIndex };
  const place = cellPlace(whole.table, label(whole.table, whole.row), COL[whole.col] ?? whole.col);
  if (Math.abs(d) <= tol) {
    ctx.out.push(docFinding(TAIL_RULE, loc, `${figLabel(whole)} ${money(whole.fen)}，${partsLabel} ${money(sum)}，相差 ${money(Math.abs(d))}，在各数分别四舍五入的误差之内（尾差），不是错误`, place, rule.id + disc));
    return;
  }
  ctx.out.push(docFinding(rule, loc, `${figLabel(whole)} ${money(whole.fen)}与${partsLabel} ${money(sum)}不一致，相差 ${money(Math.abs(d))}`, place, disc));
}

function rowSums(ctx: Ctx, t: ProfileTable, whole: string, parts: readonly string[], partsLabel: string) {
  for (const r of t.rows) {
    const w = fig(t, r.key, whole);
    const ps = parts.map((p) => fig(t, r.key, p));
    if (!w || ps.some((p) => !p)) continue;
    relation(ctx, NINE_RULES.rowSum, w, ps as Figure[], partsLabel);
  }
}

/** 类 = Σ款 = Σ项 by code prefix (`f:208` over `f:20805` over `f:2080501`; `e:301` over `e:30101`), 合计 = Σ类. */
function hierarchy(ctx: Ctx, t: ProfileTable) {
  const coded = t.rows.filter((r) => /^[fe]:\d+$/.test(r.key));
  if (coded.length === 0) return;
  const amountCols = t.columns.filter((c) => c.kind === 'amount').map((c) => c.key);
  const code = (k: string) => k.slice(2);
  for (const r of coded) {
    const c = code(r.key);
    const childLen = c.length === 3 ? 5 : c.length === 5 ? 7 : 0;
    if (!childLen) continue;
    const children = coded.filter((x) => code(x.key).length === childLen && code(x.key).startsWith(c) && x.key[0] === r.key[0]);
    if (children.length === 0) continue;
    for (const col of amountCols) {
      const w = fig(t, r.key, col);
      const ps = children.map((x) => fig(t, x.key, col));
      if (!w || ps.some((p) => !p)) continue;
      relation(ctx, NINE_RULES.hierarchy, w, ps as Figure[], `其下各${childLen === 5 ? '款' : '项'}之和`, `:${r.key}:${col}`);
    }
  }
  const classes = coded.filter((x) => code(x.key).length === 3);
  if (classes.length === 0) return;
  for (const col of amountCols) {
    const w = fig(t, 'total', col);
    const ps = classes.map((x) => fig(t, x.key, col));
    if (!w || ps.some((p) => !p)) continue;
    relation(ctx, NINE_RULES.hierarchy, w, ps as Figure[], '各类之和', `:total:${col}`);
  }
}

/** The row of a side-by-side table whose text cell is one of `names`, and its amount next to it. */
function sideFigure(t: ProfileTable | undefined, names: RegExp, side: 'in' | 'out'): Figure | null {
  if (!t) return null;
  const itemCol = side === 'in' ? 'inItem' : 'outItem';
  const amountCol = side === 'in' ? 'inAmount' : t.columns.some((c) => c.key === 'outTotal') ? 'outTotal' : 'outAmount';
  const ii = t.columns.findIndex((c) => c.key === itemCol);
  if (ii < 0) return null;
  const r = t.rows.find((x) => {
    const c = x.cells[ii];
    return c && c.kind === 'text' && names.test(c.text.replace(/\s+/g, ''));
  });
  return r ? fig(t, r.key, amountCol) : null;
}

/** A table's total as the sum of its 类 rows, when it prints no 合计 row (as one figure: its tolerance is its parts'). */
function classSum(t: ProfileTable | undefined): Figure | null {
  if (!t || t.rows.some((r) => r.key === 'total')) return null;
  const classes = t.rows.filter((r) => /^f:\d{3}$/.test(r.key)).map((r) => fig(t, r.key, 'total'));
  if (classes.length === 0 || classes.some((c) => !c)) return null;
  return { table: t, row: 'total', col: 'total', fen: classes.reduce((a, c) => a + c!.fen, 0) };
}

/** The 三公 table's columns: as the model names them, or as the reader does. */
const TP = { vehicle: ['carTotal', 'vehicle'], purchase: ['carPurchase', 'vehiclePurchase'], run: ['carRun', 'vehicleOperation'] } as const;
const tpFig = (t: ProfileTable, row: string, keys: readonly string[]) => keys.map((k) => fig(t, row, k)).find((f) => f) ?? null;

export function checkShanghaiTables(doc: ExtractedDocument): { findings: DocFinding[]; notChecked: NotChecked[] } {
  const ctx: Ctx = { out: [], notChecked: [] };
  const ts = new Map(doc.tables.map((t) => [t.no, t]));
  for (let no = 1; no <= 9; no++) {
    if (!ts.has(no)) ctx.notChecked.push({ rule: 'nine.*', reason: `未能核查：未读取到${CN9[no]}，涉及${CN9[no]}的核对未进行` });
  }
  for (const no of [3, 5, 6, 7]) {
    const t = ts.get(no);
    if (t) rowSums(ctx, t, 'total', ['basic', 'project'], '基本支出、项目支出之和');
  }
  const t8 = ts.get(8);
  if (t8) rowSums(ctx, t8, 'total', ['personnel', 'public'], '人员经费、公用经费之和');
  const t2 = ts.get(2);
  if (t2) {
    const sources = t2.columns.filter((c) => c.kind === 'amount' && c.key !== 'total').map((c) => c.key);
    if (sources.length > 0) rowSums(ctx, t2, 'total', sources, '各项收入之和');
  }
  for (const no of [2, 3, 5, 6, 7, 8]) {
    const t = ts.get(no);
    if (t) hierarchy(ctx, t);
  }
  const t3basic = fig(ts.get(3), 'total', 'basic');
  const t8total = fig(t8, 'total', 'total');
  if (t3basic && t8total) relation(ctx, NINE_RULES.t3t8, t3basic, [t8total], '表八合计');
  else if (ts.has(3) && t8) ctx.notChecked.push({ rule: NINE_RULES.t3t8.id, reason: '未能核查：表三基本支出合计或表八合计未读取到' });

  const t4out = sideFigure(ts.get(4), /^(?:本年)?支出(?:合计|总计)$/, 'out');
  const parts = [5, 6, 7].map((no) => fig(ts.get(no), 'total', 'total') ?? classSum(ts.get(no)));
  if (t4out && parts.every((p) => p)) relation(ctx, NINE_RULES.t4, t4out, parts as Figure[], '表五、表六、表七合计之和');
  else if (ts.has(4)) ctx.notChecked.push({ rule: NINE_RULES.t4.id, reason: '未能核查：表四支出合计或表五至表七的合计未读取到' });

  const t1in = sideFigure(ts.get(1), /^收入总计$/, 'in');
  const t1out = sideFigure(ts.get(1), /^支出总计$/, 'out');
  if (t1in && t1out) relation(ctx, NINE_RULES.t1, t1in, [t1out], '表一支出总计');
  else if (ts.has(1)) ctx.notChecked.push({ rule: NINE_RULES.t1.id, reason: '未能核查：表一收入总计或支出总计未读取到' });

  const t9 = ts.get(9);
  if (t9) {
    for (const r of t9.rows) {
      const total = fig(t9, r.key, 'total');
      const items = [fig(t9, r.key, 'abroad'), tpFig(t9, r.key, TP.vehicle), fig(t9, r.key, 'reception')];
      if (total && items.every((x) => x)) relation(ctx, NINE_RULES.threePublic, total, items as Figure[], '因公出国（境）费、公务用车购置及运行费、公务接待费之和', `:${r.key}`);
      const car = tpFig(t9, r.key, TP.vehicle);
      const carParts = [tpFig(t9, r.key, TP.purchase), tpFig(t9, r.key, TP.run)];
      if (car && carParts.every((x) => x)) relation(ctx, NINE_RULES.threePublic, car, carParts as Figure[], '购置费、运行费之和', `:car:${r.key}`);
      const running = fig(t9, r.key, 'running');
      const pub = fig(t8, 'total', 'public');
      if (running && pub && running.fen - halfOf(t9) > pub.fen + halfOf(pub.table)) {
        ctx.out.push(
          docFinding(
            NINE_RULES.running,
            { kind: 'cell', table: 9, row: r.key, column: t9.columns.findIndex((c) => c.key === 'running') },
            `${figLabel(running)} ${money(running.fen)}超过表八公用经费合计 ${money(pub.fen)}`,
            cellPlace(t9, label(t9, r.key), '机关运行经费'),
          ),
        );
      }
    }
  }
  return { findings: ctx.out, notChecked: ctx.notChecked };
}
