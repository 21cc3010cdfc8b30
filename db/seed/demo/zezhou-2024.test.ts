/**
 * Recomputes, with plain reductions over the demo facts, every printed figure of the reference disclosure
 * (docs/reference/zezhou-rsj-2024.txt) and checks it against the print, or against the correction
 * documented in NOTES.md where the print contradicts itself. Each figure is rounded once, from its exact 分 value.
 */
import { describe, expect, it } from 'vitest';
import { TABLE_12 } from './reference';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FISCAL_SOURCES, isAdministrative, projectAmount } from '../../../lib/facts';
import type { FundSource, ProcurementKind, UnitType } from '../../../lib/facts';
import { fenToCentiWan, formatPercent, formatWan, shareBp, sharesOfWhole } from '../../../lib/money';
import { zezhou2024 as facts } from './zezhou-2024';

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────────

/** A figure as a table prints it: 万元, two decimals, no grouping; '' for an empty cell. */
const cell = (fen: number): string => (fenToCentiWan(fen) === 0 ? '' : formatWan(fen, { grouping: false }));
/** A figure as the text prints it (with grouping). */
const text = (fen: number): string => formatWan(fen);

const sum = <T>(xs: readonly T[], get: (x: T) => number): number => xs.reduce((s, x) => s + get(x), 0);

/** One spending row: a basic line or a project item, flattened. */
interface Row {
  unitId: number;
  functionCode: string;
  economicCode: string;
  source: FundSource;
  amount: number;
  kind: 'basic' | 'project';
  carryover: boolean;
  procurement: ProcurementKind | null;
}
const rows: Row[] = [
  ...facts.basicLines.map((l) => ({
    unitId: l.unitId,
    functionCode: l.functionCode,
    economicCode: l.economicCode,
    source: l.source,
    amount: l.amount,
    kind: 'basic' as const,
    carryover: false,
    procurement: null,
  })),
  ...facts.projects.flatMap((p) =>
    p.items.map((i) => ({
      unitId: p.unitId,
      functionCode: i.functionCode,
      economicCode: i.economicCode,
      source: p.source,
      amount: i.amount,
      kind: 'project' as const,
      carryover: p.carryover,
      procurement: i.procurement,
    })),
  ),
];

const isFiscal = (s: FundSource) => (FISCAL_SOURCES as readonly string[]).includes(s);
const under = (code: string) => (r: Row) => r.functionCode.startsWith(code);
const total = (pred: (r: Row) => boolean) => sum(rows.filter(pred), (r) => r.amount);
const and =
  (...ps: ((r: Row) => boolean)[]) =>
  (r: Row) =>
    ps.every((p) => p(r));
const all = () => true;
const basic = (r: Row) => r.kind === 'basic';
const project = (r: Row) => r.kind === 'project';
const current = (r: Row) => !r.carryover;
const carried = (r: Row) => r.carryover;
const general = (r: Row) => r.source === 'general';
const econ = (...codes: string[]) => (r: Row) => codes.includes(r.economicCode);

const unitType = (id: number): UnitType => {
  const u = facts.units.find((x) => x.id === id);
  if (!u) throw new Error(`unit ${id} missing`);
  return u.type;
};

/** Checks a whole table at once so a failure shows every wrong cell. */
function expectTable(actual: Record<string, string[]>, expected: Record<string, string[]>) {
  expect(actual).toEqual(expected);
}

// ── structure ───────────────────────────────────────────────────────────────────────────────────────────

describe('demo facts: structure', () => {
  it('has the department, five units and stable ids', () => {
    expect(facts.year).toBe(2024);
    expect(facts.department).toEqual({ code: '054', name: '泽州县人力资源和社会保障局', regionName: '泽州县' });
    expect(facts.units.map((u) => u.id)).toEqual([1, 2, 3, 4, 5]);
    expect(facts.units.map((u) => u.type)).toEqual(['admin', 'institution', 'institution', 'institution', 'institution']);
    expect(facts.basicLines.map((l) => l.id)).toEqual(facts.basicLines.map((_, i) => i + 1));
    expect(facts.projects.map((p) => p.id)).toEqual(facts.projects.map((_, i) => i + 1));
    const itemIds = facts.projects.flatMap((p) => p.items.map((i) => i.id));
    expect(itemIds).toEqual(itemIds.map((_, i) => i + 1));
    const sorts = facts.projects.map((p) => p.sort);
    expect([...sorts].sort((a, b) => a - b)).toEqual(sorts);
    expect(facts.projects.filter((p) => !p.carryover)).toHaveLength(17);
    expect(facts.projects.filter((p) => p.carryover)).toHaveLength(5);
  });

  it('uses integer 分, codes of the right length, and only 一般公共预算 money', () => {
    for (const r of rows) {
      expect(Number.isSafeInteger(r.amount) && r.amount > 0).toBe(true);
      expect(r.functionCode).toMatch(/^\d{7}$/);
      expect(r.economicCode).toMatch(/^\d{5}$/);
      expect(r.source).toBe('general');
    }
    for (const l of facts.basicLines) expect(l.govEconomicCode).toMatch(/^\d{5}$/);
  });

  it('balances income and expenditure per fund source, this year and carried over', () => {
    for (const inc of facts.income) {
      const src = (r: Row) => r.source === inc.source;
      expect(total(and(src, current))).toBe(inc.current);
      expect(total(and(src, carried))).toBe(inc.carryover);
    }
    expect(facts.income.find((i) => i.source === 'general')).toEqual({
      source: 'general',
      current: 5_095_130_000,
      carryover: 812_760_000,
    });
  });

  it('has project amounts equal to the 年度资金总额 (元) of the 绩效目标表', () => {
    const formYuan: Record<string, number> = {
      驻村工作队经费: 15_000,
      县政府购买公益性岗位资金: 3_610_000,
      人才专项工作经费: 6_000_000,
      创业就业专项资金: 3_050_000,
      '省级财政就业补助资金（上级）': 76_000,
      '中央财政就业补助资金（上级就业见习岗位补贴）': 1_500_000,
      '中央财政就业补助资金（上级）': 8_090_000,
      遗属补助经费: 39_312,
      执法办案经费: 850_000,
      劳动监察工作服: 260_000,
      社会保险中心办公楼管理费: 180_000,
      公共就业及人才服务经费: 66_000,
      创业和职业技能服务工作经费: 75_000,
      监察中队乡镇站工作经费: 165_000,
      知识更新必需科目培训经费: 120_000,
      人力资源发展事业工作经费: 240_000,
      网络运行维护费: 54_000,
    };
    const thisYear = facts.projects.filter((p) => !p.carryover);
    expect(Object.fromEntries(thisYear.map((p) => [p.name, projectAmount(p) / 100]))).toEqual(formYuan);
  });
});

// ── code books (the starter books the app ships, db/seed/codebooks/2024) ─────────────────────────────────

const classificationDir = path.resolve(__dirname, '../codebooks/2024');
const csv = (file: string) =>
  readFileSync(path.join(classificationDir, file), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => l.split(','));

describe('demo facts: code books', () => {
  it('resolves every basic line’s 政府经济 款 from the mapping for its unit’s type', () => {
    const mapping = new Map(csv('dept_to_gov_economic_mapping_2024.csv').map((c) => [c[0], { admin: c[2], inst: c[4] }]));
    for (const l of facts.basicLines) {
      const m = mapping.get(l.economicCode);
      expect(m, l.economicCode).toBeDefined();
      expect(l.govEconomicCode).toBe(isAdministrative(unitType(l.unitId)) ? m!.admin : m!.inst);
    }
  });
  it('uses only 部门经济 款 and 功能 项 present in the starter code books', () => {
    const deptEcon = new Set(csv('dept_economic_classification_2024.csv').filter((c) => c[1] === '款').map((c) => c[0]));
    const functional = new Set(csv('functional_classification_observed_in_cases.csv').filter((c) => c[1] === '项').map((c) => c[0]));
    for (const r of rows) {
      expect(deptEcon.has(r.economicCode), r.economicCode).toBe(true);
      expect(functional.has(r.functionCode), r.functionCode).toBe(true);
    }
  });
});

// ── 表一 预算收支总表 / 表四 财政拨款收支总表 ───────────────────────────────────────────────────────────

describe('表一 / 表四', () => {
  it('reproduces the income side', () => {
    const inc = (s: FundSource) => facts.income.find((i) => i.source === s)!;
    const currentIncome = sum(facts.income, (i) => i.current);
    const carryIncome = sum(facts.income, (i) => i.carryover);
    expect(cell(inc('general').current)).toBe('5095.13');
    for (const s of ['fund', 'capital', 'special', 'unit'] as const) expect(cell(inc(s).current)).toBe('');
    expect(cell(currentIncome)).toBe('5095.13'); // 本年收入合计
    expect(cell(carryIncome)).toBe('812.76'); // 上年结转 (表四: 上年财政拨款结转, 一般公共预算)
    expect(cell(currentIncome + carryIncome)).toBe('5907.89'); // 收入总计
  });

  it('reproduces the expenditure side by 功能 类 (表四 208 小计 corrected from 5512.46 to 5542.46)', () => {
    const byClass = (c: string) => [cell(total(under(c))), cell(total(and(under(c), current))), cell(total(and(under(c), carried)))];
    expectTable(
      { '208': byClass('208'), '210': byClass('210'), '221': byClass('221'), 本年支出合计: [cell(total(all)), cell(total(current)), cell(total(carried))] },
      {
        '208': ['5542.46', '4729.70', '812.76'],
        '210': ['139.71', '139.71', ''],
        '221': ['225.72', '225.72', ''],
        本年支出合计: ['5907.89', '5095.13', '812.76'],
      },
    );
    // no other 功能 类 has money
    expect(new Set(rows.map((r) => r.functionCode.slice(0, 3)))).toEqual(new Set(['208', '210', '221']));
    // 表四: 财政拨款 小计 = 一般公共预算 per 类
    for (const c of ['208', '210', '221']) expect(cell(total(and(under(c), (r) => isFiscal(r.source))))).toBe(cell(total(and(under(c), general))));
  });
});

// ── 表二 预算收入总表 ────────────────────────────────────────────────────────────────────────────────────

describe('表二 预算收入总表', () => {
  // [本年收入 一般公共预算 (= the printed 合计 column), 上年结转, 合计 = 本年收入 + 上年结转 (corrected, see NOTES.md)]
  const expected: Record<string, string[]> = {
    合计: ['5095.13', '812.76', '5907.89'],
    '208': ['4729.70', '812.76', '5542.46'],
    '20801': ['1958.99', '15.00', '1973.99'],
    '2080101': ['1756.49', '', '1756.49'],
    '2080104': ['37.50', '', '37.50'],
    '2080105': ['42.50', '', '42.50'],
    '2080106': ['6.60', '', '6.60'],
    '2080108': ['5.40', '', '5.40'],
    '2080199': ['110.50', '15.00', '125.50'],
    '20805': ['538.11', '', '538.11'],
    '2080501': ['174.29', '', '174.29'],
    '2080505': ['239.93', '', '239.93'],
    '2080506': ['119.96', '', '119.96'],
    '2080599': ['3.93', '', '3.93'],
    '20807': ['2232.60', '797.76', '3030.36'],
    '2080704': ['823.40', '', '823.40'],
    '2080705': ['703.60', '', '703.60'],
    '2080711': ['150.00', '', '150.00'],
    '2080799': ['555.60', '797.76', '1353.36'],
    '210': ['139.71', '', '139.71'],
    '21007': ['17.61', '', '17.61'],
    '2100799': ['17.61', '', '17.61'],
    '21011': ['122.10', '', '122.10'],
    '2101101': ['6.53', '', '6.53'],
    '2101102': ['75.42', '', '75.42'],
    '2101103': ['37.82', '', '37.82'],
    '2101199': ['2.32', '', '2.32'],
    '221': ['225.72', '', '225.72'],
    '22102': ['225.72', '', '225.72'],
    '2210201': ['225.72', '', '225.72'],
  };
  it('reproduces every row (sources other than 一般公共预算 empty)', () => {
    const actual = Object.fromEntries(
      Object.keys(expected).map((code) => {
        const u = code === '合计' ? all : under(code);
        return [code, [cell(total(and(u, current, general))), cell(total(and(u, carried))), cell(total(u))]];
      }),
    );
    expectTable(actual, expected);
    expect(total((r) => r.source !== 'general')).toBe(0);
  });
  it('has no 功能 项 with money that the table does not print', () => {
    expect(new Set(rows.map((r) => r.functionCode))).toEqual(new Set(Object.keys(expected).filter((c) => c.length === 7)));
  });
});

// ── 表三 预算支出总表 / 表五 一般公共预算支出预算表 ─────────────────────────────────────────────────────

const t3t5Codes = [
  '合计', '208', '20801', '2080101', '2080104', '2080105', '2080106', '2080108', '2080199',
  '20805', '2080501', '2080505', '2080506', '2080599', '20807', '2080704', '2080705', '2080711', '2080799',
  '210', '21007', '2100799', '21011', '2101101', '2101102', '2101103', '2101199', '221', '22102', '2210201',
];
const byFunctionColumns = (restrict: (r: Row) => boolean) =>
  Object.fromEntries(
    t3t5Codes.map((code) => {
      const u = and(code === '合计' ? all : under(code), restrict);
      return [code, [cell(total(u)), cell(total(and(u, basic))), cell(total(and(u, project)))]];
    }),
  );

describe('表三 预算支出总表 (carry-over included)', () => {
  it('reproduces every row (2080105 corrected from 12.50 to 42.50, 208 合计 from 5512.46 to 5542.46)', () => {
    expectTable(byFunctionColumns(all), {
      合计: ['5907.89', '2656.10', '3251.79'],
      '208': ['5542.46', '2290.67', '3251.79'], // printed 合计 5512.46
      '20801': ['1973.99', '1756.49', '217.50'],
      '2080101': ['1756.49', '1756.49', ''],
      '2080104': ['37.50', '', '37.50'],
      '2080105': ['42.50', '', '42.50'], // printed 12.50 / 12.50
      '2080106': ['6.60', '', '6.60'],
      '2080108': ['5.40', '', '5.40'],
      '2080199': ['125.50', '', '125.50'],
      '20805': ['538.11', '534.18', '3.93'],
      '2080501': ['174.29', '174.29', ''],
      '2080505': ['239.93', '239.93', ''],
      '2080506': ['119.96', '119.96', ''],
      '2080599': ['3.93', '', '3.93'],
      '20807': ['3030.36', '', '3030.36'],
      '2080704': ['823.40', '', '823.40'],
      '2080705': ['703.60', '', '703.60'],
      '2080711': ['150.00', '', '150.00'],
      '2080799': ['1353.36', '', '1353.36'],
      '210': ['139.71', '139.71', ''],
      '21007': ['17.61', '17.61', ''],
      '2100799': ['17.61', '17.61', ''],
      '21011': ['122.10', '122.10', ''],
      '2101101': ['6.53', '6.53', ''],
      '2101102': ['75.42', '75.42', ''],
      '2101103': ['37.82', '37.82', ''],
      '2101199': ['2.32', '2.32', ''],
      '221': ['225.72', '225.72', ''],
      '22102': ['225.72', '225.72', ''],
      '2210201': ['225.72', '225.72', ''],
    });
  });
});

describe('表五 一般公共预算支出预算表（不含上年结转）', () => {
  it('reproduces every row as printed', () => {
    expectTable(byFunctionColumns(and(general, current)), {
      合计: ['5095.13', '2656.10', '2439.03'],
      '208': ['4729.70', '2290.67', '2439.03'],
      '20801': ['1958.99', '1756.49', '202.50'],
      '2080101': ['1756.49', '1756.49', ''],
      '2080104': ['37.50', '', '37.50'],
      '2080105': ['42.50', '', '42.50'],
      '2080106': ['6.60', '', '6.60'],
      '2080108': ['5.40', '', '5.40'],
      '2080199': ['110.50', '', '110.50'],
      '20805': ['538.11', '534.18', '3.93'],
      '2080501': ['174.29', '174.29', ''],
      '2080505': ['239.93', '239.93', ''],
      '2080506': ['119.96', '119.96', ''],
      '2080599': ['3.93', '', '3.93'],
      '20807': ['2232.60', '', '2232.60'],
      '2080704': ['823.40', '', '823.40'],
      '2080705': ['703.60', '', '703.60'],
      '2080711': ['150.00', '', '150.00'],
      '2080799': ['555.60', '', '555.60'],
      '210': ['139.71', '139.71', ''],
      '21007': ['17.61', '17.61', ''],
      '2100799': ['17.61', '17.61', ''],
      '21011': ['122.10', '122.10', ''],
      '2101101': ['6.53', '6.53', ''],
      '2101102': ['75.42', '75.42', ''],
      '2101103': ['37.82', '37.82', ''],
      '2101199': ['2.32', '2.32', ''],
      '221': ['225.72', '225.72', ''],
      '22102': ['225.72', '225.72', ''],
      '2210201': ['225.72', '225.72', ''],
    });
  });
});

// ── 表六 一般公共预算安排基本支出分经济科目表 ────────────────────────────────────────────────────────────

describe('表六 基本支出分经济科目', () => {
  const lines = facts.basicLines.filter((l) => l.source === 'general');
  const personnel = (code: string) => code.startsWith('301') || code.startsWith('303');
  const cols = (ls: typeof lines) => {
    const t = sum(ls, (l) => l.amount);
    const p = sum(ls.filter((l) => personnel(l.economicCode)), (l) => l.amount);
    return [cell(t), cell(p), cell(t - p)];
  };
  // 部门经济 款 × 政府经济 款 → [合计, 人员经费, 公用经费], in the printed order
  const expected: [string, string, string[]][] = [
    ['30101', '50101', ['763.45', '763.45', '']], // 基本工资 / 工资奖金津补贴
    ['30102', '50101', ['165.25', '165.25', '']], // 津贴补贴
    ['30103', '50101', ['99.00', '99.00', '']], // 奖金
    ['30107', '50501', ['645.88', '645.88', '']], // 绩效工资 / 工资福利支出
    ['30108', '50102', ['18.92', '18.92', '']], // 机关事业单位基本养老保险缴费 / 社会保障缴费
    ['30108', '50501', ['221.01', '221.01', '']], //   … / 工资福利支出
    ['30109', '50102', ['9.46', '9.46', '']], // 职业年金缴费
    ['30109', '50501', ['110.51', '110.51', '']],
    ['30110', '50102', ['6.53', '6.53', '']], // 职工基本医疗保险缴费
    ['30110', '50501', ['75.42', '75.42', '']],
    ['30111', '50102', ['3.01', '3.01', '']], // 公务员医疗补助缴费
    ['30111', '50501', ['34.81', '34.81', '']],
    ['30112', '50102', ['2.52', '2.52', '']], // 其他社会保障缴费
    ['30113', '50103', ['19.01', '19.01', '']], // 住房公积金 / 住房公积金
    ['30113', '50501', ['206.71', '206.71', '']], //   … / 工资福利支出
    ['30201', '50201', ['32.98', '', '32.98']], // 办公费 / 办公经费
    ['30228', '50201', ['32.86', '', '32.86']], // 工会经费 / 办公经费
    ['30231', '50208', ['4.50', '', '4.50']], // 公务用车运行维护费
    ['30239', '50201', ['12.36', '', '12.36']], // 其他交通费用 / 办公经费
    ['30301', '50905', ['13.81', '13.81', '']], // 离休费 / 离退休费
    ['30302', '50905', ['138.48', '138.48', '']], // 退休费
    ['30307', '50901', ['22.00', '22.00', '']], // 医疗费补助 / 社会福利和救助
    ['30309', '50901', ['17.61', '17.61', '']], // 奖励金
  ];

  it('reproduces each 部门经济 款 × 政府经济 款 row and no other', () => {
    const keys = [...new Set(lines.map((l) => `${l.economicCode}/${l.govEconomicCode}`))].sort();
    expect(keys).toEqual(expected.map(([e, g]) => `${e}/${g}`).sort());
    const actual = Object.fromEntries(
      expected.map(([e, g]) => [`${e}/${g}`, cols(lines.filter((l) => l.economicCode === e && l.govEconomicCode === g))]),
    );
    expectTable(actual, Object.fromEntries(expected.map(([e, g, v]) => [`${e}/${g}`, v])));
  });

  it('reproduces the 类 rows and the totals (人员经费 2573.40 while 2381.49 + 191.90 = 2573.39: 尾差)', () => {
    const cls = (c: string) => cols(lines.filter((l) => l.economicCode.startsWith(c)));
    expectTable(
      { 合计: cols(lines), '301': cls('301'), '302': cls('302'), '303': cls('303') },
      {
        合计: ['2656.10', '2573.40', '82.70'],
        '301': ['2381.49', '2381.49', ''],
        '302': ['82.70', '', '82.70'],
        '303': ['191.90', '191.90', ''],
      },
    );
    expect(new Set(lines.map((l) => l.economicCode.slice(0, 3)))).toEqual(new Set(['301', '302', '303']));
  });

  it('puts the 50501 rows in 事业单位 and every other row in the 机关', () => {
    for (const l of lines) {
      expect(unitType(l.unitId) === 'institution').toBe(l.govEconomicCode === '50501');
    }
  });
});

// ── 表七–九: empty ───────────────────────────────────────────────────────────────────────────────────────

describe('表七 / 表八 / 表九', () => {
  it('have no 政府性基金 or 国有资本经营 money (本表无数据)', () => {
    expect(total((r) => r.source === 'fund')).toBe(0);
    expect(total((r) => r.source === 'capital')).toBe(0);
    for (const i of facts.income.filter((x) => x.source === 'fund' || x.source === 'capital')) {
      expect(i.current + i.carryover).toBe(0);
    }
  });
});

// ── 表十 三公 / 七、三公 ──────────────────────────────────────────────────────────────────────────────────

const fiscal = (r: Row) => isFiscal(r.source);
const threePublic = {
  abroad: total(and(fiscal, econ('30212'))),
  reception: total(and(fiscal, econ('30217'))),
  vehiclePurchase: total(and(fiscal, econ('30913', '31013'))),
  vehicleOperation: total(and(fiscal, econ('30231'))),
};
const threePublicTotal = (t: typeof threePublic) => t.abroad + t.reception + t.vehiclePurchase + t.vehicleOperation;

describe('表十 财政拨款安排“三公”经费', () => {
  it('reproduces every cell (basic and project money)', () => {
    expectTable(
      {
        因公出国: [cell(threePublic.abroad)],
        公务接待费: [cell(threePublic.reception)],
        公务用车购置及运行费: [cell(threePublic.vehiclePurchase + threePublic.vehicleOperation)],
        购置费: [cell(threePublic.vehiclePurchase)],
        运行维护费: [cell(threePublic.vehicleOperation)],
        合计: [cell(threePublicTotal(threePublic))],
      },
      {
        因公出国: [''],
        公务接待费: ['1.00'],
        公务用车购置及运行费: ['17.50'],
        购置费: [''],
        运行维护费: ['17.50'],
        合计: ['18.50'],
      },
    );
    // all of it 一般公共预算
    expect(total(and(fiscal, econ('30212', '30217', '30913', '31013', '30231'), (r) => r.source !== 'general'))).toBe(0);
  });
  it('splits 公务用车运行维护费 into 4.50 basic + 13.00 in three projects', () => {
    expect(cell(total(and(basic, econ('30231'))))).toBe('4.50');
    expect(cell(total(and(project, econ('30231'))))).toBe('13.00');
    expect(facts.projects.filter((p) => p.items.some((i) => i.economicCode === '30231'))).toHaveLength(3);
  });
});

// ── 表十一 机关运行经费 / 八 ────────────────────────────────────────────────────────────────────────────

const runningCostsOf = (pred: (r: Row) => boolean) =>
  total(and(basic, fiscal, (r) => isAdministrative(unitType(r.unitId)), (r) => !r.economicCode.startsWith('301') && !r.economicCode.startsWith('303'), pred));
const runningCosts = runningCostsOf(all);

describe('表十一 机关运行经费', () => {
  it('reproduces the department row and the only 行政/参公 unit', () => {
    const adminUnits = facts.units.filter((u) => isAdministrative(u.type));
    expect(adminUnits.map((u) => u.name)).toEqual(['泽州县人力资源和社会保障局（机关）']);
    expect(cell(runningCosts)).toBe('82.70');
    expect(cell(runningCostsOf(general))).toBe('82.70');
    expect(cell(runningCostsOf((r) => r.unitId === adminUnits[0].id))).toBe('82.70');
  });
});

// ── 表十二 / 表十三 项目支出 ─────────────────────────────────────────────────────────────────────────────

describe('表十二 项目支出预算表（本年预算）', () => {
  const ps = facts.projects.filter((p) => !p.carryover).sort((a, b) => a.sort - b.sort);
  it('reproduces the department row, the 机关 row (corrected from 2139.03) and each project', () => {
    const dept = sum(ps, projectAmount);
    expect(cell(dept)).toBe('2439.03');
    expect(cell(sum(ps.filter((p) => p.source === 'general'), projectAmount))).toBe('2439.03');
    expect(cell(sum(ps.filter((p) => p.unitId === 1), projectAmount))).toBe('2439.03'); // printed 2139.03
    expect(ps.every((p) => p.unitId === 1 && p.source === 'general')).toBe(true);
    expect(ps.map((p) => [p.name, cell(projectAmount(p))])).toEqual(TABLE_12.map(([name, wan]) => [name, wan]));
  });
  it('splits 中央财政就业补助资金（上级） across 2080704 / 2080705 / 2080799 as chosen in NOTES.md', () => {
    const p = ps.find((x) => x.name === '中央财政就业补助资金（上级）')!;
    const by = (code: string) => cell(sum(p.items.filter((i) => i.functionCode === code), (i) => i.amount));
    expect([by('2080704'), by('2080705'), by('2080799')]).toEqual(['200.00', '466.00', '143.00']);
  });
});

describe('表十三 项目支出预算表（上年结转）', () => {
  const ps = facts.projects.filter((p) => p.carryover).sort((a, b) => a.sort - b.sort);
  it('reproduces the department row, the 机关 row and each project (parts 812.75 vs 812.76: 尾差)', () => {
    expect(cell(sum(ps, projectAmount))).toBe('812.76');
    expect(cell(sum(ps.filter((p) => p.unitId === 1), projectAmount))).toBe('812.76');
    expect(ps.every((p) => p.unitId === 1 && p.source === 'general')).toBe(true);
    expect(ps.map((p) => [p.name, cell(projectAmount(p))])).toEqual([
      ['就业补助资金', '10.36'],
      ['就业补助资金', '0.20'],
      ['中央就业补助资金', '787.02'],
      ['“公益性零工市场县县全覆盖”省级财政专项资金', '0.17'],
      ['“泽州县零工市场”硬件补充建设项目', '15.00'],
    ]);
  });
});

// ── 第三部分 情况说明 ────────────────────────────────────────────────────────────────────────────────────

describe('情况说明', () => {
  const all$ = total(all);
  const cur = total(current);
  const car = total(carried);

  it('一、收支变动: 5,907.89 = 5,095.13 + 812.76, +565.69, +10.59%', () => {
    expect([text(all$), text(cur), text(car)]).toEqual(['5,907.89', '5,095.13', '812.76']);
    expect(text(all$ - facts.prior.total)).toBe('565.69');
    expect(formatPercent(shareBp(all$ - facts.prior.total, facts.prior.total))).toBe('10.59%');
    expect(facts.text.reasonTotalChange).toBe('新立项人才专项工作经费增加');
  });

  it('二、收入: 一般公共预算 86.24%, 上年结转 13.76%', () => {
    const [g, c] = sharesOfWhole([cur, car]);
    expect([formatPercent(g), formatPercent(c)]).toEqual(['86.24%', '13.76%']);
  });

  it('三、支出: 基本 2,656.10 (printed 2656.1) 44.96%, 项目 3,251.79 55.04%', () => {
    const b = total(basic);
    const p = total(project);
    expect([text(b), text(p)]).toEqual(['2,656.10', '3,251.79']);
    expect(sharesOfWhole([b, p]).map(formatPercent)).toEqual(['44.96%', '55.04%']);
  });

  it('四、财政拨款: 5,907.89, by 类 5,542.46 / 139.71 / 225.72', () => {
    expect(text(total(fiscal))).toBe('5,907.89');
    expect(['208', '210', '221'].map((c) => text(total(and(fiscal, under(c)))))).toEqual(['5,542.46', '139.71', '225.72']);
  });

  it('五、一般公共预算当年: 5,095.13, −170.87, −3.24%; structure 92.83% / 2.74% / 4.43%', () => {
    const g = total(and(general, current));
    expect(text(g)).toBe('5,095.13');
    expect(text(facts.prior.generalCurrent - g)).toBe('170.87');
    expect(formatPercent(shareBp(facts.prior.generalCurrent - g, facts.prior.generalCurrent))).toBe('3.24%');
    const parts = ['208', '210', '221'].map((c) => total(and(general, current, under(c))));
    expect(parts.map(text)).toEqual(['4,729.70', '139.71', '225.72']);
    expect(sharesOfWhole(parts).map(formatPercent)).toEqual(['92.83%', '2.74%', '4.43%']);
  });

  it('六、基本支出: 人员经费 2,573.40 and 公用经费 82.70 with the 款 the text names', () => {
    const b = rows.filter(basic);
    const pers = b.filter((r) => r.economicCode.startsWith('301') || r.economicCode.startsWith('303'));
    const pub = b.filter((r) => !pers.includes(r));
    expect([text(sum(pers, (r) => r.amount)), text(sum(pub, (r) => r.amount))]).toEqual(['2,573.40', '82.70']);
    // 离休费、公务员医疗补助缴费、其他社会保障缴费、绩效工资、基本工资、医疗费补助、住房公积金、机关事业单位基本养老保险缴费、
    // 退休费、奖金、奖励金、职业年金缴费、职工基本医疗保险缴费、津贴补贴
    expect(new Set(pers.map((r) => r.economicCode))).toEqual(
      new Set(['30301', '30111', '30112', '30107', '30101', '30307', '30113', '30108', '30302', '30103', '30309', '30109', '30110', '30102']),
    );
    // 办公费、公务用车运行维护费、其他交通费用、工会经费
    expect(new Set(pub.map((r) => r.economicCode))).toEqual(new Set(['30201', '30231', '30239', '30228']));
  });

  it('七、三公: 18.50, 比上年减少1.00; 公务接待费 1.00 vs 2.00; the rest equal to last year', () => {
    const prior = facts.prior.threePublic;
    expect(text(threePublicTotal(threePublic))).toBe('18.50');
    expect(text(threePublicTotal(prior) - threePublicTotal(threePublic))).toBe('1.00');
    expect(text(prior.reception - threePublic.reception)).toBe('1.00');
    expect(threePublic.abroad).toBe(prior.abroad);
    expect(threePublic.vehicleOperation).toBe(prior.vehicleOperation);
    expect(threePublic.vehiclePurchase).toBe(prior.vehiclePurchase);
    expect([threePublic.abroad, threePublic.vehiclePurchase].map((x) => text(x))).toEqual(['0.00', '0.00']);
    expect(facts.text.reasonThreePublicChange).toBe('业务招待费预算减少');
  });

  it('八、机关运行经费: 85.11 → 82.70, −2.41, −2.83% (printed 2.8%)', () => {
    expect(text(facts.prior.runningCosts)).toBe('85.11');
    expect(text(runningCosts)).toBe('82.70');
    expect(text(facts.prior.runningCosts - runningCosts)).toBe('2.41');
    expect(formatPercent(shareBp(facts.prior.runningCosts - runningCosts, facts.prior.runningCosts))).toBe('2.83%');
  });

  it('九、政府采购: 75.00 = 货物 2.00 + 工程 0 + 服务 73.00', () => {
    const byKind = (k: ProcurementKind) => total((r) => r.procurement === k);
    expect(text(total((r) => r.procurement !== null))).toBe('75.00');
    expect([text(byKind('goods')), fenToCentiWan(byKind('works')), text(byKind('services'))]).toEqual(['2.00', 0, '73.00']);
  });

  it('十、绩效: 17 projects (printed 15) with 2,439.03; by category 10 × 204.93 / 7 × 2,234.10 (printed 204.94 / 5 × 2,234.09)', () => {
    const ps = facts.projects.filter((p) => !p.carryover);
    const op = ps.filter((p) => p.category === 'operating');
    const sp = ps.filter((p) => p.category === 'specific');
    expect([ps.length, op.length, sp.length]).toEqual([17, 10, 7]);
    expect([text(sum(ps, projectAmount)), text(sum(op, projectAmount)), text(sum(sp, projectAmount))]).toEqual([
      '2,439.03',
      '204.93',
      '2,234.10',
    ]);
    expect(text(total(project))).toBe('3,251.79');
    expect(formatPercent(shareBp(sum(ps, projectAmount), total(project)))).toBe('75.01%'); // printed 75%
  });

  it('十一、国有资产 and 十二、其他', () => {
    const v = facts.assets.vehicles;
    expect(facts.assets.asOf).toBe('2023-12-31');
    expect([sum(v, (x) => x.establishment), sum(v, (x) => x.actual)]).toEqual([8, 8]);
    expect(v.map((x) => [x.category, x.actual])).toEqual([
      ['领导用车', 0],
      ['机要通信用车', 0],
      ['应急保障用车', 0],
      ['执法执勤用车', 0],
      ['特种专业技术用车', 0],
      ['事业单位业务用车', 0],
      ['其他公务用车', 8],
    ]);
    expect(facts.assets.officeAreaCentiSqm).toBe(609_461);
    expect([facts.assets.devicesOver500k, facts.assets.devicesOver1m]).toEqual([0, 0]);
    expect(facts.text.purchaseOfServices).toBe('无');
    expect(facts.text.otherNotes).toBe('本年度无政府性基金。');
  });
});
