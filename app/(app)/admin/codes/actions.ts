'use server';

import { formAction } from '@/lib/action';
import { MAX_UPLOAD_BYTES, rowProblemsRefusal } from '@/lib/admin/tableFile';
import { assertAdmin } from '@/lib/auth/authorize';
import { applyCodeBookImport, previewCodeBookImport, type ImportPreview, type ImportResult } from '@/lib/codebook/import';
import { parseCodeBookFile } from '@/lib/codebook/importFile';
import { CODE_BOOK_KINDS, type CodeBookKind } from '@/lib/codebook/kinds';
import { refused } from '@/lib/result';

/** Step 1's success: what the import would change, and the checked codes for step 2 to send back. */
export interface CodeBookPreview {
  fileName: string;
  sheetName?: string;
  preview: Omit<ImportPreview, 'codes'>;
  /** The codes as `[row, code, name]`, posted again by 确认导入 (and validated again there). */
  codesJson: string;
}

/** Step 2's success. */
interface CodeBookApplied {
  result: ImportResult;
  year: number;
  kind: CodeBookKind;
}

const kindOf = (v: string | undefined): CodeBookKind => (CODE_BOOK_KINDS.includes(v as CodeBookKind) ? (v as CodeBookKind) : 'functional');
const BAD_CODES = '科目数据无效，请重新上传文件';

/**
 * Step 1: read the uploaded file, validate every row, and compare it with the year's current book. A file with
 * malformed rows is refused with one field error per row (`rows.<n>`).
 */
export const previewCodeBookAction = formAction<CodeBookPreview>(async ({ db, actor, values, formData }) => {
  // the file is read only for an administrator
  assertAdmin(actor);
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return refused('请选择要导入的 CSV 或 xlsx 文件');
  if (file.size > MAX_UPLOAD_BYTES) return refused('文件超过 5 MB，请检查是否选错了文件');
  const parsed = await parseCodeBookFile(new Uint8Array(await file.arrayBuffer()), file.name, kindOf(values.kind));
  if (!parsed.ok) {
    if (parsed.problems.length === 0) return refused(parsed.formError ?? '文件无法导入');
    const listed = parsed.problems.length < parsed.problemCount ? `（下表仅列出前 ${parsed.problems.length} 处）` : '';
    return rowProblemsRefusal(parsed.problems, `文件“${file.name}”有 ${parsed.problemCount} 处问题，未导入${listed}。请修改后重新上传：`);
  }
  const { codes, ...preview } = previewCodeBookImport(db, actor, { year: values.year ?? '', kind: kindOf(values.kind), codes: parsed.codes });
  return {
    fileName: file.name,
    sheetName: parsed.sheetName,
    preview,
    codesJson: JSON.stringify(codes.map((c) => [c.row, c.code, c.name])),
  };
});

/** Step 2: replace the year's book with the previewed codes (validated again), in one transaction. */
export const applyCodeBookAction = formAction<CodeBookApplied>(
  ({ db, actor, values }) => {
    let rows: unknown;
    try {
      rows = JSON.parse(values.codes ?? '');
    } catch {
      return refused(BAD_CODES);
    }
    if (!Array.isArray(rows)) return refused(BAD_CODES);
    const year = Number(values.year);
    const kind = kindOf(values.kind);
    const codes = rows.map((r) => (Array.isArray(r) ? { row: Number(r[0]), code: String(r[1]), name: String(r[2]) } : r));
    const result = applyCodeBookImport(db, actor, {
      year,
      kind,
      codes,
      baseFingerprint: values.baseFingerprint ?? '',
      fileName: (values.fileName ?? '').slice(0, 200),
    });
    return { result, year, kind };
  },
  { revalidate: () => ['/'] },
);
