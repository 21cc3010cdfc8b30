/** Choices the editing screens offer, from the year's code book (client-safe: no database access). */
import type { CodeBook } from '../../facts';

export interface CodeOption {
  code: string;
  name: string;
  /** The parent levels' names, searched too (e.g. `20801 人力资源和社会保障管理事务 · 208 社会保障和就业支出`). */
  hint?: string;
}

/** 功能科目 at 项 level (7 digits), in code order. */
export function functionItemOptions(book: Pick<CodeBook, 'functional'>): CodeOption[] {
  const f = book.functional;
  return Object.keys(f)
    .filter((c) => /^\d{7}$/.test(c))
    .sort()
    .map((code) => ({
      code,
      name: f[code],
      hint: [code.slice(0, 5), code.slice(0, 3)]
        .filter((p) => f[p] !== undefined)
        .map((p) => `${p} ${f[p]}`)
        .join(' · '),
    }));
}

/** 部门预算支出经济分类 at 款 level (5 digits), in code order. */
export function economicKuanOptions(book: Pick<CodeBook, 'deptEconomic'>): CodeOption[] {
  const e = book.deptEconomic;
  return Object.keys(e)
    .filter((c) => /^\d{5}$/.test(c))
    .sort()
    .map((code) => ({ code, name: e[code].name, hint: e[code.slice(0, 3)] ? `${code.slice(0, 3)} ${e[code.slice(0, 3)].name}` : undefined }));
}
