/**
 * How long a typed name or text may be: one constant per field, read by the domain's schema (`fields.ts`), by the
 * input's counter (components/ui/LengthCounter) and by the refusal's message, so the figure the page states, the
 * one it counts against and the one the server enforces are the same. Client-safe (no imports).
 *
 * Inputs do not cut what is typed or pasted (no `maxLength`, which truncates a paste silently): the counter shows how
 * far over the limit the text is, the save is refused with the same figure, and the text stays to be shortened.
 */

/** 项目名称. */
export const PROJECT_NAME_MAX = 100;

/**
 * The most characters of a free text typed in prose: a budget's explanatory texts (部门职责, the reasons…), a
 * correction note. The performance form's boxes are shorter (FORM_TEXT_MAX, lib/performance/fields.ts): they are
 * printed in the cells of a one-page sheet.
 */
export const LONG_TEXT_MAX = 5000;

/** What a limit counts: the text as it is stored (a line break is one character, blanks at the ends are dropped). */
export const enteredLength = (s: string): number => s.replace(/\r\n?/g, '\n').trim().length;

/** The refusal of a text over its limit, naming the limit and how long the text is (`项目名称不能超过100个字（现有2000个字）`). */
export const tooLongMessage = (what: string, max: number, length: number): string => `${what}不能超过${max}个字（现有${length}个字）`;
