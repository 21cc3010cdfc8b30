import { describe, expect, it } from 'vitest';
import { looksLikeFormula, neutralizeFormula } from './cellText';

describe('neutralizeFormula', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
    ['+86 123', "'+86 123"],
    ['-3', "'-3"],
    ['@SUM(A1:A2)', "'@SUM(A1:A2)"],
    ['＝1+1', "'＝1+1"],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠x', "'＠x"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['\r\n@x', "'\r\n@x"],
    ['  =1', "'  =1"],
    ['\u3000=1', "'\u3000=1"],
    ['\tplain', "'\tplain"],
    ['\rplain', "'\rplain"],
  ])('prefixes %j', (input, output) => {
    expect(neutralizeFormula(input)).toBe(output);
    expect(looksLikeFormula(input)).toBe(true);
  });

  it.each([
    '',
    '驻村工作队经费',
    '泽州县人力资源和社会保障局（机关）',
    '2080101',
    'a=b',
    '一、一般公共预算',
    '①公务用车购置费',
    '“公益性零工市场县县全覆盖”省级财政专项资金',
    ' plain',
    "'=already quoted",
    '—',
  ])('leaves %j unchanged', (input) => {
    expect(neutralizeFormula(input)).toBe(input);
    expect(looksLikeFormula(input)).toBe(false);
  });

  it('is stable: a neutralized text is not neutralized again', () => {
    const once = neutralizeFormula('=1');
    expect(neutralizeFormula(once)).toBe(once);
  });
});
