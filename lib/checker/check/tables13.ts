/**
 * The 13-table profile: the table, cross-table and 尾差 rules of lib/rules, unchanged, on the tables as read
 * (`TABLE_ONLY_RULES`). A read table holds printed figures (万元, two decimals), so an identity that fails by less
 * than the rounding of its figures (each within ±0.005 万元) may hold between the exact values: such a failure is
 * reported as 尾差 (info), the way the rounding rule reports it on our own budgets; only a difference no rounding can
 * explain stays an error.
 */
import { EMPTY_TABLE_NOTE, type DisclosureTable, type TableNo } from '../../disclosure/types';
import { formatWan } from '../../money';
import { runRules } from '../../rules';
import { columnLabel, rowLabel } from '../../rules/context';
import { tableName } from '../../rules/format';
import { relationsOf, sumOf, wholeLabel } from '../../rules/relations';
import { TABLE_ONLY_RULES, tablesOnlyInput } from '../../rules/tablesOnly';
import type { ExtractedDocument, ProfileTable } from '../model';
import { asDisclosureTables } from '../model';
import { cellPlace, docFinding, type DocRule } from './place';
import type { DocFinding, NotChecked } from './types';

/** The wordings of an empty table's note: 本表无数据, 此表无数据, 本部门无政府性基金预算收支, 本表为空表 … */
const EMPTY_NOTE = /无数据|为空|空表|无[^，。]{0,20}(?:收支|收入|支出|经费|预算|资金)/;

/** Half of 0.01 万元, in 分: the rounding of one printed figure. */
const HALF_CENTI_WAN = 5_000;

export const TAIL_RULE: DocRule = {
  id: 'rounding.tail-difference',
  severity: 'info',
  title: '尾差：显示的合计与显示的各分项之和相差几分（各数分别四舍五入）',
};

export function checkShanxiTables(doc: ExtractedDocument): { findings: DocFinding[]; notChecked: NotChecked[]; tables: DisclosureTable[] } {
  // a printed note in the region's wording (“本部门2024年无政府性基金预算收支”) is the builder's “本表无数据”
  const noted = new Set(doc.tables.filter((t) => t.emptyNote && EMPTY_NOTE.test(t.emptyNote)).map((t) => t.no));
  const tables = (asDisclosureTables(doc) ?? []).map((t) => (noted.has(t.no) && !t.emptyNote ? { ...t, emptyNote: EMPTY_TABLE_NOTE } : t));
  const notChecked: NotChecked[] = [];
  const present = new Set(tables.map((t) => t.no));
  for (let no = 1; no <= 13; no++) {
    if (!present.has(no as TableNo)) {
      notChecked.push({ rule: 'table.*', reason: `未能核查：未读取到${tableName(no)}，涉及${tableName(no)}的表内、表间核对未进行` });
    }
  }
  const input = tablesOnlyInput(tables, doc.year ?? 0);
  const byKey = new Map<string, ReturnType<typeof relationsOf>[number]>();
  for (const r of relationsOf(input)) {
    byKey.set(`${r.ruleId}@cell:${r.table}:${r.row}:${r.column}` + (r.discriminator ? `#${r.discriminator}` : ''), r);
  }
  const read = new Map<number, ProfileTable>(doc.tables.map((t) => [t.no, t]));
  const findings: DocFinding[] = [];
  for (const f of runRules(input, TABLE_ONLY_RULES)) {
    const loc = f.location;
    let place = {};
    if (loc.kind === 'cell') {
      const pt = read.get(loc.table);
      const dt = tables.find((t) => t.no === loc.table);
      const row = dt?.rows.find((r) => r.key === loc.row);
      if (pt && dt) place = cellPlace(pt, row ? rowLabel(row) : loc.row, columnLabel(dt, loc.column));
    }
    const r = byKey.get(f.key);
    if (r) {
      const parts = sumOf(r.parts);
      const tolerance = HALF_CENTI_WAN * (r.parts.length + 1);
      if (Math.abs(r.whole - parts) < tolerance) {
        findings.push(
          docFinding(
            TAIL_RULE,
            loc,
            `${wholeLabel(r)}显示 ${formatWan(r.whole)}，${r.partsLabel}为 ${formatWan(parts)}，相差 ${formatWan(Math.abs(r.whole - parts))} 万元，` +
              `在各数分别四舍五入的误差之内（尾差），不是错误`,
            place,
            r.ruleId + (r.discriminator ? `/${r.discriminator}` : ''),
          ),
        );
        continue;
      }
    }
    findings.push({ ...f, place: { page: null, table: null, row: null, column: null, section: null, quote: null, ...place } });
  }
  return { findings, notChecked, tables };
}
