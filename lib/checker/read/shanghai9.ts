/**
 * The 上海/中央 9 tables (元; the 三公 table in 万元). Columns are keyed by what their header says (see
 * `lib/checker/model.ts`); the 类/款/项 columns are joined into one `code` column (`208 05 01` → `2080501`).
 */
import type { Cell, ColumnSpec, HeaderCell, RowLevel, TableRow } from '../../disclosure/types';
import type { ProfileTable } from '../model';
import { readAmount } from './amounts';
import type { RawTable } from './layout';

type Unread = { where: string; reason: string }[];

/** The 9 titles (after `YYYY年部门`), in order. */
const SHANGHAI_TITLES = [
  '财务收支预算总表',
  '收入预算总表',
  '支出预算总表',
  '财政拨款收支预算总表',
  '一般公共预算支出功能分类预算表',
  '政府性基金预算支出功能分类预算表',
  '国有资本经营预算支出功能分类预算表',
  '一般公共预算基本支出部门预算经济分类预算表',
  '“三公”经费和机关运行经费预算表',
] as const;

export function shanghaiTableNo(line: string): number | null {
  const m = /^(\d{4})年(?:度)?(?:部门|单位)?(.+表)$/.exec(line.replace(/\s/g, '').replace(/"/g, '“'));
  if (!m) return null;
  const i = SHANGHAI_TITLES.findIndex((t) => t === m[2] || t.replace(/[“”]/g, '') === m[2].replace(/[“”]/g, ''));
  return i >= 0 ? i + 1 : null;
}

const HEADER_KEYS: Record<string, string> = {
  类: 'class',
  款: 'kuan',
  项: 'xiang',
  功能分类科目名称: 'name',
  经济分类科目名称: 'name',
  项目: 'item',
  预算数: 'amount',
  合计: 'total',
  财政拨款收入: 'fiscal',
  事业收入: 'business',
  事业单位经营收入: 'operating',
  其他收入: 'other',
  基本支出: 'basic',
  项目支出: 'project',
  一般公共预算: 'general',
  政府性基金预算: 'fund',
  国有资本经营预算: 'capital',
  人员经费: 'personnel',
  公用经费: 'public',
  '因公出国（境）费': 'abroad',
  公务接待费: 'reception',
  小计: 'carTotal',
  购置费: 'carPurchase',
  运行费: 'carRun',
  机关运行经费预算数: 'running',
};
const SIDE: Record<string, 'in' | 'out'> = { 本年收入: 'in', 本年支出: 'out', 财政拨款收入: 'in', 财政拨款支出: 'out' };
const norm = (s: string) => s.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

export function toShanghaiTable(no: number, raw: RawTable, unread: Unread): ProfileTable | null {
  const where = raw.pages.length > 1 ? `第${raw.pages[0]}–${raw.pages[raw.pages.length - 1]}页（表${no}）` : `第${raw.pages[0]}页（表${no}）`;
  const frame = raw.frameLines.map((l) => l.text).join(' ');
  const unitText = /单位[：:]\s*(万元|元)/.exec(frame)?.[1] as '元' | '万元' | undefined;
  if (!unitText) unread.push({ where, reason: `表${no}未找到“单位：”行，按元读取` });
  const unit = unitText ?? '元';
  // the header words over each body column, top to bottom
  const words: string[][] = [];
  for (let c = 0; c < raw.width; c++) {
    const x0 = raw.columnXs[c];
    const x1 = raw.columnXs[c + 1];
    words.push(raw.header.flat().filter((h) => h.x0 <= x0 + 2 && h.x1 >= x1 - 2 && h.text).sort((a, b) => a.row - b.row).map((h) => norm(h.text)));
  }
  const keys: string[] = [];
  for (const [c, w] of words.entries()) {
    const found = [...w].reverse().find((t) => HEADER_KEYS[t]);
    const side = w.map((t) => SIDE[t]).find(Boolean);
    let key = found ? HEADER_KEYS[found] : `col${c + 1}`;
    if (!found) unread.push({ where, reason: `表${no}第${c + 1}列的表头“${w.join('／') || '（空）'}”未能识别` });
    if (side && (key === 'amount' || (side === 'out' && key === 'total'))) key = `${side}Amount`;
    else if (side && (key === 'item' || keys.includes(key) || side === 'out')) key = `${side}${key[0].toUpperCase()}${key.slice(1)}`;
    keys.push(key);
  }
  const codeCols = ['class', 'kuan', 'xiang'].map((k) => keys.indexOf(k)).filter((i) => i >= 0);
  const textKeys = new Set(['class', 'kuan', 'xiang', 'name', 'item', 'inItem', 'outItem']);
  const columns: ColumnSpec[] = [];
  const colOf: number[] = []; // raw column → output column (code columns merge into one)
  for (const [c, key] of keys.entries()) {
    if (codeCols.includes(c)) {
      if (c === codeCols[0]) columns.push({ key: 'code', kind: 'text', align: 'left' });
      colOf.push(columns.length - 1);
      continue;
    }
    columns.push({ key, kind: textKeys.has(key) ? 'text' : 'amount', align: textKeys.has(key) ? 'left' : 'right' });
    colOf.push(columns.length - 1);
  }
  const rows: TableRow[] = [];
  let line = 0;
  for (const [i, r] of raw.body.entries()) {
    if (r.cells.every((t) => !t.trim())) continue;
    const rowWhere = `第${r.page}页 表${no} 第${i + 1}行`;
    const code = codeCols.map((c) => norm(r.cells[c])).join('');
    let key: string;
    let level: RowLevel | undefined;
    if (codeCols.length && /^\d{3}(\d{2}){0,2}$/.test(code)) {
      key = `${no === 8 ? 'e' : 'f'}:${code}`;
      level = (code.length === 3 ? 1 : code.length === 5 ? 2 : 3) as RowLevel;
    } else if (r.cells.some((t) => /^(合计|收入总计)$/.test(norm(t)))) {
      key = no === 1 || no === 4 ? 'sum:grand' : 'total';
      level = 0;
    } else if (no === 9) {
      key = `line:${++line}`;
    } else if (codeCols.length) {
      unread.push({ where: rowWhere, reason: `未识别的科目编码“${code}”` });
      continue;
    } else {
      key = `line:${++line}`;
    }
    const cells: Cell[] = columns.map(() => ({ kind: 'text', text: '' }));
    for (const [c, text] of r.cells.entries()) {
      const o = colOf[c];
      const spec = columns[o];
      if (spec.key === 'code') {
        cells[o] = { kind: 'text', text: code === '' ? norm(r.cells[codeCols[0]]) : code };
        continue;
      }
      if (spec.kind === 'text') {
        cells[o] = { kind: 'text', text };
        continue;
      }
      const a = readAmount(text, no === 9 ? '万元' : unit);
      if (!a.ok) {
        unread.push({ where: `${rowWhere} 第${c + 1}列`, reason: a.error });
        cells[o] = { kind: 'text', text };
      } else cells[o] = { kind: 'amount', amount: a.fen, display: text.trim() };
    }
    rows.push(level === undefined ? { key, cells } : { key, level, cells });
  }
  const header: HeaderCell[][] = raw.header.map((band) => band.map((h) => ({ text: h.text, ...(h.rowSpan > 1 ? { rowSpan: h.rowSpan } : {}) })));
  const note = raw.noteLines.map((l) => l.text).join('');
  return {
    no,
    label: `表${no}`,
    title: raw.titleLines.map((l) => l.text).join(''),
    departmentLine: /编制(?:部门|单位)[：:]\s*\S+/.exec(frame)?.[0] ?? '',
    unitLine: /单位[：:]\s*\S+/.exec(frame)?.[0] ?? '',
    unit: no === 9 ? '万元' : unit,
    header,
    columns,
    rows,
    ...(note ? { emptyNote: note as '注：本表无数据' } : {}),
    where,
    page: raw.pages[0],
  };
}
