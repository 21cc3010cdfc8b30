'use server';

import { revalidatePath } from 'next/cache';
import { redirect, unstable_rethrow } from 'next/navigation';
import { getDb } from '@/db/client';
import { ForbiddenError } from '@/lib/auth/authorize';
import { currentActor } from '@/lib/auth/session';
import { ValidationError } from '@/lib/admin/common';
import { importControlFigures, saveControlFigures } from '@/lib/admin/controlFigures';
import { MAX_UPLOAD_BYTES } from '@/lib/admin/tableFile';
import type { RowProblem } from '@/lib/codebook/import';
import { runAction, type FormState } from '../_lib/form';

export async function saveControlFiguresAction(_prev: FormState | null, formData: FormData): Promise<FormState> {
  return runAction(formData, ({ db, actor, values }) => {
    const amounts: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      const m = /^amount_(\d{1,9})$/.exec(k);
      if (m) amounts[m[1]] = v;
    }
    const { changed } = saveControlFigures(db, actor, { year: values.year, amounts });
    return { message: changed === 0 ? '没有需要保存的修改' : `已保存 ${changed} 个部门的控制数` };
  });
}

export type ImportState =
  | null
  | { ok: true; message: string }
  | { ok: false; formError: string | null; problems: RowProblem[] };

export async function importControlFiguresAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const actor = await currentActor();
  if (!actor) redirect('/login');
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, formError: '请选择要导入的 xlsx 文件', problems: [] };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, formError: '文件超过 5 MB', problems: [] };
  try {
    const r = await importControlFigures(getDb(), actor, {
      year: Number(formData.get('year')),
      data: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
    });
    if (!r.ok) return r;
    revalidatePath('/admin', 'layout');
    return { ok: true, message: `已读取 ${r.rows} 个部门的控制数，其中 ${r.changed} 个有变化并已保存` };
  } catch (e) {
    unstable_rethrow(e);
    if (e instanceof ValidationError || e instanceof ForbiddenError) return { ok: false, formError: e.message, problems: [] };
    throw e;
  }
}
