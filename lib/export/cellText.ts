/**
 * Text that goes into a spreadsheet cell. Names are typed by users (projects, units, departments), and a text
 * that a spreadsheet program would read as a formula is a known attack (CSV/formula injection:
 * `=cmd|' /C calc'!A0`, `=HYPERLINK(...)`, `@SUM(...)`): an xlsx string cell is not evaluated on open, but it
 * becomes a live formula as soon as someone edits the cell (F2, Enter), re-saves the sheet as CSV, or pastes the
 * values elsewhere.
 *
 * Choice: such a text is prefixed with a single quote `'` (OWASP's recommendation). The quote is kept as a
 * visible character in the cell. We do not rely on Excel's hidden "quotePrefix" style instead: exceljs cannot
 * write it, and other consumers (WPS, LibreOffice, CSV re-export, copy-paste) ignore it, while a literal quote
 * defuses the formula everywhere. The cost is a visible `'` in front of a name that begins with = + - @ — rare
 * and suspicious in a budget anyway. Other text is returned unchanged, so ordinary cells are exactly the table's
 * text.
 */

/** Characters that start a formula: ASCII and their full-width forms (IMEs type these; some programs fold them). */
const FORMULA_START = '=+-@\uFF1D\uFF0B\uFF0D\uFF20';

/**
 * Leading characters a spreadsheet may skip before looking for a formula: tab and CR (OWASP lists them as
 * triggers themselves), LF, spaces and the ideographic space.
 */
const SKIPPABLE = '\t\r\n \u3000';

const FORMULA_LIKE = new RegExp(`^[${escapeClass(SKIPPABLE)}]*[${escapeClass(FORMULA_START)}]`);
const STARTS_WITH_CONTROL = /^[\t\r]/;

function escapeClass(chars: string): string {
  return chars.replace(/[\\\]^-]/g, (c) => `\\${c}`);
}

/**
 * True when a spreadsheet could take the text for a formula (or the text starts with a tab or CR).
 * @public checked on its own by cellText.test.ts and the hostile-input corpus (lib/security/hostile-input.test.ts)
 */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_LIKE.test(text) || STARTS_WITH_CONTROL.test(text);
}

/** The text, with a leading `'` when a spreadsheet could take it for a formula; otherwise unchanged. */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
