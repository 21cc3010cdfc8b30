/**
 * The checker of disclosures made elsewhere (docs/domain.md §9, issue 15): a document read from a PDF or a workbook
 * (lib/checker/model.ts) → its findings, each with its place in the document, and the checks that could not run.
 * - 13 tables (山西): the table, cross-table and 尾差 rules of lib/rules unchanged (tables13.ts);
 * - 9 tables (上海/中央): that layout's identities as data (tables9.ts);
 * - both: the text (text.ts), the document (document.ts) and the forms (forms.ts).
 * What the reader could not read (`doc.unread`) is reported as 未能读取, never as a fault; a finding is made only on
 * figures that were read.
 */
import type { CodeBook } from '../../facts';
import { compareFindings } from '../../rules/context';
import type { ExtractedDocument } from '../model';
import { TABLE_ONLY_RULES } from '../../rules/tablesOnly';
import { checkDocument, DOCUMENT_RULES } from './document';
import { checkForms, FORM_RULES } from './forms';
import type { DocRule } from './place';
import { checkShanxiTables } from './tables13';
import { checkShanghaiTables, NINE_RULES } from './tables9';
import { checkText, TEXT_RULES } from './text';
import type { CheckReport, DocFinding, NotChecked } from './types';

export type { CheckReport, DocFinding, NotChecked, Place } from './types';
export { PROFILE_LABEL } from './types';

/**
 * @public Every rule the checker reports, for the catalogue (lib/rules/README.md “Imported disclosures”, checked by
 * index.test.ts): the table rules of lib/rules it runs unchanged, then its own.
 */
export const CHECKER_RULES: readonly DocRule[] = [
  ...TABLE_ONLY_RULES,
  ...Object.values(NINE_RULES),
  ...Object.values(TEXT_RULES),
  ...Object.values(DOCUMENT_RULES),
  ...Object.values(FORM_RULES),
];

export function checkDisclosure(doc: ExtractedDocument, codebook: CodeBook): CheckReport {
  const notChecked: NotChecked[] = doc.unread.map((u) => ({ rule: 'read', reason: `未能读取：${u.where}：${u.reason}` }));
  const findings: DocFinding[] = [];
  const parts = [
    doc.profile === 'shanxi-13' ? checkShanxiTables(doc) : checkShanghaiTables(doc),
    checkText(doc, codebook),
    checkDocument(doc, codebook),
    checkForms(doc),
  ];
  for (const p of parts) {
    findings.push(...p.findings);
    notChecked.push(...p.notChecked);
  }
  const seen = new Set<string>();
  const unique = findings.filter((f) => (seen.has(f.key) ? false : (seen.add(f.key), true)));
  return { findings: unique.sort(compareFindings), notChecked };
}
