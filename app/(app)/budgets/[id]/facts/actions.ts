'use server';

/** The 收入与说明 page's server actions: the domain functions parse, authorize and write (lib/action.ts). */
import { action } from '@/lib/action';
import { budgetPath } from '@/lib/routes';
import { updateAssets } from '@/lib/budget/edit/assets';
import { updateIncome } from '@/lib/budget/edit/income';
import { updatePrior } from '@/lib/budget/edit/prior';
import type { SectionInput, SectionSaved } from '@/lib/budget/edit/section';
import { updateTexts } from '@/lib/budget/edit/texts';

/** A save that changed nothing re-renders nothing. */
const whenChanged = (input: SectionInput, saved: SectionSaved) => (saved.changed.length ? [budgetPath(input.budgetId)] : []);

export const updateIncomeAction = action((ctx, input: SectionInput) => updateIncome(ctx.db, ctx.actor, input), { revalidate: (input, saved) => whenChanged(input, saved) });
export const updatePriorAction = action((ctx, input: SectionInput) => updatePrior(ctx.db, ctx.actor, input), { revalidate: (input, saved) => whenChanged(input, saved) });
export const updateTextsAction = action((ctx, input: SectionInput) => updateTexts(ctx.db, ctx.actor, input), { revalidate: (input, saved) => whenChanged(input, saved) });
export const updateAssetsAction = action((ctx, input: SectionInput) => updateAssets(ctx.db, ctx.actor, input), { revalidate: (input, saved) => whenChanged(input, saved) });
