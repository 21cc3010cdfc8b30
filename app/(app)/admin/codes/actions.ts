'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { ForbiddenError } from '@/lib/auth/authorize';
import { currentActor } from '@/lib/auth/session';
import { ValidationError } from '@/lib/admin/common';
import { MAX_UPLOAD_BYTES } from '@/lib/admin/tableFile';
import {
  applyCodeBookImport,
  CODE_BOOK_KINDS,
  parseCodeBookFile,
  previewCodeBookImport,
  type CodeBookKind,
  type ImportPreview,
  type ImportResult,
  type RowProblem,
} from '@/lib/codebook/import';

export type PreviewState =
  | null
  | { stage: 'error'; formError: string }
  | { stage: 'problems'; fileName: string; formError: string | null; problems: RowProblem[]; problemCount: number }
  | { stage: 'preview'; fileName: string; sheetName?: string; preview: Omit<ImportPreview, 'codes'>; codesJson: string };

export type ApplyState = null | { ok: true; result: ImportResult; year: number; kind: CodeBookKind } | { ok: false; formError: string };

const kindOf = (v: FormDataEntryValue | null): CodeBookKind =>
  CODE_BOOK_KINDS.includes(v as CodeBookKind) ? (v as CodeBookKind) : 'functional';

async function adminOrLogin() {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  return actor;
}

/** Step 1: read the uploaded file, validate every row, and compare it with the year's current book. */
export async function previewCodeBookAction(_prev: PreviewState, formData: FormData): Promise<PreviewState> {
  const actor = await adminOrLogin();
  const file = formData.get('file');
  const year = String(formData.get('year') ?? '');
  const kind = kindOf(formData.get('kind'));
  if (!(file instanceof File) || file.size === 0) return { stage: 'error', formError: '请选择要导入的 CSV 或 xlsx 文件' };
  if (file.size > MAX_UPLOAD_BYTES) return { stage: 'error', formError: '文件超过 5 MB，请检查是否选错了文件' };
  try {
    if (actor.role !== 'admin') throw new ForbiddenError('仅系统管理员可以执行此操作');
    const parsed = await parseCodeBookFile(new Uint8Array(await file.arrayBuffer()), file.name, kind);
    if (!parsed.ok) {
      return { stage: 'problems', fileName: file.name, formError: parsed.formError, problems: parsed.problems, problemCount: parsed.problemCount };
    }
    const { codes, ...preview } = previewCodeBookImport(getDb(), actor, { year, kind, codes: parsed.codes });
    return {
      stage: 'preview',
      fileName: file.name,
      sheetName: parsed.sheetName,
      preview,
      codesJson: JSON.stringify(codes.map((c) => [c.row, c.code, c.name])),
    };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ValidationError || e instanceof ForbiddenError) return { stage: 'error', formError: e.message };
    throw e;
  }
}

/** Step 2: replace the year's book with the previewed codes (validated again), in one transaction. */
export async function applyCodeBookAction(_prev: ApplyState, formData: FormData): Promise<ApplyState> {
  const actor = await adminOrLogin();
  const year = Number(formData.get('year'));
  const kind = kindOf(formData.get('kind'));
  try {
    let rows: unknown;
    try {
      rows = JSON.parse(String(formData.get('codes') ?? ''));
    } catch {
      return { ok: false, formError: '科目数据无效，请重新上传文件' };
    }
    if (!Array.isArray(rows)) return { ok: false, formError: '科目数据无效，请重新上传文件' };
    const codes = rows.map((r) => (Array.isArray(r) ? { row: Number(r[0]), code: String(r[1]), name: String(r[2]) } : r));
    const result = applyCodeBookImport(getDb(), actor, {
      year,
      kind,
      codes,
      baseFingerprint: String(formData.get('baseFingerprint') ?? ''),
      fileName: String(formData.get('fileName') ?? '').slice(0, 200),
    });
    revalidatePath('/', 'layout');
    return { ok: true, result, year, kind };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ValidationError || e instanceof ForbiddenError) return { ok: false, formError: e.message };
    throw e;
  }
}
