/** 绩效目标表 rules, on the good budget's two forms (就业服务经费: one-year, 230,000 元; 人才培训经费: 120,000 元). */
import { describe, expect, it } from 'vitest';
import type { BudgetFacts } from '../facts';
import { balanceIncome, findingsOf, goodFacts, inputOf, YUAN } from './testing/fixtures';
import { TAXONOMY_2021 } from './taxonomy';
import { runRules } from './index';

const show = (fs: ReturnType<typeof findingsOf>) => fs.map((f) => [f.severity, f.location, f.message]);
const form = (f: BudgetFacts, projectId: number) => f.forms.find((x) => x.projectId === projectId)!;
/** Index of an indicator of a form by period and 三级 name. */
const at = (f: BudgetFacts, projectId: number, period: 'total' | 'annual', name: string) =>
  form(f, projectId).indicators.findIndex((i) => i.period === period && i.name === name);

describe('form amounts', () => {
  it('form.annual-equals-table12: the year’s total equals the project’s amount in 表十二, to the 分', () => {
    const f = goodFacts();
    Object.assign(form(f, 12).fundingAnnual, { local: 120_012 * YUAN, total: 120_012 * YUAN });
    expect(show(findingsOf('form.annual-equals-table12', inputOf(f)))).toEqual([
      [
        'error',
        { kind: 'form', projectId: 12, field: 'fundingAnnual.total' },
        '项目“人才培训经费”绩效目标表年度资金总额 120,012 元与表十二项目金额 120,000 元不一致，相差 12 元',
      ],
    ]);
    // unequal: no 尾差 information on top
    expect(findingsOf('rounding.form-vs-table12', inputOf(f))).toEqual([]);
  });

  it('form.split-adds-up: each period’s split adds up to its total', () => {
    const f = goodFacts();
    form(f, 11).fundingAnnual.local = 229_000 * YUAN;
    form(f, 12).fundingTotal.selfRaised = 500;
    expect(show(findingsOf('form.split-adds-up', inputOf(f)))).toEqual([
      [
        'error',
        { kind: 'form', projectId: 11, field: 'fundingAnnual.total' },
        '项目“就业服务经费”绩效目标表年度资金：市县(区)财政资金 229,000 元，合计 229,000 元与资金总额 230,000 元不一致，相差 1,000 元',
      ],
      [
        'error',
        { kind: 'form', projectId: 12, field: 'fundingTotal.total' },
        '项目“人才培训经费”绩效目标表实施期资金：市县(区)财政资金 360,000 元 + 单位自筹 5 元，合计 360,005 元与资金总额 360,000 元不一致，相差 5 元',
      ],
    ]);
  });

  it('form.annual-within-total: 年度 ≤ 实施期', () => {
    const f = goodFacts();
    Object.assign(form(f, 12).fundingTotal, { local: 100_000 * YUAN, total: 100_000 * YUAN });
    expect(show(findingsOf('form.annual-within-total', inputOf(f)))).toEqual([
      [
        'error',
        { kind: 'form', projectId: 12, field: 'fundingAnnual.total' },
        '项目“人才培训经费”绩效目标表年度资金总额 120,000 元超过实施期资金总额 100,000 元，多 20,000 元',
      ],
    ]);
  });

  it('form.one-year-equal: a one-year project’s 实施期 equals its 年度, in total and in each part', () => {
    const f = goodFacts();
    Object.assign(form(f, 11).fundingTotal, { local: 240_000 * YUAN, total: 240_000 * YUAN });
    expect(show(findingsOf('form.one-year-equal', inputOf(f)))).toEqual([
      [
        'error',
        { kind: 'form', projectId: 11, field: 'fundingTotal.total' },
        '项目“就业服务经费”绩效目标表：项目期为1年，实施期资金总额 240,000 元与年度资金总额 230,000 元不一致，相差 10,000 元',
      ],
    ]);
    const g = goodFacts();
    Object.assign(form(g, 11).fundingTotal, { local: 0, provincial: 230_000 * YUAN });
    expect(show(findingsOf('form.one-year-equal', inputOf(g)))[0][1]).toEqual({ kind: 'form', projectId: 11, field: 'fundingTotal.provincial' });
    // a multi-year project may differ
    expect(findingsOf('form.one-year-equal', inputOf(goodFacts()))).toEqual([]);
  });
});

describe('form indicators', () => {
  it('form.required-indicators: 产出, 效益 and 满意度 with a value, in each period', () => {
    const f = goodFacts();
    const fm = form(f, 11);
    fm.indicators = fm.indicators.filter((i) => !(i.period === 'annual' && i.level1 !== '满意度指标'));
    form(f, 12).indicators.find((i) => i.period === 'total' && i.level1 === '效益指标')!.value = '';
    expect(show(findingsOf('form.required-indicators', inputOf(f)))).toEqual([
      [
        'error',
        { kind: 'form', projectId: 11, field: 'indicators.annual' },
        '项目“就业服务经费”绩效目标表年度绩效指标缺少产出指标、效益指标（每类一级指标至少要有一个填写了指标值的三级指标）',
      ],
      [
        'error',
        { kind: 'form', projectId: 12, field: 'indicators.total' },
        '项目“人才培训经费”绩效目标表实施期绩效指标缺少效益指标（每类一级指标至少要有一个填写了指标值的三级指标）',
      ],
    ]);
  });

  it('form.level2-belongs: 二级 under its 一级, 一级 known (classic taxonomy for 2024)', () => {
    const f = goodFacts();
    const fm = form(f, 11);
    const q = at(f, 11, 'annual', '服务达标率');
    fm.indicators[q].level1 = '效益指标';
    const s = at(f, 11, 'annual', '服务对象满意度');
    fm.indicators[s].level1 = '其他指标';
    fm.indicators[s].level2 = '其他';
    const e = at(f, 11, 'total', '促进就业');
    fm.indicators[e].level2 = '社会效益';
    expect(show(findingsOf('form.level2-belongs', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 11, indicatorIndex: e }, '项目“就业服务经费”绩效目标表实施期指标“效益指标›社会效益›促进就业”：二级指标“社会效益”不在绩效指标体系（产出、效益、满意度）中（效益指标下应为经济效益指标、社会效益指标、生态效益指标、可持续影响指标）'],
      ['error', { kind: 'form', projectId: 11, indicatorIndex: q }, '项目“就业服务经费”绩效目标表年度指标“效益指标›质量指标›服务达标率”：二级指标“质量指标”属于一级指标“产出指标”，不属于“效益指标”'],
      ['error', { kind: 'form', projectId: 11, indicatorIndex: s }, '项目“就业服务经费”绩效目标表年度指标“其他指标›其他›服务对象满意度”：一级指标“其他指标”不在绩效指标体系（产出、效益、满意度）中'],
    ]);
  });

  it('form.level2-belongs under the 2021 taxonomy: 成本指标 is a 一级 of its own', () => {
    const f = goodFacts();
    const fs = findingsOf('form.level2-belongs', inputOf(f, { taxonomy: TAXONOMY_2021 }));
    // the four 产出指标›成本指标 rows of each form
    expect(fs).toHaveLength(4);
    expect(fs[0].message).toBe(
      '项目“就业服务经费”绩效目标表实施期指标“产出指标›成本指标›人均服务成本”：二级指标“成本指标”不在财预〔2021〕101号绩效指标体系（成本、产出、效益、满意度）中（产出指标下应为数量指标、质量指标、时效指标）',
    );
    for (const fm of f.forms) {
      for (const i of fm.indicators) {
        if (i.level2 === '成本指标') Object.assign(i, { level1: '成本指标', level2: '经济成本指标' });
      }
    }
    expect(runRules(inputOf(f, { taxonomy: TAXONOMY_2021 }))).toEqual([]);
  });

  it('form.indicator-incomplete: 三级 name and value filled', () => {
    const f = goodFacts();
    const i = at(f, 12, 'annual', '促进就业');
    form(f, 12).indicators[i].value = ' ';
    const j = at(f, 12, 'annual', '服务达标率');
    form(f, 12).indicators[j].name = '';
    expect(show(findingsOf('form.indicator-incomplete', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 12, indicatorIndex: j }, '项目“人才培训经费”绩效目标表年度指标“产出指标›质量指标”未填写三级指标名称'],
      ['error', { kind: 'form', projectId: 12, indicatorIndex: i }, '项目“人才培训经费”绩效目标表年度指标“效益指标›社会效益指标›促进就业”未填写指标值'],
    ]);
  });

  it('form.value-unreadable: the parser’s reason is given', () => {
    const f = goodFacts();
    const i = at(f, 11, 'annual', '服务人数');
    form(f, 11).indicators[i].value = '约1000人';
    expect(show(findingsOf('form.value-unreadable', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 11, indicatorIndex: i }, '项目“就业服务经费”绩效目标表年度指标“产出指标›数量指标›服务人数”的指标值“约1000人”无法识别：约数（约、左右）不是明确的目标值'],
    ]);
  });

  it('form.percent-range: 0–100%', () => {
    const f = goodFacts();
    const i = at(f, 11, 'total', '服务达标率');
    form(f, 11).indicators[i].value = '≥120%';
    const j = at(f, 11, 'annual', '服务对象满意度');
    form(f, 11).indicators[j].value = '>100%';
    const k = at(f, 12, 'annual', '服务对象满意度');
    form(f, 12).indicators[k].value = '100%';
    expect(show(findingsOf('form.percent-range', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 11, indicatorIndex: i }, '项目“就业服务经费”绩效目标表实施期指标“产出指标›质量指标›服务达标率”的指标值“≥120%”超出 0–100% 的范围'],
      ['error', { kind: 'form', projectId: 11, indicatorIndex: j }, '项目“就业服务经费”绩效目标表年度指标“满意度指标›服务对象满意度指标›服务对象满意度”的指标值“>100%”超出 0–100% 的范围'],
    ]);
  });

  it('form.time-outside-year: 年度 in the budget year; 实施期 within the project period; no year = the budget year', () => {
    const f = goodFacts();
    const a = at(f, 12, 'annual', '完成时间');
    form(f, 12).indicators[a].value = '2023年6月';
    const t = at(f, 11, 'total', '完成时间');
    form(f, 11).indicators[t].value = '2025年3月'; // a one-year project: 实施期 is 2024
    expect(show(findingsOf('form.time-outside-year', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 11, indicatorIndex: t }, '项目“就业服务经费”绩效目标表实施期指标“产出指标›时效指标›完成时间”的时间“2025年3月”不在项目期（2024年）内'],
      ['error', { kind: 'form', projectId: 12, indicatorIndex: a }, '项目“人才培训经费”绩效目标表年度指标“产出指标›时效指标›完成时间”的时间“2023年6月”不在预算年度2024年内'],
    ]);
    // the good budget has 6月至11月 (no year) and, for a long-running project, 2026年11月 in its 实施期
    expect(findingsOf('form.time-outside-year', inputOf(goodFacts()))).toEqual([]);
  });
});

describe('form sources, placeholders, texts, costs', () => {
  it('form.source-contradiction: the name or the fund source against the split (warning)', () => {
    const f = goodFacts();
    f.projects[0].name = '中央财政就业服务经费';
    f.projects[1].source = 'unit';
    balanceIncome(f);
    expect(show(findingsOf('form.source-contradiction', inputOf(f)))).toEqual([
      ['warning', { kind: 'form', projectId: 11, field: 'fundingAnnual.central' }, '项目“中央财政就业服务经费”绩效目标表：项目名称含“中央”，但年度中央财政资金为 0（年度资金列在：市县(区)财政资金 230,000 元）'],
      ['warning', { kind: 'form', projectId: 12, field: 'fundingAnnual.selfRaised' }, '项目“人才培训经费”绩效目标表：项目资金来源为单位资金，但年度资金全部列为财政资金（年度资金列在：市县(区)财政资金 120,000 元）'],
    ]);
    const g = goodFacts();
    Object.assign(form(g, 12).fundingAnnual, { local: 0, selfRaised: 120_000 * YUAN });
    expect(show(findingsOf('form.source-contradiction', inputOf(g)))).toEqual([
      ['warning', { kind: 'form', projectId: 12, field: 'fundingAnnual.local' }, '项目“人才培训经费”绩效目标表：项目资金来源为一般公共预算（财政拨款），但年度资金中没有财政资金（年度资金列在：单位自筹 120,000 元）'],
    ]);
  });

  it('form.placeholder: in the texts and in the indicators', () => {
    const f = goodFacts();
    form(f, 11).overview = '项目用于XX县就业服务。';
    form(f, 12).plan = '……';
    const i = at(f, 12, 'annual', '促进就业');
    form(f, 12).indicators[i].name = '待填写';
    expect(show(findingsOf('form.placeholder', inputOf(f)))).toEqual([
      ['error', { kind: 'form', projectId: 11, field: 'overview' }, '项目“就业服务经费”绩效目标表的项目概况中有占位符“XX”，请填写实际内容'],
      ['error', { kind: 'form', projectId: 12, field: 'plan' }, '项目“人才培训经费”绩效目标表的项目实施计划中有占位符“……”，请填写实际内容'],
      ['error', { kind: 'form', projectId: 12, indicatorIndex: i }, '项目“人才培训经费”绩效目标表年度指标“效益指标›社会效益指标›待填写”中有占位符“待填写”，请填写实际内容'],
    ]);
  });

  it('form.text-missing (warning)', () => {
    const f = goodFacts();
    form(f, 11).basis = '';
    expect(show(findingsOf('form.text-missing', inputOf(f)))).toEqual([
      ['warning', { kind: 'form', projectId: 11, field: 'basis' }, '项目“就业服务经费”绩效目标表未填写立项依据'],
    ]);
  });

  it('form.cost-far-from-amount: a unit cost × its quantity above the year’s amount by more than half', () => {
    const f = goodFacts();
    const i = at(f, 11, 'annual', '人均服务成本');
    form(f, 11).indicators[i].value = '460元/人';
    expect(show(findingsOf('form.cost-far-from-amount', inputOf(f)))).toEqual([
      ['warning', { kind: 'form', projectId: 11, indicatorIndex: i }, '项目“就业服务经费”绩效目标表成本指标“人均服务成本”460元/人 × 数量指标“服务人数”≥1000人 ≈ 460,000 元，比年度资金总额 230,000 元多 100%'],
    ]);
  });

  it('keys an indicator’s finding by period and name, so an explanation survives inserted rows', () => {
    const f = goodFacts();
    const i = at(f, 11, 'annual', '人均服务成本');
    form(f, 11).indicators[i].value = '460元/人';
    const [before] = findingsOf('form.cost-far-from-amount', inputOf(f));
    expect(before.key).toBe('form.cost-far-from-amount@form:11:indicator:annual:人均服务成本');
    form(f, 11).indicators.unshift({ period: 'annual', level1: '产出指标', level2: '数量指标', name: '宣传场次', value: '≥3场', sort: 0 });
    const [after] = findingsOf('form.cost-far-from-amount', inputOf(f));
    expect(after.location).toEqual({ kind: 'form', projectId: 11, indicatorIndex: i + 1 });
    expect(after.key).toBe(before.key);
  });

  it('form.cost-far-from-amount: per month × 12; below half only when it is the year’s only cost indicator', () => {
    const f = goodFacts();
    const i = at(f, 11, 'annual', '人均服务成本');
    form(f, 11).indicators[i].value = '8元/人/月'; // 8 × 1000 × 12 = 96,000 of 230,000
    expect(show(findingsOf('form.cost-far-from-amount', inputOf(f)))).toEqual([
      ['warning', { kind: 'form', projectId: 11, indicatorIndex: i }, '项目“就业服务经费”绩效目标表成本指标“人均服务成本”8元/人/月 × 数量指标“服务人数”≥1000人 × 12个月 ≈ 96,000 元，比年度资金总额 230,000 元少 58%（该指标是本年度唯一的成本指标）'],
    ]);
    // with another cost on the form, the rest of the money may be that
    form(f, 11).indicators.push({ period: 'annual', level1: '产出指标', level2: '成本指标', name: '宣传材料费', value: '≤134000元', sort: 7 });
    expect(findingsOf('form.cost-far-from-amount', inputOf(f))).toEqual([]);
    // 元/人/天: the number of days is not on the form, nothing to compare
    form(f, 11).indicators[i].value = '1000元/人/天';
    expect(findingsOf('form.cost-far-from-amount', inputOf(f))).toEqual([]);
  });

  it('form.cost-far-from-amount: of two quantities in the same unit, the one whose name fits', () => {
    const f = goodFacts();
    const fm = form(f, 11);
    fm.indicators = fm.indicators.filter((x) => x.period !== 'annual' || x.level2 !== '成本指标' && x.level2 !== '数量指标');
    fm.indicators.push(
      { period: 'annual', level1: '产出指标', level2: '数量指标', name: '专线', value: '10条', sort: 10 },
      { period: 'annual', level1: '产出指标', level2: '数量指标', name: '宽带', value: '14条', sort: 11 },
      { period: 'annual', level1: '产出指标', level2: '成本指标', name: '专线费用', value: '40000元/条', sort: 12 },
      { period: 'annual', level1: '产出指标', level2: '成本指标', name: '宽带费用', value: '780元/条', sort: 13 },
    );
    const fs = findingsOf('form.cost-far-from-amount', inputOf(f));
    expect(fs.map((x) => x.message)).toEqual([
      '项目“就业服务经费”绩效目标表成本指标“专线费用”40000元/条 × 数量指标“专线”10条 ≈ 400,000 元，比年度资金总额 230,000 元多 74%',
    ]);
  });
});
