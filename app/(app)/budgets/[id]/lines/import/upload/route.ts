/**
 * POST a workbook of 基本支出 lines. `mode=preview` parses and checks it (nothing is written) and returns every
 * row's errors; `mode=commit` (with the budget version the preview was made against) parses it again and replaces
 * all lines in one transaction with an audit entry — all or nothing.
 */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { FUND_SOURCE_LABEL } from '@/lib/facts';
import { headline } from '@/lib/budget/headline';
import { ForbiddenError } from '@/lib/auth/authorize';
import { currentActor } from '@/lib/auth/session';
import { replaceLines } from '@/lib/budget/edit/lines';
import { readEditView } from '@/lib/budget/edit/read';
import { describeWorkbookError, MAX_WORKBOOK_BYTES, parseLinesWorkbook, summarizeParsed } from '@/lib/budget/linesWorkbook';
import { formatYuanExact } from '@/lib/money';

export interface ImportResponse {
  ok: boolean;
  mode: 'preview' | 'commit';
  /** Every problem, one line each (`第3行 金额（元）：…`). */
  errors: string[];
  fileName?: string;
  sheetName?: string;
  count?: number;
  totalText?: string;
  /** The lines the import would replace. */
  current?: { count: number; totalText: string };
  baseVersion?: number;
  preview?: { row: number; unit: string; functionCode: string; economicCode: string; source: string; amount: string }[];
}

const json = (body: ImportResponse, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return json({ ok: false, mode: 'preview', errors: ['请先登录'] }, 401);
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return json({ ok: false, mode: 'preview', errors: ['预算不存在'] }, 404);
  const db = getDb();
  let view;
  try {
    view = readEditView(db, actor, Number(id));
  } catch (e) {
    if (e instanceof ForbiddenError) return json({ ok: false, mode: 'preview', errors: [e.message] }, 403);
    throw e;
  }
  if (view.readOnlyReason) return json({ ok: false, mode: 'preview', errors: [view.readOnlyReason] }, 403);

  // the form is buffered by formData(): without a declared length (a chunked body) nothing would bound it
  const declared = req.headers.get('content-length');
  if (declared === null || !/^\d{1,12}$/.test(declared)) {
    return json({ ok: false, mode: 'preview', errors: ['上传请求缺少长度信息，请使用页面上的“导入”重新选择文件上传'] }, 411);
  }
  if (Number(declared) > MAX_WORKBOOK_BYTES + 64 * 1024) return json({ ok: false, mode: 'preview', errors: ['文件超过 5 MB，请只保留“基本支出”表后再导入'] }, 413);
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return json({ ok: false, mode: 'preview', errors: ['上传的内容无法读取，请重新选择文件'] }, 400);
  }
  const mode = form.get('mode') === 'commit' ? 'commit' : 'preview';
  const file = form.get('file');
  if (!(file instanceof File)) return json({ ok: false, mode, errors: ['请选择要导入的 xlsx 文件'] }, 400);
  if (file.size > MAX_WORKBOOK_BYTES) return json({ ok: false, mode, errors: ['文件超过 5 MB，请只保留“基本支出”表后再导入'] }, 413);

  const { facts, budget } = view;
  // the one copy of the upload: the reader inflates only the parts it needs from these bytes, a slice at a time
  const parsed = await parseLinesWorkbook(new Uint8Array(await file.arrayBuffer()), {
    year: facts.year,
    units: facts.units,
    codes: facts.codes,
  });
  const summary = summarizeParsed(parsed.rows);
  const currentTotal = headline(facts).basic;
  const base: ImportResponse = {
    ok: parsed.errors.length === 0,
    mode,
    errors: parsed.errors.map(describeWorkbookError),
    fileName: file.name.slice(0, 200),
    sheetName: parsed.sheetName,
    count: summary.count,
    totalText: summary.totalText,
    current: { count: facts.basicLines.length, totalText: formatYuanExact(currentTotal) },
    baseVersion: budget.version,
  };
  if (mode === 'preview' || parsed.errors.length) {
    const unitName = new Map(facts.units.map((u) => [u.id, u.name]));
    base.preview = parsed.rows.slice(0, 200).map((r) => ({
      row: r.row,
      unit: unitName.get(r.unitId) ?? '',
      functionCode: `${r.functionCode} ${facts.codes.functional[r.functionCode] ?? ''}`.trim(),
      economicCode: `${r.economicCode} ${facts.codes.deptEconomic[r.economicCode]?.name ?? ''}`.trim(),
      source: FUND_SOURCE_LABEL[r.source],
      amount: formatYuanExact(r.amount),
    }));
    return json(mode === 'commit' ? { ...base, ok: false } : base);
  }

  const result = replaceLines(db, actor, {
    budgetId: budget.id,
    baseVersion: Number(form.get('baseVersion')),
    rows: parsed.rows.map(({ row: _row, ...r }) => r),
    source: file.name,
  });
  if (!result.ok) {
    const errors = result.rowErrors?.length
      ? result.rowErrors.map((e) => `第${parsed.rows[e.row - 1]?.row ?? e.row}行 ${e.column}：${e.message}`)
      : [result.formError ?? '导入失败'];
    return json({ ...base, ok: false, errors }, result.reason === 'forbidden' ? 403 : 409);
  }
  revalidatePath(`/budgets/${budget.id}`, 'layout');
  return json({ ...base, ok: true, count: result.count, totalText: formatYuanExact(result.total), baseVersion: result.version });
}
