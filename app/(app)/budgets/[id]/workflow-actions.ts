'use server';

/**
 * Thin server actions of the workflow (submit, withdraw, return, approve, publish, correct), the explanations of
 * warnings and the review comments: the domain functions parse, authorize and write. Publication waits for its PDF
 * from the render queue (a `publication` job, claimed before any export).
 */
import { revalidatePath } from 'next/cache';
import { getDb } from '@/db/client';
import { requireActor } from '@/lib/auth/session';
import {
  approveBudget,
  correctPublication,
  publishBudget,
  returnBudget,
  saveExplanations,
  submitBudget,
  withdrawBudget,
  type CorrectInput,
  type RefInput,
  type ReturnInput,
  type SubmitInput,
  type SaveExplanationsResult,
  type WorkflowResult,
} from '@/lib/workflow/actions';
import { addComment, replyToComment, resolveComment, type CommentResult } from '@/lib/review/comments';
import { queuedRenderer } from '@/lib/publish/render';

function refresh(input: unknown, everywhere = false) {
  const budgetId = (input as { budgetId?: unknown } | null)?.budgetId;
  if (typeof budgetId === 'number' && Number.isSafeInteger(budgetId)) revalidatePath(`/budgets/${budgetId}`, 'layout');
  if (everywhere) {
    revalidatePath('/review');
    revalidatePath('/admin/publish');
    revalidatePath('/public', 'layout');
  }
}

async function run(input: unknown, f: () => WorkflowResult | Promise<WorkflowResult>): Promise<WorkflowResult> {
  const r = await f();
  if (r.ok) refresh(input, true);
  return r;
}

export async function submitAction(input: SubmitInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => submitBudget(getDb(), actor, input));
}

export async function withdrawAction(input: RefInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => withdrawBudget(getDb(), actor, input));
}

export async function returnAction(input: ReturnInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => returnBudget(getDb(), actor, input));
}

export async function approveAction(input: RefInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => approveBudget(getDb(), actor, input));
}

export async function publishAction(input: RefInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => publishBudget(getDb(), actor, input, { renderPdf: queuedRenderer('publication', actor.userId) }));
}

export async function correctAction(input: CorrectInput): Promise<WorkflowResult> {
  const actor = await requireActor();
  return run(input, () => correctPublication(getDb(), actor, input, { renderPdf: queuedRenderer('publication', actor.userId) }));
}

export async function saveExplanationsAction(input: { budgetId: number; explanations: Record<string, string> }): Promise<SaveExplanationsResult> {
  const r = saveExplanations(getDb(), await requireActor(), input);
  if (r.ok) refresh(input);
  return r;
}

export async function addCommentAction(input: { budgetId: number; anchor: string; body: string }): Promise<CommentResult> {
  const r = addComment(getDb(), await requireActor(), input);
  if (r.ok) refresh(input, true);
  return r;
}

export async function replyCommentAction(input: { budgetId: number; parentId: number; body: string }): Promise<CommentResult> {
  const r = replyToComment(getDb(), await requireActor(), input);
  if (r.ok) refresh(input, true);
  return r;
}

export async function resolveCommentAction(input: { budgetId: number; commentId: number }): Promise<CommentResult> {
  const r = resolveComment(getDb(), await requireActor(), input);
  if (r.ok) refresh(input, true);
  return r;
}
