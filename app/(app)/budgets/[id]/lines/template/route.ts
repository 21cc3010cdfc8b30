/** GET: the 基本支出 workbook (current lines + reference sheets) for a budget the actor may read. */
import { getDb } from '@/db/client';
import { ForbiddenError } from '@/lib/auth/authorize';
import { currentActor } from '@/lib/auth/session';
import { readBudgetFacts } from '@/lib/budget/access';
import { buildLinesTemplate } from '@/lib/budget/linesWorkbook';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) return new Response('请先登录', { status: 401 });
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) return new Response('预算不存在', { status: 404 });
  let data;
  try {
    data = readBudgetFacts(getDb(), actor, Number(id));
  } catch (e) {
    if (e instanceof ForbiddenError) return new Response(e.message, { status: 403 });
    throw e;
  }
  const { budget, facts } = data;
  const bytes = await buildLinesTemplate(facts, facts.codes);
  const name = `${budget.departmentCode}-${budget.departmentName}-${budget.year}-基本支出.xlsx`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="lines-${budget.year}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Cache-Control': 'private, no-store',
    },
  });
}
