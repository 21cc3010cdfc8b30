'use server';

/** The 项目支出 pages' server actions: the domain functions parse, authorize and write (lib/action.ts). */
import { action } from '@/lib/action';
import { budgetPath } from '@/lib/routes';
import {
  addProjectItem,
  createProject,
  deleteProject,
  deleteProjectItem,
  updateProject,
  updateProjectItem,
} from '@/lib/budget/edit/projects';

/** The budget's pages (revalidated with their layout): totals, findings and the overview follow the edit. */
const budgetPages = (input: { budgetId: number }) => [budgetPath(input.budgetId)];

export const createProjectAction = action((ctx, input: Parameters<typeof createProject>[2]) => createProject(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const updateProjectAction = action((ctx, input: Parameters<typeof updateProject>[2]) => updateProject(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const deleteProjectAction = action((ctx, input: Parameters<typeof deleteProject>[2]) => deleteProject(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const addProjectItemAction = action((ctx, input: Parameters<typeof addProjectItem>[2]) => addProjectItem(ctx.db, ctx.actor, input), {
  revalidate: budgetPages,
});

export const updateProjectItemAction = action(
  (ctx, input: Parameters<typeof updateProjectItem>[2]) => updateProjectItem(ctx.db, ctx.actor, input),
  { revalidate: budgetPages },
);

export const deleteProjectItemAction = action(
  (ctx, input: Parameters<typeof deleteProjectItem>[2]) => deleteProjectItem(ctx.db, ctx.actor, input),
  { revalidate: budgetPages },
);
