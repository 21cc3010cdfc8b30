'use server';

/** The 基本支出 grid's server actions: the domain functions parse, authorize and write (lib/action.ts). */
import { action } from '@/lib/action';
import { budgetPath } from '@/lib/routes';
import { addLine, addLines, deleteLine, duplicateLine, updateLine } from '@/lib/budget/edit/lines';

/** The budget's pages (revalidated with their layout): totals, findings and the overview follow the edit. */
const budgetPages = (input: { budgetId: number }) => [budgetPath(input.budgetId)];

/**
 * A cell edit answers with the saved line only and revalidates nothing: the grid shows it at once and refreshes the
 * page (totals, findings) once the clerk pauses, so a burst of edits costs one page render, not one per commit
 * (docs/architecture.md, "After a save").
 */
export const updateLineAction = action((ctx, input: Parameters<typeof updateLine>[2]) => updateLine(ctx.db, ctx.actor, input));

export const addLineAction = action((ctx, input: Parameters<typeof addLine>[2]) => addLine(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const deleteLineAction = action((ctx, input: Parameters<typeof deleteLine>[2]) => deleteLine(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const duplicateLineAction = action((ctx, input: Parameters<typeof duplicateLine>[2]) => duplicateLine(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

/** A dry run (the paste preview) writes nothing, so it revalidates nothing. */
export const addLinesAction = action((ctx, input: Parameters<typeof addLines>[2]) => addLines(ctx.db, ctx.actor, input), {
  revalidate: (input) => (input.dryRun ? [] : budgetPages(input)),
});
