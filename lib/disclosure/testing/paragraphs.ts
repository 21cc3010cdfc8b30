import type { Paragraph, TextSection, TextSubsection } from '../text';

/** Every paragraph of 第三部分 in reading order, with where it sits (for tests that read the text as a whole). */
export function paragraphsOf(
  sections: readonly TextSection[],
): { section: TextSection; subsection?: TextSubsection; paragraph: Paragraph }[] {
  const out: { section: TextSection; subsection?: TextSubsection; paragraph: Paragraph }[] = [];
  for (const section of sections) {
    for (const paragraph of section.paragraphs) out.push({ section, paragraph });
    for (const subsection of section.subsections ?? []) {
      for (const paragraph of subsection.paragraphs) out.push({ section, subsection, paragraph });
    }
  }
  return out;
}
