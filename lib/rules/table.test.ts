import { describe, expect, it } from 'vitest';
import { buildTables } from '../disclosure/tables';
import { findingsOf, goodFacts, inputOf, tamper, WAN } from './testing/fixtures';
import { runRules } from './index';

const facts = goodFacts();
const tables = buildTables(facts);
/** The good budget with one cell of its tables changed (an inconsistent, e.g. imported, disclosure). */
const spoiled = (no: Parameters<typeof tamper>[1], row: string, col: string, delta: number) =>
  inputOf(facts, { tables: tamper(tables, no, row, col, delta) });

describe('within-table rules', () => {
  it('are silent on tables built from consistent facts', () => {
    expect(runRules(inputOf(facts))).toEqual([]);
  });

  it('table.hierarchy-sum: 类 = Σ款 and 合计 = Σ类, in every column', () => {
    const fs = findingsOf('table.hierarchy-sum', spoiled(3, 'f:208', 'total', 30 * WAN));
    expect(fs.map((f) => [f.severity, f.location, f.message])).toEqual([
      [
        'error',
        { kind: 'cell', table: 3, row: 'f:208', column: 2 },
        '表三「208 社会保障和就业支出」合计 287.50 万元与其下各款之和 257.50 万元不一致，相差 30.00 万元',
      ],
      [
        'error',
        { kind: 'cell', table: 3, row: 'total', column: 2 },
        '表三「合计」合计 263.50 万元与其下各类之和 293.50 万元不一致，相差 30.00 万元',
      ],
    ]);
    expect(fs[0].key).toBe('table.hierarchy-sum@cell:3:f:208:2');
  });

  it('table.hierarchy-sum covers 表十 (公务用车 = 购置 + 运行维护; 合计 = 三项之和) and 表十二 units', () => {
    const t10 = findingsOf('table.hierarchy-sum', spoiled(10, 'tp:vehicleOperation', 'general', 1 * WAN));
    expect(t10.map((f) => f.message)).toEqual([
      '表十「公务用车购置及运行费」一般公共预算 3.00 万元与购置费、运行维护费之和 4.00 万元不一致，相差 1.00 万元',
    ]);
    const t12 = findingsOf('table.hierarchy-sum', spoiled(12, 'project:12', 'total', -2 * WAN));
    expect(t12.map((f) => f.message)).toEqual([
      '表十二「示例县测试局（机关）」合计 35.00 万元与其下各项目之和 33.00 万元不一致，相差 2.00 万元',
    ]);
  });

  it('table.total-equals-basic-plus-project: a difference of one 分 is written in 元', () => {
    const fs = findingsOf('table.total-equals-basic-plus-project', spoiled(5, 'f:2080101', 'basic', -1));
    expect(fs.map((f) => [f.location, f.message])).toEqual([
      [
        { kind: 'cell', table: 5, row: 'f:2080101', column: 2 },
        '表五「2080101 行政运行」合计 1,845,000.00 元与基本支出、项目支出之和 1,844,999.99 元不一致，相差 0.01 元',
      ],
    ]);
  });

  it('table.total-equals-personnel-plus-public (表六)', () => {
    const fs = findingsOf('table.total-equals-personnel-plus-public', spoiled(6, 'e:30101>50101', 'personnel', WAN));
    expect(fs.map((f) => [f.location, f.message])).toEqual([
      [
        { kind: 'cell', table: 6, row: 'e:30101>50101', column: 2 },
        '表六「基本工资 工资奖金津补贴」合计 120.00 万元与人员经费、公用经费之和 121.00 万元不一致，相差 1.00 万元',
      ],
    ]);
  });

  it('table.total-equals-sources (表十二 合计 = 各资金来源之和)', () => {
    const fs = findingsOf('table.total-equals-sources', spoiled(12, 'project:11', 'general', -WAN));
    expect(fs.map((f) => [f.location, f.message])).toEqual([
      [
        { kind: 'cell', table: 12, row: 'project:11', column: 1 },
        '表十二「就业服务经费」合计 23.00 万元与各资金来源之和 22.00 万元不一致，相差 1.00 万元',
      ],
    ]);
  });

  it('table.grand-total (表一 收入总计 = 本年收入合计 + 上年结转)', () => {
    const fs = findingsOf('table.grand-total', spoiled(1, 'sum:carryover', 'income', WAN));
    expect(fs.map((f) => [f.location, f.message])).toEqual([
      [
        { kind: 'cell', table: 1, row: 'sum:grand', column: 1 },
        '表一「收入总计」收入 263.50 万元与本年收入合计、上年结转之和 264.50 万元不一致，相差 1.00 万元',
      ],
    ]);
  });

  it('table.grand-total (表四 本年支出合计 = Σ 类)', () => {
    const fs = findingsOf('table.grand-total', spoiled(4, 'f:221', 'general', WAN));
    expect(fs.map((f) => f.message)).toEqual([
      '表四「本年支出合计」一般公共预算 263.50 万元与各类支出之和 264.50 万元不一致，相差 1.00 万元',
    ]);
  });

  it('table.empty-note: an empty table carries the note, a table with figures does not', () => {
    const copy = structuredClone(tables);
    delete copy[6].emptyNote; // 表七 is empty (no 政府性基金)
    copy[0].emptyNote = '注：本表无数据';
    const fs = findingsOf('table.empty-note', inputOf(facts, { tables: copy }));
    expect(fs.map((f) => [f.location, f.message])).toEqual([
      [{ kind: 'cell', table: 1, row: 'f:201', column: 1 }, '表一有数据，却标注“注：本表无数据”'],
      [{ kind: 'cell', table: 7, row: 'total', column: 2 }, '表七没有数据，应标注“注：本表无数据”'],
    ]);
  });
});
