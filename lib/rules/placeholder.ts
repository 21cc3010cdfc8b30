/**
 * Placeholders that must not ship (docs/domain.md §8): XX / ×× / 某某, 待填写 / 待补充 / 请填写, TODO, …… / ...
 */
const PATTERNS: ReadonlyArray<RegExp> = [
  /(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])/, // XX, xxx, ＸＸ (not inside a word)
  /×{2,}|○{2,}|某某/, // ××单位, ○○, 某某
  /待填写|待补充|待完善|请填写|此处填写|填写内容/,
  /\b(?:TODO|TBD|FIXME)\b/i,
  /……|\.{3,}|…{2,}/,
];

/** The first placeholder found in `text`, or null. */
export function findPlaceholder(text: string): string | null {
  if (!text) return null;
  for (const p of PATTERNS) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return null;
}
