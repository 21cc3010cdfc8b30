/**
 * The 山西 13 tables read back into the builder's `DisclosureTable`s: the columns (keys, kinds) and header shape are
 * the builder's own (built once from an empty budget), the row keys and levels are derived from what each row
 * prints, as the builder derives them (lib/disclosure/table01.ts … table13.ts):
 * - 表一/表四: the 30 类 lines `f:<类>` (by the 类 name, in the builder's order), `sum:current`, `sum:carryover`,
 *   `sum:grand`, and in 表四 `carry:general|fund|capital`; an amount column whose half of the line has no item is
 *   a text cell (no figure belongs there), as the builder makes it;
 * - 表二/三/五/八/九: `total` (合计) and `f:<code>`, level 1/2/3 by the code's length;
 * - 表六: `e:<类>` and `e:<部门款>><政府款>`, the codes found by name in the year's code book;
 * - 表七: `total`; 表十: `tp:*` by item name; 表十一: `dept`, `unit:<n>`;
 * - 表十二/十三: `dept`, `unit:<n>`, `project:<n>` by the row's indent; `n` counts units and projects in print
 *   order (projects across 表十二 then 表十三; units within each table).
 */
import type { BudgetFacts, CodeBook } from '../../facts';
import { FUNCTION_CLASSES } from '../../disclosure/functionClasses';
import { buildTables } from '../../disclosure/tables';
import type { Cell, DisclosureTable, RowLevel, TableRow } from '../../disclosure/types';
import { formatWanCell } from '../../money';
import type { ProfileTable } from '../model';
import { readAmount } from './amounts';
import type { BodyRow, RawTable } from './layout';

type Unread = { where: string; reason: string }[];

let templateCache: DisclosureTable[] | null = null;
function templates(): DisclosureTable[] {
  if (templateCache) return templateCache;
  const facts: BudgetFacts = {
    year: 2000,
    department: { code: '', name: '', regionName: '' },
    units: [],
    income: [],
    basicLines: [],
    projects: [],
    prior: { total: 0, generalCurrent: 0, threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 }, runningCosts: 0 },
    assets: { asOf: '2000-01-01', vehicles: [], officeAreaCentiSqm: 0, devicesOver500k: 0, devicesOver1m: 0 },
    text: { duties: '', organization: '', reasonTotalChange: '', reasonGeneralChange: '', reasonThreePublicChange: '', reasonRunningCostsChange: '', purchaseOfServices: '', otherNotes: '' },
    codes: { functional: {}, deptEconomic: {}, govEconomic: {} },
    forms: [],
  };
  return (templateCache = buildTables(facts));
}

const TP_KEYS: Record<string, { key: string; level: RowLevel }> = {
  '因公出国（境）费': { key: 'tp:abroad', level: 1 },
  公务接待费: { key: 'tp:reception', level: 1 },
  公务用车购置及运行费: { key: 'tp:vehicle', level: 1 },
  '①公务用车购置费': { key: 'tp:vehiclePurchase', level: 2 },
  '②公务用车运行维护费': { key: 'tp:vehicleOperation', level: 2 },
  合计: { key: 'total', level: 0 },
};
const CARRY_KEYS = ['carry:general', 'carry:fund', 'carry:capital'];
const norm = (s: string) => s.replace(/\s/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

interface Counters {
  project: number;
}

/** The table number of a 山西 label line (`预算公开表12`), or null. */
export function shanxiTableNo(line: string): number | null {
  const m = /^预算公开表(\d{1,2})$/.exec(line.replace(/\s/g, ''));
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= 13 ? n : null;
}

export function toShanxiTable(
  no: number,
  raw: RawTable,
  codes: CodeBook | null,
  counters: Counters,
  unread: Unread,
): ProfileTable | null {
  const tpl = shanxiTemplate(no);
  const where = raw.where ?? (raw.pages.length > 1 ? `第${raw.pages[0]}–${raw.pages[raw.pages.length - 1]}页（表${no}）` : `第${raw.pages[0]}页（表${no}）`);
  if (raw.width !== tpl.columns.length) {
    unread.push({ where, reason: `表${no}读到 ${raw.width} 列，应为 ${tpl.columns.length} 列，未读取本表` });
    return null;
  }
  if (raw.misaligned > 0) unread.push({ where, reason: `表${no}有 ${raw.misaligned} 个单元格未对齐到列，已略去` });
  const frame = raw.frameLines.map((l) => l.text).join(' ');
  const departmentLine = /部门名称：\S+/.exec(frame)?.[0] ?? '';
  const unitLine = /单位：\S+/.exec(frame)?.[0] ?? '';
  const rows: TableRow[] = [];
  const seen = new Set<string>();
  let units = 0;
  let side = 0;
  let econClass = '';
  for (const [i, r] of raw.body.entries()) {
    const rowWhere = r.where ?? `第${r.page}页 表${no} 第${i + 1}行`;
    const k = rowKey(no, r, i, codes, counters, () => ++units, () => side++, econClass, rowWhere, unread);
    if (!k) continue;
    if (k.key.startsWith('e:') && !k.key.includes('>')) econClass = k.key.slice(2);
    if (seen.has(k.key)) {
      unread.push({ where: rowWhere, reason: `行“${r.cells.join(' ').trim()}”重复出现，未读取` });
      continue;
    }
    seen.add(k.key);
    const cells: Cell[] = tpl.columns.map((col, c) => {
      const text = r.cells[c] ?? '';
      if (col.kind === 'text' || k.textAmounts?.has(c)) return { kind: 'text', text };
      const a = readAmount(text, '万元');
      if (!a.ok) {
        unread.push({ where: `${rowWhere} 第${c + 1}列`, reason: a.error });
        return { kind: 'text', text };
      }
      return { kind: 'amount', amount: a.fen, display: formatWanCell(a.fen) };
    });
    rows.push(k.level === undefined ? { key: k.key, cells } : { key: k.key, level: k.level, cells });
  }
  const note = raw.noteLines.map((l) => l.text).join('');
  return {
    no,
    label: raw.titleLines[0]?.text.replace(/\s/g, '') ?? '',
    title: raw.titleLines.slice(1).map((l) => l.text).join(''),
    departmentLine,
    unitLine,
    unit: '万元',
    header: tpl.header.map((hr) => hr.map((h) => ({ ...h }))),
    columns: tpl.columns,
    rows,
    ...(note.startsWith('注：本表无数据') ? { emptyNote: '注：本表无数据' as const } : {}),
    where,
    page: raw.pages[0] ?? null,
  };
}

interface Key {
  key: string;
  level: RowLevel | undefined;
  /** Amount columns that are text cells in this row (no figure belongs there). */
  textAmounts?: Set<number>;
}

function sideBySide(no: 1 | 4, r: BodyRow, nextLine: () => number, where: string, unread: Unread): Key | null {
  const inItem = norm(r.cells[0]);
  const outItem = norm(r.cells[2]);
  const textAmounts = new Set<number>();
  if (!inItem) textAmounts.add(1);
  if (!outItem) for (let c = 3; c < r.cells.length; c++) textAmounts.add(c);
  if (/^本年收入合计/.test(inItem)) return { key: 'sum:current', level: 0, textAmounts };
  if (/^上年(财政拨款)?结转$/.test(inItem)) return { key: 'sum:carryover', level: 0, textAmounts };
  if (/^收入总计/.test(inItem)) return { key: 'sum:grand', level: 0, textAmounts };
  if (outItem) {
    const name = outItem.replace(/^[一二三四五六七八九十]+、/, '');
    const cls = FUNCTION_CLASSES.find((c) => c.name === name);
    nextLine();
    if (cls) return { key: `f:${cls.code}`, level: undefined, textAmounts };
    unread.push({ where, reason: `未识别的支出类“${outItem}”` });
    return null;
  }
  if (no === 4 && inItem) {
    const i = ['一、一般公共预算', '二、政府性基金预算', '三、国有资本经营预算'].indexOf(inItem);
    if (i >= 0) return { key: CARRY_KEYS[i], level: 1, textAmounts };
  }
  if (!inItem) return null; // an empty line
  unread.push({ where, reason: `未识别的行“${inItem}”` });
  return null;
}

function rowKey(
  no: number,
  r: BodyRow,
  index: number,
  codes: CodeBook | null,
  counters: Counters,
  nextUnit: () => number,
  nextLine: () => number,
  econClass: string,
  where: string,
  unread: Unread,
): Key | null {
  const c0 = norm(r.cells[0] ?? '');
  switch (no) {
    case 1:
    case 4:
      return sideBySide(no, r, nextLine, where, unread);
    case 2:
    case 3:
    case 5:
    case 7:
    case 8:
    case 9: {
      const codeCol = no === 9 && !c0 ? 3 : 0;
      const code = norm(r.cells[codeCol] ?? '');
      if (code === '合计') return { key: 'total', level: 0 };
      if (/^\d{3}(\d{2}){0,2}$/.test(code)) return { key: `f:${code}`, level: (code.length === 3 ? 1 : code.length === 5 ? 2 : 3) as RowLevel };
      if (r.cells.every((c) => !c.trim())) return null;
      unread.push({ where, reason: `未识别的科目编码“${code}”` });
      return null;
    }
    case 6: {
      if (c0 === '合计') return { key: 'total', level: 0 };
      const gov = norm(r.cells[1] ?? '');
      if (!codes) {
        unread.push({ where, reason: '未提供经济分类科目表，无法由科目名称得出编码' });
        return null;
      }
      if (!gov) {
        const code = Object.keys(codes.deptEconomic).find((k) => k.length === 3 && norm(codes.deptEconomic[k].name) === c0);
        if (code) return { key: `e:${code}`, level: 1 };
        unread.push({ where, reason: `部门经济分类“${c0}”不在科目表中` });
        return null;
      }
      const dept = Object.keys(codes.deptEconomic).find((k) => k.length === 5 && k.startsWith(econClass) && norm(codes.deptEconomic[k].name) === c0);
      const govCode = Object.keys(codes.govEconomic).find((k) => k.length === 5 && norm(codes.govEconomic[k]) === gov);
      if (dept && govCode) return { key: `e:${dept}>${govCode}`, level: 2 };
      unread.push({ where, reason: `经济分类“${c0}／${gov}”不在科目表中` });
      return null;
    }
    case 10: {
      const k = TP_KEYS[c0];
      if (k) return k;
      unread.push({ where, reason: `未识别的“三公”经费项目“${c0}”` });
      return null;
    }
    case 11:
      if (c0 === '部门合计') return { key: 'dept', level: 0 };
      if (!c0) return null;
      return { key: `unit:${nextUnit()}`, level: 1 };
    case 12:
    case 13: {
      if (!c0) return null;
      if (index === 0) return { key: 'dept', level: 0 };
      // units and projects differ by indent only (the builder's levels 1 and 2)
      const unitIndent = r.indents[0] < PROJECT_INDENT_MIN;
      if (unitIndent) return { key: `unit:${nextUnit()}`, level: 1 };
      counters.project += 1;
      return { key: `project:${counters.project}`, level: 2 };
    }
    default:
      return null;
  }
}

/** Row names of level 2 are indented `pl-5` (1.25rem ≈ 15pt at print scale), level 1 `pl-2`; the cut is between. */
const PROJECT_INDENT_MIN = 10;

/** The builder's table `no` of an empty budget: its columns and header are the template's. */
export const shanxiTemplate = (no: number): DisclosureTable => templates()[no - 1];

/** Header rows of 山西 table `no` (the builder's header). */
export const shanxiHeaderRows = (no: number): number => shanxiTemplate(no).header.length;
