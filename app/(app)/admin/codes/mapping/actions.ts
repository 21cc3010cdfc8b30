'use server';

import { formAction } from '@/lib/action';
import { saveMappings } from '@/lib/codebook/mapping';

/** Saves the changed rows of the mapping grid (fields `admin_<款>`, `institution_<款>`, `was_<款>`). */
export const saveMappingsAction = formAction(
  ({ db, actor, values }) => {
    const rows: Record<string, { admin: string; institution: string; was: string }> = {};
    for (const [k, v] of Object.entries(values)) {
      const m = /^was_(\d{5})$/.exec(k);
      if (m) rows[m[1]] = { admin: values[`admin_${m[1]}`] ?? '', institution: values[`institution_${m[1]}`] ?? '', was: v };
    }
    const { changed, lines } = saveMappings(db, actor, { year: values.year, rows });
    return {
      message: changed === 0 ? '没有需要保存的修改' : `已保存 ${changed} 个科目的对照关系，${lines} 条基本支出明细的政府经济科目随之改变`,
    };
  },
  { revalidate: () => ['/admin'] },
);
