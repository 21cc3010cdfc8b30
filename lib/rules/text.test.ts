/** The rules on the typed reasons of the 情况说明 (lib/rules/text.ts). */
import { describe, expect, it } from 'vitest';
import { findingsOf, goodFacts, inputOf } from './testing/fixtures';

const show = (fs: ReturnType<typeof findingsOf>) => fs.map((f) => [f.severity, f.location, f.message, f.key]);

describe('text.reason-repeats-template', () => {
  it('a stored reason that starts with the words the text adds is a warning on its field', () => {
    const f = goodFacts();
    f.text.reasonGeneralChange = '主要原因是主要原因是人员经费减少。';
    f.text.reasonThreePublicChange = '原因：业务招待费预算减少';
    f.text.otherNotes = '主要原因是……'; // not a reason field: the text prints it as typed
    expect(show(findingsOf('text.reason-repeats-template', inputOf(f)))).toEqual([
      [
        'warning',
        { kind: 'text', field: 'reasonGeneralChange' },
        '一般公共预算当年拨款变动原因以“主要原因是”开头，而情况说明已写有“主要原因是”：请只填写原因本身（如“人员经费减少”）',
        'text.reason-repeats-template@text:reasonGeneralChange',
      ],
      [
        'warning',
        { kind: 'text', field: 'reasonThreePublicChange' },
        '“三公”经费变动原因以“原因：”开头，而情况说明已写有“主要原因是”：请只填写原因本身（如“业务招待费预算减少”）',
        'text.reason-repeats-template@text:reasonThreePublicChange',
      ],
    ]);
  });

  it('is silent on a reason that is the reason itself, or that starts with other words', () => {
    const f = goodFacts();
    f.text.reasonGeneralChange = '主要原因有两点：一是人员减少，二是项目调整';
    expect(findingsOf('text.reason-repeats-template', inputOf(f))).toEqual([]);
  });
});

describe('text.reason-missing', () => {
  it('a reason that is only the template’s words is no reason', () => {
    const f = goodFacts();
    f.prior.generalCurrent += 10_000_000;
    f.text.reasonGeneralChange = '主要原因是。';
    expect(findingsOf('text.reason-missing', inputOf(f)).map((x) => x.location)).toEqual([{ kind: 'text', field: 'reasonGeneralChange' }]);
  });
});
