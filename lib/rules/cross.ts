/**
 * Across tables (docs/domain.md §8): 表一 收入总计 = 支出总计 = 表三 合计; 表一/表四/表五 一般公共预算 agree;
 * 表五 基本 = 表六 合计; 表五 项目 = 表十二 一般公共预算; 表三 项目 = 表十二 + 表十三; 表十一 = 公用经费 of
 * 行政/参公 units (≤ 表六 公用经费); 表十 三公 ≥ the matching 表六 lines; 表七–九 agree with 表一/表二.
 */
import { FISCAL_SOURCES, FUND_SOURCE_LABEL, isAdministrative, type Fen, type FiscalSource } from '../facts';
import { bucketOf, THREE_PUBLIC_ECONOMIC, type ThreePublicItem } from '../disclosure/aggregate';
import { amountOf, finding, rowLabel, tablesOf } from './context';
import { mismatch, pair } from './format';
import { cellLabel } from './relations';
import { relationRule } from './table';
import type { Finding, Rule } from './types';

const t1IncomeEqualsExpenditure = relationRule(
  'cross.t1-income-equals-expenditure',
  'error',
  '表一：收入总计 = 支出总计',
);
const t4IncomeEqualsExpenditure = relationRule(
  'cross.t4-income-equals-expenditure',
  'error',
  '表四：财政拨款收入总计 = 支出总计',
);
const t1ExpenditureEqualsT3 = relationRule('cross.t1-expenditure-equals-t3', 'error', '表一支出总计 = 表三合计');
const t2EqualsT3 = relationRule('cross.t2-equals-t3', 'error', '表二合计 = 表三合计（逐行）');
const generalAgrees = relationRule(
  'cross.general-agrees',
  'error',
  '表一、表二、表四、表五的一般公共预算数一致',
);
const t5BasicEqualsT6 = relationRule('cross.t5-basic-equals-t6', 'error', '表五基本支出 = 表六合计');
const t5ProjectEqualsT12 = relationRule(
  'cross.t5-project-equals-t12',
  'error',
  '表五项目支出 = 表十二一般公共预算',
);
const t3ProjectEqualsT12T13 = relationRule(
  'cross.t3-project-equals-t12-t13',
  'error',
  '表三项目支出 = 表十二合计 + 表十三合计',
);
const fundTablesAgree = relationRule(
  'cross.fund-tables-agree',
  'error',
  '表七、表八、表九与表一、表二的政府性基金、国有资本经营预算数一致',
);

const t11WithinT6: Rule = {
  id: 'cross.t11-within-t6',
  severity: 'error',
  title: '表十一机关运行经费（一般公共预算）不超过表六公用经费',
  check(input) {
    const ts = tablesOf(input);
    const t11 = ts.get(11);
    const t6 = ts.get(6);
    if (!t11 || !t6) return [];
    const running = t11.fen('dept', 'general');
    const pub = t6.fen('total', 'public');
    if (running <= pub) return [];
    const row = t11.row('dept')!;
    const col = t11.col('general');
    const [a, b, d] = pair(running, pub);
    return [
      finding(
        t11WithinT6,
        { kind: 'cell', table: 11, row: 'dept', column: col },
        `${cellLabel(t11.table, row, col)} ${a}超过表六公用经费合计 ${b}，多 ${d}`,
      ),
    ];
  },
};

const THREE_PUBLIC_LABEL: Record<ThreePublicItem, string> = {
  abroad: '因公出国（境）费',
  reception: '公务接待费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行维护费',
};

const t10CoversT6: Rule = {
  id: 'cross.t10-covers-t6',
  severity: 'error',
  title: '表十“三公”经费不少于表六中对应经济科目的金额',
  check(input) {
    const ts = tablesOf(input);
    const t10 = ts.get(10);
    const t6 = ts.get(6);
    if (!t10 || !t6) return [];
    const inT6: Record<ThreePublicItem, Fen> = { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 };
    const totalCol = t6.col('total');
    for (const row of t6.table.rows) {
      if (!row.key.startsWith('e:') || !row.key.includes('>')) continue;
      const dept = row.key.slice(2, row.key.indexOf('>'));
      const item = THREE_PUBLIC_ECONOMIC[dept];
      if (item) inT6[item] += amountOf(row.cells[totalCol]);
    }
    const out: Finding[] = [];
    const col = t10.col('general');
    for (const item of Object.keys(inT6) as ThreePublicItem[]) {
      const key = `tp:${item}`;
      const row = t10.row(key);
      const shown = t10.fen(key, 'general');
      if (!row || shown >= inT6[item]) continue;
      const [a, b, d] = pair(shown, inT6[item]);
      out.push(
        finding(
          t10CoversT6,
          { kind: 'cell', table: 10, row: key, column: col },
          `${cellLabel(t10.table, row, col)} ${a}少于表六中的${THREE_PUBLIC_LABEL[item]} ${b}，少 ${d}`,
        ),
      );
    }
    return out;
  },
};

const t11EqualsAdminPublic: Rule = {
  id: 'cross.t11-equals-admin-public',
  severity: 'error',
  title: '表十一 = 行政、参公单位财政拨款基本支出中的公用经费',
  check(input) {
    const { facts } = input;
    const t11 = tablesOf(input).get(11);
    if (!t11) return [];
    const admin = new Map(facts.units.filter((u) => isAdministrative(u.type)).map((u) => [u.id, u]));
    const zero = (): Record<FiscalSource, Fen> => ({ general: 0, fund: 0, capital: 0 });
    const byUnit = new Map<number, Record<FiscalSource, Fen>>();
    for (const u of admin.keys()) byUnit.set(u, zero());
    const dept = zero();
    const bucket = new Map<string, string>();
    for (const l of facts.basicLines) {
      if (!admin.has(l.unitId) || !(FISCAL_SOURCES as readonly string[]).includes(l.source)) continue;
      let b = bucket.get(l.economicCode);
      if (!b) bucket.set(l.economicCode, (b = bucketOf(facts.codes, l.economicCode)));
      if (b !== 'public') continue;
      byUnit.get(l.unitId)![l.source as FiscalSource] += l.amount;
      dept[l.source as FiscalSource] += l.amount;
    }
    const out: Finding[] = [];
    const check = (rowKey: string, expected: Record<FiscalSource, Fen>, what: string) => {
      const row = t11.row(rowKey);
      for (const s of FISCAL_SOURCES) {
        const shown = t11.fen(rowKey, s);
        if (shown === expected[s]) continue;
        const col = t11.col(s);
        const label = row ? cellLabel(t11.table, row, col) : `表十一「${what}」${FUND_SOURCE_LABEL[s]}`;
        out.push(
          finding(
            t11EqualsAdminPublic,
            { kind: 'cell', table: 11, row: rowKey, column: col },
            mismatch(label, shown, `${what}财政拨款基本支出公用经费`, expected[s]),
          ),
        );
      }
    };
    check('dept', dept, '行政、参公单位');
    for (const [id, u] of admin) check(`unit:${id}`, byUnit.get(id)!, u.name);
    // rows of units that are not 行政/参公 do not belong in 表十一
    for (const row of t11.table.rows) {
      if (!row.key.startsWith('unit:')) continue;
      const id = Number(row.key.slice(5));
      if (admin.has(id)) continue;
      const col = t11.col('total');
      out.push(
        finding(
          t11EqualsAdminPublic,
          { kind: 'cell', table: 11, row: row.key, column: col },
          `表十一列有「${rowLabel(row)}」，但表十一只列行政单位和参公单位，该单位不是`,
        ),
      );
    }
    return out;
  },
};

export const CROSS_RULES: Rule[] = [
  t1IncomeEqualsExpenditure,
  t4IncomeEqualsExpenditure,
  t1ExpenditureEqualsT3,
  t2EqualsT3,
  generalAgrees,
  t5BasicEqualsT6,
  t5ProjectEqualsT12,
  t3ProjectEqualsT12T13,
  fundTablesAgree,
  t11WithinT6,
  t10CoversT6,
  t11EqualsAdminPublic,
];
