'use server';

/**
 * Thin server actions of the workflow (submit, withdraw, return, approve, publish, correct, reopen), the explanations of
 * warnings and the review comments: the domain functions parse, authorize and write. Publication waits for its PDF
 * from the render queue (a `publication` job, claimed before any export).
 */
import { action } from '@/lib/action';
import { queuedRenderer } from '@/lib/publish/render';
import { addComment, replyToComment, resolveComment } from '@/lib/review/comments';
import { ADMIN_PUBLISH_PATH, budgetPath, PUBLIC_PATH, REVIEW_DESK_PATH } from '@/lib/routes';
import {
  approveBudget,
  correctPublication,
  publishBudget,
  reopenBudget,
  returnBudget,
  saveExplanations,
  submitBudget,
  withdrawBudget,
  type CorrectInput,
  type RefInput,
  type ReturnInput,
  type SubmitInput,
} from '@/lib/workflow/actions';

/** The budget's pages. */
const budget = (input: { budgetId: number }) => [budgetPath(input.budgetId)];
/** A step of the workflow or a comment also changes the desk, the publication list and (publishing) the public pages. */
const everywhere = (input: { budgetId: number }) => [budgetPath(input.budgetId), REVIEW_DESK_PATH, ADMIN_PUBLISH_PATH, PUBLIC_PATH];

export const submitAction = action(({ db, actor }, input: SubmitInput) => submitBudget(db, actor, input), { revalidate: everywhere });

export const withdrawAction = action(({ db, actor }, input: RefInput) => withdrawBudget(db, actor, input), { revalidate: everywhere });

export const returnAction = action(({ db, actor }, input: ReturnInput) => returnBudget(db, actor, input), { revalidate: everywhere });

export const approveAction = action(({ db, actor }, input: RefInput) => approveBudget(db, actor, input), { revalidate: everywhere });

export const publishAction = action(
  ({ db, actor }, input: RefInput) => publishBudget(db, actor, input, { renderPdf: queuedRenderer('publication', actor.userId) }),
  { revalidate: everywhere },
);

export const correctAction = action(
  ({ db, actor }, input: CorrectInput) => correctPublication(db, actor, input, { renderPdf: queuedRenderer('publication', actor.userId) }),
  { revalidate: everywhere },
);

export const reopenAction = action(({ db, actor }, input: ReturnInput) => reopenBudget(db, actor, input), { revalidate: everywhere });

export const saveExplanationsAction = action(
  ({ db, actor }, input: { budgetId: number; explanations: Record<string, string> }) => saveExplanations(db, actor, input),
  { revalidate: budget },
);

export const addCommentAction = action(
  ({ db, actor }, input: { budgetId: number; anchor: string; body: string }) => addComment(db, actor, input),
  { revalidate: everywhere },
);

export const replyCommentAction = action(
  ({ db, actor }, input: { budgetId: number; parentId: number; body: string }) => replyToComment(db, actor, input),
  { revalidate: everywhere },
);

export const resolveCommentAction = action(
  ({ db, actor }, input: { budgetId: number; commentId: number }) => resolveComment(db, actor, input),
  { revalidate: everywhere },
);
