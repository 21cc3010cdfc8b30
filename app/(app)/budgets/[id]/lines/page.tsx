import type { Metadata } from 'next';
import Link from 'next/link';
import { openBudgetPage } from '../budgetPage';
import { lineTotalsByClass } from '@/lib/budget/edit/lines';
import { economicKuanOptions, functionItemOptions } from '@/lib/budget/edit/options';
import { pickerOptions } from '@/lib/codebook/pinyin';
import { lineNamesOf, linesWindow, readEditView, type LinesQuery } from '@/lib/budget/edit/read';
import { checkBudget, type FindingLocation } from '@/lib/rules';
import { openLineComments } from '@/lib/review/comments';
import { FindingsPanel } from '@/components/FindingsPanel';
import { buttonClass } from '@/components/ui/button';
import { LinesGrid } from '@/components/lines/LinesGrid';
import type { LinesGridData } from '@/components/lines/types';
import { addLineAction, addLinesAction, deleteLineAction, duplicateLineAction, updateLineAction } from './actions';

const RELEVANT: FindingLocation['kind'][] = ['line', 'budget'];

export const metadata: Metadata = { title: '基本支出' };

/**
 * One page of the budget's lines (`?page=N`, `?unit=ID`, `?q=` search, `?sort=COLUMN&dir=`, `?line=ID` for the page
 * holding a line; searched, sorted and paged over all the lines on the server), with the totals by
 * 类 and the findings over all of them: the HTML and the grid's props are bounded by the page size, not the budget.
 */
export default async function LinesPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<LinesQuery> }) {
  const { data: view, db, actor } = await openBudgetPage(params, readEditView);
  const { budget, facts, readOnlyReason, lineVersionsOf, controlFigure } = view;
  const codes = facts.codes;
  const win = linesWindow(facts.basicLines, await searchParams, lineNamesOf(facts));
  const lineVersions = lineVersionsOf(win.lines.map((l) => l.id));
  // the codes the department already uses (its lines and project items) come first in the pickers
  const uses = [...facts.basicLines, ...facts.projects.flatMap((p) => p.items)];
  const usedFunction = new Set(uses.map((l) => l.functionCode));
  const usedEconomic = new Set(uses.map((l) => l.economicCode));
  const data: LinesGridData = {
    budgetId: budget.id,
    lines: win.lines.map((l) => ({ ...l, version: lineVersions[l.id] ?? 1 })),
    window: { page: win.page, pageCount: win.pageCount, pageSize: win.pageSize, offset: win.offset, matching: win.matching, unitId: win.unitId, q: win.q, sort: win.sort },
    units: facts.units.map((u) => ({ id: u.id, name: u.name, type: u.type })),
    functionItems: pickerOptions(functionItemOptions(codes), usedFunction),
    economicItems: pickerOptions(economicKuanOptions(codes), usedEconomic),
    names: {
      functional: codes.functional,
      economic: Object.fromEntries(Object.entries(codes.deptEconomic).map(([c, e]) => [c, e.name])),
      gov: codes.govEconomic,
    },
    totals: lineTotalsByClass(facts.basicLines, codes.functional),
    readOnly: readOnlyReason !== null,
    commented: openLineComments(db, actor, budget.id) ?? {},
  };
  const findings = checkBudget(facts, controlFigure);
  return (
    <section>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-xl font-bold">基本支出</h1>
        <span className="text-sm text-stone-500">单位：元</span>
        <div className="ml-auto flex gap-3 text-sm">
          <a href={`/budgets/${budget.id}/lines/template`} className={buttonClass('secondary')}>
            下载 Excel 模板
          </a>
          {readOnlyReason ? null : (
            <Link href={`/budgets/${budget.id}/lines/import`} className={buttonClass('secondary')}>
              从 Excel 导入
            </Link>
          )}
        </div>
      </div>
      <div className="mt-4">
        <FindingsPanel budgetId={budget.id} findings={findings} relevant={RELEVANT} />
      </div>
      <LinesGrid
        data={data}
        actions={{
          update: updateLineAction,
          add: addLineAction,
          remove: deleteLineAction,
          duplicate: duplicateLineAction,
          addMany: addLinesAction,
        }}
      />
    </section>
  );
}
