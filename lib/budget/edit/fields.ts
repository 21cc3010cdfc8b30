/**
 * Zod field parsers shared by the mutations: amounts typed in 元 (→ 分 without floats), 功能 项 and 部门经济 款
 * codes checked against the year's code book, units of the department, fund sources, texts, counts, floor areas.
 * Every message is Chinese and names what is wrong.
 */
import { neutralizeFormula } from '../../export/cellText';
import { z } from '../../zod';
import type { YearCodes } from '../../codebook/store';
import {
  FUND_SOURCE_LABEL,
  FUND_SOURCES,
  PROCUREMENT_KINDS,
  PROCUREMENT_LABEL,
  PROJECT_CATEGORIES,
  PROJECT_CATEGORY_LABEL,
  type FundSource,
  type ProcurementKind,
  type ProjectCategory,
} from '../../facts';
import { MAX_FEN, parseYuan } from '../../money';
import type { EditUnit } from './common';
import { LONG_TEXT_MAX, tooLongMessage } from './limits';

const COUNT_MAX = 1_000_000;

/** Numbers arrive as strings from forms; a number (e.g. from a spreadsheet cell) is written out first. */
const stringish = (required: string) =>
  z.union([z.string(), z.number()], { error: required }).transform((v) => (typeof v === 'number' ? String(v) : v));

/** An amount typed in 元 (`1,234.56`) → 分. Refuses more than two decimals, negatives and text. */
export function yuanField(what = '金额', opts: { blankAsZero?: boolean } = {}) {
  return stringish(`请输入${what}`).transform((v, ctx) => {
    if (v.length > 40) {
      ctx.addIssue({ code: 'custom', message: `${what}过长` });
      return z.NEVER;
    }
    if (opts.blankAsZero && v.trim() === '') return 0;
    const r = parseYuan(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: what === '金额' ? r.error : r.error.replace(/^金额/, what).replace('请输入金额', `请输入${what}`) });
      return z.NEVER;
    }
    return r.fen;
  });
}

/** An amount already in 分 (from a parsed workbook): a non-negative safe integer. */
export const fenField = z
  .number({ error: '金额无效' })
  .int({ error: '金额必须精确到分' })
  .min(0, { error: '金额不能为负数' })
  .max(MAX_FEN, { error: '金额超出允许范围' });

const LEVEL_NAME: Record<number, string> = { 3: '类', 5: '款', 7: '项' };

/** Why a code is not a 功能 项 of the year's book (null when it is). */
export function functionItemProblem(raw: string, functional: Record<string, string>, year: number): string | null {
  const code = raw.trim();
  if (code === '') return '请选择功能科目';
  const name = functional[code];
  if (name !== undefined && code.length !== 7)
    return `“${code} ${name}”是${LEVEL_NAME[code.length] ?? ''}级科目，请选择到7位的“项”级功能科目`;
  if (!/^\d{7}$/.test(code)) return `功能科目“${code.slice(0, 20)}”无效：应为7位数字的“项”级编码`;
  if (name === undefined) return `功能科目“${code}”不在${year}年支出功能分类科目表中`;
  return null;
}

/** Why a code is not a 部门经济 款 of the year's book (null when it is). */
export function economicKuanProblem(raw: string, deptEconomic: Record<string, { name: string }>, year: number): string | null {
  const code = raw.trim();
  if (code === '') return '请选择经济科目';
  const entry = deptEconomic[code];
  if (entry !== undefined && code.length !== 5) return `“${code} ${entry.name}”是类级科目，请选择到5位的“款”级经济科目`;
  if (!/^\d{5}$/.test(code)) return `经济科目“${code.slice(0, 20)}”无效：应为5位数字的“款”级编码`;
  if (entry === undefined) return `经济科目“${code}”不在${year}年部门预算支出经济分类科目表中`;
  return null;
}

/** 功能科目 at 项 level (7 digits) that exists in the year's code book. */
export function functionItemField(codes: YearCodes, year: number) {
  return stringish('请选择功能科目').transform((raw, ctx) => {
    const problem = functionItemProblem(raw, codes.book.functional, year);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return raw.trim();
  });
}

/** 部门预算支出经济分类 at 款 level (5 digits) that exists in the year's code book. */
export function economicKuanField(codes: YearCodes, year: number) {
  return stringish('请选择经济科目').transform((raw, ctx) => {
    const problem = economicKuanProblem(raw, codes.book.deptEconomic, year);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return raw.trim();
  });
}

/** A unit id of the department (active units only). */
export function unitIdField(units: EditUnit[]) {
  const ids = new Set(units.map((u) => u.id));
  return z.union([z.number(), z.string()], { error: '请选择单位' }).transform((v, ctx) => {
    const s = String(v).trim();
    if (s === '') {
      ctx.addIssue({ code: 'custom', message: '请选择单位' });
      return z.NEVER;
    }
    const id = /^\d{1,12}$/.test(s) ? Number(s) : NaN;
    if (!ids.has(id)) {
      ctx.addIssue({ code: 'custom', message: '单位不属于本部门，请选择本部门的预算单位' });
      return z.NEVER;
    }
    return id;
  });
}

/** Resolves a unit typed by people: its name (exact, or the only one containing the text) or its 1-based number in the list. */
export function resolveUnitRef(ref: string, units: { id: number; name: string }[]): number | null {
  const s = ref.trim();
  if (s === '') return null;
  // our templates write names that look like formulas with a leading quote (lib/export/cellText.ts)
  const exact = units.find((u) => u.name === s || neutralizeFormula(u.name) === s);
  if (exact) return exact.id;
  if (/^\d{1,4}$/.test(s)) {
    const n = Number(s);
    if (n >= 1 && n <= units.length) return units[n - 1].id;
    return null;
  }
  const partial = units.filter((u) => u.name.includes(s));
  return partial.length === 1 ? partial[0].id : null;
}

/** A unit typed by name or number (bulk paste): resolved to its id. */
export function unitRefField(units: EditUnit[]) {
  return stringish('请填写单位').transform((v, ctx) => {
    if (v.trim() === '') {
      ctx.addIssue({ code: 'custom', message: '请填写单位' });
      return z.NEVER;
    }
    const id = resolveUnitRef(v, units);
    if (id === null) {
      ctx.addIssue({ code: 'custom', message: `未知的单位“${v.trim().slice(0, 30)}”：请填写本部门的单位名称或序号（1–${units.length}）` });
      return z.NEVER;
    }
    return id;
  });
}

/** A fund source by key (`general`) or label (`一般公共预算`). */
export function resolveSource(v: string): FundSource | null {
  const s = v.trim();
  if ((FUND_SOURCES as readonly string[]).includes(s)) return s as FundSource;
  const byLabel = FUND_SOURCES.find((k) => FUND_SOURCE_LABEL[k] === s);
  return byLabel ?? null;
}

export const sourceField = stringish('请选择资金来源').transform((v, ctx) => {
  const s = resolveSource(v);
  if (!s) {
    ctx.addIssue({
      code: 'custom',
      message: v.trim() === '' ? '请选择资金来源' : `未知的资金来源“${v.trim().slice(0, 20)}”：应为${FUND_SOURCES.map((k) => FUND_SOURCE_LABEL[k]).join('、')}之一`,
    });
    return z.NEVER;
  }
  return s;
});

export const categoryField = stringish('请选择项目类别').transform((v, ctx): ProjectCategory => {
  const s = v.trim();
  const c = PROJECT_CATEGORIES.find((k) => k === s || PROJECT_CATEGORY_LABEL[k] === s);
  if (!c) {
    ctx.addIssue({ code: 'custom', message: '项目类别应为“其他运转类”或“特定目标类”' });
    return z.NEVER;
  }
  return c;
});

/** 政府采购品目, or none (`''`). */
export const procurementField = z
  .union([z.string(), z.null()], { error: '政府采购品目无效' })
  .transform((v, ctx): ProcurementKind | null => {
    const s = (v ?? '').trim();
    if (s === '' || s === 'none' || s === '无') return null;
    const k = PROCUREMENT_KINDS.find((p) => p === s || PROCUREMENT_LABEL[p] === s);
    if (!k) {
      ctx.addIssue({ code: 'custom', message: '政府采购品目应为货物、工程、服务或不采购' });
      return z.NEVER;
    }
    return k;
  });

export const carryoverField = z
  .union([z.boolean(), z.string()], { error: '请选择资金年度' })
  .transform((v, ctx) => {
    if (typeof v === 'boolean') return v;
    const s = v.trim();
    if (s === 'true' || s === '1' || s === 'carryover' || s === '上年结转') return true;
    if (s === 'false' || s === '0' || s === 'current' || s === '本年' || s === '本年预算') return false;
    ctx.addIssue({ code: 'custom', message: '资金年度应为“本年预算”或“上年结转”' });
    return z.NEVER;
  });

/** Refuses a text longer than `max` with tooLongMessage (the figure the input's counter shows). */
const atMost = (what: string, max: number) =>
  z.string().transform((s, ctx) => {
    if (s.length <= max) return s;
    ctx.addIssue({ code: 'custom', message: tooLongMessage(what, max, s.length) });
    return z.NEVER;
  });

/** A required short name (project names), trimmed, at most `max` characters (its constant in limits.ts). */
export function nameField(what: string, max: number) {
  return z
    .string({ error: `请输入${what}` })
    .transform((s) => s.trim())
    .pipe(z.string().min(1, { error: `请输入${what}` }))
    .pipe(atMost(what, max));
}

/** A free text (descriptions, reasons), trimmed at the ends, at most `max` characters (counted as enteredLength does). */
export function textField(what: string, max = LONG_TEXT_MAX) {
  return z
    .string({ error: `${what}无效` })
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(atMost(what, max));
}

/** A count (vehicles, devices): a non-negative whole number. */
export function countField(what: string) {
  return stringish(`请输入${what}`).transform((v, ctx) => {
    const s = v.trim().replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (s === '') return 0;
    if (!/^\d{1,7}$/.test(s) || Number(s) > COUNT_MAX) {
      ctx.addIssue({ code: 'custom', message: `${what}应为不小于0的整数` });
      return z.NEVER;
    }
    return Number(s);
  });
}

/** A floor area typed in 平方米 with at most two decimals → integer 0.01 平方米. */
export function areaField(what = '面积') {
  return stringish(`请输入${what}`).transform((v, ctx) => {
    const s = v.trim().replace(/[,，\s]/g, '');
    if (s === '') return 0;
    const m = /^(-?)(\d{1,12})(?:\.(\d*))?$/.exec(s);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `“${v.trim().slice(0, 20)}”不是有效的${what}` });
      return z.NEVER;
    }
    const [, sign, int, frac = ''] = m;
    if (frac.length > 2) {
      ctx.addIssue({ code: 'custom', message: `${what}最多保留两位小数` });
      return z.NEVER;
    }
    if (sign === '-' && /[1-9]/.test(int + frac)) {
      ctx.addIssue({ code: 'custom', message: `${what}不能为负数` });
      return z.NEVER;
    }
    return Number(int + frac.padEnd(2, '0'));
  });
}

/** An ISO date (统计截止日期). */
export const isoDateField = z
  .string({ error: '请输入日期' })
  .transform((s) => s.trim())
  .pipe(
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
      .refine((s) => {
        const d = new Date(`${s}T00:00:00Z`);
        return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
      }, { error: '日期无效' }),
  );

/** A row/record version the edit was based on. */
export const versionField = z.union([z.number(), z.string()], { error: '缺少版本号，请刷新后重试' }).transform((v, ctx) => {
  const n = typeof v === 'number' ? v : /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    ctx.addIssue({ code: 'custom', message: '版本号无效，请刷新后重试' });
    return z.NEVER;
  }
  return n;
});

export const idField = (what: string) =>
  z.union([z.number(), z.string()], { error: `${what}无效` }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < 1) {
      ctx.addIssue({ code: 'custom', message: `${what}无效` });
      return z.NEVER;
    }
    return n;
  });
