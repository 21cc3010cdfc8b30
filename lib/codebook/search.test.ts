import { describe, expect, it } from 'vitest';
import { economicKuanOptions, functionItemOptions } from '../budget/edit/options';
import { pickerOptions, pinyinInitials } from './pinyin';
import { searchCodes, type PickerOption } from './search';
import { readStarterCodeBook, toCodeBook } from './starter';

const book = toCodeBook(readStarterCodeBook(2024));
const codes = (list: PickerOption[]) => list.map((o) => o.code);

describe('pinyin initials', () => {
  it('reads names by their words (行政 is xing, 运行 is yunxing) and leaves other characters out', () => {
    expect(pinyinInitials('行政运行')).toBe('xzyx');
    expect(pinyinInitials('基本工资')).toBe('jbgz');
    expect(pinyinInitials('其他工资福利支出（备用）2')).toBe('qtgzflzcby');
  });
});

describe('searchCodes', () => {
  const economic = pickerOptions(economicKuanOptions(book), new Set());
  const functional = pickerOptions(functionItemOptions(book), new Set(['2080101', '2080199']));

  it('finds a code by its pinyin initials, whatever the case', () => {
    const { matches } = searchCodes(economic, 'gz');
    expect(matches.map((o) => o.name)).toContain('基本工资');
    expect(matches.every((o) => o.initials!.includes('gz'))).toBe(true);
    expect(searchCodes(economic, 'JBGZ').matches[0]).toMatchObject({ code: '30101', name: '基本工资' });
  });

  it('finds by code prefix and by name, and counts all the matches beyond the shown ones', () => {
    // code prefixes first; a code merely containing the digits (30302) after them
    const byCode = codes(searchCodes(economic, '302').matches);
    const prefixed = byCode.filter((c) => c.startsWith('302'));
    expect(prefixed.length).toBeGreaterThan(5);
    expect(byCode.slice(0, prefixed.length)).toEqual(prefixed);
    expect(searchCodes(economic, '30201').matches[0].code).toBe('30201');
    expect(searchCodes(economic, '办公费').matches[0]).toMatchObject({ code: '30201' });
    const all = searchCodes(functional, '2', 10);
    expect(all.matches).toHaveLength(10);
    expect(all.total).toBe(functional.filter((o) => o.code.startsWith('2')).length);
  });

  it('puts the codes the department already uses first, then code order', () => {
    const r = searchCodes(functional, '行政运行');
    expect(r.total).toBeGreaterThan(2);
    expect(r.matches[0].code).toBe('2080101');
    const rest = codes(r.matches.slice(1));
    expect(rest).toEqual([...rest].sort());
    // an empty query lists the used codes first too
    expect(codes(searchCodes(functional, '').matches.slice(0, 2))).toEqual(['2080101', '2080199']);
  });

  it('ranks a prefix of the code, name or initials above a match inside them, and those above a parent’s name', () => {
    const r = searchCodes(functional, '社会保障');
    const firstHintOnly = r.matches.findIndex((o) => !o.name.includes('社会保障'));
    expect(firstHintOnly).toBeGreaterThan(0);
    expect(r.matches.slice(firstHintOnly).every((o) => !o.name.includes('社会保障'))).toBe(true);
    const prefix = searchCodes(economic, 'jb').matches;
    expect(prefix[0].initials!.startsWith('jb')).toBe(true);
  });

  it('matches nothing for a query no code, name or initials contain', () => {
    expect(searchCodes(economic, 'qqqqq')).toEqual({ matches: [], total: 0 });
    expect(searchCodes(economic, '9999999')).toEqual({ matches: [], total: 0 });
  });
});
