/** Rules on the entered facts: income balance, control figure, codes, amounts, projects, prior year, texts. */
import { describe, expect, it } from 'vitest';
import { balanceIncome, findingsOf, goodFacts, inputOf, WAN } from './testing/fixtures';
import { runRules } from './index';

const show = (fs: ReturnType<typeof findingsOf>) => fs.map((f) => [f.severity, f.location, f.message]);

describe('income and control figure', () => {
  it('income.balance-per-source: 本年 and 上年结转 per source', () => {
    const f = goodFacts();
    f.income[0].current += 95.13 * WAN;
    f.income[0].carryover -= WAN;
    const fs = findingsOf('income.balance-per-source', inputOf(f));
    expect(show(fs)).toEqual([
      ['error', { kind: 'income', source: 'general' }, '一般公共预算上年结转收入 7.00 万元与上年结转支出 8.00 万元不一致，相差 1.00 万元'],
      ['error', { kind: 'income', source: 'general' }, '一般公共预算本年收入 350.63 万元与本年支出 255.50 万元不一致，相差 95.13 万元'],
    ]);
    expect(fs.map((x) => x.key)).toEqual([
      'income.balance-per-source@income:general#carryover',
      'income.balance-per-source@income:general#current',
    ]);
  });

  it('control.general-equals-control-figure: 一般公共预算本年支出 = 预算控制数', () => {
    const fs = findingsOf('control.general-equals-control-figure', inputOf(goodFacts(), { controlFigure: 250 * WAN }));
    expect(show(fs)).toEqual([
      ['error', { kind: 'cell', table: 5, row: 'total', column: 2 }, '一般公共预算本年支出 255.50 万元与预算控制数 250.00 万元不一致，相差 5.50 万元'],
    ]);
    expect(findingsOf('control.general-equals-control-figure', inputOf(goodFacts(), { controlFigure: null }))).toEqual([]);
  });

  it('control.figure-missing: information only', () => {
    expect(show(findingsOf('control.figure-missing', inputOf(goodFacts(), { controlFigure: null })))).toEqual([
      ['info', { kind: 'budget' }, '2024年一般公共预算控制数尚未设置，无法核对本年支出是否符合控制数'],
    ]);
  });
});

describe('codes', () => {
  it('codes.function-unknown: a 项 not in the year’s code book', () => {
    const f = goodFacts();
    expect(f.codes.functional['2089977']).toBeUndefined();
    f.basicLines[0].functionCode = '2089977';
    expect(show(findingsOf('codes.function-unknown', inputOf(f)))).toEqual([
      ['error', { kind: 'line', lineId: 1 }, '基本支出（示例县测试局（机关） 2089977 30101 基本工资 120.00 万元）的功能科目 2089977 不在2024年支出功能分类科目中'],
    ]);
  });

  it('codes.function-not-item-level: money only at 项 level (the 类/款 sums of the tables over it are not reported again)', () => {
    const f = goodFacts();
    f.projects[0].items[0].functionCode = '20801';
    f.basicLines[1].functionCode = '2080x';
    const all = runRules(inputOf(f));
    expect(show(all.filter((x) => x.ruleId === 'codes.function-not-item-level'))).toEqual([
      ['error', { kind: 'line', lineId: 2 }, '基本支出（示例县测试局（机关） 2080x 30201 办公费 10.00 万元）的功能科目“2080x”不是有效的项级（7位）科目编码'],
      ['error', { kind: 'projectItem', projectId: 11, itemId: 1 }, '项目“就业服务经费”的明细（20801 30201 办公费 20.00 万元）的功能科目 20801 是款级科目，金额只能列到项级（7位）科目'],
    ]);
    expect(all.map((x) => x.ruleId)).toEqual(['codes.function-not-item-level', 'codes.function-not-item-level']);
  });

  it('codes.economic-unknown: unknown, or a 类 where a 款 belongs', () => {
    const f = goodFacts();
    f.basicLines[1].economicCode = '302';
    f.projects[1].items[0].economicCode = '30298';
    expect(show(findingsOf('codes.economic-unknown', inputOf(f)))).toEqual([
      ['error', { kind: 'line', lineId: 2 }, '基本支出（示例县测试局（机关） 2080101 302 商品和服务支出 10.00 万元）的经济科目 302 是类级科目，应列到款级（5位）科目'],
      ['error', { kind: 'projectItem', projectId: 12, itemId: 3 }, '项目“人才培训经费”的明细（2080104 30298 12.00 万元）的经济科目“30298”不在2024年部门预算支出经济分类科目中'],
    ]);
  });

  it('codes.gov-economic-missing: every 基本支出 line maps to a 政府经济 款', () => {
    const f = goodFacts();
    f.basicLines[0].govEconomicCode = '';
    f.basicLines[4].govEconomicCode = '58888';
    expect(show(findingsOf('codes.gov-economic-missing', inputOf(f)))).toEqual([
      ['error', { kind: 'line', lineId: 1 }, '基本支出（示例县测试局（机关） 2080101 30101 基本工资 120.00 万元）没有对应的政府预算支出经济分类科目（经济科目 30101 在对照表中没有该单位类型的对应科目）'],
      ['error', { kind: 'line', lineId: 5 }, '基本支出（示例县测试中心 2080101 30101 基本工资 50.00 万元）对应的政府经济科目 58888 不在2024年政府预算支出经济分类科目中'],
    ]);
  });

  it('codes.unit-unknown: lines and projects of a unit that is not the department’s', () => {
    const f = goodFacts();
    f.basicLines[2].unitId = 9;
    f.projects[2].unitId = 9;
    expect(show(findingsOf('codes.unit-unknown', inputOf(f)))).toEqual([
      ['error', { kind: 'line', lineId: 3 }, '基本支出（单位9 2080101 30217 公务接待费 0.50 万元）所属的单位不在本部门的单位列表中'],
      ['error', { kind: 'project', projectId: 13 }, '上年结转项目“上年结转就业补助资金”所属的单位不在本部门的单位列表中'],
    ]);
  });

  it('amounts.negative', () => {
    const f = goodFacts();
    f.projects[0].items[1].amount = -3 * WAN;
    balanceIncome(f);
    f.income[1].carryover = -100;
    expect(show(findingsOf('amounts.negative', inputOf(f)))).toEqual([
      ['error', { kind: 'income', source: 'fund' }, '政府性基金预算上年结转为负数（-1.00 元）'],
      ['error', { kind: 'projectItem', projectId: 11, itemId: 2 }, '项目“就业服务经费”的明细（2080199 30231 公务用车运行维护费 -3.00 万元）的金额为负数'],
    ]);
  });
});

describe('projects', () => {
  it('projects.empty: no items, or nothing in them', () => {
    const f = goodFacts();
    f.projects[1].items = [];
    f.projects[2].items[0].amount = 0;
    expect(show(findingsOf('projects.empty', inputOf(f)))).toEqual([
      ['error', { kind: 'project', projectId: 12 }, '项目“人才培训经费”没有支出明细'],
      ['error', { kind: 'project', projectId: 13 }, '上年结转项目“上年结转就业补助资金”的金额为 0'],
    ]);
  });

  it('projects.form-missing: every this-year project has a 绩效目标表 (carried-over ones need none)', () => {
    const f = goodFacts();
    f.forms = f.forms.filter((x) => x.projectId !== 12);
    expect(show(findingsOf('projects.form-missing', inputOf(f)))).toEqual([
      ['error', { kind: 'project', projectId: 12 }, '本年项目“人才培训经费”（12.00 万元）没有绩效目标表'],
    ]);
  });

  it('projects.carryover-non-fiscal: a 单位资金 上年结转 project has no column in 表十三 (and 表十三 is not an error)', () => {
    const f = balanceIncome(Object.assign(goodFacts(), {}));
    f.projects[2].source = 'unit';
    balanceIncome(f);
    const all = runRules(inputOf(f));
    expect(show(all)).toEqual([
      [
        'warning',
        { kind: 'project', projectId: 13 },
        '上年结转项目“上年结转就业补助资金”（8.00 万元）的资金来源为单位资金；表十三只列财政拨款，该项目只计入合计，没有对应的资金来源列',
      ],
    ]);
  });
});

describe('prior year and text', () => {
  it('prior.missing: 上年预算 figures entered (and then no reason is asked for that figure)', () => {
    const f = goodFacts();
    f.prior.total = 0;
    f.text.reasonTotalChange = '';
    const all = runRules(inputOf(f));
    expect(show(all)).toEqual([
      ['warning', { kind: 'prior', field: 'total' }, '未填写上年预算收支总计（本年 263.50 万元），情况说明无法与上年比较'],
    ]);
  });

  it('text.reason-missing: each figure that changed has a reason', () => {
    const f = goodFacts();
    f.text.reasonGeneralChange = '  ';
    f.prior.threePublic.reception = 1 * WAN;
    f.prior.runningCosts = 10.5 * WAN + 5_000; // 10.505 万元: shows as 10.51, a change the text will print
    expect(show(findingsOf('text.reason-missing', inputOf(f)))).toEqual([
      ['error', { kind: 'text', field: 'reasonGeneralChange' }, '一般公共预算当年拨款 255.50 万元比上年增加 5.50 万元，未填写变动原因：情况说明公开这一变动时须写明原因，请在“说明文字”中填写原因本身'],
      ['error', { kind: 'text', field: 'reasonRunningCostsChange' }, '机关运行经费 10.50 万元比上年减少 0.01 万元，未填写变动原因：情况说明公开这一变动时须写明原因，请在“说明文字”中填写原因本身'],
      ['error', { kind: 'text', field: 'reasonThreePublicChange' }, '“三公”经费公务接待费 0.50 万元比上年减少 0.50 万元，未填写变动原因：情况说明公开这一变动时须写明原因，请在“说明文字”中填写原因本身'],
    ]);
  });

  it('text.reason-missing: a change that does not show (less than 0.005 万元) needs no reason', () => {
    const f = goodFacts();
    f.prior.runningCosts = 10.5 * WAN + 4_999;
    expect(findingsOf('text.reason-missing', inputOf(f))).toEqual([]);
  });

  it('text.placeholder', () => {
    const f = goodFacts();
    f.text.otherNotes = '本年度XX项目待填写';
    f.text.duties = 'TODO';
    expect(show(findingsOf('text.placeholder', inputOf(f)))).toEqual([
      ['error', { kind: 'text', field: 'duties' }, '部门职责中有占位符“TODO”，请填写实际内容'],
      ['error', { kind: 'text', field: 'otherNotes' }, '其他需要说明的事项中有占位符“XX”，请填写实际内容'],
    ]);
  });

  it('text.required-missing and text.year-mismatch', () => {
    const f = goodFacts();
    f.text.organization = '示例县测试局2023年部门预算包括机关。';
    expect(show(runRules(inputOf(f)))).toEqual([
      ['warning', { kind: 'text', field: 'organization' }, '机构设置写的是“2023年部门预算”，本预算是2024年部门预算'],
    ]);
    f.text.organization = ' ';
    expect(show(runRules(inputOf(f)))).toEqual([['warning', { kind: 'text', field: 'organization' }, '未填写机构设置']]);
  });
});

describe('required content', () => {
  it('an empty budget has three errors, each naming what is missing and where it is entered (and nothing else fails)', () => {
    const f = goodFacts();
    f.basicLines = [];
    f.projects = [];
    f.forms = [];
    f.income = f.income.map((e) => ({ ...e, current: 0, carryover: 0 }));
    f.prior = { total: 0, generalCurrent: 0, threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 }, runningCosts: 0 };
    f.text.duties = '';
    const fs = runRules(inputOf(f, { controlFigure: null })).filter((x) => x.severity !== 'info');
    expect(show(fs)).toEqual([
      ['error', { kind: 'budget' }, '预算中没有任何基本支出明细：请在“基本支出”页录入各单位的人员经费和公用经费（可导入模板）后再报送'],
      ['error', { kind: 'text', field: 'duties' }, '未填写部门职责：公开文本第一部分“一、本部门职责”为空，请在“收入与说明”页填写后再报送'],
      ['error', { kind: 'income', source: 'general' }, '预算中没有任何收入：请在“收入与说明”页的“收入”中按资金来源填写本年收入和上年结转后再报送'],
    ]);
    expect(fs.map((x) => x.key)).toEqual(['required.basic-lines@budget', 'required.duties@text:duties', 'required.income@income:general']);
  });

  it('each is independent: projects without lines, carried-over income only, a blank 部门职责', () => {
    const f = goodFacts();
    expect(findingsOf('required.basic-lines', inputOf(f))).toEqual([]);
    expect(findingsOf('required.income', inputOf(f))).toEqual([]);
    expect(findingsOf('required.duties', inputOf(f))).toEqual([]);
    f.basicLines = [];
    expect(findingsOf('required.basic-lines', inputOf(f)).map((x) => x.severity)).toEqual(['error']);
    // income only carried over from last year is income
    f.income = f.income.map((e, i) => ({ ...e, current: 0, carryover: i === 0 ? WAN : 0 }));
    expect(findingsOf('required.income', inputOf(f))).toEqual([]);
    f.text.duties = ' \n ';
    expect(findingsOf('required.duties', inputOf(f)).map((x) => x.key)).toEqual(['required.duties@text:duties']);
  });
});
