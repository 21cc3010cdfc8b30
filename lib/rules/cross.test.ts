import { describe, expect, it } from 'vitest';
import { buildTables } from '../disclosure/tables';
import { findingsOf, goodFacts, inputOf, tamper, WAN } from './testing/fixtures';

const facts = goodFacts();
const tables = buildTables(facts);
const spoiled = (no: Parameters<typeof tamper>[1], row: string, col: string, delta: number) =>
  inputOf(facts, { tables: tamper(tables, no, row, col, delta) });
const messages = (ruleId: string, input: ReturnType<typeof inputOf>) =>
  findingsOf(ruleId, input).map((f) => [f.severity, f.location, f.message]);

describe('cross-table rules', () => {
  it('are silent on consistent tables', () => {
    for (const id of [
      'cross.t1-income-equals-expenditure',
      'cross.t4-income-equals-expenditure',
      'cross.t1-expenditure-equals-t3',
      'cross.t2-equals-t3',
      'cross.general-agrees',
      'cross.t5-basic-equals-t6',
      'cross.t5-project-equals-t12',
      'cross.t3-project-equals-t12-t13',
      'cross.fund-tables-agree',
      'cross.t11-within-t6',
      'cross.t10-covers-t6',
      'cross.t11-equals-admin-public',
    ]) {
      expect(findingsOf(id, inputOf(facts)), id).toEqual([]);
    }
  });

  it('cross.t1-income-equals-expenditure: 表一 收入总计 = 支出总计', () => {
    expect(messages('cross.t1-income-equals-expenditure', spoiled(1, 'sum:grand', 'income', 95.13 * WAN))).toEqual([
      ['error', { kind: 'cell', table: 1, row: 'sum:grand', column: 1 }, '表一「收入总计」收入 358.63 万元与表一支出总计 263.50 万元不一致，相差 95.13 万元'],
    ]);
  });

  it('cross.t4-income-equals-expenditure: 表四 收入总计 = 支出总计', () => {
    expect(messages('cross.t4-income-equals-expenditure', spoiled(4, 'sum:grand', 'total', -WAN))).toEqual([
      ['error', { kind: 'cell', table: 4, row: 'sum:grand', column: 1 }, '表四「收入总计」收入 263.50 万元与表四支出总计 262.50 万元不一致，相差 1.00 万元'],
    ]);
  });

  it('cross.t1-expenditure-equals-t3: 表一 支出总计 = 表三 合计', () => {
    expect(messages('cross.t1-expenditure-equals-t3', spoiled(3, 'total', 'total', WAN))).toEqual([
      ['error', { kind: 'cell', table: 1, row: 'sum:grand', column: 3 }, '表一「支出总计」合计 263.50 万元与表三合计 264.50 万元不一致，相差 1.00 万元'],
    ]);
  });

  it('cross.t2-equals-t3: row by row', () => {
    expect(messages('cross.t2-equals-t3', spoiled(2, 'f:2080101', 'total', -WAN))).toEqual([
      ['error', { kind: 'cell', table: 2, row: 'f:2080101', column: 2 }, '表二「2080101 行政运行」合计 183.50 万元与表三合计 184.50 万元不一致，相差 1.00 万元'],
    ]);
  });

  it('cross.general-agrees: 表四 income = 表一 income; 表五 = 表二 一般公共预算; 表四 = 表五 + 表十三', () => {
    expect(messages('cross.general-agrees', spoiled(4, 'f:201', 'income', WAN))).toEqual([
      ['error', { kind: 'cell', table: 4, row: 'f:201', column: 1 }, '表四「一、一般公共预算」收入 256.50 万元与表一同一来源收入 255.50 万元不一致，相差 1.00 万元'],
    ]);
    const t5 = findingsOf('cross.general-agrees', spoiled(5, 'total', 'total', WAN));
    expect(t5.map((f) => f.message)).toEqual([
      '表四「本年支出合计」一般公共预算 263.50 万元与表五合计、表十三一般公共预算之和 264.50 万元不一致，相差 1.00 万元',
      '表五「合计」合计 256.50 万元与表二一般公共预算合计 255.50 万元不一致，相差 1.00 万元',
    ]);
    // two findings of one rule at different cells, with distinct keys
    expect(new Set(t5.map((f) => f.key)).size).toBe(2);
  });

  it('cross.t5-basic-equals-t6, cross.t5-project-equals-t12, cross.t3-project-equals-t12-t13', () => {
    expect(messages('cross.t5-basic-equals-t6', spoiled(6, 'total', 'total', -WAN))).toEqual([
      ['error', { kind: 'cell', table: 5, row: 'total', column: 3 }, '表五「合计」基本支出 220.50 万元与表六合计 219.50 万元不一致，相差 1.00 万元'],
    ]);
    expect(messages('cross.t5-project-equals-t12', spoiled(12, 'dept', 'general', WAN))).toEqual([
      ['error', { kind: 'cell', table: 5, row: 'total', column: 4 }, '表五「合计」项目支出 35.00 万元与表十二一般公共预算合计 36.00 万元不一致，相差 1.00 万元'],
    ]);
    expect(messages('cross.t3-project-equals-t12-t13', spoiled(13, 'dept', 'total', WAN))).toEqual([
      ['error', { kind: 'cell', table: 3, row: 'total', column: 4 }, '表三「合计」项目支出 43.00 万元与表十二合计、表十三合计之和 44.00 万元不一致，相差 1.00 万元'],
    ]);
  });

  it('cross.fund-tables-agree: 表七 = 表一 政府性基金收入; 表八/表九 = 表二', () => {
    expect(messages('cross.fund-tables-agree', spoiled(7, 'total', 'income', WAN))).toEqual([
      ['error', { kind: 'cell', table: 7, row: 'total', column: 2 }, '表七「合计」收入 1.00 万元与表一政府性基金预算收入 0.00 万元不一致，相差 1.00 万元'],
    ]);
    expect(findingsOf('cross.fund-tables-agree', spoiled(9, 'total', 'total', WAN)).map((f) => f.location)).toEqual([
      { kind: 'cell', table: 9, row: 'total', column: 5 },
    ]);
  });

  it('cross.t11-within-t6: 机关运行经费 ≤ 表六 公用经费', () => {
    expect(messages('cross.t11-within-t6', spoiled(11, 'dept', 'general', 100 * WAN))).toEqual([
      ['error', { kind: 'cell', table: 11, row: 'dept', column: 2 }, '表十一「部门合计」一般公共预算 110.50 万元超过表六公用经费合计 14.50 万元，多 96.00 万元'],
    ]);
  });

  it('cross.t10-covers-t6: 表十 三公 ≥ the matching 表六 lines', () => {
    expect(messages('cross.t10-covers-t6', spoiled(10, 'tp:reception', 'general', -0.5 * WAN))).toEqual([
      ['error', { kind: 'cell', table: 10, row: 'tp:reception', column: 2 }, '表十「公务接待费」一般公共预算 0.00 万元少于表六中的公务接待费 0.50 万元，少 0.50 万元'],
    ]);
  });

  it('cross.t11-equals-admin-public: 表十一 = 行政/参公 units’ 财政拨款 basic 公用经费', () => {
    expect(messages('cross.t11-equals-admin-public', spoiled(11, 'unit:1', 'general', WAN))).toEqual([
      [
        'error',
        { kind: 'cell', table: 11, row: 'unit:1', column: 2 },
        '表十一「示例县测试局（机关）」一般公共预算 11.50 万元与示例县测试局（机关）财政拨款基本支出公用经费 10.50 万元不一致，相差 1.00 万元',
      ],
    ]);
    // tables built when the 事业单位 was 参公: its row does not belong in 表十一 any more, and the 部门合计 is off
    const asCivil = goodFacts();
    asCivil.units[1].type = 'civil';
    const fs = findingsOf('cross.t11-equals-admin-public', inputOf(facts, { tables: buildTables(asCivil) }));
    expect(fs.map((f) => f.message)).toEqual([
      '表十一「部门合计」一般公共预算 14.50 万元与行政、参公单位财政拨款基本支出公用经费 10.50 万元不一致，相差 4.00 万元',
      '表十一列有「示例县测试中心」，但表十一只列行政单位和参公单位，该单位不是',
    ]);
  });
});
