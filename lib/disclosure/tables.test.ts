import { describe, expect, it } from 'vitest';
import type { BudgetFacts } from '../facts';
import { formatWanCell } from '../money';
import { buildTables } from './tables';
import { FUNCTION_CLASSES, chineseNumeral, listNumeral } from './functionClasses';
import { largeFacts, smallFacts } from './testing/fixture';
import { codebookFromCsv } from './testing/codebookFromCsv';
import { cellText, type DisclosureTable, type TableRow } from './types';

const codes = codebookFromCsv(2024);
const facts = smallFacts(codes);
const tables = buildTables(facts);
const t = (no: number) => tables[no - 1];

const col = (table: DisclosureTable, key: string) => {
  const i = table.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`表${table.no} has no column ${key}`);
  return i;
};
const rowOf = (table: DisclosureTable, key: string): TableRow => {
  const r = table.rows.find((x) => x.key === key);
  if (!r) throw new Error(`表${table.no} has no row ${key}`);
  return r;
};
/** Exact amount (分) of a cell; a text cell in an amount column counts as 0. */
const fen = (table: DisclosureTable, rowKey: string, colKey: string): number => {
  const c = rowOf(table, rowKey).cells[col(table, colKey)];
  return c.kind === 'amount' ? c.amount : 0;
};
const texts = (table: DisclosureTable) => table.rows.map((r) => r.cells.map(cellText));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('the table model', () => {
  it('builds the 13 tables in order with their frame', () => {
    expect(tables.map((x) => x.no)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(t(1).label).toBe('预算公开表1');
    expect(t(1).title).toBe('2025年预算收支总表');
    expect(t(5).title).toBe('2025年一般公共预算支出预算表（不含上年结转）');
    expect(t(10).title).toBe('2025年财政拨款安排“三公”经费支出预算表');
    expect(t(13).title).toBe('2025年项目支出预算表（上年结转）');
    for (const x of tables) {
      expect(x.departmentLine).toBe('部门名称：示例县测试局');
      expect(x.unitLine).toBe('单位：万元');
    }
  });

  it('gives every row one cell per column, unique keys, and header rows that cover the columns', () => {
    for (const x of tables) {
      const keys = x.rows.map((r) => r.key);
      expect(new Set(keys).size, `表${x.no} keys`).toBe(keys.length);
      for (const r of x.rows) {
        expect(r.cells.length, `表${x.no} ${r.key}`).toBe(x.columns.length);
        r.cells.forEach((c, i) => {
          if (c.kind === 'amount') expect(x.columns[i].kind, `表${x.no} ${r.key} col ${i}`).toBe('amount');
        });
      }
      // lay the header out on a grid honouring rowSpan: every header row must fill exactly the column count
      const occupied: number[] = new Array(x.columns.length).fill(0);
      for (const hr of x.header) {
        let width = occupied.filter((n) => n > 0).length;
        for (const c of hr) width += c.colSpan ?? 1;
        expect(width, `表${x.no} header`).toBe(x.columns.length);
        let pos = 0;
        const next = occupied.map((n) => Math.max(0, n - 1));
        for (const c of hr) {
          while (occupied[pos] > 0) pos++;
          for (let k = 0; k < (c.colSpan ?? 1); k++) next[pos + k] = (c.rowSpan ?? 1) - 1;
          pos += c.colSpan ?? 1;
        }
        occupied.splice(0, occupied.length, ...next);
      }
    }
  });

  it('displays every amount once rounded from its exact value (blank for zero)', () => {
    for (const x of tables)
      for (const r of x.rows)
        for (const c of r.cells) if (c.kind === 'amount') expect(c.display).toBe(formatWanCell(c.amount));
    expect(fen(t(5), 'f:2080101', 'basic')).toBe(1_234_567 + 333_333 + 45_000 + 10_000 + 100_004 + 66_666);
  });
});

describe('功能 hierarchies (表二 三 五 八 九)', () => {
  const hierarchyTables = [2, 3, 5, 8, 9];
  it('sum exactly in 分 in every column: 合计 = Σ类, 类 = Σ款, 款 = Σ项', () => {
    for (const no of hierarchyTables) {
      const x = t(no);
      const amountCols = x.columns
        .map((c, i) => ({ c, i }))
        .filter(({ c }) => c.kind === 'amount' && c.key !== 'income')
        .map(({ i }) => i);
      const value = (r: TableRow, i: number) => {
        const c = r.cells[i];
        return c.kind === 'amount' ? c.amount : 0;
      };
      const codeOf = (r: TableRow) => r.key.slice(2);
      const body = x.rows.filter((r) => r.key !== 'total');
      for (const i of amountCols) {
        const classes = body.filter((r) => r.level === 1);
        expect(value(rowOf(x, 'total'), i), `表${no} 合计 col ${i}`).toBe(sum(classes.map((r) => value(r, i))));
        for (const parent of body.filter((r) => r.level === 1 || r.level === 2)) {
          const children = body.filter(
            (r) => r.level === parent.level! + 1 && codeOf(r).startsWith(codeOf(parent)),
          );
          expect(children.length, `表${no} ${parent.key} has children`).toBeGreaterThan(0);
          expect(value(parent, i), `表${no} ${parent.key} col ${i}`).toBe(sum(children.map((r) => value(r, i))));
        }
      }
    }
  });

  it('list only non-zero codes, sorted by code, 类 → 款 → 项', () => {
    const keys = t(5).rows.map((r) => r.key);
    expect(keys).toEqual([
      'total',
      'f:208', 'f:20801', 'f:2080101', 'f:2080199', 'f:20805', 'f:2080501', 'f:2080505', 'f:20807', 'f:2080799',
      'f:210', 'f:21011', 'f:2101102',
      'f:221', 'f:22102', 'f:2210201',
    ]);
    expect(rowOf(t(5), 'f:2080101').cells.slice(0, 2).map(cellText)).toEqual(['2080101', '行政运行']);
    // 表三 also has the carried-over 2080799 and no 基金 212 (表八 has it)
    expect(t(3).rows.some((r) => r.key === 'f:212')).toBe(true);
    expect(t(5).rows.some((r) => r.key === 'f:212')).toBe(false);
  });

  it('合计 = 基本 + 项目 on every row of 表三 五 八 九', () => {
    for (const no of [3, 5, 8, 9]) {
      const x = t(no);
      for (const r of x.rows) {
        expect(fen(x, r.key, 'total'), `表${no} ${r.key}`).toBe(fen(x, r.key, 'basic') + fen(x, r.key, 'project'));
      }
    }
  });

  it('表二: 合计 = Σ five sources + 上年结转 on every row', () => {
    const x = t(2);
    for (const r of x.rows) {
      const parts = ['general', 'fund', 'capital', 'special', 'unit', 'carryover'].map((k) => fen(x, r.key, k));
      expect(fen(x, r.key, 'total'), r.key).toBe(sum(parts));
    }
    expect(fen(x, 'total', 'carryover')).toBe(1_004_400 + 250_000 + 14_400);
    expect(fen(x, 'total', 'special')).toBe(70_000);
  });

  it('表五 counts only this year’s 一般公共预算; 表三 everything', () => {
    expect(fen(t(5), 'f:2080799', 'project')).toBe(2_000_004);
    expect(fen(t(3), 'f:2080799', 'project')).toBe(2_000_004 + 1_004_400 + 14_400);
    expect(fen(t(3), 'f:2080101', 'project')).toBe(80_000 + 250_000);
  });
});

describe('表一 and 表四', () => {
  it('表一 lists the 30 类 in order with their labels, even when zero', () => {
    const x = t(1);
    const labels = x.rows.slice(0, 30).map((r) => cellText(r.cells[2]));
    expect(labels[0]).toBe('一、一般公共服务支出');
    expect(labels[7]).toBe('八、社会保障和就业支出');
    expect(labels[29]).toBe('三十、抗疫特别国债安排的支出');
    expect(x.rows.slice(0, 30).map((r) => r.key)).toEqual(FUNCTION_CLASSES.map((c) => `f:${c.code}`));
    expect(x.rows.slice(30).map((r) => r.key)).toEqual(['sum:current', 'sum:carryover', 'sum:grand']);
    expect(rowOf(x, 'f:201').cells.slice(3).map(cellText)).toEqual(['', '', '']);
    expect(x.rows.slice(0, 5).map((r) => cellText(r.cells[0]))).toEqual([
      '一、一般公共预算',
      '二、政府性基金预算',
      '三、国有资本经营预算',
      '四、财政专户管理资金',
      '五、单位资金',
    ]);
    expect(rowOf(x, 'f:206').cells[0]).toEqual({ kind: 'text', text: '' });
  });

  it('表一 totals: 收入总计 = 支出总计 = 表三 合计; 合计 = 当年 + 结转', () => {
    const x = t(1);
    const grand = fen(t(3), 'total', 'total');
    expect(fen(x, 'sum:grand', 'income')).toBe(grand);
    expect(fen(x, 'sum:grand', 'total')).toBe(grand);
    for (const r of x.rows) expect(fen(x, r.key, 'total')).toBe(fen(x, r.key, 'current') + fen(x, r.key, 'carryover'));
    expect(fen(x, 'f:208', 'total')).toBe(fen(t(3), 'f:208', 'total'));
    expect(fen(x, 'sum:carryover', 'income')).toBe(fen(t(2), 'total', 'carryover'));
  });

  it('表四: 小计 = Σ 财政拨款 sources; 一般公共预算 agrees with 表一 less other sources', () => {
    const x = t(4);
    for (const r of x.rows.filter((r) => r.key.startsWith('f:') || r.key.startsWith('sum:'))) {
      expect(fen(x, r.key, 'total'), r.key).toBe(fen(x, r.key, 'general') + fen(x, r.key, 'fund') + fen(x, r.key, 'capital'));
    }
    expect(fen(x, 'f:212', 'fund')).toBe(50_000 + 320_000);
    // 财政专户/单位资金 are not 财政拨款
    expect(fen(x, 'sum:current', 'total')).toBe(fen(t(1), 'sum:current', 'total') - 70_000 - 80_000);
    expect(x.rows.map((r) => r.key).slice(30)).toEqual([
      'sum:current', 'sum:carryover', 'carry:general', 'carry:fund', 'carry:capital', 'sum:grand',
    ]);
    expect(fen(x, 'carry:general', 'income')).toBe(1_004_400 + 250_000 + 14_400);
  });

  it('numbers items in Chinese', () => {
    expect([1, 9, 10, 11, 19, 20, 21, 30].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十']);
  });

  it('numbers a list (the glossary) the same way, in digits beyond 九十九', () => {
    expect([1, 10, 15, 99, 100, 123].map(listNumeral)).toEqual(['一', '十', '十五', '九十九', '100', '123']);
  });
});

describe('表六', () => {
  it('lists each 部门经济 款 once per 政府经济 款, under its 类, with the bucket', () => {
    const x = t(6);
    // 301: 1,234,567 + 111,111 + 555,555 + 222,222 + 300,005 = 2,423,460 分; 302: 333,333 + 100,004 + 66,666
    // + 10,000 + 45,000 = 555,003; 303: 400,000. The 基金 and 财政专户 lines are not 一般公共预算.
    expect(texts(x)).toEqual([
      ['合计', '', '3.38', '2.82', '0.56'],
      ['工资福利支出', '', '2.42', '2.42', ''],
      ['基本工资', '工资奖金津补贴', '1.23', '1.23', ''],
      ['机关事业单位基本养老保险缴费', '社会保障缴费', '0.11', '0.11', ''],
      ['机关事业单位基本养老保险缴费', '工资福利支出', '0.56', '0.56', ''],
      ['职工基本医疗保险缴费', '工资福利支出', '0.22', '0.22', ''],
      ['住房公积金', '工资福利支出', '0.30', '0.30', ''],
      ['商品和服务支出', '', '0.56', '', '0.56'],
      ['办公费', '办公经费', '0.43', '', '0.43'],
      ['办公费', '商品和服务支出', '0.07', '', '0.07'],
      ['公务接待费', '公务接待费', '0.01', '', '0.01'],
      ['公务用车运行维护费', '公务用车运行维护费', '0.05', '', '0.05'],
      ['对个人和家庭的补助', '', '0.40', '0.40', ''],
      ['退休费', '离退休费', '0.40', '0.40', ''],
    ]);
    expect(x.rows.map((r) => r.key)).toContain('e:30108>50102');
    expect(fen(x, 'total', 'total')).toBe(fen(t(5), 'total', 'basic'));
    expect(fen(x, 'total', 'total')).toBe(fen(x, 'total', 'personnel') + fen(x, 'total', 'public'));
  });
});

describe('表七 八 九: empty state', () => {
  const noFund = buildTables(smallFacts(codes, { withFund: false }));
  it('with no 基金/国资 money: only the 合计 row and the note', () => {
    for (const no of [7, 8, 9]) {
      const x = noFund[no - 1];
      expect(x.emptyNote, `表${no}`).toBe('注：本表无数据');
      expect(x.rows.map((r) => r.key)).toEqual(['total']);
      expect(cellText(x.rows[0].cells[0])).toBe('合计');
      expect(x.rows[0].cells.every((c) => cellText(c) === '' || cellText(c) === '合计')).toBe(true);
    }
    expect(t(9).emptyNote).toBe('注：本表无数据');
  });
  it('with 基金 money: 表七 and 表八 filled, without the note', () => {
    expect(t(7).emptyNote).toBeUndefined();
    expect(fen(t(7), 'total', 'income')).toBe(50_000 + 320_000);
    expect(t(8).emptyNote).toBeUndefined();
    expect(t(8).rows.map((r) => r.key)).toEqual([
      'total', 'f:212', 'f:21201', 'f:2120101', 'f:2120199', 'f:21299', 'f:2129999',
    ]);
    expect(fen(t(8), 'total', 'basic')).toBe(50_000);
    expect(fen(t(8), 'total', 'project')).toBe(320_000);
  });
  it('other tables carry no note when they hold figures', () => {
    for (const no of [1, 2, 3, 4, 5, 6, 10, 11, 12, 13]) expect(t(no).emptyNote, `表${no}`).toBeUndefined();
  });
});

describe('表十 三公', () => {
  it('counts 财政拨款 basic and project money, 上年结转 included', () => {
    const x = t(10);
    expect(x.rows.map((r) => r.key)).toEqual([
      'tp:abroad', 'tp:reception', 'tp:vehicle', 'tp:vehiclePurchase', 'tp:vehicleOperation', 'total',
    ]);
    expect(fen(x, 'tp:vehicleOperation', 'general')).toBe(45_000 + 130_000); // basic 4.5千 + project 13千 on 30231
    expect(fen(x, 'tp:vehicleOperation', 'fund')).toBe(20_000);
    expect(fen(x, 'tp:vehicleOperation', 'total')).toBe(195_000);
    expect(fen(x, 'tp:vehiclePurchase', 'general')).toBe(250_000); // 31013 in a carried-over project
    expect(fen(x, 'tp:reception', 'total')).toBe(10_000);
    expect(fen(x, 'tp:vehicle', 'total')).toBe(195_000 + 250_000);
    expect(fen(x, 'total', 'total')).toBe(10_000 + 195_000 + 250_000);
    expect(texts(x).map((r) => r[0])).toEqual([
      '因公出国（境）费', '公务接待费', '公务用车购置及运行费', '①公务用车购置费', '②公务用车运行维护费', '合计',
    ]);
  });
  it('ignores 三公 codes in 财政专户/单位资金 money', () => {
    const f = smallFacts(codes);
    f.projects[3].items[0].economicCode = '30217'; // the 单位资金 project
    expect(fen(buildTables(f)[9], 'tp:reception', 'total')).toBe(10_000);
  });
});

describe('表十一 机关运行经费', () => {
  it('lists 部门合计 and each 行政/参公 unit (事业 excluded), by source', () => {
    const x = t(11);
    expect(x.rows.map((r) => r.key)).toEqual(['dept', 'unit:1', 'unit:3']);
    expect(fen(x, 'unit:1', 'general')).toBe(333_333 + 45_000 + 10_000);
    expect(fen(x, 'unit:3', 'general')).toBe(100_004);
    expect(fen(x, 'unit:3', 'fund')).toBe(50_000);
    expect(fen(x, 'dept', 'total')).toBe(333_333 + 45_000 + 10_000 + 100_004 + 50_000);
    expect(fen(x, 'dept', 'general')).toBeLessThanOrEqual(fen(t(6), 'total', 'public'));
  });
});

describe('表十二 十三 projects', () => {
  it('表十二: department → unit → project, amounts in their source column', () => {
    const x = t(12);
    expect(x.rows.map((r) => [r.key, r.level])).toEqual([
      ['dept', 0],
      ['unit:1', 1],
      ['project:11', 2],
      ['unit:2', 1],
      ['project:12', 2],
      ['project:14', 2],
      ['unit:3', 1],
      ['project:17', 2],
    ]);
    expect(cellText(rowOf(x, 'dept').cells[0])).toBe('示例县测试局');
    expect(cellText(rowOf(x, 'unit:2').cells[0])).toBe('示例县测试中心');
    expect(fen(x, 'project:11', 'general')).toBe(630_000);
    expect(fen(x, 'project:14', 'unit')).toBe(80_000);
    expect(fen(x, 'project:14', 'general')).toBe(0);
    expect(fen(x, 'unit:2', 'total')).toBe(2_080_004);
    expect(fen(x, 'dept', 'general')).toBe(fen(t(5), 'total', 'project'));
    expect(x.header[2].map((c) => c.text)).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });
  it('表十三: carried-over projects; each figure rounded once (尾差 shows)', () => {
    const x = t(13);
    expect(texts(x)).toEqual([
      ['示例县测试局', '1.27', '1.27', '', ''],
      ['示例县测试局（机关）', '1.02', '1.02', '', ''],
      ['测试结转资金', '1.00', '1.00', '', ''],
      ['测试结转资金二', '0.01', '0.01', '', ''],
      ['示例县测试执法队', '0.25', '0.25', '', ''],
      ['测试公务用车购置', '0.25', '0.25', '', ''],
    ]);
    // 表三 项目 = 表十二 + 表十三
    expect(fen(t(3), 'total', 'project')).toBe(fen(t(12), 'dept', 'total') + fen(x, 'dept', 'total'));
  });
  it('empty project tables keep their department row and get the note', () => {
    const f = smallFacts(codes);
    f.projects = f.projects.filter((p) => !p.carryover);
    const x = buildTables(f)[12];
    expect(x.rows.map((r) => r.key)).toEqual(['dept']);
    expect(x.emptyNote).toBe('注：本表无数据');
  });
});

describe('determinism and purity', () => {
  it('two builds are byte-identical', () => {
    expect(JSON.stringify(buildTables(smallFacts(codes)))).toBe(JSON.stringify(buildTables(smallFacts(codes))));
  });
  it('the order of the input lines, projects, units and income does not matter', () => {
    const f = smallFacts(codes);
    const g: BudgetFacts = {
      ...f,
      units: [...f.units].reverse(),
      basicLines: [...f.basicLines].reverse(),
      projects: [...f.projects].reverse().map((p) => ({ ...p, items: [...p.items].reverse() })),
      income: [...f.income].reverse(),
    };
    expect(JSON.stringify(buildTables(g))).toBe(JSON.stringify(buildTables(f)));
  });
  it('does not mutate the facts', () => {
    const f = smallFacts(codes);
    const before = JSON.stringify(f);
    const deepFreeze = (o: unknown): void => {
      if (o && typeof o === 'object') {
        Object.freeze(o);
        for (const v of Object.values(o)) deepFreeze(v);
      }
    };
    deepFreeze(f);
    buildTables(f);
    expect(JSON.stringify(f)).toBe(before);
  });
});

// Timings live in `npm run bench` (bench/), never in tests that could fail on a slow machine.
describe('a large synthetic department', () => {
  it('builds 5,000 lines / 300 projects and keeps the grand total exact', () => {
    const f = largeFacts(codes, 5000, 300);
    const tables = buildTables(f);
    expect(fen(tables[0], 'sum:grand', 'total')).toBe(
      sum(f.basicLines.map((l) => l.amount)) + sum(f.projects.flatMap((p) => p.items.map((i) => i.amount))),
    );
  });
});
