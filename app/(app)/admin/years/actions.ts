'use server';

import { formAction } from '@/lib/action';
import { checkbox } from '@/lib/admin/common';
import { closeYear, openYear, reopenYear, setCurrentYear, setSubmissionDeadline } from '@/lib/admin/years';

const BOOK_LABEL = { functional: '支出功能分类', deptEconomic: '部门经济分类', govEconomic: '政府经济分类', mappings: '经济分类对照' };

export const openYearAction = formAction(
  ({ db, actor, values }) => {
    const r = openYear(db, actor, { year: values.year as unknown as number, makeCurrent: checkbox(values.makeCurrent) });
    const books = r.codeBooksCopied.map((b) => `${BOOK_LABEL[b.kind]} ${b.rows} 条（自 ${b.fromYear} 年）`);
    const parts = [
      `已开启 ${r.year} 年度${r.isCurrent ? '并设为当前年度' : ''}`,
      `新建部门预算 ${r.budgetsCreated} 份`,
      r.fromYear !== null
        ? `从 ${r.fromYear} 年复制经常性项目 ${r.recurringProjectsCopied} 个、基本支出 ${r.basicLinesCopied} 行，${r.priorFiguresFilled} 份预算的上年预算数按 ${r.fromYear} 年批复数填好`
        : null,
      r.recurringProjectsSkipped > 0 ? `${r.recurringProjectsSkipped} 个项目因单位已停用未复制` : null,
      books.length > 0 ? `复制科目：${books.join('、')}` : '科目沿用已导入的本年度科目',
    ];
    return { message: parts.filter(Boolean).join('；') + '。' };
  },
  { revalidate: () => ['/admin', '/'] },
);

export const yearCommandAction = formAction(
  ({ db, actor, values }) => {
    const year = values.year as unknown as number;
    switch (values.command) {
      case 'close':
        closeYear(db, actor, { year });
        return { message: `${values.year} 年度已关闭，各部门不能再修改该年度预算。` };
      case 'reopen':
        reopenYear(db, actor, { year });
        return { message: `${values.year} 年度已重新开启。` };
      case 'current':
        setCurrentYear(db, actor, { year });
        return { message: `当前年度已设为 ${values.year} 年。` };
      case 'deadline': {
        const deadline = String(values.deadline ?? '');
        setSubmissionDeadline(db, actor, { year, deadline });
        return { message: deadline.trim() ? `${values.year} 年度报送截止日期已设为 ${deadline.trim()}。` : `已取消 ${values.year} 年度报送截止日期。` };
      }
      default:
        return { message: '' };
    }
  },
  { revalidate: () => ['/admin', '/'] },
);
