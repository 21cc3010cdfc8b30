/**
 * Golden test: 第三部分 情况说明 of the demo department (泽州县人力资源和社会保障局, 2024), built from the facts the
 * seed stores (in-memory database → loadBudgetFacts), equals the reference disclosure
 * (docs/reference/zezhou-rsj-2024.txt, lines 427–500 and 1107–1130) paragraph by paragraph.
 *
 * Where the print is right the expected text is the print. Where it is wrong the expected value is the correct one,
 * with the arithmetic (db/seed/demo/NOTES.md §1):
 *  - 十: 实行/纳入绩效目标管理的项目 printed 15: 表十二 lists 17 this-year projects and 17 绩效目标表 are attached.
 *  - 十: 纳入绩效目标管理的二级项目 … 共计金额 printed 3,251.79 = 2,439.03 (表十二, the 17 this-year projects, each
 *    with its 绩效目标表) + 812.76 (表十三, the 5 carried-over projects, no 绩效目标表) = 表三 项目支出, next to the count
 *    of this year's projects only. Decided (NOTES §1 #8): the sentence counts this year's projects and sums their
 *    本年预算, and says so: 「17个，共计本年预算金额2,439.03万元（不含上年结转项目5个，金额812.76万元）」; the
 *    carried-over projects are named, so 2,439.03 + 812.76 = 3,251.79 can be read off the sentence.
 *  - 十: 其他运转类 printed 10 × 204.94, 特定目标类 5 × 2,234.09: the categories are 10 × 204.93 (exactly 204.9312)
 *    and 7 × 2,234.10 (exactly 2,234.1000); 204.93 + 2,234.10 = 2,439.03.
 *  - 十: 占部门（单位）项目支出总额的 printed 75%: 2,439.03 / 3,251.79 = 75.006% → 75.01% (two decimals).
 *  - 八: 下降 printed 2.8%: 2.41 / 85.11 = 2.832% → 2.83%; 2024年预算 printed 82.7 → 82.70.
 * Formatting and punctuation (not errors of figures): one-decimal or ungrouped figures (2656.1, 5907.89, 3251.79,
 * 2439.03, 6094.61) are written 2,656.10 / 5,907.89 / 3,251.79 / 2,439.03 / 6,094.61; the doubled punctuation
 * 「增加。；」「减少。。」 is 「增加；」「减少。」 (reasons are stored without it); the stray spaces of
 * 「2024 年度」「 2,656.10 万元」「减少 1.00万元」 are gone; 三公's 「18.50万元比2023年」 gets its comma.
 * 六 lists the 款 of 人员经费/公用经费 by amount, largest first (the print's order follows no rule); the set is the
 * print's. 五(一) prints no reason for the decrease, and the facts have none: nothing follows the figures.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { budgets, departments } from '../../db/schema';
import { seedIfEmpty } from '../../db/seed';
import { loadBudgetFacts } from '../budget/load';
import { buildDocument } from './document';
import type { Figure, TextSection } from './text';
import { paragraphsOf } from './testing/paragraphs';
import type { DisclosureTable } from './types';

const db = openDatabase(':memory:');
seedIfEmpty(db, { passwordHasher: (p) => p });
const dept = db.select().from(departments).where(eq(departments.code, '054')).get()!;
const budget = db.select().from(budgets).where(eq(budgets.departmentId, dept.id)).get()!;
const facts = loadBudgetFacts(db, budget.id);
const doc = buildDocument(facts);

const section = (no: string): TextSection => {
  const s = doc.part3.find((x) => x.no === no);
  if (!s) throw new Error(`no section ${no}`);
  return s;
};
/** The section's paragraphs in order, subsections' included, as plain strings. */
const texts = (no: string): string[] => paragraphsOf([section(no)]).map((x) => x.paragraph.text);
const figures: Figure[] = paragraphsOf(doc.part3).flatMap((x) => x.paragraph.figures);
const fig = (key: string): Figure => {
  const f = figures.find((x) => x.key === key);
  if (!f) throw new Error(`no figure ${key}`);
  return f;
};

describe('第三部分 of the demo department equals the reference', () => {
  it('一、部门预算收支数据变动情况及原因', () => {
    expect(texts('一')).toEqual([
      '2024年度泽州县人力资源和社会保障局预算收入总计5,907.89万元，其中：本年收入5,095.13万元，上年结转812.76万元，' +
        '比上年增加565.69万元，增长10.59%，主要原因是新立项人才专项工作经费增加；' +
        '本年部门预算支出总计5,907.89万元，其中：本年预算安排5,095.13万元，上年结转812.76万元，' +
        '比上年增加565.69万元，增长10.59%，主要原因是新立项人才专项工作经费增加。',
    ]);
    // 5,907.89 − 5,342.20 = 565.69; 565.69 / 5,342.20 = 10.589%
    expect(fig('income.total.change')).toMatchObject({ fen: 565_690_000, direction: 'up', display: '565.69' });
    expect(fig('income.total.rate')).toMatchObject({ bp: 1059, display: '10.59%' });
  });

  it('二、收入预算情况说明: shares of 收入总计 add up to 100.00%', () => {
    expect(texts('二')).toEqual([
      '2024年度泽州县人力资源和社会保障局预算收入5,907.89万元，主要包括一般公共预算拨款收入5,095.13万元，占86.24%；' +
        '政府性基金预算拨款收入0万元，占0%；国有资本经营预算拨款收入0万元，占0%；财政专户管理资金收入0万元，占0%；' +
        '单位资金0万元，占0%；上年结转812.76万元，占13.76%。',
    ]);
    const shares = figures.filter((f) => f.group === 'income.shares');
    expect(shares.reduce((s, f) => s + f.bp!, 0)).toBe(10000);
  });

  it('三、支出预算情况说明 (print: 5907.89 / 2656.1 / 3251.79)', () => {
    expect(texts('三')).toEqual([
      '2024年度泽州县人力资源和社会保障局支出预算5,907.89万元，其中：基本支出2,656.10万元，占44.96%；' +
        '项目支出3,251.79万元，占55.04%。',
    ]);
  });

  it('四、财政拨款收支预算总体情况说明', () => {
    expect(texts('四')).toEqual([
      '2024年度泽州县人力资源和社会保障局财政拨款收支总预算5,907.89万元。其中：一般公共预算拨款5,907.89万元，' +
        '政府性基金预算拨款0万元，国有资本经营预算拨款0万元。其中：当年拨款收入5,095.13万元，上年结转收入812.76万元。' +
        '支出包括：社会保障和就业支出5,542.46万元、卫生健康支出139.71万元、住房保障支出225.72万元等。',
    ]);
  });

  it('五、一般公共预算支出情况说明, with its chart', () => {
    const s = section('五');
    expect(s.subsections!.map((x) => x.heading)).toEqual([
      '（一）一般公共预算当年支出规模变化情况',
      '（二）一般公共预算当年支出结构情况',
    ]);
    expect(texts('五')).toEqual([
      // 5,266.00 − 5,095.13 = 170.87; 170.87 / 5,266.00 = 3.245% → 3.24% (exactly 3.2448…%). No reason printed.
      '2024年度泽州县人力资源和社会保障局一般公共预算当年支出5,095.13万元，比上年减少170.87万元，下降3.24%。',
      '2024年度泽州县人力资源和社会保障局一般公共预算当年支出5,095.13万元，主要用于以下方面：' +
        '社会保障和就业支出4,729.70万元，占92.83%；卫生健康支出139.71万元，占2.74%；住房保障支出225.72万元，占4.43%等。',
    ]);
    expect(s.chart).toBe('generalStructure');
    expect(doc.charts.generalStructure.title).toBe('一般公共预算当年拨款结构图');
    expect(doc.charts.generalStructure.slices.map((x) => [x.label, x.display, x.bp])).toEqual([
      ['社会保障和就业支出', '4,729.70', 9283],
      ['卫生健康支出', '139.71', 274],
      ['住房保障支出', '225.72', 443],
    ]);
  });

  it('五(一) with a reason typed as the old entry hint suggested (主要原因是…。) prints 主要原因是 once', () => {
    const typed = { ...facts, text: { ...facts.text, reasonGeneralChange: '主要原因是主要原因是人员经费减少。' } };
    const s = buildDocument(typed).part3.find((x) => x.no === '五')!.subsections![0].paragraphs[0].text;
    expect(s).toBe(
      '2024年度泽州县人力资源和社会保障局一般公共预算当年支出5,095.13万元，比上年减少170.87万元，下降3.24%，' +
        '主要原因是人员经费减少。',
    );
  });

  it('六、一般公共预算基本支出情况说明 (the 款 of the print, by amount)', () => {
    expect(texts('六')).toEqual([
      '2024年度泽州县人力资源和社会保障局一般公共预算安排基本支出2,656.10万元，其中：',
      '人员经费2,573.40万元，主要包括：基本工资、绩效工资、机关事业单位基本养老保险缴费、住房公积金、津贴补贴、退休费、' +
        '职业年金缴费、奖金、职工基本医疗保险缴费、公务员医疗补助缴费、医疗费补助、奖励金、离休费、其他社会保障缴费等；',
      '公用经费82.70万元，主要包括：办公费、工会经费、其他交通费用、公务用车运行维护费等。',
    ]);
    // the print's lists, as sets
    const listed = (t: string) => new Set(t.slice(t.indexOf('：') + 1, t.lastIndexOf('等')).split('、'));
    expect(listed(texts('六')[1])).toEqual(
      listed(
        '人员经费 2,573.40万元，主要包括：离休费、公务员医疗补助缴费、其他社会保障缴费、绩效工资、基本工资、医疗费补助、住房公积金、' +
          '机关事业单位基本养老保险缴费、退休费、奖金、奖励金、职业年金缴费、职工基本医疗保险缴费、津贴补贴等；',
      ),
    );
    expect(listed(texts('六')[2])).toEqual(listed('公用经费82.70万元，主要包括：办公费、公务用车运行维护费、其他交通费用、工会经费等。'));
  });

  it('七、“三公”经费增减变动原因说明: 18.50 vs 19.50, with its chart', () => {
    expect(texts('七')).toEqual([
      '2024年泽州县人力资源和社会保障局财政拨款安排的“三公”经费预算18.50万元，比2023年减少1.00万元，' +
        '主要原因是业务招待费预算减少。',
      '其中：因公出国（境）费0万元，与上年预算数相同；公务接待费1.00万元，与上年相比预算数减少1.00万元；' +
        '公务用车运行维护费17.50万元，与上年预算数相同；公务用车购置费0万元，与上年预算数相同。',
    ]);
    expect(section('七').chart).toBe('threePublic');
    expect(doc.charts.threePublic.slices.map((x) => [x.label, x.display, x.bp])).toEqual([
      ['因公出国（境）费', '0', 0],
      ['公务接待费', '1.00', 541], // 1.00 / 18.50 = 5.405%
      ['公务用车运行维护费', '17.50', 9459],
      ['公务用车购置费', '0', 0],
    ]);
  });

  it('八、机关运行经费增减变动原因说明 (print: 82.7, 2.8%)', () => {
    expect(texts('八')).toEqual([
      // 85.11 − 82.70 = 2.41; 2.41 / 85.11 = 2.832% → 2.83% (printed 2.8%)
      '2023年机关运行经费85.11万元，2024年预算82.70万元，比2023年预算减少2.41万元，下降2.83%。' +
        '主要原因是2023年末在职职工减少，预算相应减少。',
    ]);
    expect(fig('runningCosts.rate').bp).toBe(283);
  });

  it('九、政府采购情况: 75.00 = 2.00 + 0 + 73.00', () => {
    expect(texts('九')).toEqual([
      '2024年泽州县人力资源和社会保障局政府采购预算总额75.00万元。其中：政府采购货物预算2.00万元、' +
        '政府采购工程预算0万元、政府采购服务预算73.00万元。',
    ]);
  });

  it('十、绩效管理情况 (print: 15 projects, 204.94 / 5 × 2,234.09, 75%)', () => {
    expect(section('十').subsections!.map((x) => x.heading)).toEqual(['1、整体绩效目标', '2、项目绩效目标']);
    expect(texts('十')).toEqual([
      // printed 「项目15个」: 表十二 has 17 this-year projects
      '2024年编报整体支出绩效目标，涉及部门预算资金5,907.89万元，其中基本支出2,656.10万元，项目支出3,251.79万元，' +
        '实行绩效目标管理的项目17个，涉及一般公共预算当年拨款2,439.03万元。上年结转812.76万元。',
      // printed 「二级项目15个，共计金额3,251.79万元。其中：其他运转类项目10个，涉及金额204.94万元；特定目标类项目5个，
      // 涉及金额2,234.09万元。公开项目绩效目标15个，涉及项目金额2,439.03万元，占…的75%。」
      // 17 = 10 + 7; 2,439.03 = 204.93 + 2,234.10; 2,439.03 / 3,251.79 = 75.006% → 75.01%
      // printed 「共计金额3,251.79」 = 2,439.03 + 812.76 (all 项目支出, carry-over included) beside the count of this
      // year's 17 (printed 15) projects; the amount is theirs, 本年预算, and the 5 carried-over projects are named
      '2024年泽州县人力资源和社会保障局纳入绩效目标管理的二级项目17个，共计本年预算金额2,439.03万元' +
        '（不含上年结转项目5个，金额812.76万元）。' +
        '其中：其他运转类项目10个，涉及金额204.93万元；特定目标类项目7个，涉及金额2,234.10万元。' +
        '公开项目绩效目标17个，涉及项目金额2,439.03万元，占部门（单位）项目支出总额的75.01%。' +
        '其中：其他运转类项目10个，涉及项目金额204.93万元；特定目标类项目7个，涉及项目金额2,234.10万元。',
      '（项目绩效目标表公开情况见附件）',
    ]);
    expect(fig('performance.projects.operating.amount').fen).toBe(204_931_200); // 204.9312 exactly
    expect(fig('performance.projects.specific.amount').fen).toBe(2_234_100_000); // 2,234.1000 exactly
    expect(fig('performance.forms.share').bp).toBe(7501);
    // 2,439.03 (表十二 部门合计) + 812.76 (表十三 部门合计) = 3,251.79 (表三 项目支出), the reference's 共计金额
    expect(fig('performance.projects.amount').fen! + fig('projects.carryover.total').fen!).toBe(fig('expenditure.project').fen);
    expect(fig('expenditure.project').display).toBe('3,251.79');
    expect(fig('projects.carryover.count').value).toBe(5);
  });

  it('十一、国有资产占有使用情况 (print: 6094.61)', () => {
    expect(section('十一').subsections!.map((x) => x.heading)).toEqual([
      '1、车辆情况：',
      '2、房屋情况：',
      '3、其他国有资产占有使用情况：',
    ]);
    expect(texts('十一')).toEqual([
      '截至2023年12月31日，泽州县人力资源和社会保障局共有公务用车编制8辆，实有8辆，其中：领导用车0辆，机要通信用车0辆，' +
        '应急保障用车0辆，执法执勤用车0辆，特种专业技术用车0辆，事业单位业务用车0辆，其他公务用车8辆。',
      '截至2023年12月31日，泽州县人力资源和社会保障局使用的办公用房建筑总面积6,094.61平方米。',
      '截至2023年12月31日，泽州县人力资源和社会保障局占有使用价值50万元（原值）以上的通用设备0台（套）；' +
        '泽州县人力资源和社会保障局占有使用价值100万元（原值）以上的通用设备0台（套）。',
    ]);
  });

  it('十二、其他说明', () => {
    expect(section('十二').subsections!.map((x) => [x.heading, x.paragraphs.map((p) => p.text)])).toEqual([
      ['（一）政府购买服务指导性目录', ['无']],
      ['（二）其他', ['本年度无政府性基金。']],
    ]);
  });

  it('第一部分 概况 and 第四部分 名词解释 come from the facts and the region glossary', () => {
    expect(doc.part1.duties.startsWith('泽州县人力资源和社会保障局主要职能是：1、贯彻执行')).toBe(true);
    expect(doc.part1.organization.endsWith('劳动监察仲裁股、工会。')).toBe(true);
    expect(doc.part4).toHaveLength(12);
    expect(doc.part4[0]).toEqual({
      term: '基本支出',
      definition: '指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。',
    });
    expect(doc.part4[11].term).toBe('财政拨款');
  });
});

describe('every figure of the demo text is its table figure', () => {
  const table = (no: number): DisclosureTable => doc.tables[no - 1];
  it('each figure with source cells equals the sum of their exact amounts and is displayed as the table rounds it', () => {
    const sourced = figures.filter((f) => f.cells);
    expect(sourced.length).toBeGreaterThan(40);
    for (const f of sourced) {
      const sum = f.cells!.reduce((s, a) => {
        const c = table(a.table).rows.find((r) => r.key === a.row)!.cells[a.column];
        if (c.kind !== 'amount') throw new Error(`${f.key}: not an amount cell`);
        return s + c.amount;
      }, 0);
      expect([f.key, f.fen]).toEqual([f.key, sum]);
      // a figure read from a single cell is shown as that cell shows it (blank ↔ 0)
      if (f.cells!.length === 1) {
        const a = f.cells![0];
        const c = table(a.table).rows.find((r) => r.key === a.row)!.cells[a.column];
        expect([f.key, c.kind === 'amount' ? c.display || '0' : '']).toEqual([f.key, f.display]);
      }
    }
  });

  it('the same key always carries the same value and display', () => {
    const seen = new Map<string, Figure>();
    for (const f of figures) {
      if (f.kind === 'year' || f.kind === 'date' || f.kind === 'fixed') continue;
      const prev = seen.get(f.key);
      if (prev) expect([f.key, f.fen, f.bp, f.value, f.display]).toEqual([f.key, prev.fen, prev.bp, prev.value, prev.display]);
      else seen.set(f.key, f);
    }
    // 收入总计 is written in 一 and 二, 支出总计 in 一, 三 and 十
    expect(figures.filter((f) => f.key === 'income.total')).toHaveLength(2);
    expect(figures.filter((f) => f.key === 'expenditure.total')).toHaveLength(3);
  });

  it('lists the 17 attached forms in 表十二 order', () => {
    expect(doc.forms).toHaveLength(17);
    expect(doc.forms[0]).toMatchObject({ projectName: '驻村工作队经费', unitName: '泽州县人力资源和社会保障局（机关）', display: '1.50' });
    expect(doc.forms[16]).toMatchObject({ projectName: '网络运行维护费', categoryLabel: '其他运转类', display: '5.40' });
    const t12 = table(12).rows.filter((r) => r.key.startsWith('project:')).map((r) => Number(r.key.slice(8)));
    expect(doc.forms.map((f) => f.projectId)).toEqual(t12);
  });
});
