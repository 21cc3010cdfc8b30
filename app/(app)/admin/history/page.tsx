import type { Metadata } from 'next';
import { getDb } from '@/db/client';
import { readableChange } from '@/lib/review/auditText';
import { actionLabel, adminHistory, administrationNames, historyQuery, parseHistoryFilter } from '@/lib/review/history';
import { ADMIN_HISTORY_PATH, historyExportHref } from '@/lib/routes';
import { HistoryLog } from '@/components/HistoryLog';
import { requireAdmin } from '../_lib/guard';

export const metadata: Metadata = { title: '管理记录' };

/** The groups of administrative actions the filter offers before the single actions. */
const GROUPS = [
  { value: 'year.*', label: '年度' },
  { value: 'department.*', label: '部门' },
  { value: 'unit.*', label: '单位' },
  { value: 'user.*', label: '用户' },
  { value: 'codebook.*', label: '科目与对照' },
];

/**
 * Every administrative change — years, departments and units, people, code-book imports and the economic mapping,
 * control figures, the region's texts — in words, filtered by action, person and date, exported to xlsx.
 */
export default async function AdminHistoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const db = getDb();
  const filter = parseHistoryFilter(await searchParams);
  const history = adminHistory(db, actor, filter);
  const names = administrationNames(db);
  return (
    <section>
      <h1 className="text-xl font-bold">管理记录</h1>
      <p className="mt-1 text-sm text-stone-600">系统管理员的全部操作（不含各部门预算内的修改，见各预算的“修改历史”）。</p>
      <HistoryLog
        title="管理操作"
        path={ADMIN_HISTORY_PATH}
        filter={filter}
        total={history.total}
        page={history.page}
        pageCount={history.pageCount}
        actions={[...GROUPS, ...history.actions.map((a) => ({ value: a, label: actionLabel(a) }))]}
        users={history.users}
        rows={history.rows.map((r) => readableChange(r, names))}
        pageHref={(page) => `${ADMIN_HISTORY_PATH}${historyQuery(filter, page)}`}
        exportHref={historyExportHref(ADMIN_HISTORY_PATH, historyQuery(filter))}
      />
    </section>
  );
}
