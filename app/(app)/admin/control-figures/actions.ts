'use server';

import { formAction } from '@/lib/action';
import { importControlFigures, saveControlFigures } from '@/lib/admin/controlFigures';
import { MAX_UPLOAD_BYTES, rowProblemsRefusal } from '@/lib/admin/tableFile';
import { refused } from '@/lib/result';

export const saveControlFiguresAction = formAction(
  ({ db, actor, values }) => {
    const amounts: Record<string, string> = {};
    for (const [k, v] of Object.entries(values)) {
      const m = /^amount_(\d{1,9})$/.exec(k);
      if (m) amounts[m[1]] = v;
    }
    const { changed } = saveControlFigures(db, actor, { year: values.year, amounts });
    return { message: changed === 0 ? '没有需要保存的修改' : `已保存 ${changed} 个部门的控制数` };
  },
  { revalidate: () => ['/admin'] },
);

/** The whole file or nothing: a refusal lists the rows that are wrong (field errors `rows.<n>`). */
export const importControlFiguresAction = formAction(
  async ({ db, actor, formData }) => {
    const file = formData.get('file');
    if (!(file instanceof File) || file.size === 0) return refused('请选择要导入的 xlsx 文件');
    if (file.size > MAX_UPLOAD_BYTES) return refused('文件超过 5 MB');
    const r = await importControlFigures(db, actor, {
      year: Number(formData.get('year')),
      data: new Uint8Array(await file.arrayBuffer()),
      fileName: file.name,
    });
    if (!r.ok) return r.problems.length > 0 ? rowProblemsRefusal(r.problems, '文件中有以下问题，未导入任何控制数：') : refused(r.formError ?? '文件无法导入');
    return { message: `已读取 ${r.rows} 个部门的控制数，其中 ${r.changed} 个有变化并已保存` };
  },
  { revalidate: () => ['/admin'] },
);
