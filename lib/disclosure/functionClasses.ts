/**
 * The 30 支出功能分类 类 that form the expenditure rows of 表一 and 表四, in the fixed printed order, listed even
 * when zero. Names are the 2024 ones; a year's code book may rename a 类 (210 was 医疗卫生与计划生育支出), so the
 * label uses the code book's name when it has one and falls back to the name here.
 * Source: db/seed/codebooks/2024/functional_classification_classes_2024.csv.
 */
interface FunctionClass {
  code: string;
  name: string;
}

export const FUNCTION_CLASSES: readonly FunctionClass[] = [
  { code: '201', name: '一般公共服务支出' },
  { code: '202', name: '外交支出' },
  { code: '203', name: '国防支出' },
  { code: '204', name: '公共安全支出' },
  { code: '205', name: '教育支出' },
  { code: '206', name: '科学技术支出' },
  { code: '207', name: '文化旅游体育与传媒支出' },
  { code: '208', name: '社会保障和就业支出' },
  { code: '209', name: '社会保险基金支出' },
  { code: '210', name: '卫生健康支出' },
  { code: '211', name: '节能环保支出' },
  { code: '212', name: '城乡社区支出' },
  { code: '213', name: '农林水支出' },
  { code: '214', name: '交通运输支出' },
  { code: '215', name: '资源勘探工业信息等支出' },
  { code: '216', name: '商业服务业等支出' },
  { code: '217', name: '金融支出' },
  { code: '219', name: '援助其他地区支出' },
  { code: '220', name: '自然资源海洋气象等支出' },
  { code: '221', name: '住房保障支出' },
  { code: '222', name: '粮油物资储备支出' },
  { code: '223', name: '国有资本经营预算支出' },
  { code: '224', name: '灾害防治及应急管理支出' },
  { code: '227', name: '预备费' },
  { code: '229', name: '其他支出' },
  { code: '230', name: '转移性支出' },
  { code: '231', name: '债务还本支出' },
  { code: '232', name: '债务付息支出' },
  { code: '233', name: '债务发行费用支出' },
  { code: '234', name: '抗疫特别国债安排的支出' },
];

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese ordinal numeral for 1..99: 1 一, 10 十, 11 十一, 20 二十, 30 三十. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`chineseNumeral: ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : DIGITS[tens]) + '十' + DIGITS[ones];
}

/** A list entry's number as the disclosure prints it (一、… 九十九、), in digits beyond (a glossary may grow). */
export const listNumeral = (n: number): string => (Number.isInteger(n) && n >= 1 && n <= 99 ? chineseNumeral(n) : String(n));

/** `八、社会保障和就业支出`: the printed label of the i-th (0-based) item of a list. */
export const ordinalLabel = (index: number, name: string): string => `${chineseNumeral(index + 1)}、${name}`;

/** Labels of the 30 类 rows, with the year's names from the code book where it has them. */
export function functionClassRows(functional: Record<string, string>): { code: string; label: string }[] {
  return FUNCTION_CLASSES.map((c, i) => ({ code: c.code, label: ordinalLabel(i, functional[c.code] || c.name) }));
}
