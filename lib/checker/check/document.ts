/**
 * Document rules on what is not text or figures (docs/domain.md §9): the department's name identical wherever it
 * is printed; the 目录 against the body (tables by title, sections by heading); 功能科目 codes and names of the
 * tables in that year's code book (a renamed 类 is a finding).
 */
import type { CodeBook } from '../../facts';
import { tableName } from '../../rules/format';
import type { ExtractedDocument } from '../model';
import { cellPlace, docFinding, type DocRule } from './place';
import type { DocFinding, NotChecked } from './types';

export const DOCUMENT_RULES = {
  name: { id: 'doc.department-name', severity: 'error', title: '部门名称在封面、表头、正文中一致' },
  toc: { id: 'doc.toc', severity: 'warning', title: '目录所列表格、章节与正文一致' },
  codeUnknown: { id: 'doc.code-unknown', severity: 'warning', title: '表中的功能科目编码在本年度科目表中' },
  codeName: { id: 'doc.code-name', severity: 'error', title: '表中的功能科目名称为本年度科目表的名称' },
} as const satisfies Record<string, DocRule>;

const loc = { kind: 'budget' } as const;
/** Spaces and the width of brackets do not make two names different. */
export const normalizeName = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/[“”"]/g, '"');

function names(doc: ExtractedDocument, out: DocFinding[]) {
  const dept = doc.department;
  if (!dept) return;
  const want = normalizeName(dept);
  for (const [i, m] of doc.nameMentions.entries()) {
    if (normalizeName(m.text) === want) continue;
    out.push(docFinding(DOCUMENT_RULES.name, loc, `${m.where}写“${m.text}”，与封面的部门名称“${dept}”不一致`, { quote: m.text, section: m.where }, `${i}`));
  }
}

const TOC_TABLE = /^表([一二三四五六七八九十]+)\s*(.+)$/;
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];

function toc(doc: ExtractedDocument, out: DocFinding[], notChecked: NotChecked[]) {
  if (doc.toc.length === 0) {
    notChecked.push({ rule: DOCUMENT_RULES.toc.id, reason: '未能核查：未读取到目录' });
    return;
  }
  const tables = new Map(doc.tables.map((t) => [t.no, t]));
  const listed = new Set<number>();
  for (const e of doc.toc) {
    const m = TOC_TABLE.exec(e.title.trim());
    if (!m) continue;
    const no = CN.indexOf(m[1]);
    if (no <= 0) continue;
    listed.add(no);
    const t = tables.get(no);
    if (!t && doc.unread.length > 0) {
      // the table may be among what could not be read: not a fault of the document
      notChecked.push({ rule: DOCUMENT_RULES.toc.id, reason: `未能核查：目录列有“${e.title}”，正文中未读取到${tableName(no)}` });
      continue;
    }
    if (!t) {
      out.push(docFinding(DOCUMENT_RULES.toc, loc, `目录列有“${e.title}”，正文中未找到${tableName(no)}`, { section: '目录', quote: e.title }, `table:${no}`));
      continue;
    }
    if (t.title && normalizeName(t.title) !== normalizeName(m[2])) {
      out.push(
        docFinding(DOCUMENT_RULES.toc, loc, `目录中${tableName(no)}的标题为“${m[2]}”，正文表格标题为“${t.title}”`, { ...cellPlace(t, null, null), section: '目录', quote: e.title }, `title:${no}`),
      );
    }
  }
  if (listed.size > 0) {
    for (const t of doc.tables) {
      if (listed.has(t.no)) continue;
      out.push(docFinding(DOCUMENT_RULES.toc, loc, `正文有${tableName(t.no)}“${t.title}”，目录未列`, cellPlace(t, null, null), `missing:${t.no}`));
    }
  }
  // the 山西 第三部分 headings are fixed; other layouts number their parts the same way, so only 13-table documents
  const headings = new Set(doc.sections.map((s) => normalizeName(s.heading)));
  if (headings.size === 0 || doc.profile !== 'shanxi-13') return;
  for (const e of doc.toc) {
    const t = e.title.trim();
    if (!/^(?:十[一二]|[一二三四五六七八九十])、/.test(t)) continue;
    // 第一部分's 一、二、 are not sections of 第三部分: compare only what looks like a 第三部分 heading
    if (/本部门职责|机构设置/.test(t)) continue;
    if (!headings.has(normalizeName(t))) {
      out.push(docFinding(DOCUMENT_RULES.toc, loc, `目录列有“${t}”，正文中没有这一节`, { section: '目录', quote: t }, `section:${t}`));
    }
  }
}

/** 功能科目 rows (`f:code`) of the tables: the code in the year's book, the name the book's. */
function codes(doc: ExtractedDocument, codebook: CodeBook, out: DocFinding[], notChecked: NotChecked[]) {
  if (Object.keys(codebook.functional).length === 0) {
    notChecked.push({ rule: DOCUMENT_RULES.codeName.id, reason: `未能核查：没有${doc.year ?? ''}年度的支出功能分类科目表` });
    return;
  }
  const seen = new Set<string>();
  for (const t of doc.tables) {
    const nameCol = t.columns.findIndex((c) => c.key === 'name');
    if (nameCol < 0) continue;
    for (const r of t.rows) {
      if (!r.key.startsWith('f:')) continue;
      const code = r.key.slice(2);
      const c = r.cells[nameCol];
      const name = c && c.kind === 'text' ? c.text.trim() : '';
      if (!name || seen.has(`${code}:${name}`)) continue;
      seen.add(`${code}:${name}`);
      const want = codebook.functional[code];
      const place = cellPlace(t, `${code} ${name}`, '科目名称');
      if (want === undefined) {
        out.push(docFinding(DOCUMENT_RULES.codeUnknown, { kind: 'cell', table: t.no as 1, row: r.key, column: nameCol }, `${tableName(t.no)}的科目编码 ${code}（${name}）不在${doc.year ?? ''}年度支出功能分类科目表中`, place, code));
      } else if (normalizeName(want) !== normalizeName(name)) {
        out.push(
          docFinding(
            DOCUMENT_RULES.codeName,
            { kind: 'cell', table: t.no as 1, row: r.key, column: nameCol },
            `${tableName(t.no)}的科目 ${code} 写作“${name}”，${doc.year ?? ''}年度科目表的名称为“${want}”`,
            place,
            `${code}:${name}`,
          ),
        );
      }
    }
  }
}

export function checkDocument(doc: ExtractedDocument, codebook: CodeBook): { findings: DocFinding[]; notChecked: NotChecked[] } {
  const findings: DocFinding[] = [];
  const notChecked: NotChecked[] = [];
  names(doc, findings);
  toc(doc, findings, notChecked);
  codes(doc, codebook, findings, notChecked);
  return { findings, notChecked };
}
