/**
 * 指标值 parser for 项目支出绩效目标表 (docs/domain.md §6).
 *
 * A value is one of:
 * - a quantity: an optional operator, a number and a unit (`≥17000吨`, `1188元/人/月`, `≥95%`, `<5%`, `3年`);
 * - a period (`2024年6至10月`, `2024年8月`, `4月至12月`, `第二季度`, `6月、12月`);
 * - a qualitative word (`及时`, `提高`, `每月`, `全年`, `良好`);
 * - empty;
 * - or unreadable, with a Chinese reason.
 *
 * Numbers never go through floats: the decimal string is kept as written (thousands separators removed,
 * full-width digits made half-width). Range checks (percentages in 0–100, 时效 within the budget year) are
 * rules elsewhere; this module only reads.
 */

/** @public for lib/performance/value.test.ts, which builds the expected quantity values */
export type IndicatorOperator = '≥' | '≤' | '=' | '>' | '<';

export type IndicatorValue =
  | {
      kind: 'quantity';
      operator: IndicatorOperator | null;
      /** Decimal digits as written, without thousands separators, e.g. '1047.9'. */
      number: string;
      /** '吨', '元/人/月', '%', or '' when the value has no unit. Half-width (`％` → `%`). */
      unit: string;
    }
  | {
      kind: 'period';
      /**
       * The year when the value states one; null when it names months only (`4月至12月`, `11月份`, `第二季度`):
       * such a value is read as lying in the form's budget year by whoever checks it.
       */
      year: number | null;
      fromMonth: number;
      /** Last month of the period. A list of months (`6月、12月`) is given by its first and last month. */
      toMonth: number;
      /** The value as written (trimmed). */
      text: string;
    }
  | { kind: 'qualitative'; word: string }
  | { kind: 'empty' }
  | { kind: 'unreadable'; reason: string };

/** Operators in matching order (longest spelling first). Word operators only count before a number. */
const SYMBOL_OPERATORS: ReadonlyArray<readonly [string, IndicatorOperator]> = [
  ['>=', '≥'],
  ['<=', '≤'],
  ['≥', '≥'],
  ['≤', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
];
const WORD_OPERATORS: ReadonlyArray<readonly [string, IndicatorOperator]> = (
  [
    ['大于或等于', '≥'],
    ['大于等于', '≥'],
    ['不低于', '≥'],
    ['不少于', '≥'],
    ['不小于', '≥'],
    ['至少', '≥'],
    ['小于或等于', '≤'],
    ['小于等于', '≤'],
    ['不高于', '≤'],
    ['不超过', '≤'],
    ['不多于', '≤'],
    ['不大于', '≤'],
    ['至多', '≤'],
    ['最多', '≤'],
    ['大于', '>'],
    ['高于', '>'],
    ['超过', '>'],
    ['多于', '>'],
    ['小于', '<'],
    ['低于', '<'],
    ['少于', '<'],
    ['等于', '='],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);
/** Trailing operators: `95%以上`, `100人以内`. */
const SUFFIX_OPERATORS: ReadonlyArray<readonly [string, IndicatorOperator]> = [
  ['及以上', '≥'],
  ['或以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['或以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
];

const MAX_LENGTH = 40;
const MAX_QUALITATIVE = 12;
const MAX_UNIT_SEGMENT = 4;
const CJK = '\\u4e00-\\u9fff';

/** Full-width ASCII (digits, ％, ＞, ／, ．, ，…) → half-width; ≧/≦ → ≥/≤; all whitespace removed. */
function normalise(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/≧/g, '≥')
    .replace(/≦/g, '≤')
    .replace(/﹪/g, '%')
    .replace(/[\s\u3000]+/g, '');
}

const unreadable = (reason: string): IndicatorValue => ({ kind: 'unreadable', reason });

export function parseIndicatorValue(raw: string): IndicatorValue {
  if (typeof raw !== 'string') return unreadable('指标值必须是文字');
  const text = raw.trim();
  const s = normalise(raw);
  if (s === '') return { kind: 'empty' };
  if (s.length > MAX_LENGTH) return unreadable(`指标值过长（超过${MAX_LENGTH}个字符）`);

  const period = parsePeriod(s, text);
  if (period) return period;

  // quantity: starts with a symbol operator, a word operator followed by more, or a digit
  const sym = SYMBOL_OPERATORS.find(([sp]) => s.startsWith(sp));
  const word = sym ? undefined : WORD_OPERATORS.find(([w]) => s.startsWith(w));
  if (word && s === word[0]) return unreadable('只有运算符，缺少数值');
  const wordLeadsNumber = word !== undefined && /^[\d.≥≤<>=]/.test(s.slice(word[0].length));
  if (sym || wordLeadsNumber || /^[\d.,]/.test(s)) {
    const op = sym ?? (wordLeadsNumber ? word : undefined);
    return parseQuantity(op ? s.slice(op[0].length) : s, op ? op[1] : null, op !== undefined);
  }

  if (/^-\d/.test(s)) return unreadable('指标值不能为负数');
  if (/约|左右/.test(s) && /\d/.test(s)) return unreadable('约数（约、左右）不是明确的目标值');
  if (/\d/.test(s)) return unreadable('含有数字，但不是“运算符+数值+单位”的写法');
  if (s === '-' || s === '/' || s === '—' || s === '无') return unreadable('指标值为占位符，没有填写内容');
  if (new RegExp(`^[${CJK}]+(?:、[${CJK}]+)*$`).test(s)) {
    if (s.length > MAX_QUALITATIVE) return unreadable(`文字过长（超过${MAX_QUALITATIVE}个字），不是简短的定性指标值`);
    return { kind: 'qualitative', word: s };
  }
  return unreadable('无法识别的指标值：应为“运算符+数值+单位”、时间或定性词语');
}

function parseQuantity(rest: string, operator: IndicatorOperator | null, hadOperator: boolean): IndicatorValue {
  if (rest === '') return unreadable('只有运算符，缺少数值');
  if (SYMBOL_OPERATORS.some(([sp]) => rest.startsWith(sp)) || WORD_OPERATORS.some(([w]) => rest.startsWith(w))) {
    return unreadable('运算符重复');
  }
  if (rest.startsWith('-')) return unreadable('指标值不能为负数');
  const m = /^[\d,]*(?:\.\d*)?/.exec(rest);
  const numText = m ? m[0] : '';
  if (!/\d/.test(numText)) return unreadable(hadOperator ? '运算符后缺少数值' : '无法识别的数值');
  const [intText, frac] = numText.split('.') as [string, string | undefined];
  if (intText === '') return unreadable('数字格式不正确：小数点前缺少整数部分');
  if (frac !== undefined && frac === '') return unreadable('数字格式不正确：小数点后缺少数字');
  if (intText.includes(',') && !/^\d{1,3}(?:,\d{3})+$/.test(intText)) {
    return unreadable('数字格式不正确：千分位分隔符位置有误');
  }
  let tail = rest.slice(numText.length);
  if (tail.startsWith('.')) return unreadable('数字格式不正确：小数点多于一个');
  const number = intText.replace(/,/g, '') + (frac !== undefined ? '.' + frac : '');
  if (number.replace('.', '').length > 20) return unreadable('数值过长');

  const suffix = SUFFIX_OPERATORS.find(([w]) => tail.endsWith(w));
  if (suffix) {
    if (hadOperator) return unreadable('运算符重复（前后都写了比较关系）');
    operator = suffix[1];
    tail = tail.slice(0, tail.length - suffix[0].length);
  }
  if (/约|左右/.test(tail)) return unreadable('约数（约、左右）不是明确的目标值');
  if (/^(?:-|~|至|到|—)[\d≥≤<>=]/.test(tail) || /^%(?:-|~|至|到|—)\d/.test(tail)) {
    return unreadable('不支持数值区间，请写成一个目标值');
  }
  const unitError = checkUnit(tail);
  if (unitError) return unreadable(unitError);
  return { kind: 'quantity', operator, number, unit: tail };
}

/** null when `unit` is an acceptable unit ('' included), else the reason. */
function checkUnit(unit: string): string | null {
  if (unit === '' || unit === '%' || unit === '‰') return null;
  if (/\d/.test(unit)) return `单位“${unit}”中不能含有数字`;
  if (/[%‰]/.test(unit)) return `百分号只能单独作为单位（“${unit}”）`;
  if (/[≥≤<>=]/.test(unit)) return '运算符只能写在数值前面';
  const segments = unit.split('/');
  for (const seg of segments) {
    if (seg === '') return `复合单位“${unit}”中有空的部分`;
    if (!new RegExp(`^[${CJK}A-Za-z㎡²³·]+$`).test(seg)) return `无法识别的单位“${unit}”`;
    if (seg.length > MAX_UNIT_SEGMENT) return `单位“${seg}”过长，不像计量单位`;
    if (seg.length > 1 && [...seg].every((c) => c === seg[0])) return `单位“${seg}”中的字重复`;
  }
  return null;
}

const CN_QUARTER: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 };
const MONTH_POINT = '(\\d{1,2})(月)?(?:份|初|底|末|上旬|中旬|下旬)?(?:(\\d{1,2})[日号])?';
const PERIOD_RANGE = new RegExp(
  `^(?:(\\d{4})年)?${MONTH_POINT}(?:(?:至|到|-|~|—)(?:(\\d{4})年)?${MONTH_POINT})?(前|之前|以前)?$`,
);

/**
 * A period, an unreadable period (months out of range, reversed, across years), or null when `s` is not
 * written as a period at all.
 */
function parsePeriod(s: string, text: string): IndicatorValue | null {
  const period = (year: number | null, fromMonth: number, toMonth: number): IndicatorValue => {
    if (year !== null && (year < 1900 || year > 2199)) return unreadable(`年份${year}不合理`);
    if (fromMonth < 1 || fromMonth > 12 || toMonth < 1 || toMonth > 12) return unreadable('月份应在1至12之间');
    if (fromMonth > toMonth) return unreadable('起始月份晚于结束月份（不支持跨年度的期间）');
    return { kind: 'period', year, fromMonth, toMonth, text };
  };
  const yearOf = (y: string | undefined) => (y === undefined ? null : Number(y));

  // 2024年 / 2024年度: the whole year (only a plausible calendar year; 3年, 99年 are durations)
  let m = /^(\d{4})年度?$/.exec(s);
  if (m && Number(m[1]) >= 1900 && Number(m[1]) <= 2199) return period(Number(m[1]), 1, 12);

  // 第二季度, 2024年第2季度, 二季度
  m = /^(?:(\d{4})年)?第?([一二三四1-4])季度$/.exec(s);
  if (m) {
    const q = CN_QUARTER[m[2]];
    return period(yearOf(m[1]), q * 3 - 2, q * 3);
  }
  // 上半年, 2024年下半年
  m = /^(?:(\d{4})年)?(上|下)半年$/.exec(s);
  if (m) return m[2] === '上' ? period(yearOf(m[1]), 1, 6) : period(yearOf(m[1]), 7, 12);
  // 年底, 2024年底, 2024年年初
  m = /^(?:(\d{4})年)?年?(底|末|初)$/.exec(s);
  if (m && (m[1] !== undefined || s.startsWith('年'))) {
    const month = m[2] === '初' ? 1 : 12;
    return period(yearOf(m[1]), month, month);
  }

  // 6月、12月 / 2024年3、6、9、12月: a list of months, ascending
  m = /^(?:(\d{4})年)?(\d{1,2}月?(?:[、,和及]\d{1,2}月?)+)$/.exec(s);
  if (m && m[2].endsWith('月')) {
    const months = m[2].split(/[、,和及]/).map((p) => Number(p.replace('月', '')));
    for (let i = 1; i < months.length; i++) {
      if (months[i] <= months[i - 1]) return unreadable('月份列表应按从早到晚的顺序排列且不重复');
    }
    return period(yearOf(m[1]), months[0], months[months.length - 1]);
  }

  // 2024年6至10月, 2023年6月, 4月至12月, 2月至11月底, 11月份, 2024年12月31日前
  m = PERIOD_RANGE.exec(s);
  if (!m) return null;
  const [, y1, m1, yue1, d1, y2, m2, yue2, d2] = m;
  if (m2 === undefined) {
    if (!yue1) return null; // `6` alone is not a month
  } else if (!yue2) {
    return null; // `1-12` without 月 is not a period
  }
  if ((d1 !== undefined && !yue1) || (d2 !== undefined && !yue2)) return null;
  for (const d of [d1, d2]) if (d !== undefined && (Number(d) < 1 || Number(d) > 31)) return unreadable('日期应在1至31日之间');
  if (y2 !== undefined && y2 !== y1) return unreadable('起止年份不一致（不支持跨年度的期间）');
  const from = Number(m1);
  return period(yearOf(y1), from, m2 === undefined ? from : Number(m2));
}
