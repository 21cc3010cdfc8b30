/**
 * The full rule run on the demo department 泽州县人力资源和社会保障局 2024 (seeded into an in-memory database,
 * control figure = its 一般公共预算 本年收入 as the seed sets it). The findings are exactly the oddities of the
 * reference the demo is meant to show (db/seed/demo/NOTES.md and FORMS-NOTES.md); every other rule is silent.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db/client';
import { seedIfEmpty } from '../../db/seed';
import { budgets, controlFigures, departments } from '../../db/schema';
import { loadBudgetFacts } from '../budget/load';
import { checkBudget, summarize } from './index';

const db = openDatabase(':memory:');
seedIfEmpty(db, { passwordHasher: (p) => p });
const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
const facts = loadBudgetFacts(db, budget.id);
const control = db.select().from(controlFigures).where(eq(controlFigures.departmentId, dept.id)).get()!.amount;
const findings = checkBudget(facts, control);

const pid = (name: string) => {
  const p = facts.projects.find((x) => x.name === name && !x.carryover);
  if (!p) throw new Error(`no project ${name}`);
  return p.id;
};
/** Index of a form's indicator by period and 三级 name. */
const ind = (project: string, period: 'total' | 'annual', name: string) => {
  const f = facts.forms.find((x) => x.projectId === pid(project))!;
  const i = f.indicators.findIndex((x) => x.period === period && x.name === name);
  if (i < 0) throw new Error(`no indicator ${project} ${period} ${name}`);
  return i;
};
const tail = (table: number, row: string, column: number) => ({ kind: 'cell', table, row, column });

describe('the demo department, all rules', () => {
  it('has the control figure of the seed: 一般公共预算 本年 5,095.13 万元', () => {
    expect(control).toBe(5_095_130_000);
  });

  it('produces exactly the findings the demo is meant to show', () => {
    expect(findings.map((f) => [f.severity, f.ruleId, f.location])).toEqual([
      // ── errors ──
      // 遗属补助经费 is a one-year project whose 实施期 (40,000 元) ≠ 年度 (39,312 元) (FORMS-NOTES #9)
      ['error', 'form.one-year-equal', { kind: 'form', projectId: pid('遗属补助经费'), field: 'fundingTotal.total' }],
      // 执法办案经费: the reference prints only the 满意度 row of its grid: no 产出/效益 in either period (#14)
      ['error', 'form.required-indicators', { kind: 'form', projectId: pid('执法办案经费'), field: 'indicators.annual' }],
      ['error', 'form.required-indicators', { kind: 'form', projectId: pid('执法办案经费'), field: 'indicators.total' }],
      // 网络运行维护费: 租赁费支付时间 2023年6月, outside 2024, in both periods (#4)
      ['error', 'form.time-outside-year', { kind: 'form', projectId: pid('网络运行维护费'), indicatorIndex: ind('网络运行维护费', 'total', '租赁费支付时间') }],
      ['error', 'form.time-outside-year', { kind: 'form', projectId: pid('网络运行维护费'), indicatorIndex: ind('网络运行维护费', 'annual', '租赁费支付时间') }],
      // 五(一): 一般公共预算当年拨款 5,095.13 比上年 5,266.00 减少 170.87, no reason printed (NOTES §1 #12): the text
      // states the change, so the reason must be typed (an error, not a warning the clerk could explain away)
      ['error', 'text.reason-missing', { kind: 'text', field: 'reasonGeneralChange' }],
      // ── warnings (the clerk explains them) ──
      // 省级财政就业补助资金（上级）: its only 成本 indicator, 1000元/人 × ≥20人 = 20,000 元, is far below 76,000 元
      // (the 一次性创业补贴 ≤5000元 cost standard is printed under 效益指标, #7)
      ['warning', 'form.cost-far-from-amount', { kind: 'form', projectId: pid('省级财政就业补助资金（上级）'), indicatorIndex: ind('省级财政就业补助资金（上级）', 'annual', '吸纳重点群体就业') }],
      // 遗属补助经费: ≤1292元/人/月 × 4人 × 12 = 62,016 元 and ≤3920元/人/月 × 4 × 12 = 188,160 元 > 39,312 元 (#9)
      ['warning', 'form.cost-far-from-amount', { kind: 'form', projectId: pid('遗属补助经费'), indicatorIndex: ind('遗属补助经费', 'annual', '遗属补助发放标准') }],
      ['warning', 'form.cost-far-from-amount', { kind: 'form', projectId: pid('遗属补助经费'), indicatorIndex: ind('遗属补助经费', 'annual', '取暖费发放标准') }],
      // 监察中队乡镇站工作经费: ≤370元/平米 × ≤1047.9平米 = 387,723 元 against 165,000 元 (#2)
      ['warning', 'form.cost-far-from-amount', { kind: 'form', projectId: pid('监察中队乡镇站工作经费'), indicatorIndex: ind('监察中队乡镇站工作经费', 'annual', '房屋租赁费') }],
      // the two 中央财政就业补助资金 forms put all their money under 省级财政资金, none under 中央 (#10, #12)
      ['warning', 'form.source-contradiction', { kind: 'form', projectId: pid('中央财政就业补助资金（上级就业见习岗位补贴）'), field: 'fundingAnnual.central' }],
      ['warning', 'form.source-contradiction', { kind: 'form', projectId: pid('中央财政就业补助资金（上级）'), field: 'fundingAnnual.central' }],
      // ── information ──
      // 遗属补助经费: the form's 39,312 元 shows in 表十二 as 3.93 万元 (39,300 元); exact amounts agree (#9)
      ['info', 'rounding.form-vs-table12', { kind: 'form', projectId: pid('遗属补助经费'), field: 'fundingAnnual.total' }],
      // 尾差 (NOTES §2): 21011 行政事业单位医疗 122.10 vs 6.53 + 75.42 + 37.82 + 2.32 = 122.09 in 表二/三/五
      ['info', 'rounding.tail-difference', tail(2, 'f:21011', 2)],
      ['info', 'rounding.tail-difference', tail(2, 'f:21011', 3)],
      ['info', 'rounding.tail-difference', tail(3, 'f:21011', 2)],
      ['info', 'rounding.tail-difference', tail(3, 'f:21011', 3)],
      ['info', 'rounding.tail-difference', tail(5, 'f:21011', 2)],
      ['info', 'rounding.tail-difference', tail(5, 'f:21011', 3)],
      // 表六 合计 2,656.10 vs 2,381.49 + 82.70 + 191.90 = 2,656.09; 人员经费 2,573.40 vs 2,381.49 + 191.90 = 2,573.39
      ['info', 'rounding.tail-difference', tail(6, 'total', 2)],
      ['info', 'rounding.tail-difference', tail(6, 'total', 3)],
      // 表十三 机关 812.76 vs 10.36 + 0.20 + 787.02 + 0.17 + 15.00 = 812.75 (合计 and 一般公共预算)
      ['info', 'rounding.tail-difference', tail(13, 'unit:' + facts.units[0].id, 1)],
      ['info', 'rounding.tail-difference', tail(13, 'unit:' + facts.units[0].id, 2)],
    ]);
    expect(summarize(findings)).toEqual({ error: 6, warning: 6, info: 11 });
  });

  it('writes the figures into the messages', () => {
    const message = (ruleId: string, projectName?: string) =>
      findings
        .filter((f) => f.ruleId === ruleId && (!projectName || (f.location.kind === 'form' && f.location.projectId === pid(projectName))))
        .map((f) => f.message);
    expect(message('form.one-year-equal')).toEqual([
      '项目“遗属补助经费”绩效目标表：项目期为1年，实施期资金总额 40,000 元与年度资金总额 39,312 元不一致，相差 688 元',
    ]);
    expect(message('form.required-indicators')).toEqual([
      '项目“执法办案经费”绩效目标表年度绩效指标缺少产出指标、效益指标（每类一级指标至少要有一个填写了指标值的三级指标）',
      '项目“执法办案经费”绩效目标表实施期绩效指标缺少产出指标、效益指标（每类一级指标至少要有一个填写了指标值的三级指标）',
    ]);
    expect(message('form.time-outside-year')).toEqual([
      '项目“网络运行维护费”绩效目标表实施期指标“产出指标›时效指标›租赁费支付时间”的时间“2023年6月”不在项目期（2024年起）内',
      '项目“网络运行维护费”绩效目标表年度指标“产出指标›时效指标›租赁费支付时间”的时间“2023年6月”不在预算年度2024年内',
    ]);
    expect(message('form.cost-far-from-amount')).toEqual([
      '项目“省级财政就业补助资金（上级）”绩效目标表成本指标“吸纳重点群体就业”1000元/人 × 数量指标“重点群体就业创业”≥20人 ≈ 20,000 元，比年度资金总额 76,000 元少 74%（该指标是本年度唯一的成本指标）',
      '项目“遗属补助经费”绩效目标表成本指标“遗属补助发放标准”≤1292元/人/月 × 数量指标“遗属补助人员”4人 × 12个月 ≈ 62,016 元，比年度资金总额 39,312 元多 58%',
      '项目“遗属补助经费”绩效目标表成本指标“取暖费发放标准”≤3920元/人/月 × 数量指标“遗属补助人员”4人 × 12个月 ≈ 188,160 元，比年度资金总额 39,312 元多 379%',
      '项目“监察中队乡镇站工作经费”绩效目标表成本指标“房屋租赁费”≤370元/平米 × 数量指标“房屋租赁总面积”≤1047.9平米 ≈ 387,723 元，比年度资金总额 165,000 元多 135%',
    ]);
    expect(message('form.source-contradiction')).toEqual([
      '项目“中央财政就业补助资金（上级就业见习岗位补贴）”绩效目标表：项目名称含“中央”，但年度中央财政资金为 0（年度资金列在：省级财政资金 1,500,000 元）',
      '项目“中央财政就业补助资金（上级）”绩效目标表：项目名称含“中央”，但年度中央财政资金为 0（年度资金列在：省级财政资金 8,090,000 元）',
    ]);
    expect(message('text.reason-missing')).toEqual([
      '一般公共预算当年拨款 5,095.13 万元比上年减少 170.87 万元，未填写变动原因：情况说明公开这一变动时须写明原因，请在“说明文字”中填写原因本身',
    ]);
    expect(message('rounding.form-vs-table12')).toEqual([
      '项目“遗属补助经费”绩效目标表年度资金总额 39,312 元，表十二显示 3.93 万元（即 39,300 元），相差 12 元，系表十二按万元保留两位小数所致（精确值一致）',
    ]);
    expect(message('rounding.tail-difference')).toEqual([
      '表二「21011 行政事业单位医疗」合计显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表二「21011 行政事业单位医疗」一般公共预算显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表三「21011 行政事业单位医疗」合计显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表三「21011 行政事业单位医疗」基本支出显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表五「21011 行政事业单位医疗」合计显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表五「21011 行政事业单位医疗」基本支出显示 122.10，其下各项之和按显示数计为 122.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表六「合计」合计显示 2,656.10，其下各类之和按显示数计为 2,656.09，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表六「合计」人员经费显示 2,573.40，其下各类之和按显示数计为 2,573.39，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表十三「泽州县人力资源和社会保障局（机关）」合计显示 812.76，其下各项目之和按显示数计为 812.75，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
      '表十三「泽州县人力资源和社会保障局（机关）」一般公共预算显示 812.76，其下各项目之和按显示数计为 812.75，尾差 0.01 万元（各数分别四舍五入所致，精确值一致）',
    ]);
  });

  it('blocks submission only through the form errors and the missing 五(一) reason; keys are unique', () => {
    expect(new Set(findings.map((f) => f.key)).size).toBe(findings.length);
    expect(findings.filter((f) => f.severity === 'error' && !f.ruleId.startsWith('form.')).map((f) => f.key)).toEqual([
      'text.reason-missing@text:reasonGeneralChange',
    ]);
  });

  it('agrees with the form notes: 年度资金总额 = 表十二 to the 分 for all 17 forms (遗属补助经费 included: 39,312 元 both)', () => {
    expect(findings.some((f) => f.ruleId === 'form.annual-equals-table12')).toBe(false);
    const survivors = facts.projects.find((p) => p.name === '遗属补助经费')!;
    expect(survivors.items.reduce((s, i) => s + i.amount, 0)).toBe(3_931_200);
  });
});
