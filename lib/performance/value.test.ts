import { describe, expect, it } from 'vitest';
import { zezhou2024Forms } from '../../db/seed/demo/forms-2024';
import { parseIndicatorValue, type IndicatorOperator, type IndicatorValue } from './value';

const q = (operator: IndicatorOperator | null, number: string, unit: string): IndicatorValue => ({
  kind: 'quantity',
  operator,
  number,
  unit,
});
const p = (year: number | null, fromMonth: number, toMonth: number, text: string): IndicatorValue => ({
  kind: 'period',
  year,
  fromMonth,
  toMonth,
  text,
});
const w = (word: string): IndicatorValue => ({ kind: 'qualitative', word });

/** Every distinct 指标值 printed in the 17 reference forms, with its reading. */
const REFERENCE_VALUES: Record<string, IndicatorValue> = {
  // quantities with an operator
  '≤17000吨': q('≤', '17000', '吨'),
  '≤72000度': q('≤', '72000', '度'),
  '≤1047.9平米': q('≤', '1047.9', '平米'),
  '≤100元/人/天': q('≤', '100', '元/人/天'),
  '≤370元/平米': q('≤', '370', '元/平米'),
  '≥90%': q('≥', '90', '%'),
  '≥95%': q('≥', '95', '%'),
  '≥98%': q('≥', '98', '%'),
  '≥50%': q('≥', '50', '%'),
  '>90%': q('>', '90', '%'),
  '<5%': q('<', '5', '%'),
  '≤100%': q('≤', '100', '%'),
  '≥1次': q('≥', '1', '次'),
  '≤20000元': q('≤', '20000', '元'),
  '≤200000元': q('≤', '200000', '元'),
  '≤100000元/部门': q('≤', '100000', '元/部门'),
  '≤10000元/购置': q('≤', '10000', '元/购置'),
  '≥20人': q('≥', '20', '人'),
  '≤5000元': q('≤', '5000', '元'),
  '≤100人': q('≤', '100', '人'),
  '≤1292元/人/月': q('≤', '1292', '元/人/月'),
  '≤3920元/人/月': q('≤', '3920', '元/人/月'),
  '≥150人': q('≥', '150', '人'),
  '≥5500人': q('≥', '5500', '人'),
  '≥28期': q('≥', '28', '期'),
  '≥300人': q('≥', '300', '人'),
  '≥100人': q('≥', '100', '人'),
  '≥1个': q('≥', '1', '个'),
  '≥3000元': q('≥', '3000', '元'),
  '≥14000元': q('≥', '14000', '元'),
  '≥30户': q('≥', '30', '户'),
  '≥2场': q('≥', '2', '场'),
  '≥4户': q('≥', '4', '户'),
  '≥20场': q('≥', '20', '场'),
  '≤2500元/场': q('≤', '2500', '元/场'),
  '≤200元/人': q('≤', '200', '元/人'),
  '≥10人': q('≥', '10', '人'),
  // quantities without an operator
  '2辆': q(null, '2', '辆'),
  '1辆': q(null, '1', '辆'),
  '100%': q(null, '100', '%'),
  '98%': q(null, '98', '%'),
  '90%': q(null, '90', '%'),
  '15000元/辆': q(null, '15000', '元/辆'),
  '3.28元/吨': q(null, '3.28', '元/吨'),
  '0.64元/千瓦': q(null, '0.64', '元/千瓦'),
  '4个': q(null, '4', '个'),
  '1个': q(null, '1', '个'),
  '13个': q(null, '13', '个'),
  '59套': q(null, '59', '套'),
  '3年': q(null, '3', '年'),
  '1000元/人': q(null, '1000', '元/人'),
  '10条': q(null, '10', '条'),
  '14条': q(null, '14', '条'),
  '6000元/条': q(null, '6000', '元/条'),
  '780元/条': q(null, '780', '元/条'),
  '1833.3平方米': q(null, '1833.3', '平方米'),
  '28.8元/平米': q(null, '28.8', '元/平米'),
  '185人': q(null, '185', '人'),
  '4人': q(null, '4', '人'),
  '3人': q(null, '3', '人'),
  '1580元/人/月': q(null, '1580', '元/人/月'),
  '902.95元/人/月': q(null, '902.95', '元/人/月'),
  '1188元/人/月': q(null, '1188', '元/人/月'),
  '910元/人/月': q(null, '910', '元/人/月'),
  '1900元/人/月': q(null, '1900', '元/人/月'),
  '3000元/场': q(null, '3000', '元/场'),
  '1200元/课时': q(null, '1200', '元/课时'),
  '1元/平方米/天': q(null, '1', '元/平方米/天'),
  '50000元': q(null, '50000', '元'),
  '2000元': q(null, '2000', '元'),
  '5000元/人/次': q(null, '5000', '元/人/次'),
  '10000元/人/年': q(null, '10000', '元/人/年'),
  '100000元/人/次': q(null, '100000', '元/人/次'),
  '3000元/月': q(null, '3000', '元/月'),
  // periods
  '2024年6至10月': p(2024, 6, 10, '2024年6至10月'),
  '2023年6月': p(2023, 6, 6, '2023年6月'),
  '2024年12月': p(2024, 12, 12, '2024年12月'),
  '4月至12月': p(null, 4, 12, '4月至12月'),
  '2月至11月底': p(null, 2, 11, '2月至11月底'),
  '11月份': p(null, 11, 11, '11月份'),
  第二季度: p(null, 4, 6, '第二季度'),
  '6月、12月': p(null, 6, 12, '6月、12月'),
  // qualitative words
  及时: w('及时'),
  每月: w('每月'),
  全年: w('全年'),
  提高: w('提高'),
  加大: w('加大'),
  促进: w('促进'),
  保障: w('保障'),
  提升: w('提升'),
  新增: w('新增'),
  帮扶: w('帮扶'),
  缓解: w('缓解'),
  良好: w('良好'),
  确保: w('确保'),
  助力: w('助力'),
};

describe('parseIndicatorValue on the 17 reference forms', () => {
  const values = zezhou2024Forms.flatMap((f) =>
    f.indicators.map((i) => ({ form: f.projectName, name: i.name, value: i.value })),
  );

  it('reads every printed 指标值 (none unreadable, none empty)', () => {
    const bad = values
      .map((v) => ({ ...v, parsed: parseIndicatorValue(v.value) }))
      .filter((v) => v.parsed.kind === 'unreadable' || v.parsed.kind === 'empty');
    expect(bad).toEqual([]);
  });

  it('has an explicit expectation for every distinct printed value', () => {
    const distinct = [...new Set(values.map((v) => v.value))].sort();
    expect(distinct.filter((v) => !(v in REFERENCE_VALUES))).toEqual([]);
    expect(Object.keys(REFERENCE_VALUES).filter((v) => !distinct.includes(v))).toEqual([]);
    expect(distinct.length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(REFERENCE_VALUES))('%s', (raw, expected) => {
    expect(parseIndicatorValue(raw)).toEqual(expected);
  });
});

describe('parseIndicatorValue spellings', () => {
  it.each<[string, IndicatorValue]>([
    ['≥17000吨', q('≥', '17000', '吨')],
    ['>=95%', q('≥', '95', '%')],
    ['<=370元/平米', q('≤', '370', '元/平米')],
    ['≧95%', q('≥', '95', '%')],
    ['＞90％', q('>', '90', '%')],
    ['＜5％', q('<', '5', '%')],
    ['＝100％', q('=', '100', '%')],
    ['=1个', q('=', '1', '个')],
    ['大于等于95%', q('≥', '95', '%')],
    ['大于或等于95%', q('≥', '95', '%')],
    ['不低于90%', q('≥', '90', '%')],
    ['不少于300人', q('≥', '300', '人')],
    ['不高于1292元/人/月', q('≤', '1292', '元/人/月')],
    ['不超过20000元', q('≤', '20000', '元')],
    ['小于等于100人', q('≤', '100', '人')],
    ['小于5%', q('<', '5', '%')],
    ['大于90%', q('>', '90', '%')],
    ['低于5%', q('<', '5', '%')],
    ['95%以上', q('≥', '95', '%')],
    ['100人以内', q('≤', '100', '人')],
    ['≥ 95 %', q('≥', '95', '%')],
    ['≥９５％', q('≥', '95', '%')],
    ['１１８８元／人／月', q(null, '1188', '元/人/月')],
    ['≤1,047.9平米', q('≤', '1047.9', '平米')],
    ['3,610,000元', q(null, '3610000', '元')],
    ['2次/年', q(null, '2', '次/年')],
    ['99年', q(null, '99', '年')],
    ['150%', q(null, '150', '%')], // out of 0–100: still read; the range is a rule elsewhere
    ['0.05', q(null, '0.05', '')],
    ['1.250元', q(null, '1.250', '元')], // decimals kept as written
    ['2024年8月', p(2024, 8, 8, '2024年8月')],
    ['2024年1-12月', p(2024, 1, 12, '2024年1-12月')],
    ['2024年4月至9月', p(2024, 4, 9, '2024年4月至9月')],
    ['２０２４年６至１０月', p(2024, 6, 10, '２０２４年６至１０月')],
    ['2024年', p(2024, 1, 12, '2024年')],
    ['2024年第三季度', p(2024, 7, 9, '2024年第三季度')],
    ['下半年', p(null, 7, 12, '下半年')],
    ['2024年底', p(2024, 12, 12, '2024年底')],
    ['2024年11月15日前', p(2024, 11, 11, '2024年11月15日前')],
    ['3个月', q(null, '3', '个月')],
    ['及时、准确', w('及时、准确')],
    ['超过预期', w('超过预期')],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
  ])('%s', (raw, expected) => {
    expect(parseIndicatorValue(raw)).toEqual(expected);
  });

  it('keeps the printed text of a period, trimmed', () => {
    expect(parseIndicatorValue(' 2024年6至10月 ')).toEqual(p(2024, 6, 10, '2024年6至10月'));
  });
});

describe('parseIndicatorValue rejects nonsense with a Chinese reason', () => {
  it.each<[string, RegExp]>([
    ['abc', /无法识别/],
    ['≥', /只有运算符/],
    ['大于等于', /只有运算符/],
    ['≥≥5', /运算符重复/],
    ['>=≥5', /运算符重复/],
    ['≥95%以上', /运算符重复/],
    ['≥良好', /缺少数值/],
    ['5吨吨?', /无法识别的单位/],
    ['5吨吨', /重复/],
    ['5%元', /百分号/],
    ['5元/', /空的部分/],
    ['5元//人', /空的部分/],
    ['5吨3', /不能含有数字/],
    ['5≥', /运算符只能写在数值前面/],
    ['1,0000元', /千分位/],
    ['1.2.3', /小数点多于一个/],
    ['.5', /小数点前缺少整数/],
    ['5.元', /小数点后缺少数字/],
    ['-5%', /负数/],
    ['90%-100%', /区间/],
    ['3-5人', /区间/],
    ['约100人', /约数/],
    ['100人左右', /约数/],
    ['5这是一句很长的话', /过长/],
    ['2024年13月', /月份应在1至12之间/],
    ['2024年10至6月', /起始月份晚于结束月份/],
    ['2023年12月至2024年3月', /起止年份不一致/],
    ['6月、3月', /从早到晚/],
    ['2024年6月32日', /日期/],
    ['第十期abc', /无法识别/],
    ['这是一段很长很长很长很长的说明文字而不是指标值', /过长/],
    ['-', /占位符/],
    ['x'.repeat(41), /过长/],
  ])('%s', (raw, reason) => {
    const v = parseIndicatorValue(raw);
    expect(v.kind).toBe('unreadable');
    if (v.kind === 'unreadable') {
      expect(v.reason).toMatch(reason);
      expect(v.reason).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('rejects a non-string', () => {
    expect(parseIndicatorValue(undefined as unknown as string)).toMatchObject({ kind: 'unreadable' });
  });
});
