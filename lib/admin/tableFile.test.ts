import { describe, expect, it } from 'vitest';
import { rowProblemsRefusal } from './tableFile';

describe('a file refused for its rows', () => {
  it('is one invalid Refusal: a field error per row in row order, the messages of one row joined', () => {
    const r = rowProblemsRefusal(
      [
        { row: 7, message: '科目名称为空' },
        { row: 3, message: '科目编码“2011”是 4 位，支出功能分类的编码应为 3、5、7 位' },
        { row: 7, message: '科目编码“2081”与第 3 行重复' },
      ],
      '文件“a.csv”有 3 处问题，未导入。请修改后重新上传：',
    );
    expect(r).toEqual({
      ok: false,
      reason: 'invalid',
      formError: '文件“a.csv”有 3 处问题，未导入。请修改后重新上传：',
      fieldErrors: {
        'rows.3': '科目编码“2011”是 4 位，支出功能分类的编码应为 3、5、7 位',
        'rows.7': '科目名称为空；科目编码“2081”与第 3 行重复',
      },
    });
    expect(Object.keys(r.fieldErrors)).toEqual(['rows.3', 'rows.7']);
  });
});
