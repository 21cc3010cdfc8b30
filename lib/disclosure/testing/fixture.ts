/**
 * A small hand-made department for the table unit tests: three units (行政, 事业, 参公), basic lines in several
 * sources, this year's and carried-over projects (one with 三公 on 30231, one with 30913 购置), amounts chosen
 * with sub-万元 parts so that 尾差 appears. Plus a generator of large budgets for the performance test.
 */
import { emptyFacts, type BasicLine, type BudgetFacts, type CodeBook, type FundSource, type Project } from '../../facts';

const base = (codes: CodeBook): Omit<BudgetFacts, 'basicLines' | 'projects' | 'income'> => ({
  ...emptyFacts(2025, codes),
  department: { code: '099', name: '示例县测试局', regionName: '示例县' },
  units: [
    { id: 2, name: '示例县测试中心', type: 'institution', sort: 2 },
    { id: 1, name: '示例县测试局（机关）', type: 'admin', sort: 1 },
    { id: 3, name: '示例县测试执法队', type: 'civil', sort: 3 },
  ],
});

let nextId = 1;
const line = (
  unitId: number,
  functionCode: string,
  economicCode: string,
  govEconomicCode: string,
  source: FundSource,
  amount: number,
): BasicLine => ({ id: nextId++, unitId, functionCode, economicCode, govEconomicCode, source, amount });

/** The small fixture. `withFund: false` removes every 政府性基金 figure (for the empty-state tests). */
export function smallFacts(codes: CodeBook, opts: { withFund?: boolean } = {}): BudgetFacts {
  const withFund = opts.withFund ?? true;
  nextId = 1;
  const basicLines: BasicLine[] = [
    line(1, '2080101', '30101', '50101', 'general', 1_234_567), // 1.234567 万
    line(1, '2080101', '30201', '50201', 'general', 333_333),
    line(1, '2080101', '30231', '50208', 'general', 45_000), // 三公: 公务用车运行维护 (basic)
    line(1, '2080101', '30217', '50206', 'general', 10_000), // 三公: 公务接待 (basic)
    line(2, '2080505', '30108', '50501', 'general', 555_555), // 事业: → 工资福利支出
    line(1, '2080505', '30108', '50102', 'general', 111_111), // 行政: → 社会保障缴费
    line(2, '2101102', '30110', '50501', 'general', 222_222),
    line(3, '2080101', '30201', '50201', 'general', 100_004), // 参公 公用: 机关运行经费
    line(2, '2080101', '30201', '50502', 'special', 70_000), // 财政专户
    line(2, '2210201', '30113', '50501', 'general', 300_005),
    line(1, '2080501', '30302', '50905', 'general', 400_000), // 303: 人员经费
    line(2, '2080101', '30201', '50502', 'general', 66_666), // 事业 公用: not 机关运行经费
  ];
  if (withFund) basicLines.push(line(3, '2120101', '30201', '50201', 'fund', 50_000)); // 参公 公用 from 基金
  const projects: Project[] = [
    {
      id: 11,
      name: '测试运转经费',
      unitId: 1,
      source: 'general',
      category: 'operating',
      carryover: false,
      sort: 2,
      items: [
        { id: 1, functionCode: '2080199', economicCode: '30201', amount: 500_000, procurement: null },
        { id: 2, functionCode: '2080199', economicCode: '30231', amount: 130_000, procurement: null }, // 三公 in a project
      ],
    },
    {
      id: 12,
      name: '测试专项资金',
      unitId: 2,
      source: 'general',
      category: 'specific',
      carryover: false,
      sort: 1,
      items: [{ id: 3, functionCode: '2080799', economicCode: '30399', amount: 2_000_004, procurement: null }],
    },
    {
      id: 13,
      name: '测试结转资金',
      unitId: 1,
      source: 'general',
      category: 'specific',
      carryover: true,
      sort: 3,
      items: [{ id: 4, functionCode: '2080799', economicCode: '30399', amount: 1_004_400, procurement: null }],
    },
    {
      id: 14,
      name: '测试单位资金项目',
      unitId: 2,
      source: 'unit',
      category: 'operating',
      carryover: false,
      sort: 4,
      items: [{ id: 5, functionCode: '2080101', economicCode: '30201', amount: 80_000, procurement: 'goods' }],
    },
    {
      id: 15,
      name: '测试公务用车购置',
      unitId: 3,
      source: 'general',
      category: 'specific',
      carryover: true,
      sort: 5,
      items: [{ id: 6, functionCode: '2080101', economicCode: '31013', amount: 250_000, procurement: 'goods' }],
    },
    {
      id: 16,
      name: '测试结转资金二',
      unitId: 1,
      source: 'general',
      category: 'specific',
      carryover: true,
      sort: 6,
      items: [{ id: 7, functionCode: '2080799', economicCode: '30399', amount: 14_400, procurement: null }],
    },
  ];
  if (withFund) {
    projects.push({
      id: 17,
      name: '测试基金项目',
      unitId: 3,
      source: 'fund',
      category: 'specific',
      carryover: false,
      sort: 7,
      items: [
        { id: 8, functionCode: '2120199', economicCode: '30201', amount: 300_000, procurement: null },
        { id: 9, functionCode: '2129999', economicCode: '30231', amount: 20_000, procurement: null },
      ],
    });
  }
  const sum = (f: (l: { source: FundSource; amount: number }) => boolean) =>
    basicLines.filter(f).reduce((s, l) => s + l.amount, 0);
  const projSum = (source: FundSource, carry: boolean) =>
    projects
      .filter((p) => p.source === source && p.carryover === carry)
      .reduce((s, p) => s + p.items.reduce((a, i) => a + i.amount, 0), 0);
  const income = (['general', 'fund', 'capital', 'special', 'unit'] as const).map((source) => ({
    source,
    current: sum((l) => l.source === source) + projSum(source, false),
    carryover: projSum(source, true),
  }));
  return { ...base(codes), basicLines, projects, income };
}

/** A large budget: `lines` basic lines and `projects` projects of ~`itemsPerProject` items, deterministic. */
export function largeFacts(codes: CodeBook, lines: number, projects: number, itemsPerProject = 4): BudgetFacts {
  const functionCodes = Object.keys(codes.functional).filter((c) => c.length === 7);
  const econ = Object.keys(codes.deptEconomic).filter((c) => c.length === 5);
  const sources: FundSource[] = ['general', 'general', 'general', 'fund', 'special', 'unit', 'capital'];
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const units = Array.from({ length: 12 }, (_, i) => ({
    id: i + 1,
    name: `单位${i + 1}`,
    type: (['admin', 'civil', 'institution'] as const)[i % 3],
    sort: i,
  }));
  const basicLines: BasicLine[] = Array.from({ length: lines }, (_, i) => ({
    id: i + 1,
    unitId: 1 + rnd(units.length),
    functionCode: functionCodes[rnd(functionCodes.length)],
    economicCode: econ[rnd(econ.length)],
    govEconomicCode: '50101',
    source: sources[rnd(sources.length)],
    amount: 1 + rnd(50_000_000),
  }));
  let itemId = 1;
  const ps: Project[] = Array.from({ length: projects }, (_, i) => ({
    id: i + 1,
    name: `项目${i + 1}`,
    unitId: 1 + rnd(units.length),
    source: sources[rnd(sources.length)],
    category: i % 2 ? 'operating' : 'specific',
    carryover: i % 5 === 0,
    sort: i,
    items: Array.from({ length: itemsPerProject }, () => ({
      id: itemId++,
      functionCode: functionCodes[rnd(functionCodes.length)],
      economicCode: econ[rnd(econ.length)],
      amount: 1 + rnd(100_000_000),
      procurement: null,
    })),
  }));
  const b = base(codes);
  return { ...b, units, basicLines, projects: ps, income: [] };
}
