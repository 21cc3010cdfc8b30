import { describe, expect, it } from 'vitest';
import { parseWan } from '../../../lib/money';
import type { FundingSplit } from '../../../lib/performance/form';
import { zezhou2024Forms } from './forms-2024';
import { TABLE_12 } from './reference';

const TABLE_12_NAMES = TABLE_12.map(([n]) => n);

const TAXONOMY: Record<string, string[]> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};

const form = (name: string) => {
  const f = zezhou2024Forms.find((x) => x.projectName === name);
  if (!f) throw new Error(`no form for ${name}`);
  return f;
};
const splitSum = (s: FundingSplit) => s.central + s.provincial + s.local + s.selfRaised + s.other;

describe('zezhou2024Forms', () => {
  it('has the 17 forms, one per 表十二 project, named exactly as in 表十二', () => {
    expect(zezhou2024Forms).toHaveLength(17);
    for (const f of zezhou2024Forms) expect(TABLE_12_NAMES).toContain(f.projectName);
    expect(new Set(zezhou2024Forms.map((f) => f.projectName)).size).toBe(17);
  });

  it('has 产出, 效益 and 满意度 indicators in each period (documented exception: 执法办案经费)', () => {
    for (const f of zezhou2024Forms) {
      for (const period of ['total', 'annual'] as const) {
        const level1s = new Set(f.indicators.filter((i) => i.period === period).map((i) => i.level1));
        if (f.projectName === '执法办案经费') {
          // The reference prints only the 满意度 row of this form's grid (FORMS-NOTES.md).
          expect(level1s, `${f.projectName} ${period}`).toEqual(new Set(['满意度指标']));
          continue;
        }
        for (const l1 of Object.keys(TAXONOMY)) expect(level1s.has(l1), `${f.projectName} ${period} ${l1}`).toBe(true);
      }
    }
  });

  it('uses the taxonomy names for 一级/二级, numbers rows 1..n per period and leaves no cell empty', () => {
    for (const f of zezhou2024Forms) {
      for (const i of f.indicators) {
        expect(TAXONOMY[i.level1], `${f.projectName} ${i.name}`).toContain(i.level2);
        expect(i.name.trim()).not.toBe('');
        expect(i.value.trim()).not.toBe('');
      }
      for (const period of ['total', 'annual'] as const) {
        const sorts = f.indicators.filter((i) => i.period === period).map((i) => i.sort);
        expect(sorts).toEqual(sorts.map((_, k) => k + 1));
      }
    }
  });

  it('pins the funding printed on three forms (元 → 分)', () => {
    const jobSkills = form('创业和职业技能服务工作经费');
    expect(jobSkills.fundingTotal).toEqual({
      central: 0,
      provincial: 0,
      local: 22_000_000,
      selfRaised: 0,
      other: 0,
      total: 22_000_000,
    });
    expect(jobSkills.fundingAnnual).toEqual({
      central: 0,
      provincial: 0,
      local: 7_500_000,
      selfRaised: 0,
      other: 0,
      total: 7_500_000,
    });

    // printed as 中央 0 / 省级 8,090,000 although the project is 中央财政就业补助资金 (FORMS-NOTES.md)
    const central = form('中央财政就业补助资金（上级）');
    expect(central.fundingAnnual).toEqual({
      central: 0,
      provincial: 809_000_000,
      local: 0,
      selfRaised: 0,
      other: 0,
      total: 809_000_000,
    });
    expect(central.fundingTotal).toEqual(central.fundingAnnual);

    // one-year project whose 实施期 (40,000) and 年度 (39,312) differ in the print (FORMS-NOTES.md)
    const survivors = form('遗属补助经费');
    expect(survivors.fundingTotal.total).toBe(4_000_000);
    expect(survivors.fundingTotal.local).toBe(4_000_000);
    expect(survivors.fundingAnnual.total).toBe(3_931_200);
    expect(survivors.fundingAnnual.local).toBe(3_931_200);
  });

  it('has splits that add up to the printed totals', () => {
    for (const f of zezhou2024Forms) {
      expect(splitSum(f.fundingTotal), f.projectName).toBe(f.fundingTotal.total);
      expect(splitSum(f.fundingAnnual), f.projectName).toBe(f.fundingAnnual.total);
    }
  });

  it('has the 表十二 amount as 年度资金总额 (documented exception: 遗属补助经费 39,312 元 vs 3.93 万元)', () => {
    for (const [name, wan] of TABLE_12) {
      const parsed = parseWan(wan);
      if (!parsed.ok) throw new Error(parsed.error);
      const f = form(name);
      if (name === '遗属补助经费') {
        expect(parsed.fen).toBe(3_930_000);
        expect(f.fundingAnnual.total).toBe(3_931_200); // rounds to 3.93 万元, but is 12 元 more
        continue;
      }
      expect(f.fundingAnnual.total, name).toBe(parsed.fen);
    }
  });

  it('has one-year projects with 项目期 1 and 实施期 = 年度 (documented exception: 遗属补助经费)', () => {
    for (const f of zezhou2024Forms) {
      expect(f.periodYears, f.projectName).toBe(f.attribute === 'oneOff' ? 1 : 99);
      if (f.attribute === 'oneOff' && f.projectName !== '遗属补助经费') {
        expect(f.fundingTotal, f.projectName).toEqual(f.fundingAnnual);
      }
    }
  });

  it('leaves 负责人/经办人/联系电话 blank and keeps 填报日期 as printed', () => {
    for (const f of zezhou2024Forms) {
      expect([f.manager, f.handler, f.phone]).toEqual(['', '', '']);
      expect(f.filledAt).toMatch(/^20(23|24)\d{10}$/);
    }
    expect(form('创业和职业技能服务工作经费').filledAt).toBe('20231215161224');
  });
});
