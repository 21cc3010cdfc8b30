/**
 * Test helpers for the rule engine: a small, fully consistent budget that every rule is silent on (amounts in
 * whole 0.01 万元 so that no 尾差 appears either), ways to spoil it, and a large synthetic department for the
 * timing test.
 */
import { FUND_SOURCES, type BasicLine, type BudgetFacts, type Fen, type FundSource, type Project } from '../../facts';
import type { Indicator, PerformanceForm } from '../../performance/form';
import { buildTables } from '../../disclosure/tables';
import type { DisclosureTable, TableNo } from '../../disclosure/types';
import { codebookFromCsv } from '../../disclosure/testing/codebookFromCsv';
import { largeFacts } from '../../disclosure/testing/fixture';
import { spendingBySource } from '../income';
import type { Finding, RuleInput } from '../types';
import { RULES, runRules } from '../index';

/** 1 万元 in 分. */
export const WAN = 1_000_000;
/** 1 元 in 分. */
export const YUAN = 100;

let codes: BudgetFacts['codes'] | undefined;
const codes2024 = (): BudgetFacts['codes'] => (codes ??= codebookFromCsv(2024));

/** Indicators of one period: 产出 (数量, 质量, 时效, 成本), 效益, 满意度. */
function indicators(
  period: Indicator['period'],
  rows: ReadonlyArray<readonly [level1: string, level2: string, name: string, value: string]>,
): Indicator[] {
  return rows.map(([level1, level2, name, value], i) => ({ period, level1, level2, name, value, sort: i + 1 }));
}

const split = (local: Fen): PerformanceForm['fundingAnnual'] => ({
  central: 0,
  provincial: 0,
  local,
  selfRaised: 0,
  other: 0,
  total: local,
});

const texts = {
  overview: '项目用于全县就业服务工作，主要包括招聘服务和政策宣传。',
  basis: '《中华人民共和国就业促进法》',
  necessity: '保障重点群体就业。',
  measures: '严格执行财务管理制度，专款专用。',
  plan: '2024年1月至12月组织实施。',
  goalTotal: '完成全年就业服务任务。',
  goalAnnual: '完成全年就业服务任务。',
  manager: '张三',
  handler: '李四',
  phone: '0356-1234567',
  filledAt: '20240110093000',
};

/**
 * The good budget: a 机关 (行政) and a 事业单位; 基本支出 220.50 万元, two this-year projects (23.00 + 12.00 万元) with
 * their forms, one carried-over project (8.00 万元); income balanced per source; control figure = 一般公共预算
 * 本年 255.50 万元; prior-year figures with reasons for what changed.
 */
export function goodFacts(): BudgetFacts {
  const line = (id: number, unitId: number, fn: string, econ: string, gov: string, amount: Fen): BasicLine => ({
    id,
    unitId,
    functionCode: fn,
    economicCode: econ,
    govEconomicCode: gov,
    source: 'general',
    amount,
  });
  const basicLines: BasicLine[] = [
    line(1, 1, '2080101', '30101', '50101', 120 * WAN),
    line(2, 1, '2080101', '30201', '50201', 10 * WAN),
    line(3, 1, '2080101', '30217', '50206', 0.5 * WAN),
    line(4, 1, '2080501', '30302', '50905', 30 * WAN),
    line(5, 2, '2080101', '30101', '50501', 50 * WAN),
    line(6, 2, '2210201', '30113', '50501', 6 * WAN),
    line(7, 2, '2080101', '30201', '50502', 4 * WAN),
  ];
  const projects: Project[] = [
    {
      id: 11,
      name: '就业服务经费',
      unitId: 1,
      source: 'general',
      category: 'specific',
      carryover: false,
      sort: 1,
      items: [
        { id: 1, functionCode: '2080199', economicCode: '30201', amount: 20 * WAN, procurement: null },
        { id: 2, functionCode: '2080199', economicCode: '30231', amount: 3 * WAN, procurement: null },
      ],
    },
    {
      id: 12,
      name: '人才培训经费',
      unitId: 1,
      source: 'general',
      category: 'operating',
      carryover: false,
      sort: 2,
      items: [{ id: 3, functionCode: '2080104', economicCode: '30216', amount: 12 * WAN, procurement: 'services' }],
    },
    {
      id: 13,
      name: '上年结转就业补助资金',
      unitId: 1,
      source: 'general',
      category: 'specific',
      carryover: true,
      sort: 3,
      items: [{ id: 4, functionCode: '2080799', economicCode: '30399', amount: 8 * WAN, procurement: null }],
    },
  ];
  const grid = (period: Indicator['period'], perPerson: string, people: string, time: string) =>
    indicators(period, [
      ['产出指标', '数量指标', '服务人数', people],
      ['产出指标', '质量指标', '服务达标率', '≥95%'],
      ['产出指标', '时效指标', '完成时间', time],
      ['产出指标', '成本指标', '人均服务成本', perPerson],
      ['效益指标', '社会效益指标', '促进就业', '提高'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%'],
    ]);
  const forms: PerformanceForm[] = [
    {
      projectId: 11,
      attribute: 'oneOff',
      periodYears: 1,
      fundingTotal: split(230_000 * YUAN),
      fundingAnnual: split(230_000 * YUAN),
      ...texts,
      indicators: [...grid('total', '230元/人', '≥1000人', '2024年12月'), ...grid('annual', '230元/人', '≥1000人', '2024年12月')],
    },
    {
      projectId: 12,
      attribute: 'recurring',
      periodYears: 99,
      fundingTotal: split(360_000 * YUAN),
      fundingAnnual: split(120_000 * YUAN),
      ...texts,
      indicators: [...grid('total', '300元/人', '≥1200人', '2026年11月'), ...grid('annual', '300元/人', '≥400人', '6月至11月')],
    },
  ];
  const facts: BudgetFacts = {
    year: 2024,
    department: { code: '099', name: '示例县测试局', regionName: '示例县' },
    units: [
      { id: 1, name: '示例县测试局（机关）', type: 'admin', sort: 1 },
      { id: 2, name: '示例县测试中心', type: 'institution', sort: 2 },
    ],
    income: [],
    basicLines,
    projects,
    prior: {
      total: 250 * WAN,
      generalCurrent: 250 * WAN,
      threePublic: { abroad: 0, reception: 0.5 * WAN, vehiclePurchase: 0, vehicleOperation: 3 * WAN },
      runningCosts: 10.5 * WAN,
    },
    assets: { asOf: '2023-12-31', vehicles: [], officeAreaCentiSqm: 0, devicesOver500k: 0, devicesOver1m: 0 },
    text: {
      duties: '负责全县就业和人才工作。',
      organization: '示例县测试局2024年部门预算包括机关及下属示例县测试中心。',
      reasonTotalChange: '新增就业服务项目',
      reasonGeneralChange: '新增就业服务项目',
      reasonThreePublicChange: '',
      reasonRunningCostsChange: '',
      purchaseOfServices: '无',
      otherNotes: '本年度无政府性基金。',
    },
    codes: codes2024(),
    forms,
  };
  return balanceIncome(facts);
}

/** Sets the income of every source to exactly what is spent (本年 and 上年结转). */
export function balanceIncome(facts: BudgetFacts): BudgetFacts {
  const s = spendingBySource(facts);
  facts.income = FUND_SOURCES.map((source: FundSource) => ({
    source,
    current: s.current[source],
    carryover: s.carryover[source],
  }));
  return facts;
}

const generalCurrentIncome = (facts: BudgetFacts): Fen =>
  facts.income.filter((i) => i.source === 'general').reduce((s, i) => s + i.current, 0);

/** The rule input of `facts`: tables built from them, control figure = 一般公共预算 本年收入 unless given. */
export function inputOf(
  facts: BudgetFacts,
  opts: { controlFigure?: Fen | null; tables?: DisclosureTable[]; taxonomy?: RuleInput['taxonomy'] } = {},
): RuleInput {
  const input: RuleInput = {
    facts,
    tables: opts.tables ?? buildTables(facts),
    controlFigure: opts.controlFigure === undefined ? generalCurrentIncome(facts) : opts.controlFigure,
  };
  if (opts.taxonomy) input.taxonomy = opts.taxonomy;
  return input;
}

/** A deep copy of `tables` with one amount cell changed by `delta` 分 (an inconsistent, "imported" disclosure). */
export function tamper(tables: DisclosureTable[], no: TableNo, rowKey: string, colKey: string, delta: Fen): DisclosureTable[] {
  const copy = structuredClone(tables);
  const t = copy.find((x) => x.no === no)!;
  const row = t.rows.find((r) => r.key === rowKey);
  const col = t.columns.findIndex((c) => c.key === colKey);
  if (!row || col < 0) throw new Error(`tamper: no cell 表${no} ${rowKey} ${colKey}`);
  const cell = row.cells[col];
  if (cell.kind !== 'amount') throw new Error(`tamper: 表${no} ${rowKey} ${colKey} is not an amount`);
  cell.amount += delta;
  return copy;
}

/** Findings of one rule (by id) on `input`, through the engine. */
export function findingsOf(ruleId: string, input: RuleInput): Finding[] {
  const rule = RULES.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return runRules(input, [rule]);
}

/**
 * A large department for the timing: `lines` basic lines and `projects` projects (from the table tests'
 * generator), with income balanced per source and a 12-indicator form for every this-year project.
 */
export function largeRuleFacts(lines = 5000, projects = 300): BudgetFacts {
  const f = largeFacts(codes2024(), lines, projects);
  f.year = 2024;
  f.forms = f.projects
    .filter((p) => !p.carryover)
    .map((p, k) => ({
      projectId: p.id,
      attribute: 'recurring' as const,
      periodYears: 99,
      fundingTotal: split(p.items.reduce((s, i) => s + i.amount, 0) * 3),
      fundingAnnual: split(p.items.reduce((s, i) => s + i.amount, 0)),
      ...texts,
      indicators: (['total', 'annual'] as const).flatMap((period) =>
        indicators(period, [
          ['产出指标', '数量指标', '服务人数', `≥${1000 + k}人`],
          ['产出指标', '数量指标', '培训期数', '≥28期'],
          ['产出指标', '质量指标', '服务达标率', '≥95%'],
          ['产出指标', '时效指标', '完成时间', '2024年12月'],
          ['产出指标', '成本指标', '人均服务成本', '230元/人'],
          ['效益指标', '社会效益指标', '促进就业', '提高'],
          ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%'],
        ]),
      ),
    }));
  return balanceIncome(f);
}
