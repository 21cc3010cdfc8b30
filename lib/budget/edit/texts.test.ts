/**
 * A reason the document prints is typed, not waived: a changed figure without its reason is an error, which no
 * explanation clears (only warnings are explained); the reason typed with the template's own words is stored once.
 */
import { describe, expect, it } from 'vitest';
import { findingExplanations } from '../../../db/schema';
import { loadBudgetFacts } from '../load';
import { buildDocument } from '../../disclosure/document';
import { refused } from '../../result';
import { submitBudget } from '../../workflow/actions';
import { checkStoredBudget } from '../../workflow/findings';
import { cleanArchive, seededWorld, versionOf } from '../../workflow/testing/world';
import { textValues, updateTexts } from './texts';

const REASON_ERROR = 'text.reason-missing@text:reasonGeneralChange';

describe('the reason of a stated change', () => {
  it('cannot be explained away: submission is refused until the reason is typed, then the text prints it once', () => {
    const w = seededWorld();
    const id = cleanArchive(w);
    const base = textValues(loadBudgetFacts(w.db, id).text);
    // the archive's 一般公共预算当年拨款 changed against last year; its reason is removed
    const cleared = updateTexts(w.db, w.actors.dangan, { budgetId: id, baseVersion: versionOf(w, id), base, values: { reasonGeneralChange: '' } });
    expect(cleared).toMatchObject({ ok: true });
    const { findings } = checkStoredBudget(w.db, id);
    expect(findings.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.key])).toEqual([['error', REASON_ERROR]]);

    // an "explanation" of it is not taken
    const explained = submitBudget(w.db, w.actors.dangan, { budgetId: id, version: versionOf(w, id), explanations: { [REASON_ERROR]: '原因另行说明' } });
    expect(explained).toEqual(refused('尚有 1 条错误未更正，不能报送'));
    expect(w.db.select().from(findingExplanations).all()).toEqual([]);

    // typed as the old entry hint said: stored without the template's words, printed once, and then submittable
    const typed = updateTexts(w.db, w.actors.dangan, {
      budgetId: id,
      baseVersion: versionOf(w, id),
      base: textValues(loadBudgetFacts(w.db, id).text),
      values: { reasonGeneralChange: '主要原因是档案数字化加工项目增加。' },
    });
    expect(typed).toMatchObject({ ok: true, values: { reasonGeneralChange: '档案数字化加工项目增加' } });
    const facts = loadBudgetFacts(w.db, id);
    const sentence = buildDocument(facts).part3.find((s) => s.no === '五')!.subsections![0].paragraphs[0].text;
    expect(sentence).toMatch(/，主要原因是档案数字化加工项目增加。$/);
    expect(checkStoredBudget(w.db, id).findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(submitBudget(w.db, w.actors.dangan, { budgetId: id, version: versionOf(w, id) })).toMatchObject({ ok: true, status: 'submitted' });
  });
});
