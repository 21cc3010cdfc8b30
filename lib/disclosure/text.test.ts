import { describe, expect, it } from 'vitest';
import type { BudgetFacts, FundSource } from '../facts';
import { buildDocument } from './document';
import { buildTables } from './tables';
import { buildSections, textContext, type Figure, type TextSection } from './text';
import { paragraphsOf } from './testing/paragraphs';
import { codebookFromCsv } from './testing/codebookFromCsv';
import { smallFacts } from './testing/fixture';
import { THREE_PUBLIC_EMPTY } from './text/spending';
import { cleanReason, cleanTyped, formatArea, formatDateCn, reasonLeadOf } from './words';

/** Markers a published text must never contain (domain §8: no placeholder ships). */
const PLACEHOLDER_PATTERN = /XX|ＸＸ|待填写|待补充|TODO|undefined|null|NaN|\{\{|\$\{/;

const codes = codebookFromCsv(2024);

/** The small fixture with prior-year figures and texts filled in, optionally changed. */
function facts(patch: (f: BudgetFacts) => void = () => {}): BudgetFacts {
  const f = structuredClone(smallFacts(codes));
  f.prior = {
    total: 5_000_000,
    generalCurrent: 4_000_000,
    threePublic: { abroad: 0, reception: 20_000, vehiclePurchase: 0, vehicleOperation: 100_000 },
    runningCosts: 500_000,
  };
  f.text = {
    duties: '负责示例工作。',
    organization: '内设办公室。',
    reasonTotalChange: '项目增加',
    reasonGeneralChange: '人员减少',
    reasonThreePublicChange: '车辆运行费增加',
    reasonRunningCostsChange: '办公费减少',
    purchaseOfServices: '无',
    otherNotes: '无',
  };
  patch(f);
  return f;
}

/** An empty budget: no lines, no projects, no income, nothing typed. */
function emptyFacts(): BudgetFacts {
  return facts((f) => {
    f.basicLines = [];
    f.projects = [];
    f.income = f.income.map((i) => ({ ...i, current: 0, carryover: 0 }));
    f.prior = { total: 0, generalCurrent: 0, threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 }, runningCosts: 0 };
    for (const k of Object.keys(f.text) as (keyof BudgetFacts['text'])[]) f.text[k] = '';
  });
}

const text = (f: BudgetFacts) => buildSections(textContext(f, buildTables(f)));
const section = (sections: TextSection[], no: string) => sections.find((s) => s.no === no)!;
const sectionText = (sections: TextSection[], no: string) =>
  paragraphsOf([section(sections, no)])
    .map((x) => x.paragraph.text)
    .join('\n');
const allFigures = (sections: TextSection[]): Figure[] => paragraphsOf(sections).flatMap((x) => x.paragraph.figures);

describe('direction words', () => {
  const totalSentence = (prior: number) => sectionText(text(facts((f) => (f.prior.total = prior))).sections, '一');
  const all = buildTables(facts()).find((t) => t.no === 1)!;
  const grand = (all.rows.find((r) => r.key === 'sum:grand')!.cells[1] as { amount: number }).amount;

  it('增加 … 增长 when this year is higher', () => {
    const s = totalSentence(grand - 1_000_000);
    expect(s).toContain('比上年增加1.00万元，增长');
    expect(s).not.toMatch(/比上年减少|下降/);
  });
  it('减少 … 下降 when lower', () => {
    const s = totalSentence(grand + 1_000_000);
    expect(s).toContain('比上年减少1.00万元，下降');
    expect(s).not.toMatch(/比上年增加|增长/);
  });
  it('与上年预算数相同 when equal (exactly), with no amount or rate', () => {
    const s = totalSentence(grand);
    expect(s).toContain('，与上年预算数相同，主要原因是项目增加；');
    expect(s).not.toMatch(/增加\d|减少\d|增长|下降/);
  });
  it('no rate when last year was zero (there is no rate of change from nothing)', () => {
    const s = totalSentence(0);
    expect(s).toMatch(/比上年增加[\d,.]+万元，主要原因是/);
    expect(s).not.toContain('增长');
  });
  it('三公 items: 与上年相比预算数增加/减少 without a rate', () => {
    const s = sectionText(text(facts()).sections, '七');
    // this year: reception 1.00万 (basic 10,000 分 = 100 元 → 0.01万), vehicle operation 0.045 + 0.13 + 0.02万
    expect(s).toMatch(/公务接待费[\d.]+万元，与上年相比预算数减少[\d.]+万元；/);
    expect(s).toMatch(/公务用车运行维护费[\d.]+万元，与上年相比预算数增加[\d.]+万元；/);
    expect(s).toContain('因公出国（境）费0万元，与上年预算数相同；');
    expect(s).not.toMatch(/增长|下降/);
  });
  it('a rate is the change over last year, rounded once', () => {
    const s = sectionText(text(facts((f) => (f.prior.runningCosts = 300_000))).sections, '八');
    // 机关运行经费 = 参公 公用 100,004 (general) + 机关 公用 333,333 + 45,000 + 10,000 (general) + 50,000 (fund, 参公)
    // = 538,337 分 = 0.538337万 → 0.54; change 238,337 / 300,000 = 79.4457% → 79.45%
    expect(s).toBe('2024年机关运行经费0.30万元，2025年预算0.54万元，比2024年预算增加0.24万元，增长79.45%。主要原因是办公费减少。');
  });
});

describe('shares of one whole add up to 100.00%', () => {
  it('on three equal thirds (33.34 / 33.33 / 33.33)', () => {
    const f = facts((x) => {
      const amounts: Partial<Record<FundSource, number>> = { general: 1_000_000, fund: 1_000_000, unit: 1_000_000 };
      x.income = x.income.map((i) => ({ ...i, current: amounts[i.source] ?? 0, carryover: 0 }));
    });
    const s = sectionText(text(f).sections, '二');
    expect(s).toContain('一般公共预算拨款收入1.00万元，占33.34%');
    expect(s).toContain('政府性基金预算拨款收入1.00万元，占33.33%');
    expect(s).toContain('单位资金1.00万元，占33.33%');
    expect(s).toContain('国有资本经营预算拨款收入0万元，占0%');
  });

  it('in every group of every build, whatever the amounts', () => {
    const odd = [1, 7, 13, 333_333, 666_667, 999_999, 123_457, 2, 5_000_001];
    for (let k = 0; k < odd.length; k++) {
      const f = facts((x) => {
        x.basicLines.forEach((l, i) => (l.amount = odd[(i + k) % odd.length]));
        x.income = x.income.map((i, j) => ({ ...i, current: odd[(j + k + 3) % odd.length], carryover: odd[(j + k) % odd.length] }));
      });
      const groups = new Map<string, number>();
      for (const fig of allFigures(text(f).sections)) {
        if (fig.group) groups.set(fig.group, (groups.get(fig.group) ?? 0) + fig.bp!);
      }
      expect(groups.size).toBeGreaterThanOrEqual(3);
      for (const [g, sum] of groups) expect([g, sum]).toEqual([g, 10000]);
    }
  });
});

describe('reasons', () => {
  it('an empty reason writes nothing after the figures (no dangling 主要原因是)', () => {
    const f = facts((x) => {
      x.text.reasonTotalChange = '';
      x.text.reasonGeneralChange = '   ';
      x.text.reasonThreePublicChange = '';
      x.text.reasonRunningCostsChange = '';
    });
    const t = text(f).sections;
    for (const no of ['一', '五', '七', '八']) expect(sectionText(t, no)).not.toContain('主要原因');
    expect(sectionText(t, '一')).toMatch(/%；本年部门预算支出总计/);
    expect(sectionText(t, '八')).toMatch(/%。$/);
  });

  it('a reason typed with its own full stop is not doubled, and is marked as typed text', () => {
    const f = facts((x) => (x.text.reasonThreePublicChange = '车辆运行费增加。 '));
    const p = section(text(f).sections, '七').paragraphs[0];
    expect(p.text).toMatch(/主要原因是车辆运行费增加。$/);
    expect(p.typed).toEqual([{ field: 'reasonThreePublicChange', offset: p.text.indexOf('车辆运行费增加'), length: 7 }]);
    expect(cleanTyped('原因。；')).toBe('原因');
  });

  it('a reason typed with the words the text adds (主要原因是…) is printed once', () => {
    const f = facts((x) => {
      x.text.reasonTotalChange = '主要原因是项目增加。';
      x.text.reasonGeneralChange = '主要原因是主要原因是：人员减少';
      x.text.reasonThreePublicChange = '原因是车辆运行费增加。';
      x.text.reasonRunningCostsChange = '，主要是办公费减少；';
    });
    const t = text(f).sections;
    const all = ['一', '五', '七', '八'].map((no) => sectionText(t, no)).join('\n');
    expect(all).not.toMatch(/原因是主要|原因是原因|主要原因是[：:，]|是主要是/);
    expect(sectionText(t, '一')).toContain('主要原因是项目增加；本年部门预算支出总计');
    expect(sectionText(t, '五')).toMatch(/，主要原因是人员减少。\n/);
    expect(sectionText(t, '七')).toMatch(/，主要原因是车辆运行费增加。\n/);
    expect(sectionText(t, '八')).toMatch(/。主要原因是办公费减少。$/);
    // the typed span is the reason itself
    const p = section(t, '七').paragraphs[0];
    expect(p.typed).toEqual([{ field: 'reasonThreePublicChange', offset: p.text.indexOf('车辆运行费增加'), length: 7 }]);
  });

  it('cleanReason strips only the template’s lead, not a reason that starts otherwise', () => {
    expect(cleanReason('主要原因是主要原因是人员减少。')).toBe('人员减少');
    expect(cleanReason('主要原因：一是人员减少；二是项目增加。')).toBe('一是人员减少；二是项目增加');
    expect(cleanReason('主要原因有两点：一是人员减少')).toBe('主要原因有两点：一是人员减少');
    expect(cleanReason('原因分析见附件')).toBe('原因分析见附件');
    expect(cleanReason('主要原因是')).toBe('');
    expect(reasonLeadOf('主要原因是主要原因是人员减少')).toBe('主要原因是');
    expect(reasonLeadOf(' 主要原因：人员减少')).toBe('主要原因：');
    expect(reasonLeadOf('人员减少')).toBeNull();
  });
});

describe('三公 all zero', () => {
  const f = facts((x) => {
    x.basicLines = x.basicLines.filter((l) => !['30217', '30231'].includes(l.economicCode));
    for (const p of x.projects) p.items = p.items.filter((i) => !['30231', '31013'].includes(i.economicCode));
    x.prior.threePublic = { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0 };
  });
  const t = text(f);

  it('writes a sentence instead of the chart', () => {
    const s = section(t.sections, '七');
    expect(s.chart).toBeUndefined();
    expect(s.paragraphs.map((p) => p.text)).toEqual([
      '2025年示例县测试局财政拨款安排的“三公”经费预算0万元，与上年预算数相同，主要原因是车辆运行费增加。',
      '其中：因公出国（境）费0万元，与上年预算数相同；公务接待费0万元，与上年预算数相同；' +
        '公务用车运行维护费0万元，与上年预算数相同；公务用车购置费0万元，与上年预算数相同。',
      THREE_PUBLIC_EMPTY,
    ]);
    expect(t.charts.threePublic.emptyMessage).toBe(THREE_PUBLIC_EMPTY);
    expect(t.charts.threePublic.slices.every((x) => x.bp === 0)).toBe(true);
  });
});

describe('other wording', () => {
  it('zero is written 0万元，占0%; figures with two decimals and separators', () => {
    const s = sectionText(text(facts()).sections, '二');
    expect(s).toContain('国有资本经营预算拨款收入0万元，占0%');
    expect(s).not.toMatch(/0\.00万元|0\.00%/);
  });

  it('六 lists the 款 by amount, largest first, ties by code', () => {
    const f = facts((x) => {
      x.basicLines = [
        { id: 1, unitId: 1, functionCode: '2080101', economicCode: '30103', govEconomicCode: '50101', source: 'general', amount: 100 },
        { id: 2, unitId: 1, functionCode: '2080101', economicCode: '30101', govEconomicCode: '50101', source: 'general', amount: 100 },
        { id: 3, unitId: 1, functionCode: '2080101', economicCode: '30102', govEconomicCode: '50101', source: 'general', amount: 900 },
        // one 款 under two 政府经济 款 (行政 and 事业) is listed once, with its total
        { id: 4, unitId: 1, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50102', source: 'general', amount: 300 },
        { id: 5, unitId: 2, functionCode: '2080505', economicCode: '30108', govEconomicCode: '50501', source: 'general', amount: 300 },
      ];
    });
    const [, personnel, pub] = section(text(f).sections, '六').paragraphs.map((p) => p.text);
    expect(personnel).toBe('人员经费0万元，主要包括：津贴补贴、机关事业单位基本养老保险缴费、基本工资、奖金等；');
    expect(pub).toBe('公用经费0万元。');
  });

  it('十 names no carried-over projects when there are none', () => {
    const f = facts((x) => (x.projects = x.projects.filter((p) => !p.carryover)));
    expect(sectionText(text(f).sections, '十')).toContain('纳入绩效目标管理的二级项目4个，共计本年预算金额3.03万元。其中：');
  });

  it('十 counts this year’s projects and those with a form, by category', () => {
    const f = facts((x) => {
      x.forms = [{ projectId: 12 } as BudgetFacts['forms'][number]];
    });
    const s = sectionText(text(f).sections, '十');
    // this year's projects: 11 (operating, 0.63万), 12 (specific, 2.000004万), 14 (operating, 单位资金 0.08万),
    // 17 (specific, 基金 0.32万): 3.030004万 → 3.03; operating 0.71, specific 2.320004 → 2.32
    // the amount is their 本年预算 (表十二), and the 3 carried-over projects of 表十三 (1.2688万) are named as not in it
    expect(s).toContain(
      '纳入绩效目标管理的二级项目4个，共计本年预算金额3.03万元（不含上年结转项目3个，金额1.27万元）。' +
        '其中：其他运转类项目2个，涉及金额0.71万元；特定目标类项目2个，涉及金额2.32万元。',
    );
    // 2.000004 / (3.030004 + carried over 1.2688) = 46.52%
    expect(s).toContain('公开项目绩效目标1个，涉及项目金额2.00万元，占部门（单位）项目支出总额的46.52%。');
    expect(s).toContain('其中：其他运转类项目0个，涉及项目金额0万元；特定目标类项目1个，涉及项目金额2.00万元。');
    expect(s).toContain('（项目绩效目标表公开情况见附件）');
  });

  it('十一 writes vehicles by category, with a category’s 编制 where it differs from its 实有', () => {
    const f = facts((x) => {
      x.assets = {
        asOf: '2024-12-31',
        vehicles: [
          { category: '执法执勤用车', establishment: 3, actual: 2 },
          { category: '其他公务用车', establishment: 1, actual: 1 },
        ],
        officeAreaCentiSqm: 1_234_567,
        devicesOver500k: 2,
        devicesOver1m: 1,
      };
    });
    expect(paragraphsOf([section(text(f).sections, '十一')]).map((x) => x.paragraph.text)).toEqual([
      '截至2024年12月31日，示例县测试局共有公务用车编制4辆，实有3辆，其中：执法执勤用车2辆（编制3辆），其他公务用车1辆。',
      '截至2024年12月31日，示例县测试局使用的办公用房建筑总面积12,345.67平方米。',
      '截至2024年12月31日，示例县测试局占有使用价值50万元（原值）以上的通用设备2台（套）；' +
        '示例县测试局占有使用价值100万元（原值）以上的通用设备1台（套）。',
    ]);
  });

  it('formats area, dates and cleans typed text', () => {
    expect(formatArea(609_461)).toBe('6,094.61');
    expect(formatArea(5)).toBe('0.05');
    expect(formatArea(0)).toBe('0.00');
    expect(formatDateCn('2023-12-31', 2024)).toEqual({ iso: '2023-12-31', display: '2023年12月31日' });
    expect(formatDateCn('2024-01-05', 2024).display).toBe('2024年1月5日');
    expect(formatDateCn('', 2025).display).toBe('2024年12月31日');
  });
});

describe('the generated text', () => {
  const cases: [string, BudgetFacts][] = [
    ['the small fixture', facts()],
    ['an empty budget', emptyFacts()],
  ];

  it.each(cases)('never contains a placeholder (%s)', (_, f) => {
    const doc = buildDocument(f);
    const all = [
      ...paragraphsOf(doc.part3).map((x) => x.paragraph.text),
      ...doc.part3.map((s) => s.heading),
      ...doc.toc.flatMap((p) => [p.part, ...p.entries.map((e) => e.label)]),
      doc.cover.title,
      doc.cover.subtitle,
    ];
    for (const s of all) expect(s).not.toMatch(PLACEHOLDER_PATTERN);
    // the empty budget still has its twelve sections and no dangling reason
    expect(doc.part3).toHaveLength(12);
    expect(all.join('\n')).not.toMatch(/主要原因是[；。，]|主要原因是$/m);
  });

  it.each(cases)('records every number it prints as a figure at its offset (%s)', (_, f) => {
    for (const { paragraph: p } of paragraphsOf(text(f).sections)) {
      const covered = new Array<boolean>(p.text.length).fill(false);
      for (const fig of p.figures) {
        expect(p.text.slice(fig.offset, fig.offset + fig.display.length)).toBe(fig.display);
        for (let i = 0; i < fig.display.length; i++) covered[fig.offset + i] = true;
      }
      for (const t of p.typed) for (let i = 0; i < t.length; i++) covered[t.offset + i] = true;
      const stray = [...p.text].map((ch, i) => (/\d/.test(ch) && !covered[i] ? i : -1)).filter((i) => i >= 0);
      expect([p.text, stray]).toEqual([p.text, []]);
    }
  });

  it('is deterministic: two builds are JSON-identical, whatever the order of the input lists', () => {
    const a = buildDocument(facts());
    const b = buildDocument(facts());
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const shuffled = facts((x) => {
      x.basicLines.reverse();
      x.projects.reverse();
      x.units.reverse();
      x.income.reverse();
      for (const p of x.projects) p.items.reverse();
    });
    expect(JSON.stringify(buildDocument(shuffled))).toBe(JSON.stringify(a));
  });
});
