'use server';

/** Thin server actions of the 项目支出 pages: the domain functions parse, authorize, and write. */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import {
  addProjectItem,
  createProject,
  deleteProject,
  deleteProjectItem,
  updateProject,
  updateProjectItem,
} from '@/lib/budget/edit/projects';

type Input<F extends (...a: never[]) => unknown> = Parameters<F>[2];

function refresh(input: unknown) {
  const budgetId = (input as { budgetId?: unknown } | null)?.budgetId;
  if (typeof budgetId === 'number' && Number.isSafeInteger(budgetId)) revalidatePath(`/budgets/${budgetId}`, 'layout');
}

export async function createProjectAction(input: Input<typeof createProject>) {
  const r = createProject(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function updateProjectAction(input: Input<typeof updateProject>) {
  const r = updateProject(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function deleteProjectAction(input: Input<typeof deleteProject>) {
  const r = deleteProject(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function addProjectItemAction(input: Input<typeof addProjectItem>) {
  const r = addProjectItem(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function updateProjectItemAction(input: Input<typeof updateProjectItem>) {
  const r = updateProjectItem(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function deleteProjectItemAction(input: Input<typeof deleteProjectItem>) {
  const r = deleteProjectItem(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}
