/**
 * One limit per field (issue 17 item 10): the schema refuses exactly past the constant the input's counter shows,
 * with a message naming that constant and the text's length, and counts what the counter counts.
 */
import { describe, expect, it } from 'vitest';
import { nameField, textField } from './fields';
import { enteredLength, LONG_TEXT_MAX, PROJECT_NAME_MAX, tooLongMessage } from './limits';

const messageOf = (r: { success: boolean; error?: { issues: { message: string }[] } }) => (r.success ? null : r.error!.issues[0].message);

describe('field limits', () => {
  it('accepts a project name of exactly PROJECT_NAME_MAX characters and refuses one more, naming both figures', () => {
    const field = nameField('项目名称', PROJECT_NAME_MAX);
    expect(field.safeParse('名'.repeat(PROJECT_NAME_MAX))).toMatchObject({ success: true });
    expect(messageOf(field.safeParse('名'.repeat(PROJECT_NAME_MAX + 1)))).toBe('项目名称不能超过100个字（现有101个字）');
    // a 2,000-character paste is refused whole (nothing cut at 120 or anywhere else)
    expect(messageOf(field.safeParse('名'.repeat(2000)))).toBe(tooLongMessage('项目名称', 100, 2000));
    expect(messageOf(field.safeParse('   '))).toBe('请输入项目名称');
  });

  it('counts a long text as the counter does: blanks at the ends dropped, CRLF as one line break', () => {
    const field = textField('部门职责', LONG_TEXT_MAX);
    const padded = `  ${'字'.repeat(LONG_TEXT_MAX)}  \r\n`;
    expect(enteredLength(padded)).toBe(LONG_TEXT_MAX);
    expect(field.safeParse(padded)).toMatchObject({ success: true, data: '字'.repeat(LONG_TEXT_MAX) });
    const lines = `${'字'.repeat(LONG_TEXT_MAX - 1)}\r\n字`; // 5,001 stored characters, 5,002 typed
    expect(enteredLength(lines)).toBe(LONG_TEXT_MAX + 1);
    expect(messageOf(field.safeParse(lines))).toBe(`部门职责不能超过${LONG_TEXT_MAX}个字（现有${LONG_TEXT_MAX + 1}个字）`);
  });

  it('the default limit of a free text is LONG_TEXT_MAX (5,000, as the texts page states)', () => {
    expect(LONG_TEXT_MAX).toBe(5000);
    expect(textField('说明').safeParse('x'.repeat(5000))).toMatchObject({ success: true });
    expect(textField('说明').safeParse('x'.repeat(5001))).toMatchObject({ success: false });
  });
});
